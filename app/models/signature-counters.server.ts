import { sql } from "kysely";
import { COUNTED_STATES, LISTED_VISIBILITIES, type SignatureState, type Visibility } from "~/domain/vocab";
import type { Executor, Tx } from "~/utils/db.server";

/**
 * The counter shards (`signature_counts`, see migration 0002): the only code that writes them.
 * Imported by the transitions module alone (signature-transitions.server.ts), which moves
 * signatures and calls `moveCounters` with what moved, inside the same transaction.
 */

/** Shards per (campaign, group, country) counter: concurrent confirmations rarely meet on one row. */
const COUNT_SHARDS = 8;

/** A signature a transition moved: where it is counted, and whether it counted before and after. */
export interface Moved {
  id: number;
  campaign_id: number;
  group_id: number;
  country: string;
  visibility: Visibility;
  old_state: SignatureState;
  new_state: SignatureState;
}

const counted = (state: SignatureState) => (COUNTED_STATES as readonly SignatureState[]).includes(state);
/**
 * Whether a signature's count may show in per-group and per-country numbers: "counted only"
 * signers are counted apart (migration 0012), in the total and nowhere broken down.
 */
const isListed = (visibility: Visibility) => (LISTED_VISIBILITIES as readonly Visibility[]).includes(visibility);

interface CounterKey {
  campaignId: number;
  groupId: number;
  country: string;
  listed: boolean;
}

/**
 * Adds `delta` to one shard of a counter, inside the caller's transaction. `withTotal`: and
 * answers the campaign's total after it, read in the same statement (the sum of the shards
 * as the statement found them, plus what it added).
 */
async function bumpCount(trx: Tx, key: CounterKey, delta: number, withTotal = false): Promise<number | null> {
  const shard = Math.floor(Math.random() * COUNT_SHARDS);
  if (!withTotal) {
    await trx
      .insertInto("signature_counts")
      .values({
        campaign_id: key.campaignId,
        group_id: key.groupId,
        country: key.country,
        listed: key.listed,
        shard,
        count: delta,
      })
      .onConflict((oc) =>
        oc
          .columns(["campaign_id", "group_id", "country", "listed", "shard"])
          .doUpdateSet({ count: (eb) => eb("signature_counts.count", "+", delta) }),
      )
      .execute();
    return null;
  }
  const { rows } = await sql<{ total: string | number }>`
    with bumped as (
      insert into signature_counts (campaign_id, group_id, country, listed, shard, count)
      values (${key.campaignId}, ${key.groupId}, ${key.country}, ${key.listed}, ${shard}, ${delta})
      on conflict (campaign_id, group_id, country, listed, shard)
      do update set count = signature_counts.count + excluded.count
      returning 1
    )
    select coalesce((select sum(count) from signature_counts where campaign_id = ${key.campaignId}), 0)
           + ${delta}::int as total
    from bumped`.execute(trx);
  return Number(rows[0]?.total ?? 0);
}

/**
 * Moves the counters by what the moved rows took out of or brought into the count. When one
 * counter moved (a confirmation), answers the campaign's total after it (what the signer sees
 * as their position); otherwise null.
 */
export async function moveCounters(trx: Tx, moved: readonly Moved[]): Promise<number | null> {
  const deltas = new Map<string, CounterKey & { delta: number }>();
  for (const r of moved) {
    const d = Number(counted(r.new_state)) - Number(counted(r.old_state));
    if (!d) continue;
    const listed = isListed(r.visibility);
    const key = `${r.campaign_id}:${r.group_id}:${r.country}:${listed}`;
    const entry = deltas.get(key) ?? {
      campaignId: r.campaign_id,
      groupId: r.group_id,
      country: r.country,
      listed,
      delta: 0,
    };
    entry.delta += d;
    deltas.set(key, entry);
  }
  const moves = [...deltas.values()].filter((d) => d.delta);
  // A single move (a confirmation) answers the total with it; bulk moves need none.
  if (moves.length === 1) return bumpCount(trx, moves[0]!, moves[0]!.delta, true);
  for (const d of moves) await bumpCount(trx, d, d.delta);
  return null;
}

