import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { maskEmail } from "~/domain/email";
import type { Locale } from "~/domain/vocab";
import { safeNext } from "~/domain/safe-next";
import { insertAudit } from "~/models/audit.server";
import {
  deleteSession,
  findLoginToken,
  findOrganizerByEmail,
  findOrganizerById,
  insertLoginToken,
  insertSession,
  markLoggedIn,
  markLoginTokenUsed,
  setPendingTotpSecret,
  setRecoveryCodeHashes,
  setSessionSecondFactor,
  setTotp,
  setTotpLastStep,
} from "~/models/organizer.server";
import type { LoginTokenKind } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { hashToken, looksLikeToken, newToken } from "~/utils/tokens.server";
import { queueMail } from "~/jobs/enqueue.server";
import { type OrganizerSession, SESSION_ABSOLUTE_MS } from "./organizer-sessions.server";
import { consume, RateLimited, refund, tryConsume } from "./rate-limit.server";

/**
 * Organizer sign-in: a mailed one-time link (first factor), then a TOTP code (second
 * factor), then a server-side session whose id only exists as a hash in the database.
 */

export const LOGIN_TOKEN_MINUTES = 15;
/** Invitation links wait longer: the invitee may not read mail every day. */
export const INVITATION_DAYS = 7;
const RECOVERY_CODES = 10;

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
    const loginUrl = await createLoginLink(trx, organizer.id, { kind: "login", next, locale: organizer.locale });
    await queueMail(trx, {
      kind: "organizer_login",
      locale: organizer.locale,
      to: organizer.email,
      data: { loginUrl, expiresInMinutes: LOGIN_TOKEN_MINUTES },
    });
  });
}

/** Where a link sends the organizer once signed in: null for the dashboard (the default). */
function storedNext(next: string | null | undefined): string | null {
  const safe = safeNext(next);
  return safe === "/organizer" ? null : safe;
}

/**
 * A one-time sign-in link (only its hash is stored), valid 15 minutes when asked for on the
 * sign-in page, 7 days when it comes with an invitation. Returns the absolute URL to mail,
 * with `?lng=` so the page it opens speaks the mail's language (not the browser's).
 */
export async function createLoginLink(
  trx: Parameters<typeof insertLoginToken>[0],
  organizerId: number,
  opts: { kind: LoginTokenKind; next?: string | null; locale?: Locale },
): Promise<string> {
  const token = newToken();
  const lifetimeMs = opts.kind === "invitation" ? INVITATION_DAYS * 86_400_000 : LOGIN_TOKEN_MINUTES * 60_000;
  await insertLoginToken(trx, organizerId, hashToken(token), new Date(Date.now() + lifetimeMs), {
    kind: opts.kind,
    nextPath: storedNext(opts.next),
  });
  const lng = opts.locale ? `?lng=${opts.locale}` : "";
  return `${getConfig().appUrl}/organizer/login/${token}${lng}`;
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
  previous: string | null,
): Promise<{ kind: "ok"; sessionToken: string; next: string } | { kind: LoginTokenState }> {
  if (!looksLikeToken(token)) return { kind: "invalid" };
  const db = getDb();
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
    sessionToken: result.sessionToken,
    next: `${result.totpEnabled ? "/organizer/totp" : "/organizer/totp-setup"}${query}`,
  };
}

// ---------------------------------------------------------------------------------------
// Second factor

/** The secret to enrol (kept, sealed, until a code proves the app has it). */
export async function beginTotpSetup(session: OrganizerSession) {
  const db = getDb();
  const organizer = await findOrganizerById(db, session.organizer.id);
  if (!organizer) return { kind: "signed-out" as const };
  if (organizer.totp_enabled_at) return { kind: "enabled" as const };
  let secret = organizer.totp_secret ? openSecret(organizer.totp_secret) : null;
  if (!secret) {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    await setPendingTotpSecret(db, organizer.id, sealSecret(secret));
  }
  const uri = totpFor(secret, organizer.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { kind: "setup" as const, secret, uri, qrSvg };
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
