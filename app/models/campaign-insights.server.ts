import { sql } from "kysely";
import type { Executor } from "~/utils/db.server";

/**
 * Aggregates for a campaign's charts and its daily digest. Each is one statement over one
 * index: the time series and the channels read `signatures_verified_time` (campaign,
 * verified_at, with ref and paper batch included) alone; groups and countries read the
 * counter shards; the confirmation funnel reads the signatures created in a window.
 */

/**
 * Counted signatures per bucket: hours from `hourlySince`, whole days (UTC) before it. Two
 * statements: days over the whole campaign (a cheap cast per row), hours over a short range
 * of the time index.
 */
export async function countVerifiedOverTime(db: Executor, campaignId: number, hourlySince: Date) {
  const [days, hours] = await Promise.all([
    sql<{ day: string; count: number }>`
      select to_char(day, 'YYYY-MM-DD') as day, count from (
        select (verified_at at time zone 'UTC')::date as day, count(*)::int as count
        from signatures
        where campaign_id = ${campaignId} and state = 'verified' and verified_at < ${hourlySince}
        group by 1) d
      order by 1`.execute(db),
    sql<{ hour: string; count: number }>`
      select to_char(hour, 'YYYY-MM-DD"T"HH24') as hour, count from (
        select date_trunc('hour', verified_at at time zone 'UTC') as hour, count(*)::int as count
        from signatures
        where campaign_id = ${campaignId} and state = 'verified' and verified_at >= ${hourlySince}
        group by 1) h
      order by 1`.execute(db),
  ]);
  return [
    ...days.rows.map((r) => ({ bucket: `${r.day}T00:00:00.000Z`, hourly: false, count: Number(r.count) })),
    ...hours.rows.map((r) => ({ bucket: `${r.hour}:00:00.000Z`, hourly: true, count: Number(r.count) })),
  ];
}

/** Counted signatures per channel (`ref`; "paper" for paper batches, "" for none), largest first. */
export async function countVerifiedByChannel(db: Executor, campaignId: number) {
  const { rows } = await sql<{ channel: string; count: number }>`
    select case when paper_batch_id is not null then 'paper' else coalesce(ref, '') end as channel,
           count(*)::int as count
    from signatures
    where campaign_id = ${campaignId} and state = 'verified'
    group by 1
    order by 2 desc, 1`.execute(db);
  return rows.map((r) => ({ channel: r.channel, count: Number(r.count) }));
}

/**
 * Every counted signature per group and country, counted-only signers included (this is the
 * organizers' picture, not the public one), from the counter shards.
 */
export async function countAllByGroupAndCountry(db: Executor, campaignId: number) {
  const rows = await db
    .selectFrom("signature_counts")
    .select(["group_id", "country", (eb) => eb.fn.sum<number>("count").as("count")])
    .where("campaign_id", "=", campaignId)
    .groupBy(["group_id", "country"])
    .execute();
  return rows.map((r) => ({ groupId: r.group_id, country: r.country, count: Number(r.count) })).filter((r) => r.count);
}

/**
 * What became of the signatures started online since `since`: how many, how many proved
 * their address, and how many are counted now, held for review, or were removed.
 */
export async function confirmationFunnel(db: Executor, campaignId: number, since: Date) {
  const row = await db
    .selectFrom("signatures")
    .select([
      (eb) => eb.fn.countAll<number>().as("started"),
      (eb) => eb.fn.count<number>("email_confirmed_at").as("confirmed"),
      sql<number>`count(*) filter (where state = 'verified')`.as("counted"),
      sql<number>`count(*) filter (where state = 'pending' and email_confirmed_at is null)`.as("waiting"),
      sql<number>`count(*) filter (where state = 'pending' and email_confirmed_at is not null)`.as("held"),
    ])
    .where("campaign_id", "=", campaignId)
    .where("created_at", ">=", since)
    .where("paper_batch_id", "is", null)
    .executeTakeFirstOrThrow();
  return {
    started: Number(row.started),
    confirmed: Number(row.confirmed),
    counted: Number(row.counted),
    waiting: Number(row.waiting),
    held: Number(row.held),
  };
}