/**
 * A signature changed its visibility: if it counts and moved into or out of "counted only",
 * its count moves between the listed and the unlisted counter of its group and country.
 */
export async function moveBetweenListings(
  trx: Tx,
  row: Pick<Moved, "campaign_id" | "group_id" | "country" | "visibility" | "new_state">,
  visibility: Visibility,
): Promise<void> {
  if (!counted(row.new_state) || isListed(row.visibility) === isListed(visibility)) return;
  const key = { campaignId: row.campaign_id, groupId: row.group_id, country: row.country };
  await bumpCount(trx, { ...key, listed: isListed(row.visibility) }, -1);
  await bumpCount(trx, { ...key, listed: isListed(visibility) }, 1);
}

/** A group merged into another: its counter shards join the other group's, one for one. */
export async function moveGroupCounters(trx: Tx, campaignId: number, fromGroupId: number, toGroupId: number) {
  await sql`
    insert into signature_counts (campaign_id, group_id, country, listed, shard, count)
    select campaign_id, ${toGroupId}, country, listed, shard, count
    from signature_counts
    where campaign_id = ${campaignId} and group_id = ${fromGroupId}
    on conflict (campaign_id, group_id, country, listed, shard)
    do update set count = signature_counts.count + excluded.count`.execute(trx);
  await trx
    .deleteFrom("signature_counts")
    .where("campaign_id", "=", campaignId)
    .where("group_id", "=", fromGroupId)
    .execute();
}

// ---------------------------------------------------------------------------------------
// Whole counters: seeds, imports, repair

/** Recomputes campaigns' counters from the signatures themselves (seeds, imports, benchmarks). */
export async function rebuildCounts(db: Executor, campaignIds: readonly number[]): Promise<void> {
  if (campaignIds.length === 0) return;
  await db.deleteFrom("signature_counts").where("campaign_id", "in", campaignIds).execute();
  await db
    .insertInto("signature_counts")
    .columns(["campaign_id", "group_id", "country", "listed", "shard", "count"])
    .expression((eb) =>
      eb
        .selectFrom("signatures")
        .select([
          "campaign_id",
          "group_id",
          "country",
          sql<boolean>`visibility in (${sql.join(LISTED_VISIBILITIES)})`.as("listed"),
          sql<number>`0`.as("shard"),
          sql<number>`count(*)::int`.as("count"),
        ])
        .where("campaign_id", "in", campaignIds)
        .where("state", "in", COUNTED_STATES)
        .groupBy(["campaign_id", "group_id", "country", sql`4`]),
    )
    .execute();
}

/**
 * Finds counters that disagree with the rows and corrects them by the difference, in one
 * statement: both sides are read in the same snapshot, so a confirmation committing
 * meanwhile is either in both or in neither, and the repair is exact. Returns the keys
 * that were off and by how much.
 */
export async function repairCountDrift(db: Executor) {
  const { rows } = await sql<{
    campaign_id: number;
    group_id: number;
    country: string;
    listed: boolean;
    count: number;
  }>`
    insert into signature_counts (campaign_id, group_id, country, listed, shard, count)
    select campaign_id, group_id, country, listed, 0, diff from (
      select campaign_id, group_id, country, listed, coalesce(r.n, 0) - coalesce(c.n, 0) as diff
      from (
        select campaign_id, group_id, country, visibility in (${sql.join(LISTED_VISIBILITIES)}) as listed,
               count(*)::int as n
        from signatures where state in (${sql.join(COUNTED_STATES)})
        group by 1, 2, 3, 4
      ) r
      full join (
        select campaign_id, group_id, country, listed, sum(count)::int as n
        from signature_counts group by campaign_id, group_id, country, listed
      ) c using (campaign_id, group_id, country, listed)
    ) drift
    where diff <> 0
    on conflict (campaign_id, group_id, country, listed, shard)
    do update set count = signature_counts.count + excluded.count
    returning campaign_id, group_id, country, listed, count`.execute(db);
  return rows;
}
