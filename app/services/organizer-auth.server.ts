import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { maskEmail } from "~/domain/email";
import { isLocale, type Locale, type MemberRole } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import {
  deleteSession,
  findCampaignForOrganizer,
  findLoginToken,
  findMembership,
  findOrganizerByEmail,
  findOrganizerById,
  findSession,
  insertLoginToken,
  insertSession,
  markLoggedIn,
  markLoginTokenUsed,
  setPendingTotpSecret,
  setRecoveryCodeHashes,
  setSessionSecondFactor,
  setTotp,
  setTotpLastStep,
  touchSession,
} from "~/models/organizer.server";
import type { LoginTokenKind } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { readForm } from "~/utils/forms.server";
import { hashToken, looksLikeToken, newToken } from "~/utils/tokens.server";
import { queueMail } from "./jobs.server";
import { consume, RateLimited, refund, tryConsume } from "./rate-limit.server";

/**
 * Organizer sign-in: a mailed one-time link (first factor), then a TOTP code (second
 * factor), then a server-side session whose id only exists as a hash in the database.
 */

export const SESSION_COOKIE = "__Host-us_session";
export const LOGIN_TOKEN_MINUTES = 15;
/** Invitation links wait longer: the invitee may not read mail every day. */
export const INVITATION_DAYS = 7;
export const SESSION_IDLE_MS = 2 * 3600_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** last_seen_at is written at most this often. */
const TOUCH_INTERVAL_MS = 60_000;
const RECOVERY_CODES = 10;

// ---------------------------------------------------------------------------------------
// Same-origin check (CSRF)

/** Every state-changing organizer POST comes from our own pages, or it is refused with 403. */
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

// ---------------------------------------------------------------------------------------
// Cookies

