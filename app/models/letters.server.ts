import { sql, type Insertable, type Updateable } from "kysely";
import type { LettersTable } from "../../db/schema";
import { letterStatesBefore, POSTED_LETTER_STATES, WRITTEN_LETTER_STATES, type LetterState } from "~/domain/letters";
import type { Locale } from "~/domain/vocab";
import type { Executor, Tx } from "~/utils/db.server";

/**
 * Letters to prisoners. `moveLetter` is the only code that changes a letter's state: it moves
 * a letter only from a state that app/domain/letters.ts allows, so a double click or two
 * organizers at once change it once.
 */

export type NewLetter = Insertable<LettersTable>;

export async function insertLetter(db: Executor, letter: NewLetter): Promise<number> {
  const row = await db.insertInto("letters").values(letter).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Letters of the prisoners a campaign is about: the scope of its letter pages. */
function campaignPrisoners(campaignId: number) {
  return sql<number>`(select prisoner_id from campaign_prisoners where campaign_id = ${campaignId})`;
}

/** One letter, if its prisoner is one of the campaign's; locked when `forUpdate`. */
export async function findLetterForCampaign(
  db: Executor,
  campaignId: number,
  letterId: number,
  opts: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom("letters")
    .selectAll()
    .where("id", "=", letterId)
    .where("prisoner_id", "in", campaignPrisoners(campaignId));
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findLetterByConfirmToken(db: Executor, tokenHash: string, opts: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("letters").selectAll().where("confirm_token_hash", "=", tokenHash);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function markLetterEmailConfirmed(db: Tx, letterId: number): Promise<void> {
  await db.updateTable("letters").set({ email_confirmed_at: new Date() }).where("id", "=", letterId).execute();
}

export interface LetterFilters {
  state?: LetterState | null;
  prisonerId?: number | null;
  language?: Locale | null;
  flagged?: boolean;
  batchId?: number | null;
}

/** The queue of a campaign: newest first, filtered; at most `limit` rows after `offset`. */
export async function listLettersForCampaign(
  db: Executor,
  campaignId: number,
  filters: LetterFilters,
  page: { limit: number; offset: number },
) {
  let query = db
    .selectFrom("letters as l")
    .innerJoin("prisoners as p", "p.id", "l.prisoner_id")
    .select([
      "l.id",
      "l.prisoner_id",
      "p.slug as prisoner_slug",
      "l.state",
      "l.language",
      "l.writer_name",
      "l.writer_country",
      "l.flags",
      "l.translation_kind",
      "l.translation_checked_at",
      "l.batch_id",
      "l.created_at",
      sql<string>`left(l.body, 160)`.as("preview"),
      sql<number>`char_length(l.body)`.as("length"),
    ])
    .where("l.prisoner_id", "in", campaignPrisoners(campaignId));
  if (filters.state) query = query.where("l.state", "=", filters.state);
  if (filters.prisonerId) query = query.where("l.prisoner_id", "=", filters.prisonerId);
  if (filters.language) query = query.where("l.language", "=", filters.language);
  if (filters.flagged) query = query.where(sql<boolean>`cardinality(l.flags) > 0`);
  if (filters.batchId) query = query.where("l.batch_id", "=", filters.batchId);
  return query.orderBy("l.id", "desc").limit(page.limit).offset(page.offset).execute();
}

/** How many letters of the campaign's prisoners are in each state. */
export async function countLettersByState(db: Executor, campaignId: number) {
  const rows = await db
    .selectFrom("letters")
    .select(["state", sql<number>`count(*)::int`.as("count")])
    .where("prisoner_id", "in", campaignPrisoners(campaignId))
    .groupBy("state")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, r.count])) as Partial<Record<LetterState, number>>;
}

/**
 * Moves a letter from one of `from` to `to` (with the columns that go with the move) when
 * app/domain/letters.ts allows that move; false when it does not or the letter already moved.
 */
