import type { Kysely, Transaction } from "kysely";
import type { Database, NewSignature } from "../../db/schema";
import { COUNTED_STATES, LISTED_STATES, LISTED_VISIBILITIES, type Visibility } from "~/domain/vocab";

type Executor = Kysely<Database> | Transaction<Database>;

/** Verified signatures per campaign and group. */
export async function countVerifiedByGroup(db: Executor, campaignIds: readonly number[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom("signatures")
    .select(["campaign_id", "group_id", (eb) => eb.fn.countAll<number>().as("count")])
    .where("campaign_id", "in", campaignIds)
    .where("state", "in", COUNTED_STATES)
    .groupBy(["campaign_id", "group_id"])
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, count: Number(r.count) })));
}

/** Verified signatures per country for one campaign, largest first. */
export async function countVerifiedByCountry(db: Executor, campaignId: number) {
  const rows = await db
    .selectFrom("signatures")
    .select(["country", (eb) => eb.fn.countAll<number>().as("count")])
    .where("campaign_id", "=", campaignId)
    .where("state", "in", COUNTED_STATES)
    .groupBy("country")
    .orderBy("count", "desc")
    .orderBy("country")
    .execute();
  return rows.map((r) => ({ country: r.country, count: Number(r.count) }));
}

/**
 * The newest listed signatures of one group. Selects only what a listing may show; the
 * caller still reduces each row to its visibility (see domain/signatory.ts).
 */
export async function listListedSignatures(
  db: Executor,
  { campaignId, groupId, limit, offset = 0 }: { campaignId: number; groupId: number; limit: number; offset?: number },
): Promise<{ full_name: string; title: string; country: string; visibility: Visibility; notable: boolean }[]> {
  return db
    .selectFrom("signatures")
    .select(["full_name", "title", "country", "visibility", "notable"])
    .where("campaign_id", "=", campaignId)
    .where("group_id", "=", groupId)
    .where("state", "in", LISTED_STATES)
    .where("visibility", "in", LISTED_VISIBILITIES)
    .orderBy("notable", "desc")
    .orderBy("verified_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

/** How many of a group's verified signatures appear in lists (the rest are counted only). */
export async function countListedSignatures(db: Executor, campaignId: number, groupId: number): Promise<number> {
  const row = await db
    .selectFrom("signatures")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("campaign_id", "=", campaignId)
    .where("group_id", "=", groupId)
    .where("state", "in", LISTED_STATES)
    .where("visibility", "in", LISTED_VISIBILITIES)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Bulk insert (seeds, imports, tests); chunks keep each statement under the parameter limit. */
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
