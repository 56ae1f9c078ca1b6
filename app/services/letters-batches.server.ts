import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { insertAudit } from "~/models/audit.server";
import {
  findBatchForCampaign,
  insertBatch,
  listBatchesForCampaign,
  listReplies,
  updateBatch,
} from "~/models/letter-batches.server";
import {
  findLetterForCampaign,
  listBatchableLetters,
  listBatchLetters,
  moveBatchLetters,
  moveLetter,
} from "~/models/letters.server";
import { listPrisonerTranslations } from "~/models/prisoner.server";
import type { BatchActionInput } from "~/schemas/letters";
import { getDb } from "~/utils/db.server";
import { readLetterSettings } from "./letters-settings.server";
import { campaignPrisonerNames } from "./letters-queue.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";

/**
 * Batches: approved, translated letters to one prisoner gathered to be posted together, on
 * paper (a printable A4 document, one letter a page) or through the prison's electronic
 * service (plain texts to paste). A batch records when and how it left, its reference and
 * cost, and whether it was delivered or came back; its letters move with it. Owners and
 * editors ("edit") run them. No page or text made here carries a writer's address.
 */

/** The batches page: what may be batched per prisoner, and the batches so far. */
export async function loadBatchesPage(access: CampaignAccess, locale: Locale) {
  const db = getDb();
  const prisoners = await campaignPrisonerNames(db, access.campaign.id, locale);
  const [ready, batches] = await Promise.all([
    listBatchableLetters(
      db,
      prisoners.map((p) => p.id),
    ),
    listBatchesForCampaign(db, access.campaign.id),
  ]);
  return {
    slug: access.campaign.slug,
    prisoners: prisoners.map((p) => ({
      ...p,
      ready: ready
        .filter((l) => l.prisoner_id === p.id)
        .map((l) => ({
          id: l.id,
          language: l.language,
          writerName: l.writer_name,
          writerCountry: l.writer_country,
          translationKind: l.translation_kind,
          preview: l.preview,
        })),
    })),
    batches: batches.map((b) => ({
      id: b.id,
      state: b.state,
      method: b.method,
      postedOn: b.posted_on,
      outcomeOn: b.outcome_on,
      prisoner: prisoners.find((p) => p.id === b.prisoner_id)?.name ?? b.prisoner_slug,
      letters: b.letters,
      createdAt: b.created_at.toISOString(),
    })),
  };
}

export type CreateBatchResult =
  | { kind: "created"; batchId: number; letters: number }
  | { kind: "refused"; reason: "notReady" }
  | { kind: "not-found" };

class NotReady extends Error {}

/** Gathers letters of one prisoner into a new batch: all of them, or none if one is not ready. */
export async function createBatch(
  access: CampaignAccess,
  input: { prisonerId: number; letterIds: number[]; includeOriginal: boolean },
): Promise<CreateBatchResult> {
  const db = getDb();
  const prisoners = await campaignPrisonerNames(db, access.campaign.id, access.organizer.locale);
  if (!prisoners.some((p) => p.id === input.prisonerId)) return { kind: "not-found" };
  try {
    return await db.transaction().execute(async (trx) => {
      const batchId = await insertBatch(trx, {
        prisonerId: input.prisonerId,
        includeOriginal: input.includeOriginal,
        createdBy: access.organizer.id,
      });
      for (const letterId of input.letterIds) {
        const letter = await findLetterForCampaign(trx, access.campaign.id, letterId, { forUpdate: true });
        const ready =
          letter &&
          letter.prisoner_id === input.prisonerId &&
          (letter.translation_kind !== "machine" || letter.translation_checked_at);
        if (!ready || !(await moveLetter(trx, letterId, ["translated"], "batched", { batch_id: batchId }))) {
          throw new NotReady();
        }
      }
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: access.campaign.id,
        action: "letters.batch_created",
        subjectType: "letter_batch",
        subjectId: batchId,
        rowCount: input.letterIds.length,
        details: { letters: input.letterIds, includeOriginal: input.includeOriginal },
      });
      return { kind: "created" as const, batchId, letters: input.letterIds.length };
    });
  } catch (error) {
    if (error instanceof NotReady) return { kind: "refused", reason: "notReady" };
    throw error;
  }
}

async function prisonerName(prisonerId: number, locale: Locale) {
  const translations = await listPrisonerTranslations(getDb(), [prisonerId]);
  return pickTranslation(translations, locale)?.row.name ?? "";
}

/** A batch's page: its letters (texts, first names, countries), its posting, its replies. */
export async function loadBatch(access: CampaignAccess, batchId: number, locale: Locale) {
  const db = getDb();
  const batch = await findBatchForCampaign(db, access.campaign.id, batchId);
  if (!batch) return null;
  const [letters, replies, settings, name] = await Promise.all([
    listBatchLetters(db, batch.id),
    listReplies(db, { batchId: batch.id }),
    readLetterSettings(db, batch.prisoner_id),
    prisonerName(batch.prisoner_id, locale),
  ]);
  return {
    slug: access.campaign.slug,
    batch: {
      id: batch.id,
      state: batch.state,
      method: batch.method,
      postedOn: batch.posted_on,
      reference: batch.reference,
      cost: batch.cost_cents === null ? null : (batch.cost_cents / 100).toFixed(2),
      currency: batch.currency,
      outcomeOn: batch.outcome_on,
      includeOriginal: batch.include_original,
    },
    prisoner: name,
    electronicService: settings.electronicService,
    addressMissing: !settings.addressBlock || !settings.nameLine,
    letters: letters.map((l) => ({
      id: l.id,
      state: l.state,
      language: l.language,
      writerName: l.writer_name,
      writerCountry: l.writer_country,
      translationKind: l.translation_kind,
      preview: (l.translation ?? l.body).slice(0, 200),
    })),
    replies: replies.map((r) => ({
      id: r.id,
      receivedOn: r.received_on,
      text: r.text,
      passOn: r.pass_on,
      hasScan: r.has_scan,
      writersNotified: r.writers_notified,
    })),
  };
}

