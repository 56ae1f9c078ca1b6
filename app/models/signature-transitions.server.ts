import { sql, type Insertable, type Updateable } from "kysely";
import type { SignaturesTable } from "../../db/schema";
import { INVALIDATABLE_STATES, type SignatureState, type Visibility } from "~/domain/vocab";
import type { Tx } from "~/utils/db.server";
import { moveBetweenListings, moveCounters, moveGroupCounters, type Moved } from "./signature-counters.server";
import { projectVisibility } from "./signature-secrets.server";

export { rebuildCounts, repairCountDrift } from "./signature-counters.server";

/**
 * The one module that moves signatures between states; the counter shards move with them
 * through `signature-counters.server.ts`, which only this module imports.
 *
 * Every transition runs inside the caller's transaction (`Tx`): it locks the rows it moves
 * (the UPDATE itself, or `for update` where the old state must be read first), changes them
 * only if they are in a state the transition starts from, and moves the counters by exactly
 * what left or joined `COUNTED_STATES`, once per (group, country, listed) key. So a retried job, a
 * double click or two moderators at once never move a counter twice, and a rolled-back
 * caller leaves the counters as they were.
 */

/**
 * Moves the chosen signatures of one campaign that are in one of `from` to `to`, with the
 * extra column values `set`; returns the rows that moved (in id order) and, when one
 * counter moved, the campaign's total after it (moveCounters).
 */
async function transition(
  trx: Tx,
  where: { campaignId?: number; ids: readonly number[] },
  from: readonly SignatureState[],
  to: SignatureState,
  set: Updateable<SignaturesTable> = {},
): Promise<{ moved: Moved[]; total: number | null }> {
  if (where.ids.length === 0) return { moved: [], total: null };
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
  return { moved, total: await moveCounters(trx, moved) };
}

const ids = ({ moved }: { moved: readonly Moved[] }) => moved.map((r) => r.id);

// ---------------------------------------------------------------------------------------
// Signers

/**
 * The signer pressed Confirm: pending → verified, counted. Answers the campaign's total
 * with this signature in it (the signer's position), from the counter move itself; null
 * when it was not pending.
 */
export async function verifySignature(trx: Tx, id: number): Promise<number | null> {
  const now = new Date();
  const { moved, total } = await transition(trx, { ids: [id] }, ["pending"], "verified", {
    verified_at: now,
    email_confirmed_at: now,
    review_reason: null,
  });
  return moved.length === 1 ? total : null;
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
  const { moved } = await transition(
    trx,
    { ids: [id] },
    ["pending", "verified", "hidden", "invalidated"],
    "withdrawn",
    {
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
    },
  );
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
  await moveBetweenListings(trx, { ...old, new_state: old.state }, visibility);
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
  await moveGroupCounters(trx, campaignId, fromGroupId, toGroupId);
  return Number(result.numUpdatedRows);
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
