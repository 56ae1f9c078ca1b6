import { sql, type Updateable } from "kysely";
import type { LetterBatchesTable } from "../../db/schema";
import type { BatchState } from "~/domain/letters";
import type { Executor, Tx } from "~/utils/db.server";

/** Batches of letters posted together, and the prisoners' replies. */

function campaignPrisoners(campaignId: number) {
  return sql<number>`(select prisoner_id from campaign_prisoners where campaign_id = ${campaignId})`;
}

export async function insertBatch(
  db: Tx,
  batch: { prisonerId: number; includeOriginal: boolean; createdBy: number },
): Promise<number> {
  const row = await db
    .insertInto("letter_batches")
    .values({ prisoner_id: batch.prisonerId, include_original: batch.includeOriginal, created_by: batch.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One batch, if its prisoner is one of the campaign's; locked when `forUpdate`. */
export async function findBatchForCampaign(
  db: Executor,
  campaignId: number,
  batchId: number,
  opts: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom("letter_batches")
    .selectAll()
    .where("id", "=", batchId)
    .where("prisoner_id", "in", campaignPrisoners(campaignId));
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The campaign's batches, newest first, with how many letters each holds. */
export async function listBatchesForCampaign(db: Executor, campaignId: number, limit = 100) {
  return db
    .selectFrom("letter_batches as b")
    .innerJoin("prisoners as p", "p.id", "b.prisoner_id")
    .select([
      "b.id",
      "b.state",
      "b.method",
      "b.posted_on",
      "b.outcome_on",
      "b.created_at",
      "p.slug as prisoner_slug",
      "b.prisoner_id",
      sql<number>`(select count(*)::int from letters l where l.batch_id = b.id)`.as("letters"),
    ])
    .where("b.prisoner_id", "in", campaignPrisoners(campaignId))
    .orderBy("b.id", "desc")
    .limit(limit)
    .execute();
}

/** Changes a batch in one of `from` states; false when it is not (any more) in one of them. */
export async function updateBatch(
  db: Tx,
  batchId: number,
  from: readonly BatchState[],
  patch: Omit<Updateable<LetterBatchesTable>, "id" | "prisoner_id">,
): Promise<boolean> {
  const result = await db
    .updateTable("letter_batches")
    .set(patch)
    .where("id", "=", batchId)
    .where("state", "in", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The day a letter to this prisoner was last posted, or null. */
export async function lastPostedOn(db: Executor, prisonerId: number): Promise<string | null> {
  const row = await db
    .selectFrom("letter_batches")
    .select(sql<string | null>`max(posted_on)::text`.as("on"))
    .where("prisoner_id", "=", prisonerId)
    .where("state", "<>", "prepared")
    .executeTakeFirst();
  return row?.on ?? null;
}

export async function insertReply(
  db: Tx,
  reply: {
    prisonerId: number;
    batchId: number | null;
    letterId: number | null;
    receivedOn: string;
    text: string;
    passOn: boolean;
    scan: { data: Buffer; width: number; height: number } | null;
    createdBy: number;
  },
): Promise<number> {
  const row = await db
    .insertInto("letter_replies")
    .values({
      prisoner_id: reply.prisonerId,
      batch_id: reply.batchId,
      letter_id: reply.letterId,
      received_on: reply.receivedOn,
      text: reply.text,
      pass_on: reply.passOn,
      scan: reply.scan?.data ?? null,
      scan_width: reply.scan?.width ?? null,
      scan_height: reply.scan?.height ?? null,
      created_by: reply.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setRepliesNotified(db: Tx, replyId: number, count: number): Promise<void> {
  await db.updateTable("letter_replies").set({ writers_notified: count }).where("id", "=", replyId).execute();
}

/** Replies to a batch or to one letter (without the scan's bytes). */
export async function listReplies(db: Executor, target: { batchId?: number; letterId?: number }) {
  let query = db
    .selectFrom("letter_replies")
    .select([
      "id",
      "batch_id",
      "letter_id",
      "received_on",
      "text",
      "pass_on",
      "writers_notified",
      "created_at",
      sql<boolean>`scan is not null`.as("has_scan"),
    ]);
  if (target.batchId) query = query.where("batch_id", "=", target.batchId);
  if (target.letterId) query = query.where("letter_id", "=", target.letterId);
  return query.orderBy("id").execute();
}

/** A reply's scan, if the reply is to one of the campaign's prisoners and has one. */
export async function findReplyScan(db: Executor, campaignId: number, replyId: number): Promise<Buffer | null> {
  const row = await db
    .selectFrom("letter_replies")
    .select("scan")
    .where("id", "=", replyId)
    .where("prisoner_id", "in", campaignPrisoners(campaignId))
    .executeTakeFirst();
  return row?.scan ?? null;
}
