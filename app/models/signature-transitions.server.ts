import { sql, type Insertable, type Updateable } from "kysely";
import type { SignaturesTable } from "../../db/schema";
import {
  COUNTED_STATES,
  INVALIDATABLE_STATES,
  LISTED_VISIBILITIES,
  type SignatureState,
  type Visibility,
} from "~/domain/vocab";
import type { Executor, Tx } from "~/utils/db.server";
import { projectVisibility } from "./signature-secrets.server";

/**
 * The one module that moves signatures between states, and the only code that writes the
 * counter shards (`signature_counts`, see migration 0002).
 *
 * Every transition runs inside the caller's transaction (`Tx`): it locks the rows it moves
 * (the UPDATE itself, or `for update` where the old state must be read first), changes them
 * only if they are in a state the transition starts from, and moves the counters by exactly
 * what left or joined `COUNTED_STATES`, once per (group, country, listed) key. So a retried job, a
 * double click or two moderators at once never move a counter twice, and a rolled-back
 * caller leaves the counters as they were.
 */

/** Shards per (campaign, group, country) counter: concurrent confirmations rarely meet on one row. */
export const COUNT_SHARDS = 8;

/** A signature a transition moved: where it is counted, and whether it counted before and after. */
interface Moved {
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
export const isListed = (visibility: Visibility) => (LISTED_VISIBILITIES as readonly Visibility[]).includes(visibility);

interface CounterKey {
  campaignId: number;
  groupId: number;
  country: string;
  listed: boolean;
}

/** Adds `delta` to one shard of a counter, inside the caller's transaction. */
async function bumpCount(trx: Tx, key: CounterKey, delta: number): Promise<void> {
  const shard = Math.floor(Math.random() * COUNT_SHARDS);
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
}

/** Moves the counters by what the moved rows took out of or brought into the count. */
async function moveCounters(trx: Tx, moved: readonly Moved[]): Promise<void> {
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
  for (const d of deltas.values()) if (d.delta) await bumpCount(trx, d, d.delta);
}

/**
 * Moves the chosen signatures of one campaign that are in one of `from` to `to`, with the
 * extra column values `set`; returns the rows that moved (in id order).
 */
async function transition(
  trx: Tx,
  where: { campaignId?: number; ids: readonly number[] },
  from: readonly SignatureState[],
  to: SignatureState,
  set: Updateable<SignaturesTable> = {},
): Promise<Moved[]> {
  if (where.ids.length === 0) return [];
  let old = trx
    .selectFrom("signatures")
    .select(["id", "state"])
    .where("id", "in", where.ids)
    .where("state", "in", from)
    .orderBy("id")
    .forUpdate();
  if (where.campaignId !== undefined) old = old.where("campaign_id", "=", where.campaignId);
  const moved = await trx
    .with("old", () => old)
    .updateTable("signatures")
    .from("old")
    .set({ ...set, state: to, updated_at: new Date() })
    .whereRef("signatures.id", "=", "old.id")
    .returning([
      "signatures.id",
      "signatures.campaign_id",
      "signatures.group_id",
      "signatures.country",
      "signatures.visibility",
      "old.state as old_state",
      "signatures.state as new_state",
    ])
    .execute();
  moved.sort((a, b) => a.id - b.id);
  await moveCounters(trx, moved);
  return moved;
}

const ids = (rows: readonly Moved[]) => rows.map((r) => r.id);

// ---------------------------------------------------------------------------------------
// Signers

/** The signer pressed Confirm: pending → verified, counted. False when it was not pending. */
export async function verifySignature(trx: Tx, id: number): Promise<boolean> {
  const now = new Date();
  const moved = await transition(trx, { ids: [id] }, ["pending"], "verified", {
    verified_at: now,
    email_confirmed_at: now,
    review_reason: null,
  });
  return moved.length === 1;
}

/**
 * The address is proven but the signature waits for an organizer (e.g. the captcha could not
 * be checked): it stays pending and uncounted, with the confirmation recorded.
 */
export async function holdForReview(trx: Tx, id: number): Promise<void> {
  await trx
    .updateTable("signatures")
    .set({ email_confirmed_at: new Date(), updated_at: new Date() })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .execute();
}

/** An organizer releases signatures held for review whose address was confirmed: they count. */
export async function releaseFromReview(trx: Tx, campaignId: number, wanted: readonly number[]): Promise<number[]> {
  const held = { campaignId, ids: await heldForReview(trx, campaignId, wanted) };
  return ids(await transition(trx, held, ["pending"], "verified", { verified_at: new Date(), review_reason: null }));
}

/** Which of the chosen signatures are held for review: pending, flagged, address confirmed. */
async function heldForReview(trx: Tx, campaignId: number, wanted: readonly number[]): Promise<number[]> {
  if (wanted.length === 0) return [];
  const held = await trx
    .selectFrom("signatures")
    .select("id")
    .where("campaign_id", "=", campaignId)
    .where("id", "in", wanted)
    .where("state", "=", "pending")
    .where("review_reason", "is not", null)
    .where("email_confirmed_at", "is not", null)
    .execute();
  return held.map((r) => r.id);
}

/**
 * An organizer rejects signatures held for review (confirmed, never counted): they become
 * invalidated and stay uncounted. Only held ones move; anything else chosen is left alone.
 */
export async function rejectFromReview(trx: Tx, campaignId: number, wanted: readonly number[]): Promise<number[]> {
  const held = { campaignId, ids: await heldForReview(trx, campaignId, wanted) };
  return ids(await transition(trx, held, ["pending"], "invalidated"));
}

/**
 * Withdrawal keeps an anonymous tombstone (state, group, country, dates) and erases who it
 * was: name, title, city, comment and address. The person may sign again later. Returns
 * the campaign, or null when there was nothing left to withdraw.
 */
export async function withdrawSignature(trx: Tx, id: number): Promise<{ campaignId: number } | null> {
  const moved = await transition(trx, { ids: [id] }, ["pending", "verified", "hidden", "invalidated"], "withdrawn", {
    full_name: "",
    title: "",
    city: null,
    comment: null,
    email: null,
    email_canonical: null,
    sealed: null,
    email_hash: null,
    email_domain: null,
    confirm_token_hash: null,
    ip_hash: null,
    ip_hash_expires_at: null,
  });
  return moved[0] ? { campaignId: moved[0].campaign_id } : null;
}

/**
 * How the signer shows on public pages. The total is the same whatever they choose; a
 * counted signature moving into or out of "counted only" moves its count between the
 * listed and the unlisted counters, so it leaves (or joins) the per-group and per-country
 * numbers at once. False when the signature is gone (withdrawn, invalidated or unknown).
 */
export async function changeVisibility(trx: Tx, id: number, visibility: Visibility): Promise<boolean> {
  const old = await trx
    .selectFrom("signatures")
    .select(["id", "campaign_id", "group_id", "country", "state", "visibility"])
    .where("id", "=", id)
    .where("state", "in", ["pending", "verified", "hidden"])
    .forUpdate()
    .executeTakeFirst();
  if (!old) return false;
  if (old.visibility === visibility) return true;
  await trx.updateTable("signatures").set({ visibility, updated_at: new Date() }).where("id", "=", id).execute();
  await projectVisibility(trx, id, visibility); // what is in clear follows what is published
  if (counted(old.state) && isListed(old.visibility) !== isListed(visibility)) {
    const key = { campaignId: old.campaign_id, groupId: old.group_id, country: old.country };
    await bumpCount(trx, { ...key, listed: isListed(old.visibility) }, -1);
    await bumpCount(trx, { ...key, listed: isListed(visibility) }, 1);
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Organizers

/** verified → hidden: off the lists and out of the count, kept for the record. */
export async function hideSignatures(trx: Tx, campaignId: number, wanted: readonly number[]): Promise<number[]> {
  return ids(await transition(trx, { campaignId, ids: wanted }, ["verified"], "hidden"));
}

/** hidden → verified: back in the lists and the count. */
export async function unhideSignatures(trx: Tx, campaignId: number, wanted: readonly number[]): Promise<number[]> {
  return ids(await transition(trx, { campaignId, ids: wanted }, ["hidden"], "verified"));
}

/** pending, verified or hidden → invalidated (a bot, a troll, a fake famous name). */
export async function invalidateSignatures(trx: Tx, campaignId: number, wanted: readonly number[]): Promise<number[]> {
  return ids(await transition(trx, { campaignId, ids: wanted }, INVALIDATABLE_STATES, "invalidated"));
}

/**
 * Moves every signature of one signer group into another (a merge), and their counter
 * shards with them, so the totals per campaign and country stay exactly what they were.
 * Returns how many signatures moved.
 */
export async function moveToGroup(trx: Tx, campaignId: number, fromGroupId: number, toGroupId: number) {
  const result = await trx
    .updateTable("signatures")
    .set({ group_id: toGroupId, updated_at: new Date() })
    .where("campaign_id", "=", campaignId)
    .where("group_id", "=", fromGroupId)
    .executeTakeFirst();
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
  return Number(result.numUpdatedRows);
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

// ---------------------------------------------------------------------------------------
// Signatures born counted: paper sheets and follow-up letters (issue 15)

/** A paper batch's line: `count` people of a group and country, or one named signatory. */
export type PaperLine =
  | { groupId: number; country: string; count: number }
  | { groupId: number; country: string; fullName: string; title: string; visibility: Visibility; sealed?: Sealed };
type Sealed = { envelope: string; keyId: string }; // models/signature-secrets: the name and title then as published

/** Paper signatures as verified rows of their batch ("counted only" for counted lines), counters moved once. */
export async function addPaperSignatures(
  trx: Tx,
  b: { campaignId: number; batchId: number; locale: string; textVersion: number },
  lines: readonly PaperLine[],
): Promise<number> {
  const added: Moved[] = [];
  for (const line of lines) {
    const named = "fullName" in line;
    const { rows } = await sql<Moved>`
      insert into signatures (campaign_id, group_id, full_name, email, email_canonical, title, country, visibility,
                              state, locale, text_version, paper_batch_id, verified_at, created_at, updated_at, sealed, key_id)
      select ${b.campaignId}, ${line.groupId}, ${named ? line.fullName : ""}, '',
             'paper:' || ${b.batchId}::int || ':' || (${added.length}::int + g), ${named ? line.title : ""},
             ${line.country}, ${named ? line.visibility : "counted"}, 'verified', ${b.locale}, ${b.textVersion},
             ${b.batchId}, now(), now(), now(), ${named ? (line.sealed?.envelope ?? null) : null},
             ${named ? (line.sealed?.keyId ?? null) : null}
      from generate_series(1, ${named ? 1 : line.count}::int) as g
      returning id, campaign_id, group_id, country, visibility, 'pending' as old_state, state as new_state`.execute(
      trx,
    );
    added.push(...rows);
  }
  await moveCounters(trx, added);
  return added.length;
}

/** A follow-up signed with one button: verified and counted by that act; null when already signed. */
export async function addConfirmedSignature(trx: Tx, row: Insertable<SignaturesTable>): Promise<number | null> {
  const now = new Date();
  const inserted = await trx
    .insertInto("signatures")
    .values({ ...row, state: "verified", verified_at: now, email_confirmed_at: now, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(["campaign_id", "email_hash"]).doNothing())
    .returning(["id", "campaign_id", "group_id", "country", "visibility"])
    .executeTakeFirst();
  if (inserted) await moveCounters(trx, [{ ...inserted, old_state: "pending", new_state: "verified" }]);
  return inserted?.id ?? null;
}