function readCookie(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return looksLikeToken(value) ? value : null;
    }
  }
  return null;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${SESSION_ABSOLUTE_MS / 1000}`;
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

/** Only our own organizer pages are acceptable targets after sign-in. */
export function safeNext(value: string | null | undefined): string {
  if (typeof value !== "string") return "/organizer";
  if (!/^\/organizer(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&%._+-]*)?$/.test(value)) return "/organizer";
  return value;
}

function pathOf(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

// ---------------------------------------------------------------------------------------
// TOTP secret at rest: AES-256-GCM under a key derived from SESSION_SECRET.

function secretKey(): Buffer {
  return createHash("sha256").update(`totp-secret:${getConfig().sessionSecret}`).digest();
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
    ":",
  );
}

export function openSecret(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== "v1" || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

function totpFor(secretBase32: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: "Undersigned",
    label: email,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

const TOTP_PERIOD_SECONDS = 30;

/**
 * The time step (unix seconds / 30) of the code if it is valid now (one step of clock drift
 * either way), else null. Callers refuse a step not newer than the last one accepted.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32, "x").validate({ token, window: 1, timestamp: now });
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

export function checkTotp(secretBase32: string, code: string): boolean {
  return totpStep(secretBase32, code) !== null;
}

function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function hashRecoveryCode(code: string): string {
  return hashToken(`recovery:${normalizeRecoveryCode(code)}`);
}

function newRecoveryCode(): string {
  const raw = randomBytes(8).toString("hex");
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
}

// ---------------------------------------------------------------------------------------
// First factor: the mailed link

/**
 * Sends a sign-in link when the address belongs to an active organizer. The caller answers
 * "check your inbox" whatever happens, so nobody learns which addresses have accounts.
 */
export async function requestLoginLink(email: string, next?: string | null): Promise<void> {
  const db = getDb();
  const organizer = await findOrganizerByEmail(db, email);
  if (!organizer || organizer.disabled_at) return;
  if (!(await tryConsume("resend", `organizer-login:${organizer.id}`))) {
    console.info(`[organizer] login link limit reached for ${maskEmail(organizer.email)}`);
    return;
  }
  await db.transaction().execute(async (trx) => {
    const loginUrl = await createLoginLink(trx, organizer.id, { kind: "login", next });
    await queueMail(trx, {
      kind: "organizer_login",
      locale: organizer.locale,
      to: organizer.email,
      data: { loginUrl, expiresInMinutes: LOGIN_TOKEN_MINUTES },
    });
  });
}

/** The sign-in page's POST (the route has checked the origin): always the same answer. */
export async function requestLoginLinkFromRequest(request: Request): Promise<{ sent: true }> {
  const form = await readForm(request);
  const email = String(form.get("email") ?? "").trim();
  const next = form.get("next");
  if (email.length > 3 && email.length < 320 && email.includes("@")) {
    await requestLoginLink(email, typeof next === "string" ? next : null);
  }
  return { sent: true };
}

/** Where a link sends the organizer once signed in: null for the dashboard (the default). */
function storedNext(next: string | null | undefined): string | null {
  const safe = safeNext(next);
  return safe === "/organizer" ? null : safe;
}

/**
 * A one-time sign-in link (only its hash is stored), valid 15 minutes when asked for on the
 * sign-in page, 7 days when it comes with an invitation. Returns the absolute URL to mail.
 */
export async function createLoginLink(
  trx: Parameters<typeof insertLoginToken>[0],
  organizerId: number,
  opts: { kind: LoginTokenKind; next?: string | null },
): Promise<string> {
  const token = newToken();
  const lifetimeMs = opts.kind === "invitation" ? INVITATION_DAYS * 86_400_000 : LOGIN_TOKEN_MINUTES * 60_000;
  await insertLoginToken(trx, organizerId, hashToken(token), new Date(Date.now() + lifetimeMs), {
    kind: opts.kind,
    nextPath: storedNext(opts.next),
  });
  return `${getConfig().appUrl}/organizer/login/${token}`;
}

export type LoginTokenState = "ready" | "used" | "expired" | "invalid";

export async function describeLoginToken(token: string | undefined): Promise<LoginTokenState> {
  return (await describeLoginLink(token)).state;
}

/** The link's state and kind (the page says how long such links last); kind is null when unknown. */
export async function describeLoginLink(
  token: string | undefined,
): Promise<{ state: LoginTokenState; kind: LoginTokenKind | null }> {
  if (!looksLikeToken(token)) return { state: "invalid", kind: null };
  const row = await findLoginToken(getDb(), hashToken(token));
  if (!row) return { state: "invalid", kind: null };
  if (row.used_at) return { state: "used", kind: row.kind };
  if (row.expires_at.getTime() < Date.now()) return { state: "expired", kind: row.kind };
  return { state: "ready", kind: row.kind };
}

/**
 * The button on the mailed link's page: uses the token (row lock, once) and opens a fresh
 * session, replacing any session the browser had (rotation).
 */
export async function consumeLoginToken(
  token: string | undefined,
  request: Request,
): Promise<{ kind: "ok"; cookie: string; next: string } | { kind: LoginTokenState }> {
  if (!looksLikeToken(token)) return { kind: "invalid" };
  const db = getDb();
  const previous = readCookie(request);
  const result = await db.transaction().execute(async (trx) => {
    const row = await findLoginToken(trx, hashToken(token), { forUpdate: true });
    if (!row) return { kind: "invalid" as const };
    if (row.used_at) return { kind: "used" as const };
    if (row.expires_at.getTime() < Date.now()) return { kind: "expired" as const };
    await markLoginTokenUsed(trx, row.token_hash);
    const organizer = await findOrganizerById(trx, row.organizer_id);
    if (!organizer || organizer.disabled_at) return { kind: "invalid" as const };
    if (previous) await deleteSession(trx, hashToken(previous));
    const sessionToken = newToken();
    await insertSession(trx, {
      idHash: hashToken(sessionToken),
      organizerId: organizer.id,
      expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_MS),
    });
    await markLoggedIn(trx, organizer.id);
    await insertAudit(trx, { organizerId: organizer.id, campaignId: null, action: "organizer.login_link_used" });
    return {
      kind: "ok" as const,
      sessionToken,
      totpEnabled: Boolean(organizer.totp_enabled_at),
      nextPath: row.next_path,
    };
  });
  if (result.kind !== "ok") return result;
  // The second factor comes first; the stored target travels along as ?next=.
  const target = storedNext(result.nextPath);
  const query = target ? `?next=${encodeURIComponent(target)}` : "";
  return {
    kind: "ok",
    cookie: sessionCookie(result.sessionToken),
    next: `${result.totpEnabled ? "/organizer/totp" : "/organizer/totp-setup"}${query}`,
  };
}

// ---------------------------------------------------------------------------------------
// Sessions

export interface OrganizerSession {
  idHash: string;
  secondFactorAt: Date | null;
  organizer: { id: number; email: string; locale: Locale; isAdmin: boolean; totpEnabled: boolean };
}

/** The browser's session, if it is still valid (idle 2 h, absolute 12 h); expired ones are deleted. */
export async function readSession(request: Request, now = new Date()): Promise<OrganizerSession | null> {
  const token = readCookie(request);
  if (!token) return null;
  const db = getDb();
  const idHash = hashToken(token);
  const row = await findSession(db, idHash);
  if (!row) return null;
  const idle = now.getTime() - row.last_seen_at.getTime() > SESSION_IDLE_MS;
  if (idle || row.expires_at.getTime() <= now.getTime() || row.disabled_at) {
    await deleteSession(db, idHash);
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) await touchSession(db, idHash, now);
  return {
    idHash,
    secondFactorAt: row.second_factor_at,
    organizer: {
      id: row.organizer_id,
      email: row.email,
      locale: isLocale(row.locale) ? row.locale : "en",
      isAdmin: row.is_admin,
      totpEnabled: Boolean(row.totp_enabled_at),
    },
  };
}

/** A session that passed the first factor (the TOTP pages need no more). */
export async function requireFirstFactor(request: Request): Promise<OrganizerSession> {
  const session = await readSession(request);
  if (!session) throw redirect(`/organizer/login?next=${encodeURIComponent(safeNext(pathOf(request)))}`);
  return session;
}

export interface SignedInOrganizer {
  id: number;
  email: string;
  locale: Locale;
  isAdmin: boolean;
}

/** A fully signed-in organizer (link and TOTP), or a redirect to where the next step is. */
export async function requireOrganizer(request: Request): Promise<SignedInOrganizer> {
  return (await requireSignedIn(request)).organizer;
}

async function requireSignedIn(request: Request): Promise<OrganizerSession> {
  const next = encodeURIComponent(safeNext(pathOf(request)));
  const session = await readSession(request);
  if (!session) throw redirect(`/organizer/login?next=${next}`);
  if (!session.secondFactorAt) {
    throw redirect(session.organizer.totpEnabled ? `/organizer/totp?next=${next}` : "/organizer/totp-setup");
  }
  return session;
}

/**
 * The campaign as its member sees it. Unknown campaigns and campaigns the organizer may
 * not open answer the same 404, so nobody learns which campaigns exist.
 */
export async function requireCampaignAccess(
  request: Request,
  slug: string,
  roles: readonly MemberRole[],
  opts?: { freshSecondFactorMinutes?: number },
): Promise<{
  organizer: { id: number; email: string; locale: Locale; isAdmin: boolean };
  campaign: { id: number; slug: string; canonicalLocale: Locale };
  role: MemberRole | "admin";
}> {
  const session = await requireSignedIn(request);
  const { organizer } = session;
  const db = getDb();
  const campaign = await findCampaignForOrganizer(db, slug);
  if (!campaign) throw new Response("Not found", { status: 404 });
  let role: MemberRole | "admin";
  if (organizer.isAdmin) role = "admin";
  else {
    const membership = await findMembership(db, campaign.id, organizer.id);
    if (!membership || !roles.includes(membership)) throw new Response("Not found", { status: 404 });
    role = membership;
  }
  if (opts?.freshSecondFactorMinutes !== undefined) {
    const at = session.secondFactorAt?.getTime() ?? 0;
    if (Date.now() - at > opts.freshSecondFactorMinutes * 60_000) {
      throw redirect(`/organizer/totp?next=${encodeURIComponent(safeNext(pathOf(request)))}`);
    }
  }
  return {
    organizer: { id: organizer.id, email: organizer.email, locale: organizer.locale, isAdmin: organizer.isAdmin },
    campaign: { id: campaign.id, slug: campaign.slug, canonicalLocale: campaign.canonical_locale },
    role,
  };
}

export async function logout(request: Request): Promise<string> {
  const token = readCookie(request);
  if (token) await deleteSession(getDb(), hashToken(token));
  return clearSessionCookie();
}

// ---------------------------------------------------------------------------------------
// Second factor

/** The secret to enrol (kept, sealed, until a code proves the app has it). */
export async function beginTotpSetup(session: OrganizerSession) {
  const db = getDb();
  const organizer = await findOrganizerById(db, session.organizer.id);
  if (!organizer) throw redirect("/organizer/login");
  if (organizer.totp_enabled_at) throw redirect("/organizer/totp");
  let secret = organizer.totp_secret ? openSecret(organizer.totp_secret) : null;
  if (!secret) {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    await setPendingTotpSecret(db, organizer.id, sealSecret(secret));
  }
  const uri = totpFor(secret, organizer.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

/** A code from the new app enables TOTP; returns the recovery codes, shown once. */
export async function completeTotpSetup(
  session: OrganizerSession,
  code: string,
): Promise<{ kind: "ok"; recoveryCodes: string[] } | { kind: "wrong-code" }> {
  const db = getDb();
  return db.transaction().execute(async (trx) => {
    const organizer = await findOrganizerById(trx, session.organizer.id, { forUpdate: true });
    if (!organizer || organizer.totp_enabled_at || !organizer.totp_secret) return { kind: "wrong-code" as const };
    const secret = openSecret(organizer.totp_secret);
    const step = secret ? totpStep(secret, code) : null;
    if (step === null) return { kind: "wrong-code" as const };
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await setTotp(trx, organizer.id, {
      secret: organizer.totp_secret,
      recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
      lastStep: step,
    });
    await setSessionSecondFactor(trx, session.idHash, new Date());
    await insertAudit(trx, { organizerId: organizer.id, campaignId: null, action: "organizer.totp_enabled" });
    return { kind: "ok" as const, recoveryCodes };
  });
}

export type SecondFactorResult =
  { kind: "ok"; usedRecoveryCode?: boolean } | { kind: "wrong-code" } | { kind: "limited"; retryAfterSeconds: number };

/**
 * A TOTP code or a recovery code (each recovery code works once). A TOTP code is accepted
 * once: its time step must be newer than the last accepted one. Every attempt spends one of
 * the organizer's `secondFactor` points (5 per 15 minutes), so codes cannot be guessed; a
 * right code gives its point back, so only wrong ones add up.
 */
export async function verifySecondFactor(session: OrganizerSession, code: string): Promise<SecondFactorResult> {
  try {
    await consume(["secondFactor", `second-factor:${session.organizer.id}`]);
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    console.info(`[organizer] second-factor limit reached for ${maskEmail(session.organizer.email)}`);
    return { kind: "limited", retryAfterSeconds: error.retryAfterSeconds };
  }
  const db = getDb();
  const result = await db.transaction().execute(async (trx): Promise<SecondFactorResult> => {
    const organizer = await findOrganizerById(trx, session.organizer.id, { forUpdate: true });
    if (!organizer?.totp_enabled_at || !organizer.totp_secret) return { kind: "wrong-code" as const };
    const secret = openSecret(organizer.totp_secret);
    const step = secret ? totpStep(secret, code) : null;
    if (step !== null) {
      // A code seen before (or an older one) is a replay: refused like a wrong one.
      if (organizer.totp_last_step !== null && step <= organizer.totp_last_step) return { kind: "wrong-code" };
      await setTotpLastStep(trx, organizer.id, step);
      await setSessionSecondFactor(trx, session.idHash, new Date());
      return { kind: "ok" as const };
    }
    const hash = hashRecoveryCode(code);
    if (normalizeRecoveryCode(code).length === 16 && organizer.recovery_code_hashes.includes(hash)) {
      await setRecoveryCodeHashes(
        trx,
        organizer.id,
        organizer.recovery_code_hashes.filter((h) => h !== hash),
      );
      await setSessionSecondFactor(trx, session.idHash, new Date());
      await insertAudit(trx, {
        organizerId: organizer.id,
        campaignId: null,
        action: "organizer.recovery_code_used",
        details: { remaining: organizer.recovery_code_hashes.length - 1 },
      });
      return { kind: "ok" as const, usedRecoveryCode: true };
    }
    return { kind: "wrong-code" as const };
  });
  if (result.kind === "ok") await refund("secondFactor", `second-factor:${session.organizer.id}`);
  return result;
}

/** The second-factor page's POST (the route has checked the origin): where to go next, or why not. */
export async function verifySecondFactorFromRequest(
  request: Request,
): Promise<{ kind: "ok"; next: string } | { kind: "wrong-code" } | { kind: "limited"; retryAfterSeconds: number }> {
  const session = await requireFirstFactor(request);
  const form = await readForm(request);
  const result = await verifySecondFactor(session, String(form.get("code") ?? "").slice(0, 64));
  if (result.kind !== "ok") return result;
  return { kind: "ok", next: safeNext(new URL(request.url).searchParams.get("next")) };
}