// ---------------------------------------------------------------------------------------
// The daily digest

/** Signatures counted since a moment, per group and country. */
export async function countVerifiedSince(db: Executor, campaignId: number, since: Date) {
  const rows = await db
    .selectFrom("signatures")
    .select(["group_id", "country", (eb) => eb.fn.countAll<number>().as("count")])
    .where("campaign_id", "=", campaignId)
    .where("state", "=", "verified")
    .where("verified_at", ">=", since)
    .groupBy(["group_id", "country"])
    .execute();
  return rows.map((r) => ({ groupId: r.group_id, country: r.country, count: Number(r.count) }));
}

/** Notable signatories counted since a moment (names as they signed; organizers only). */
export async function listNotableSince(db: Executor, campaignId: number, since: Date, limit: number) {
  return db
    .selectFrom("signatures")
    .select(["full_name", "title", "country"])
    .where("campaign_id", "=", campaignId)
    .where("state", "=", "verified")
    .where("notable", "=", true)
    .where("verified_at", ">=", since)
    .orderBy("verified_at", "desc")
    .limit(limit)
    .execute();
}

/** Signatures whose address is proven but that wait for an organizer's review. */
export async function countHeldForReview(db: Executor, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom("signatures")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("campaign_id", "=", campaignId)
    .where("state", "=", "pending")
    .where("review_reason", "is not", null)
    .where("email_confirmed_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Owners (and their language) who asked for a campaign's digest and have not had today's. */
export async function listDigestSubscribers(db: Executor, day: string) {
  return db
    .selectFrom("campaign_members")
    .innerJoin("organizers", "organizers.id", "campaign_members.organizer_id")
    .innerJoin("campaigns", "campaigns.id", "campaign_members.campaign_id")
    .select([
      "campaign_members.campaign_id",
      "campaign_members.organizer_id",
      "campaign_members.digest_sent_on",
      "organizers.email",
      "organizers.locale",
      "campaigns.slug",
      "campaigns.canonical_locale",
    ])
    .where("campaign_members.daily_digest", "=", true)
    .where("campaign_members.role", "=", "owner")
    .where("organizers.disabled_at", "is", null)
    .where((eb) =>
      eb.or([eb("campaign_members.digest_sent_on", "is", null), eb("campaign_members.digest_sent_on", "<", day)]),
    )
    .orderBy("campaign_members.campaign_id")
    .orderBy("campaign_members.organizer_id")
    .execute();
}

/** Claims one owner's digest for a day; false when it was claimed already (a retried or doubled run). */
export async function claimDigest(db: Executor, campaignId: number, organizerId: number, day: string) {
  const result = await db
    .updateTable("campaign_members")
    .set({ digest_sent_on: day })
    .where("campaign_id", "=", campaignId)
    .where("organizer_id", "=", organizerId)
    .where("daily_digest", "=", true)
    .where((eb) => eb.or([eb("digest_sent_on", "is", null), eb("digest_sent_on", "<", day)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An owner's choice to get the daily digest of a campaign. */
export async function setDailyDigest(db: Executor, campaignId: number, organizerId: number, on: boolean) {
  const result = await db
    .updateTable("campaign_members")
    .set({ daily_digest: on })
    .where("campaign_id", "=", campaignId)
    .where("organizer_id", "=", organizerId)
    .where("role", "=", "owner")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findDailyDigest(db: Executor, campaignId: number, organizerId: number) {
  const row = await db
    .selectFrom("campaign_members")
    .select(["daily_digest", "role"])
    .where("campaign_id", "=", campaignId)
    .where("organizer_id", "=", organizerId)
    .executeTakeFirst();
  return row ? { on: row.daily_digest, owner: row.role === "owner" } : null;
}
