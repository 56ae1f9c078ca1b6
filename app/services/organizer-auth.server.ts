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
  touchSession,
} from "~/models/organizer.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { hashToken, looksLikeToken, newToken } from "~/utils/tokens.server";
import { queueMail } from "./jobs.server";
import { tryConsume } from "./rate-limit.server";

/**
 * Organizer sign-in: a mailed one-time link (first factor), then a TOTP code (second
 * factor), then a server-side session whose id only exists as a hash in the database.
 */

export const SESSION_COOKIE = "__Host-us_session";
export const LOGIN_TOKEN_MINUTES = 15;
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

export function checkTotp(secretBase32: string, code: string): boolean {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  return totpFor(secretBase32, "x").validate({ token, window: 1 }) !== null;
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
export async function requestLoginLink(email: string): Promise<void> {
  const db = getDb();
  const organizer = await findOrganizerByEmail(db, email);
  if (!organizer || organizer.disabled_at) return;
  if (!(await tryConsume("resend", `organizer-login:${organizer.id}`))) {
    console.info(`[organizer] login link limit reached for ${maskEmail(organizer.email)}`);
    return;
  }
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await insertLoginToken(trx, organizer.id, hashToken(token), new Date(Date.now() + LOGIN_TOKEN_MINUTES * 60_000));
    await queueMail(trx, {
      kind: "organizer_login",
      locale: organizer.locale,
      to: organizer.email,
      data: { loginUrl: `${getConfig().appUrl}/organizer/login/${token}`, expiresInMinutes: LOGIN_TOKEN_MINUTES },
    });
  });
}

export type LoginTokenState = "ready" | "used" | "expired" | "invalid";

export async function describeLoginToken(token: string | undefined): Promise<LoginTokenState> {
  if (!looksLikeToken(token)) return "invalid";
  const row = await findLoginToken(getDb(), hashToken(token));
  if (!row) return "invalid";
  if (row.used_at) return "used";
  if (row.expires_at.getTime() < Date.now()) return "expired";
  return "ready";
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
    return { kind: "ok" as const, sessionToken, totpEnabled: Boolean(organizer.totp_enabled_at) };
  });
  if (result.kind !== "ok") return result;
  return {
    kind: "ok",
    cookie: sessionCookie(result.sessionToken),
    next: result.totpEnabled ? "/organizer/totp" : "/organizer/totp-setup",
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
    if (!secret || !checkTotp(secret, code)) return { kind: "wrong-code" as const };
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await setTotp(trx, organizer.id, {
      secret: organizer.totp_secret,
      recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
    });
    await setSessionSecondFactor(trx, session.idHash, new Date());
    await insertAudit(trx, { organizerId: organizer.id, campaignId: null, action: "organizer.totp_enabled" });
    return { kind: "ok" as const, recoveryCodes };
  });
}

/** A TOTP code or a recovery code (each recovery code works once). */
export async function verifySecondFactor(
  session: OrganizerSession,
  code: string,
): Promise<{ kind: "ok" | "wrong-code"; usedRecoveryCode?: boolean }> {
  const db = getDb();
  return db.transaction().execute(async (trx) => {
    const organizer = await findOrganizerById(trx, session.organizer.id, { forUpdate: true });
    if (!organizer?.totp_enabled_at || !organizer.totp_secret) return { kind: "wrong-code" as const };
    const secret = openSecret(organizer.totp_secret);
    if (secret && checkTotp(secret, code)) {
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
}
