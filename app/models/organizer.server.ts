import { sql } from "kysely";
import type { LoginTokenKind } from "../../db/schema";
import type { Locale, MemberRole } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

const ORGANIZER_COLUMNS = [
  "id",
  "email",
  "name",
  "locale",
  "is_admin",
  "totp_secret",
  "totp_enabled_at",
  "recovery_code_hashes",
  "disabled_at",
  "last_login_at",
  "totp_last_step",
] as const;

export async function findOrganizerByEmail(db: Executor, email: string) {
  return db
    .selectFrom("organizers")
    .select(ORGANIZER_COLUMNS)
    .where(sql<string>`lower(email)`, "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findOrganizerById(db: Executor, id: number, opts: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("organizers").select(ORGANIZER_COLUMNS).where("id", "=", id);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Creates the organizer, or (if the address exists) promotes it when `isAdmin` asks. */
export async function upsertOrganizer(
  db: Executor,
  input: { email: string; isAdmin: boolean; locale?: Locale; name?: string },
): Promise<{ id: number; created: boolean; promoted: boolean }> {
  const existing = await findOrganizerByEmail(db, input.email);
  if (existing) {
    const promoted = input.isAdmin && !existing.is_admin;
    if (promoted) await db.updateTable("organizers").set({ is_admin: true }).where("id", "=", existing.id).execute();
    return { id: existing.id, created: false, promoted };
  }
  const row = await db
    .insertInto("organizers")
    .values({
      email: input.email.trim().toLowerCase(),
      is_admin: input.isAdmin,
      locale: input.locale ?? "en",
      name: input.name ?? "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true, promoted: false };
}

export async function setTotp(
  db: Executor,
  organizerId: number,
  values: { secret: string; recoveryCodeHashes: string[]; lastStep?: number | null },
): Promise<void> {
  await db
    .updateTable("organizers")
    .set({
      totp_secret: values.secret,
      totp_enabled_at: new Date(),
      recovery_code_hashes: values.recoveryCodeHashes,
      totp_last_step: values.lastStep ?? null,
    })
    .where("id", "=", organizerId)
    .execute();
}

/** Remembers the time step of the code just accepted (codes from it or before are replays). */
export async function setTotpLastStep(db: Executor, organizerId: number, step: number): Promise<void> {
  await db.updateTable("organizers").set({ totp_last_step: step }).where("id", "=", organizerId).execute();
}

/** Stores a not-yet-confirmed secret (totp_enabled_at stays null until a code matches). */
export async function setPendingTotpSecret(db: Executor, organizerId: number, secret: string): Promise<void> {
  await db
    .updateTable("organizers")
    .set({ totp_secret: secret })
    .where("id", "=", organizerId)
    .where("totp_enabled_at", "is", null)
    .execute();
}

export async function setRecoveryCodeHashes(db: Executor, organizerId: number, hashes: string[]): Promise<void> {
  await db.updateTable("organizers").set({ recovery_code_hashes: hashes }).where("id", "=", organizerId).execute();
}

export async function markLoggedIn(db: Executor, organizerId: number): Promise<void> {
  await db.updateTable("organizers").set({ last_login_at: new Date() }).where("id", "=", organizerId).execute();
}

export async function addMember(db: Executor, campaignId: number, organizerId: number, role: MemberRole) {
  await db
    .insertInto("campaign_members")
    .values({ campaign_id: campaignId, organizer_id: organizerId, role })
    .onConflict((oc) => oc.columns(["campaign_id", "organizer_id"]).doUpdateSet({ role }))
    .execute();
}

export async function findMembership(db: Executor, campaignId: number, organizerId: number) {
  const row = await db
    .selectFrom("campaign_members")
    .select("role")
    .where("campaign_id", "=", campaignId)
    .where("organizer_id", "=", organizerId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** The campaigns an organizer may open (every campaign for an admin), with their role. */
export async function listOrganizerCampaigns(db: Executor, organizerId: number, isAdmin: boolean) {
  let query = db
    .selectFrom("campaigns as c")
    .leftJoin("campaign_members as m", (join) =>
      join.onRef("m.campaign_id", "=", "c.id").on("m.organizer_id", "=", organizerId),
    )
    .select(["c.id", "c.slug", "c.status", "c.canonical_locale", "c.goal", "m.role"])
    .orderBy("c.id");
  if (!isAdmin) query = query.where("m.organizer_id", "is not", null);
  return query.execute();
}

export async function findCampaignForOrganizer(db: Executor, slug: string) {
  return db
    .selectFrom("campaigns")
    .select(["id", "slug", "canonical_locale", "status"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------
// Login tokens

export async function insertLoginToken(
  db: Executor,
  organizerId: number,
  tokenHash: string,
  expiresAt: Date,
  opts: { nextPath?: string | null; kind?: LoginTokenKind } = {},
) {
  await db
    .insertInto("login_tokens")
    .values({
      token_hash: tokenHash,
      organizer_id: organizerId,
      expires_at: expiresAt,
      next_path: opts.nextPath ?? null,
      kind: opts.kind ?? "login",
    })
    .execute();
}

export async function findLoginToken(db: Executor, tokenHash: string, opts: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("login_tokens")
    .select(["token_hash", "organizer_id", "expires_at", "used_at", "next_path", "kind"])
    .where("token_hash", "=", tokenHash);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function markLoginTokenUsed(db: Executor, tokenHash: string): Promise<void> {
  await db.updateTable("login_tokens").set({ used_at: new Date() }).where("token_hash", "=", tokenHash).execute();
}

export async function deleteOldLoginTokens(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom("login_tokens").where("expires_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---------------------------------------------------------------------------------------
// Sessions

export async function insertSession(
  db: Executor,
  values: { idHash: string; organizerId: number; expiresAt: Date; secondFactorAt?: Date | null },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id_hash: values.idHash,
      organizer_id: values.organizerId,
      expires_at: values.expiresAt,
      second_factor_at: values.secondFactorAt ?? null,
    })
    .execute();
}

export async function findSession(db: Executor, idHash: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("organizers", "organizers.id", "sessions.organizer_id")
    .select([
      "sessions.id_hash",
      "sessions.organizer_id",
      "sessions.second_factor_at",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "organizers.email",
      "organizers.locale",
      "organizers.is_admin",
      "organizers.disabled_at",
      "organizers.totp_enabled_at",
    ])
    .where("sessions.id_hash", "=", idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, idHash: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("id_hash", "=", idHash).execute();
}

export async function setSessionSecondFactor(db: Executor, idHash: string, at: Date): Promise<void> {
  await db.updateTable("sessions").set({ second_factor_at: at }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

/** Ends every session of an organizer at once (when the account is disabled). */
export async function deleteSessionsOf(db: Executor, organizerId: number): Promise<number> {
  const result = await db.deleteFrom("sessions").where("organizer_id", "=", organizerId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets the organizer's links that were never used (when the account is disabled). */
export async function deleteUnusedLoginTokensOf(db: Executor, organizerId: number): Promise<number> {
  const result = await db
    .deleteFrom("login_tokens")
    .where("organizer_id", "=", organizerId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom("sessions").where("expires_at", "<", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
