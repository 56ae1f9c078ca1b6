import type { Locale } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

/**
 * What became of a campaign after its signatures: the answer due and the answer (text per
 * language, day, document), paper batches, and the earlier campaign it follows up.
 */

export async function findCampaignOutcome(db: Executor, campaignId: number, opts: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("campaigns")
    .select([
      "id",
      "slug",
      "status",
      "goal",
      "canonical_locale",
      "opened_at",
      "delivered_on",
      "delivered_to",
      "response_due_on",
      "answered_on",
      "answer_document_url",
      "follow_up_of",
    ])
    .where("id", "=", campaignId);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function listAnswerTexts(db: Executor, campaignId: number) {
  return db
    .selectFrom("campaign_answer_translations")
    .select(["locale", "text"])
    .where("campaign_id", "=", campaignId)
    .orderBy("locale")
    .execute();
}

export async function setResponseDue(db: Executor, campaignId: number, dueOn: string | null): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({ response_due_on: dueOn, updated_at: new Date() })
    .where("id", "=", campaignId)
    .execute();
}

/** Stores the answer: its day, document and texts (a language left empty is removed). */
export async function saveAnswer(
  db: Executor,
  campaignId: number,
  answer: { on: string; documentUrl: string | null; texts: { locale: Locale; text: string }[] },
): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({ answered_on: answer.on, answer_document_url: answer.documentUrl, updated_at: new Date() })
    .where("id", "=", campaignId)
    .execute();
  await db.deleteFrom("campaign_answer_translations").where("campaign_id", "=", campaignId).execute();
  if (answer.texts.length) {
    await db
      .insertInto("campaign_answer_translations")
      .values(answer.texts.map((t) => ({ campaign_id: campaignId, locale: t.locale, text: t.text })))
      .execute();
  }
}

// ---------------------------------------------------------------------------------------
// Paper batches

export async function insertPaperBatch(
  db: Executor,
  batch: {
    campaignId: number;
    organizerId: number;
    kind: "counts" | "named";
    source: string;
    collectedOn: string;
    total: number;
  },
): Promise<number> {
  const row = await db
    .insertInto("paper_batches")
    .values({
      campaign_id: batch.campaignId,
      organizer_id: batch.organizerId,
      kind: batch.kind,
      source: batch.source,
      collected_on: batch.collectedOn,
      total: batch.total,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listPaperBatches(db: Executor, campaignId: number, limit: number) {
  return db
    .selectFrom("paper_batches")
    .leftJoin("organizers", "organizers.id", "paper_batches.organizer_id")
    .select([
      "paper_batches.id",
      "paper_batches.kind",
      "paper_batches.source",
      "paper_batches.collected_on",
      "paper_batches.total",
      "paper_batches.created_at",
      "organizers.email as organizer_email",
    ])
    .where("paper_batches.campaign_id", "=", campaignId)
    .orderBy("paper_batches.id", "desc")
    .limit(limit)
    .execute();
}

/** Paper signatures of a campaign that count now ("including N on paper"). */
export async function countVerifiedOnPaper(db: Executor, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom("signatures")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("campaign_id", "=", campaignId)
    .where("paper_batch_id", "is not", null)
    .where("state", "=", "verified")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The text version of a campaign's original language, which paper signers signed. */
export async function currentTextVersion(db: Executor, campaignId: number, locale: Locale): Promise<number> {
  const row = await db
    .selectFrom("campaign_translations")
    .select("version")
    .where("campaign_id", "=", campaignId)
    .where("locale", "=", locale)
    .executeTakeFirst();
  return row?.version ?? 1;
}

// ---------------------------------------------------------------------------------------
// Follow-ups

export async function setFollowUpOf(db: Executor, campaignId: number, earlierId: number | null): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({ follow_up_of: earlierId, updated_at: new Date() })
    .where("id", "=", campaignId)
    .execute();
}

/** The chain of earlier campaigns from `campaignId` back (to find cycles), at most `limit` long. */
export async function followUpChain(db: Executor, campaignId: number, limit = 50): Promise<number[]> {
  const chain: number[] = [];
  let current: number | null = campaignId;
  while (current !== null && chain.length < limit) {
    const row: { follow_up_of: number | null } | undefined = await db
      .selectFrom("campaigns")
      .select("follow_up_of")
      .where("id", "=", current)
      .executeTakeFirst();
    current = row?.follow_up_of ?? null;
    if (current !== null) chain.push(current);
    if (current === campaignId) break;
  }
  return chain;
}
