import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, NewSignature } from "../../db/schema";
import { COUNTED_STATES, LISTED_STATES, LISTED_VISIBILITIES } from "~/domain/vocab";

type Executor = Kysely<Database> | Transaction<Database>;

/** Shards per (campaign, group, country) counter; see migration 0002. */
export const COUNT_SHARDS = 8;

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

/** Verified signatures per country for one campaign, largest first. */
export async function countVerifiedByCountry(db: Executor, campaignId: number) {
  const rows = await db
    .selectFrom("signature_counts")
    .select(["country", (eb) => eb.fn.sum<number>("count").as("count")])
    .where("campaign_id", "=", campaignId)
    .groupBy("country")
    .having((eb) => eb.fn.sum("count"), ">", 0)
    .orderBy("count", "desc")
    .orderBy("country")
    .execute();
  return rows.map((r) => ({ country: r.country, count: Number(r.count) }));
}

/** Adds `delta` (±1) to one shard of a counter, inside the caller's transaction. */
export async function bumpCount(
  db: Executor,
  key: { campaignId: number; groupId: number; country: string },
  delta: number,
): Promise<void> {
  const shard = Math.floor(Math.random() * COUNT_SHARDS);
  await db
    .insertInto("signature_counts")
    .values({ campaign_id: key.campaignId, group_id: key.groupId, country: key.country, shard, count: delta })
    .onConflict((oc) =>
      oc
        .columns(["campaign_id", "group_id", "country", "shard"])
        .doUpdateSet({ count: (eb) => eb("signature_counts.count", "+", delta) }),
    )
    .execute();
}