/** One page of the printed batch. */
export interface PrintedLetter {
  id: number;
  addressBlock: string;
  nameLine: string;
  text: string;
  /** The letter as written, below the translation, when the batch asks for it. */
  original: string | null;
  originalLanguage: Locale;
  signature: string;
  replyRequest: string;
}

/**
 * The batch as it is printed or pasted: in the language the prison requires, the address
 * block and name line as set, the text to post, the writer's first name and country, and the
 * request to answer in block letters.
 */
export async function loadBatchPrint(access: CampaignAccess, batchId: number) {
  const db = getDb();
  const batch = await findBatchForCampaign(db, access.campaign.id, batchId);
  if (!batch) return null;
  const [letters, settings] = await Promise.all([
    listBatchLetters(db, batch.id),
    readLetterSettings(db, batch.prisoner_id),
  ]);
  const language = settings.requiredLanguage;
  const t = getFixedT(language, "letters");
  const countries = new Intl.DisplayNames([language], { type: "region" });
  const pages: PrintedLetter[] = letters.map((l) => ({
    id: l.id,
    addressBlock: settings.addressBlock,
    nameLine: settings.nameLine,
    text: l.translation ?? l.body,
    original: batch.include_original && l.translation_kind !== "original" ? l.body : null,
    originalLanguage: l.language,
    signature: t("print.signature", {
      name: l.writer_name,
      country: countries.of(l.writer_country) ?? l.writer_country,
    }),
    replyRequest: t("print.replyRequest"),
  }));
  return { slug: access.campaign.slug, batchId: batch.id, language, pages };
}

/** The batch's letters as plain text, one after another, for the electronic service's form. */
export async function batchPlainText(access: CampaignAccess, batchId: number): Promise<string | null> {
  const print = await loadBatchPrint(access, batchId);
  if (!print) return null;
  const separator = "\n\n----------------------------------------\n\n";
  return `${print.pages
    .map((p) => [p.nameLine, "", p.text, "", p.signature, "", p.replyRequest].join("\n").trim())
    .join(separator)}\n`;
}

export type BatchActionResult =
  | { kind: "done"; intent: BatchActionInput["intent"]; letters: number }
  | { kind: "refused"; reason: "state" }
  | { kind: "not-found" };

/** Posting, delivery, return, or taking a letter out: the batch and its letters move together. */
export async function actOnBatch(
  access: CampaignAccess,
  batchId: number,
  input: BatchActionInput,
): Promise<BatchActionResult> {
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<BatchActionResult> => {
      const batch = await findBatchForCampaign(trx, access.campaign.id, batchId, { forUpdate: true });
      if (!batch) return { kind: "not-found" };
      let moved: number[] = [];
      let ok = false;
      switch (input.intent) {
        case "posted":
          ok = await updateBatch(trx, batch.id, ["prepared"], {
            state: "posted",
            method: input.method,
            posted_on: input.postedOn,
            reference: input.reference || null,
            cost_cents: input.cost,
            currency: input.cost === null ? null : (input.currency ?? "EUR"),
          });
          if (ok) moved = await moveBatchLetters(trx, batch.id, "batched", "posted");
          break;
        case "delivered":
          ok = await updateBatch(trx, batch.id, ["posted"], { state: "delivered", outcome_on: input.outcomeOn });
          if (ok) moved = await moveBatchLetters(trx, batch.id, "posted", "delivered");
          break;
        case "returned":
          ok = await updateBatch(trx, batch.id, ["posted", "delivered"], {
            state: "returned",
            outcome_on: input.outcomeOn,
          });
          if (ok) {
            moved = [
              ...(await moveBatchLetters(trx, batch.id, "posted", "returned")),
              ...(await moveBatchLetters(trx, batch.id, "delivered", "returned")),
            ];
          }
          break;
        case "remove": {
          if (batch.state !== "prepared") break;
          const letter = await findLetterForCampaign(trx, access.campaign.id, input.letterId, { forUpdate: true });
          ok =
            letter?.batch_id === batch.id &&
            (await moveLetter(trx, input.letterId, ["batched"], "translated", { batch_id: null }));
          if (ok) moved = [input.letterId];
          break;
        }
      }
      if (!ok) return { kind: "refused", reason: "state" };
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: access.campaign.id,
        action: `letters.batch_${input.intent}`,
        subjectType: "letter_batch",
        subjectId: batch.id,
        rowCount: moved.length,
        details:
          input.intent === "posted"
            ? { method: input.method, postedOn: input.postedOn, reference: input.reference, cost: input.cost }
            : { letters: moved },
      });
      return { kind: "done", intent: input.intent, letters: moved.length };
    });
  if (result.kind === "done") clearPageCache();
  return result;
}