export async function moveLetter(
  db: Tx,
  letterId: number,
  from: readonly LetterState[],
  to: LetterState,
  patch: Omit<Updateable<LettersTable>, "state" | "id"> = {},
): Promise<boolean> {
  const allowed = letterStatesBefore(to).filter((s) => from.includes(s));
  if (allowed.length === 0) return false;
  const result = await db
    .updateTable("letters")
    .set({ ...patch, state: to, state_changed_at: new Date() })
    .where("id", "=", letterId)
    .where("state", "in", allowed)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new text to post for a letter that stays "translated" (a corrected translation, a check). */
export async function updateTranslation(
  db: Tx,
  letterId: number,
  patch: Pick<
    Updateable<LettersTable>,
    "translation" | "translation_kind" | "translated_by" | "translation_checked_by" | "translation_checked_at" | "flags"
  >,
): Promise<boolean> {
  const result = await db
    .updateTable("letters")
    .set(patch)
    .where("id", "=", letterId)
    .where("state", "=", "translated")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves every letter of a batch that is in `from` to `to`; the ids moved. */
export async function moveBatchLetters(db: Tx, batchId: number, from: LetterState, to: LetterState): Promise<number[]> {
  if (!letterStatesBefore(to).includes(from)) return [];
  const rows = await db
    .updateTable("letters")
    .set({ state: to, state_changed_at: new Date() })
    .where("batch_id", "=", batchId)
    .where("state", "=", from)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Columns that are not a state: the flags, the excerpt the public may read. */
export async function updateLetterDetails(
  db: Executor,
  letterId: number,
  patch: Pick<Updateable<LettersTable>, "flags" | "public_excerpt">,
): Promise<void> {
  await db.updateTable("letters").set(patch).where("id", "=", letterId).execute();
}

/** The letters of one batch, in the order they were added, for printing and the text copy. */
export async function listBatchLetters(db: Executor, batchId: number) {
  return db
    .selectFrom("letters")
    .select([
      "id",
      "state",
      "language",
      "body",
      "translation",
      "translation_kind",
      "translation_checked_at",
      "writer_name",
      "writer_country",
    ])
    .where("batch_id", "=", batchId)
    .orderBy("id")
    .execute();
}

/** The letters that may go into a new batch for a prisoner: translated, and checked if machine-made. */
export async function listBatchableLetters(db: Executor, prisonerIds: readonly number[]) {
  if (prisonerIds.length === 0) return [];
  return db
    .selectFrom("letters")
    .select([
      "id",
      "prisoner_id",
      "language",
      "writer_name",
      "writer_country",
      "translation_kind",
      sql<string>`left(coalesce(translation, body), 120)`.as("preview"),
    ])
    .where("prisoner_id", "in", prisonerIds)
    .where("state", "=", "translated")
    .where((eb) => eb.or([eb("translation_kind", "<>", "machine"), eb("translation_checked_at", "is not", null)]))
    .orderBy("id")
    .execute();
}

/** Writers who confirmed an address, among these letters: whom to tell of a reply or a refusal. */
export async function listWritersToTell(db: Executor, letterIds: readonly number[]) {
  if (letterIds.length === 0) return [];
  return db
    .selectFrom("letters")
    .select(["id", "writer_email", "writer_name", "locale", "prisoner_id"])
    .where("id", "in", letterIds)
    .where("writer_email", "is not", null)
    .where("email_confirmed_at", "is not", null)
    .execute();
}

/** What the public sees of a prisoner's letters: counts only. */
export async function letterCounts(db: Executor, prisonerId: number) {
  const row = await db
    .selectFrom("letters")
    .select([
      sql<number>`count(*) filter (where state in (${sql.join(WRITTEN_LETTER_STATES)}))::int`.as("written"),
      sql<number>`count(*) filter (where state in (${sql.join(POSTED_LETTER_STATES)}))::int`.as("posted"),
      sql<number>`count(*) filter (where state = 'answered')::int`.as("answered"),
    ])
    .where("prisoner_id", "=", prisonerId)
    .executeTakeFirstOrThrow();
  return row;
}

/** Excerpts both the writer and the organizers agreed to publish, newest first. */
export async function listPublicExcerpts(db: Executor, prisonerId: number, limit: number) {
  return db
    .selectFrom("letters")
    .select(["id", "writer_name", "writer_country", "language", "public_excerpt"])
    .where("prisoner_id", "=", prisonerId)
    .where("publish_consent", "=", true)
    .where("public_excerpt", "is not", null)
    .where("state", "in", WRITTEN_LETTER_STATES)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Every letter of the campaign's prisoners (or of one), oldest first, with its batch's posting. */
export async function listLettersForExport(db: Executor, campaignId: number, prisonerId: number | null) {
  let query = db
    .selectFrom("letters as l")
    .innerJoin("prisoners as p", "p.id", "l.prisoner_id")
    .leftJoin("letter_batches as b", "b.id", "l.batch_id")
    .select([
      "l.id",
      "p.slug as prisoner",
      "l.state",
      "l.language",
      "l.created_at",
      "l.writer_name",
      "l.writer_country",
      "l.writer_email",
      "l.email_confirmed_at",
      "l.flags",
      "l.translation_kind",
      "l.reject_reason",
      "l.batch_id",
      "b.method",
      "b.posted_on",
      "l.body",
      "l.translation",
    ])
    .where("l.prisoner_id", "in", campaignPrisoners(campaignId));
  if (prisonerId) query = query.where("l.prisoner_id", "=", prisonerId);
  return query.orderBy("l.id").limit(50_000).execute();
}
