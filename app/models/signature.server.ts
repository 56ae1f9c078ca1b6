import { sql } from "kysely";
import type { NewSignature } from "../../db/schema";
import { COUNTED_STATES, LISTED_STATES, LISTED_VISIBILITIES } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";
import { canonicalEmail } from "~/domain/email";
import { escapeLike } from "./like";
import { signerColumns } from "./signature-secrets.server";

// ---------------------------------------------------------------------------------------
// Counts: read from signature_counts (cheap), never COUNT(*) over signatures per request.

/** Verified signatures per campaign and group. */
export async function countVerifiedByGroup(db: Executor, campaignIds: readonly number[]) {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom("signature_counts")
    .select(["campaign_id", "group_id", (eb) => eb.fn.sum<number>("count").as("count")])
    .where("campaign_id", "in", campaignIds)
    .groupBy(["campaign_id", "group_id"])
    .execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, group_id: r.group_id, count: Number(r.count) }));
}

/**
 * Verified signatures per campaign and group that may be shown broken down: "counted only"
 * signers are left out (they add to the total, see countVerifiedTotals, and to nothing
 * else). What public pages, the API and the social cards show per group.
 */
export async function countListedByGroup(db: Executor, campaignIds: readonly number[]) {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom("signature_counts")
    .select(["campaign_id", "group_id", (eb) => eb.fn.sum<number>("count").as("count")])
    .where("campaign_id", "in", campaignIds)
    .where("listed", "=", true)
    .groupBy(["campaign_id", "group_id"])
    .execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, group_id: r.group_id, count: Number(r.count) }));
}

/** Per campaign: every verified signature (`total`) and those who chose "counted only" (`unlisted`). */
export async function countVerifiedTotals(db: Executor, campaignIds: readonly number[]) {
  const totals = new Map<number, { total: number; unlisted: number }>(
    campaignIds.map((id) => [id, { total: 0, unlisted: 0 }]),
  );
  if (campaignIds.length === 0) return totals;
  const rows = await db
    .selectFrom("signature_counts")
    .select(["campaign_id", "listed", (eb) => eb.fn.sum<number>("count").as("count")])
    .where("campaign_id", "in", campaignIds)
    .groupBy(["campaign_id", "listed"])
    .execute();
  for (const r of rows) {
    const entry = totals.get(r.campaign_id)!;
    entry.total += Number(r.count);
    if (!r.listed) entry.unlisted += Number(r.count);
  }
  return totals;
}

/** Listed verified signatures per country for one campaign, largest first ("counted only" never). */
export async function countVerifiedByCountry(db: Executor, campaignId: number) {
  const rows = await db
    .selectFrom("signature_counts")
    .select(["country", (eb) => eb.fn.sum<number>("count").as("count")])
    .where("campaign_id", "=", campaignId)
    .where("listed", "=", true)
    .groupBy("country")
    .having((eb) => eb.fn.sum("count"), ">", 0)
    .orderBy("count", "desc")
    .orderBy("country")
    .execute();
  return rows.map((r) => ({ country: r.country, count: Number(r.count) }));
}

/** Exact count straight from the rows, for reconciliation and tests. */
export async function countVerifiedRows(db: Executor, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom("signatures")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("campaign_id", "=", campaignId)
    .where("state", "in", COUNTED_STATES)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// ---------------------------------------------------------------------------------------
// Listing

export interface SignatoryFilter {
  campaignId: number;
  groupId?: number;
  country?: string;
  /** Matches names and affiliations of signers listed by name only: searching must not
   *  reveal who hides behind initials or anonymity. */
  search?: string;
}

function filteredListed(db: Executor, filter: SignatoryFilter) {
  let query = db
    .selectFrom("signatures")
    .where("campaign_id", "=", filter.campaignId)
    .where("state", "in", LISTED_STATES)
    .where("visibility", "in", LISTED_VISIBILITIES);
  if (filter.groupId !== undefined) query = query.where("group_id", "=", filter.groupId);
  if (filter.country) query = query.where("country", "=", filter.country);
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    query = query
      .where("visibility", "=", "public")
      .where((eb) => eb.or([eb("full_name", "ilike", pattern), eb("title", "ilike", pattern)]));
  }
  return query;
}