/** Recomputes a campaign's counters from the signatures themselves (seeds, imports, repair). */
export async function rebuildCounts(db: Executor, campaignIds: readonly number[]): Promise<void> {
  if (campaignIds.length === 0) return;
  await db.deleteFrom("signature_counts").where("campaign_id", "in", campaignIds).execute();
  await db
    .insertInto("signature_counts")
    .columns(["campaign_id", "group_id", "country", "shard", "count"])
    .expression((eb) =>
      eb
        .selectFrom("signatures")
        .select([
          "campaign_id",
          "group_id",
          "country",
          sql<number>`0`.as("shard"),
          sql<number>`count(*)::int`.as("count"),
        ])
        .where("campaign_id", "in", campaignIds)
        .where("state", "in", COUNTED_STATES)
        .groupBy(["campaign_id", "group_id", "country"]),
    )
    .execute();
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

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
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

/** Bulk insert (seeds, imports, tests). Call rebuildCounts afterwards for verified rows. */
export async function insertSignatures(db: Executor, rows: NewSignature[]): Promise<number> {
  const chunk = 500;
  for (let i = 0; i < rows.length; i += chunk) {
    await db
      .insertInto("signatures")
      .values(rows.slice(i, i + chunk))
      .execute();
  }
  return rows.length;
}

/** Inserts one pending signature; undefined when this person already signed this campaign. */
export async function insertPendingSignature(db: Executor, row: NewSignature): Promise<number | undefined> {
  const inserted = await db
    .insertInto("signatures")
    .values({ ...row, state: "pending" })
    .onConflict((oc) => oc.columns(["campaign_id", "email_canonical"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted?.id;
}

export async function findSignatureByEmail(db: Executor, campaignId: number, emailCanonical: string) {
  return db
    .selectFrom("signatures")
    .select(["id", "state", "locale", "withdraw_token_hash"])
    .where("campaign_id", "=", campaignId)
    .where("email_canonical", "=", emailCanonical)
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
] as const;

export type TokenKind = "confirm" | "withdraw";

/**
 * The signature a mailed link's token belongs to. With `forUpdate` (inside a transaction)
 * the row stays locked until commit, so concurrent clicks on one link queue up.
 */
export async function findByToken(
  db: Executor,
  kind: TokenKind,
  tokenHash: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
) {
  const column = kind === "confirm" ? "confirm_token_hash" : "withdraw_token_hash";
  const query = db.selectFrom("signatures").select(tokenColumns).where(column, "=", tokenHash);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function markVerified(db: Executor, id: number): Promise<void> {
  await db
    .updateTable("signatures")
    .set({ state: "verified", verified_at: new Date(), email_confirmed_at: new Date(), updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** The address is proven, but the signature waits for a moderator (e.g. captcha unverified). */
export async function markEmailConfirmed(db: Executor, id: number): Promise<void> {
  await db
    .updateTable("signatures")
    .set({ email_confirmed_at: new Date(), updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function setConfirmToken(db: Executor, id: number, tokenHash: string): Promise<void> {
  await db
    .updateTable("signatures")
    .set({ confirm_token_hash: tokenHash, created_at: new Date(), updated_at: new Date() })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .execute();
}

/**
 * Withdrawal keeps an anonymous tombstone (state, group, country, dates) and erases who it
 * was: name, title, city, comment and address. The person may sign again later.
 */
export async function markWithdrawn(db: Executor, id: number): Promise<void> {
  await db
    .updateTable("signatures")
    .set({
      state: "withdrawn",
      full_name: "",
      title: "",
      city: null,
      comment: null,
      email: "",
      email_canonical: `withdrawn:${id}`,
      confirm_token_hash: null,
      ip_hash: null,
      ip_hash_expires_at: null,
      updated_at: new Date(),
    })
    .where("id", "=", id)
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

/**
 * Finds counters that disagree with the rows and corrects them by the difference, in one
 * statement: both sides are read in the same snapshot, so a confirmation committing
 * meanwhile is either in both or in neither, and the repair is exact. Returns the keys
 * that were off and by how much.
 */
export async function repairCountDrift(db: Executor) {
  const { rows } = await sql<{ campaign_id: number; group_id: number; country: string; count: number }>`
    insert into signature_counts (campaign_id, group_id, country, shard, count)
    select campaign_id, group_id, country, 0, diff from (
      select campaign_id, group_id, country, coalesce(r.n, 0) - coalesce(c.n, 0) as diff
      from (
        select campaign_id, group_id, country, count(*)::int as n
        from signatures where state in (${sql.join(COUNTED_STATES)})
        group by campaign_id, group_id, country
      ) r
      full join (
        select campaign_id, group_id, country, sum(count)::int as n
        from signature_counts group by campaign_id, group_id, country
      ) c using (campaign_id, group_id, country)
    ) drift
    where diff <> 0
    on conflict (campaign_id, group_id, country, shard)
    do update set count = signature_counts.count + excluded.count
    returning campaign_id, group_id, country, count`.execute(db);
  return rows;
}

/** Bulk synthetic verified signatures for benchmarks, generated inside the database. */
export async function insertSyntheticVerified(
  db: Executor,
  opts: { campaignId: number; groupIds: number[]; countries: string[]; count: number; emailPrefix: string },
): Promise<void> {
  await sql`
    insert into signatures (campaign_id, group_id, full_name, email, email_canonical, title, country,
                            visibility, state, locale, text_version, verified_at, created_at, updated_at)
    select ${opts.campaignId},
           (${opts.groupIds}::int[])[1 + (g % ${opts.groupIds.length})],
           'Bench Signer ' || g,
           ${opts.emailPrefix} || g || '@example.org',
           ${opts.emailPrefix} || g || '@example.org',
           'Example University',
           (${opts.countries}::text[])[1 + (g % ${opts.countries.length})],
           (array['public','public','public','public','public','public','public','initials','anonymous','counted'])[1 + (g % 10)],
           'verified', 'en', 1, now(), now(), now()
    from generate_series(1, ${opts.count}) as g`.execute(db);
}

/** Pending signatures whose confirmation tokens the caller knows (benchmarks). */
export async function insertPendingWithTokens(
  db: Executor,
  opts: { campaignId: number; groupId: number; tokenHashes: string[]; emailPrefix: string },
): Promise<void> {
  await sql`
    insert into signatures (campaign_id, group_id, full_name, email, email_canonical, title, country,
                            visibility, state, locale, text_version, confirm_token_hash, created_at, updated_at)
    select ${opts.campaignId}, ${opts.groupId}, 'Bench Pending ' || n,
           ${opts.emailPrefix} || n || '@example.org', ${opts.emailPrefix} || n || '@example.org',
           '', 'DE', 'public', 'pending', 'en', 1, h, now(), now()
    from unnest(${opts.tokenHashes}::text[]) with ordinality as t(h, n)`.execute(db);
}

/** Rows whose address starts with a prefix, by state (benchmark reconciliation). */
export async function countByEmailPrefix(db: Executor, prefix: string) {
  const rows = await db
    .selectFrom("signatures")
    .select(["state", (eb) => eb.fn.countAll<number>().as("count")])
    .where("email", "like", `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .groupBy("state")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.count)])) as Record<string, number>;
}
