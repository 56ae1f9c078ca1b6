import { redirect } from "@remix-run/node";
import type { CampaignAbility } from "~/domain/permissions";
import { safeNext } from "~/domain/safe-next";
import {
  type CampaignAccess,
  endSession,
  findCampaignAccess,
  findValidSession,
  type OrganizerSession,
  SESSION_ABSOLUTE_MS,
  type SignedInOrganizer,
} from "~/services/organizer-sessions.server";
import { getConfig } from "~/utils/env.server";
import { notFound } from "./responses";

/**
 * The access guard: the one place an organizer request is let in. Every guard refuses a
 * state-changing request (anything but GET and HEAD) that does not come from our own pages
 * with 403 *before* anything else, so no route can forget the Origin check and no operation
 * repeats it. Then it reads the session, and redirects to the sign-in step still missing.
 */

export const SESSION_COOKIE = "__Host-us_session";

/** Every state-changing organizer request comes from our own pages, or it is refused with 403. */
export function assertSameOrigin(request: Request): void {
  const expected = new URL(getConfig().appUrl).origin;
  const origin = request.headers.get("Origin");
  let actual: string | null = null;
  if (origin && origin !== "null") actual = origin;
  else {
    const referer = request.headers.get("Referer");
    if (referer) {
      try {
        actual = new URL(referer).origin;
      } catch {
        actual = null;
      }
    }
  }
  if (actual !== expected) throw new Response("Forbidden", { status: 403 });
}

function checkOrigin(request: Request): void {
  if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
}

export function readSessionCookie(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || null;
  }
  return null;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${SESSION_ABSOLUTE_MS / 1000}`;
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

function pathOf(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/** The browser's session if it is valid, signed in or not (no redirect, no Origin check). */
export async function readSession(request: Request): Promise<OrganizerSession | null> {
  return findValidSession(readSessionCookie(request));
}

/** A session that passed the first factor (the TOTP pages need no more). */
export async function requireFirstFactor(request: Request): Promise<OrganizerSession> {
  checkOrigin(request);
  const session = await readSession(request);
  if (!session) throw redirect(`/organizer/login?next=${encodeURIComponent(safeNext(pathOf(request)))}`);
  return session;
}

async function requireSignedIn(request: Request): Promise<OrganizerSession> {
  checkOrigin(request);
  const next = encodeURIComponent(safeNext(pathOf(request)));
  const session = await readSession(request);
  if (!session) throw redirect(`/organizer/login?next=${next}`);
  if (!session.secondFactorAt) {
    throw redirect(session.organizer.totpEnabled ? `/organizer/totp?next=${next}` : "/organizer/totp-setup");
  }
  return session;
}

/** A fully signed-in organizer (link and TOTP), or a redirect to where the next step is. */
export async function requireOrganizer(request: Request): Promise<SignedInOrganizer> {
  const { organizer } = await requireSignedIn(request);
  return { id: organizer.id, email: organizer.email, locale: organizer.locale, isAdmin: organizer.isAdmin };
}

/** Platform admins only; everyone else gets the 404 a missing page gets. */
export async function requireAdmin(request: Request): Promise<SignedInOrganizer> {
  const organizer = await requireOrganizer(request);
  if (!organizer.isAdmin) notFound();
  return organizer;
}

/**
 * The campaign as its member may act on it with `ability`, or the same 404 an unknown
 * campaign gets. `freshSecondFactorMinutes` sends the organizer through TOTP again when the
 * last code is older (exports of personal data ask for it).
 */
export async function requireCampaignAccess(
  request: Request,
  slug: string | undefined,
  ability: CampaignAbility,
  opts?: { freshSecondFactorMinutes?: number },
): Promise<CampaignAccess> {
  const session = await requireSignedIn(request);
  const access = await findCampaignAccess(session.organizer, slug ?? "", ability);
  if (!access) notFound();
  if (opts?.freshSecondFactorMinutes !== undefined) {
    const at = session.secondFactorAt?.getTime() ?? 0;
    if (Date.now() - at > opts.freshSecondFactorMinutes * 60_000) {
      throw redirect(`/organizer/totp?next=${encodeURIComponent(safeNext(pathOf(request)))}`);
    }
  }
  return access;
}

/** Ends the browser's session; the cookie to send back. */
export async function logout(request: Request): Promise<string> {
  await endSession(readSessionCookie(request));
  return clearSessionCookie();
}