/** One page of listed signatories matching a filter, notable first, then newest. */
export async function searchListedSignatures(
  db: Executor,
  filter: SignatoryFilter,
  { limit, offset }: { limit: number; offset: number },
) {
  return filteredListed(db, filter)
    .select(["full_name", "title", "country", "visibility", "notable", "group_id"])
    .orderBy("notable", "desc")
    .orderBy("verified_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countSearchListedSignatures(db: Executor, filter: SignatoryFilter): Promise<number> {
  const row = await filteredListed(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// ---------------------------------------------------------------------------------------
// Writes

/**
 * Bulk insert (seeds, imports, tests). Rows given with their details in clear are sealed on
 * the way in, like a signature from the form (issue 12). Call rebuildCounts afterwards for
 * verified rows.
 */
export async function insertSignatures(db: Executor, rows: NewSignature[]): Promise<number> {
  const chunk = 500;
  const sealed = rows.map((row) => (row.sealed !== undefined ? row : sealRow(row)));
  for (let i = 0; i < sealed.length; i += chunk) {
    await db
      .insertInto("signatures")
      .values(sealed.slice(i, i + chunk))
      .execute();
  }
  return rows.length;
}

function sealRow(row: NewSignature): NewSignature {
  const email = row.email ?? "";
  const details = {
    email,
    fullName: row.full_name,
    title: row.title ?? "",
    city: row.city ?? null,
    comment: row.comment ?? null,
  };
  const canonical = email ? (row.email_canonical ?? canonicalEmail(email)) : null;
  return { ...row, ...signerColumns(row.visibility, details, canonical) };
}

/**
 * Inserts one pending signature; undefined when this person already signed this campaign
 * (one per keyed hash of the canonical address; during a key rotation, under either key).
 */
export async function insertPendingSignature(
  db: Executor,
  row: NewSignature,
  otherHashes: readonly string[] = [],
): Promise<number | undefined> {
  if (otherHashes.length) {
    const existing = await findSignatureByEmail(db, row.campaign_id, otherHashes);
    if (existing) return undefined;
  }
  const inserted = await db
    .insertInto("signatures")
    .values({ ...row, state: "pending" })
    .onConflict((oc) => oc.columns(["campaign_id", "email_hash"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted?.id;
}

/** The signature of an address (by its keyed hashes, see utils/signer-crypto) on one campaign. */
export async function findSignatureByEmail(db: Executor, campaignId: number, emailHashes: readonly string[]) {
  return db
    .selectFrom("signatures")
    .select(["id", "state", "locale", "withdraw_token_hash"])
    .where("campaign_id", "=", campaignId)
    .where("email_hash", "in", emailHashes)
    .executeTakeFirst();
}

const tokenColumns = [
  "id",
  "campaign_id",
  "group_id",
  "country",
  "state",
  "locale",
  "review_reason",
  "created_at",
  "email",
  "full_name",
  "withdraw_token_hash",
] as const;

export type TokenKind = "confirm" | "withdraw";

/**
 * The signature a mailed link's token belongs to, with its campaign's slug (where every such
 * page leads back to). With `forUpdate` (inside a transaction)
 * the row stays locked until commit, so concurrent clicks on one link queue up.
 */
export async function findByToken(
  db: Executor,
  kind: TokenKind,
  tokenHash: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
) {
  const column = kind === "confirm" ? "signatures.confirm_token_hash" : "signatures.withdraw_token_hash";
  const query = db
    .selectFrom("signatures")
    .innerJoin("campaigns", "campaigns.id", "signatures.campaign_id")
    .select(tokenColumns.map((c) => `signatures.${c}` as const))
    .select("campaigns.slug as campaign_slug")
    .where(column, "=", tokenHash);
  return (forUpdate ? query.forUpdate("signatures") : query).executeTakeFirst();
}

export async function setConfirmToken(db: Executor, id: number, tokenHash: string, linkSeed?: string): Promise<void> {
  await db
    .updateTable("signatures")
    .set({
      confirm_token_hash: tokenHash,
      ...(linkSeed ? { link_seed: linkSeed } : {}),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .execute();
}

/** Unconfirmed signatures older than `before` are deleted, never counted. */
export async function deleteExpiredPending(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("signatures")
    .where("state", "=", "pending")
    .where("email_confirmed_at", "is", null)
    .where("created_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** IP hashes are kept only for a while (abuse review), then forgotten. */
export async function forgetExpiredIpHashes(db: Executor, now = new Date()): Promise<number> {
  const result = await db
    .updateTable("signatures")
    .set({ ip_hash: null, ip_hash_expires_at: null })
    .where("ip_hash_expires_at", "<", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Signatures of one campaign counted so far, for "you are signatory N". */
export async function totalForCampaign(db: Executor, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom("signature_counts")
    .select((eb) => eb.fn.sum<number>("count").as("count"))
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** A new withdrawal link replaces the old one (only hashes are kept, so it cannot be re-sent). */
export async function setWithdrawToken(db: Executor, id: number, tokenHash: string): Promise<void> {
  await db.updateTable("signatures").set({ withdraw_token_hash: tokenHash }).where("id", "=", id).execute();
}

// ---------------------------------------------------------------------------------------
// The signer's own page ("manage my signature"), reached by their private link

/** The signature a private link belongs to, with its campaign, while it still stands for someone. */
export async function findManagedSignature(db: Executor, tokenHash: string, { forUpdate = false } = {}) {
  const query = db
    .selectFrom("signatures")
    .innerJoin("campaigns", "campaigns.id", "signatures.campaign_id")
    .select([
      "signatures.id",
      "signatures.campaign_id",
      "signatures.state",
      "signatures.visibility",
      "signatures.full_name",
      "signatures.title",
      "signatures.city",
      "signatures.sealed",
      "signatures.updates_consent",
      "signatures.unsubscribed_at",
      "signatures.review_reason",
      "signatures.email_confirmed_at",
      "campaigns.slug",
      "campaigns.status as campaign_status",
      "campaigns.canonical_locale",
      "campaigns.delivered_on",
    ])
    .where("signatures.withdraw_token_hash", "=", tokenHash)
    .where("signatures.state", "in", ["pending", "verified", "hidden"]);
  return (forUpdate ? query.forUpdate(["signatures"]) : query).executeTakeFirst();
}

/** The signer asks for campaign news, or stops them. */
export async function setUpdatesConsent(db: Executor, id: number, consent: boolean) {
  await db
    .updateTable("signatures")
    .set({ updates_consent: consent, unsubscribed_at: consent ? null : new Date(), updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

// ---------------------------------------------------------------------------------------
// The one reminder to confirm

/**
 * Claims up to `limit` unconfirmed signatures created between `notBefore` and `before` that
 * were never reminded, marking them reminded in the same statement (skip locked): two
 * workers never claim the same row, and a row is claimed once in its life.
 */
export async function claimReminders(db: Executor, window: { before: Date; notBefore: Date }, limit: number) {
  const { rows } = await sql<{
    id: number;
    campaign_id: number;
    locale: string;
    link_seed: string | null;
    confirm_token_hash: string | null;
    created_at: Date;
  }>`
    update signatures set reminded_at = now()
    where id in (
      select id from signatures
      where state = 'pending' and email_confirmed_at is null and reminded_at is null
        and created_at < ${window.before} and created_at >= ${window.notBefore}
      order by created_at
      limit ${limit}
      for update skip locked
    )
    returning id, campaign_id, locale, link_seed, confirm_token_hash, created_at`.execute(db);
  return rows;
}
