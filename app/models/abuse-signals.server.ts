import { sql } from "kysely";
import { LIVE_STATES } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

export type BurstKey = "ip" | "domain";

/** Fixed expressions only: the key is chosen from this map, never from input. */
const BURST_KEYS: Record<BurstKey, string> = {
  ip: "ip_hash",
  // The domain is kept beside the sealed address (issue 12); rows not sealed yet still have it in clear.
  domain: "coalesce(email_domain, split_part(email_canonical, '@', 2))",
};

/**
 * IP hashes or email domains with more than `threshold` signatures within some 10-minute
 * window since `since`: for each signature, the signatures of the same key in the 10 minutes
 * from it; the key's peak is the largest such count. Reads one campaign's rows since `since`
 * (index signatures_campaign_created), answers at most `limit` keys, busiest first.
 */
export async function listBursts(
  db: Executor,
  opts: { campaignId: number; key: BurstKey; since: Date; threshold: number; limit: number },
) {
  const key = sql.raw(BURST_KEYS[opts.key]);
  const { rows } = await sql<{ key: string; peak: number; total: number; first_at: Date; last_at: Date }>`
    select key, max(n)::int as peak, count(*)::int as total, min(created_at) as first_at, max(created_at) as last_at
    from (
      select ${key} as key, created_at,
             count(*) over (partition by ${key} order by created_at
                            range between current row and interval '10 minutes' following) as n
      from signatures
      where campaign_id = ${opts.campaignId}
        and created_at >= ${opts.since}
        and state in (${sql.join(LIVE_STATES)})
        and ${key} is not null and ${key} <> ''
    ) w
    group by key
    having max(n) > ${opts.threshold}
    order by peak desc, key
    limit ${opts.limit}`.execute(db);
  return rows.map((r) => ({ ...r, peak: Number(r.peak), total: Number(r.total) }));
}

/** The campaign's notable signatories (whose names impostors might borrow). */
export async function listNotableNames(db: Executor, campaignId: number, limit: number) {
  return db
    .selectFrom("signatures")
    .select(["id", "full_name"])
    .where("campaign_id", "=", campaignId)
    .where("notable", "=", true)
    .where("state", "in", LIVE_STATES)
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** One page of the campaign's other signatures, newest id first (keyset: ids below `beforeId`). */
export async function pageNonNotable(db: Executor, campaignId: number, beforeId: number | null, limit: number) {
  let query = db
    .selectFrom("signatures")
    .select(["id", "full_name", "title", "state"])
    .where("campaign_id", "=", campaignId)
    .where("notable", "=", false)
    .where("state", "in", LIVE_STATES);
  if (beforeId !== null) query = query.where("id", "<", beforeId);
  return query.orderBy("id", "desc").limit(limit).execute();
}

/** Signatures per email domain (at most `limit` domains). */
export async function listDomainCounts(db: Executor, campaignId: number, limit: number) {
  const domain = sql<string>`coalesce(email_domain, split_part(email_canonical, '@', 2))`;
  const rows = await db
    .selectFrom("signatures")
    .select([domain.as("domain"), (eb) => eb.fn.countAll<number>().as("count")])
    .where("campaign_id", "=", campaignId)
    .where("state", "in", LIVE_STATES)
    .groupBy(domain)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ domain: r.domain, count: Number(r.count) }));
}
