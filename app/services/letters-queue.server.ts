import { can, type CampaignAbility } from "~/domain/permissions";
import { flaggedWords, LETTER_STATES, type LetterState, type LetterTranslationKind } from "~/domain/letters";
import { pickTranslation } from "~/domain/translation";
import { isLocale, type Locale } from "~/domain/vocab";
import { queueMail } from "~/jobs/enqueue.server";
import { insertAudit } from "~/models/audit.server";
import { listCampaignPrisoners } from "~/models/campaign.server";
import { findBatchForCampaign, listReplies } from "~/models/letter-batches.server";
import {
  countLettersByState,
  findLetterForCampaign,
  listLettersForCampaign,
  listWritersToTell,
  moveLetter,
  updateLetterDetails,
  updateTranslation,
} from "~/models/letters.server";
import { findPrisonerSlug } from "~/models/letter-settings.server";
import { listPrisonerTranslations } from "~/models/prisoner.server";
import type { LetterActionInput } from "~/schemas/letters";
import { getDb, type Executor, type Tx } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { flagWordsFor, readLetterSettings } from "./letters-settings.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";

/**
 * The letter queue of a campaign: the letters to the prisoners it is about. Translators,
 * moderators, editors and owners read it ("translate"); moderators approve and reject
 * ("moderate"), translators translate and check machine translations, editors record what
 * the post did ("edit"). Every move goes through models/letters.server.ts's moveLetter and
 * is audited in the same transaction. Writers' addresses are shown to moderators and up only.
 */

export const QUEUE_PAGE_SIZE = 50;

/** The campaign's prisoners with their names in the reader's language. */
export async function campaignPrisonerNames(db: Executor, campaignId: number, locale: Locale) {
  const prisoners = await listCampaignPrisoners(db, [campaignId]);
  const translations = await listPrisonerTranslations(
    db,
    prisoners.map((p) => p.id),
  );
  return prisoners.map((p) => ({
    id: p.id,
    slug: p.slug,
    name:
      pickTranslation(
        translations.filter((t) => t.prisoner_id === p.id),
        locale,
      )?.row.name ?? p.slug,
  }));
}

/** What this member may do on the letter pages. */
export function letterAbilities(access: CampaignAccess) {
  return {
    moderate: can(access.role, "moderate"),
    translate: can(access.role, "translate"),
    edit: can(access.role, "edit"),
  };
}

export interface QueueFilters {
  state: string | null;
  prisoner: string | null;
  language: string | null;
  flagged: boolean;
  page: number;
}

/** The queue page: counts per state, then a page of letters, filtered. */
export async function loadLetterQueue(access: CampaignAccess, filters: QueueFilters, locale: Locale) {
  const db = getDb();
  const campaignId = access.campaign.id;
  const prisoners = await campaignPrisonerNames(db, campaignId, locale);
  const state = (LETTER_STATES as readonly string[]).includes(filters.state ?? "")
    ? (filters.state as LetterState)
    : null;
  const prisoner = prisoners.find((p) => p.slug === filters.prisoner) ?? null;
  const language = isLocale(filters.language) ? filters.language : null;
  const page = Math.max(1, Math.min(filters.page, 10_000));
  const [counts, rows] = await Promise.all([
    countLettersByState(db, campaignId),
    listLettersForCampaign(
      db,
      campaignId,
      { state, prisonerId: prisoner?.id ?? null, language, flagged: filters.flagged },
      { limit: QUEUE_PAGE_SIZE + 1, offset: (page - 1) * QUEUE_PAGE_SIZE },
    ),
  ]);
  return {
    slug: access.campaign.slug,
    can: letterAbilities(access),
    prisoners,
    counts,
    filters: { state, prisoner: prisoner?.slug ?? null, language, flagged: filters.flagged, page },
    hasMore: rows.length > QUEUE_PAGE_SIZE,
    letters: rows.slice(0, QUEUE_PAGE_SIZE).map((r) => ({
      id: r.id,
      prisoner: prisoners.find((p) => p.id === r.prisoner_id)?.name ?? r.prisoner_slug,
      state: r.state,
      language: r.language,
      writerName: r.writer_name,
      writerCountry: r.writer_country,
      flags: r.flags,
      translationKind: r.translation_kind,
      needsCheck: r.translation_kind === "machine" && !r.translation_checked_at,
      batchId: r.batch_id,
      createdAt: r.created_at.toISOString(),
      preview: r.preview,
      length: r.length,
    })),
  };
}

/** One letter as its page shows it; null when it is not one of the campaign's prisoners'. */
export async function loadLetter(access: CampaignAccess, letterId: number, locale: Locale) {
  const db = getDb();
  const letter = await findLetterForCampaign(db, access.campaign.id, letterId);
  if (!letter) return null;
  const abilities = letterAbilities(access);
  const [prisoners, settings, replies, batch] = await Promise.all([
    campaignPrisonerNames(db, access.campaign.id, locale),
    readLetterSettings(db, letter.prisoner_id),
    listReplies(db, { letterId }),
    letter.batch_id ? findBatchForCampaign(db, access.campaign.id, letter.batch_id) : Promise.resolve(undefined),
  ]);
  return {
    slug: access.campaign.slug,
    can: abilities,
    letter: {
      id: letter.id,
      state: letter.state,
      prisoner: prisoners.find((p) => p.id === letter.prisoner_id)?.name ?? "",
      language: letter.language,
      body: letter.body,
      writerName: letter.writer_name,
      writerCountry: letter.writer_country,
      // Only moderators and up see whether and which address was left (never translators).
      email: abilities.moderate ? letter.writer_email : null,
      emailConfirmed: abilities.moderate ? Boolean(letter.email_confirmed_at) : null,
      publishConsent: letter.publish_consent,
      publicExcerpt: letter.public_excerpt,
      flags: letter.flags,
      translation: letter.translation,
      translationKind: letter.translation_kind,
      translationChecked: Boolean(letter.translation_checked_at),
      rejectReason: letter.reject_reason,
      reviewReason: letter.review_reason,
      batch: batch ? { id: batch.id, state: batch.state, postedOn: batch.posted_on } : null,
      createdAt: letter.created_at.toISOString(),
    },
    requiredLanguage: settings.requiredLanguage,
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

export type LetterActionResult =
  | { kind: "done"; intent: LetterActionInput["intent"] }
  | { kind: "forbidden" }
  | { kind: "refused"; reason: "state" | "notRequiredLanguage" | "noConsent" | "notMachine" }
  | { kind: "not-found" };

const NEEDS: Record<LetterActionInput["intent"], CampaignAbility> = {
  approve: "moderate",
  reject: "moderate",
  excerpt: "moderate",
  translate: "translate",
  as_written: "translate",
  check: "translate",
  withdraw_translation: "translate",
  delivered: "edit",
  returned: "edit",
};

/** One action on one letter, under a row lock, audited with the move it made. */
export async function actOnLetter(
  access: CampaignAccess,
  letterId: number,
  input: LetterActionInput,
): Promise<LetterActionResult> {
  if (!can(access.role, NEEDS[input.intent])) {
    // Someone who may not even read the queue learns nothing about the letter.
    return can(access.role, "translate") ? { kind: "forbidden" } : { kind: "not-found" };
  }
  const organizerId = access.organizer.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<LetterActionResult> => {
      const letter = await findLetterForCampaign(trx, access.campaign.id, letterId, { forUpdate: true });
      if (!letter) return { kind: "not-found" };
      const settings = await readLetterSettings(trx, letter.prisoner_id);
      let moved = false;
      switch (input.intent) {
        case "approve":
          moved = await moveLetter(trx, letter.id, ["submitted"], "approved");
          break;
        case "reject":
          moved = await moveLetter(trx, letter.id, ["submitted", "approved", "translated"], "rejected", {
            reject_reason: input.reason,
            translation: null,
            translation_kind: null,
            translation_checked_at: null,
            translation_checked_by: null,
          });
          if (moved) await tellRejected(trx, letter.id, input.reason);
          break;
        case "translate":
        case "as_written": {
          if (input.intent === "as_written" && letter.language !== settings.requiredLanguage) {
            return { kind: "refused", reason: "notRequiredLanguage" };
          }
          const text = input.intent === "translate" ? input.translation : letter.body;
          const kind: LetterTranslationKind = input.intent === "translate" ? input.kind : "original";
          const flags = [
            ...new Set([
              ...flaggedWords(letter.body, flagWordsFor(settings, letter.language)),
              ...flaggedWords(text, flagWordsFor(settings, settings.requiredLanguage)),
            ]),
          ];
          const patch = {
            translation: text,
            translation_kind: kind,
            translated_by: organizerId,
            // A machine translation waits for a person's check; a person's work needs none.
            translation_checked_by: kind === "machine" ? null : organizerId,
            translation_checked_at: kind === "machine" ? null : new Date(),
            flags,
          };
          moved =
            letter.state === "translated"
              ? await updateTranslation(trx, letter.id, patch)
              : await moveLetter(trx, letter.id, ["approved", "returned"], "translated", patch);
          break;
        }
        case "check":
          if (letter.translation_kind !== "machine") return { kind: "refused", reason: "notMachine" };
          moved =
            !letter.translation_checked_at &&
            (await updateTranslation(trx, letter.id, {
              translation_checked_by: organizerId,
              translation_checked_at: new Date(),
            }));
          break;
        case "withdraw_translation":
          moved = await moveLetter(trx, letter.id, ["translated"], "approved", {
            translation: null,
            translation_kind: null,
            translated_by: null,
            translation_checked_by: null,
            translation_checked_at: null,
          });
          break;
        case "excerpt":
          if (!letter.publish_consent) return { kind: "refused", reason: "noConsent" };
          await updateLetterDetails(trx, letter.id, { public_excerpt: input.excerpt || null });
          moved = true;
          break;
        case "delivered":
          moved = await moveLetter(trx, letter.id, ["posted"], "delivered");
          break;
        case "returned":
          moved = await moveLetter(trx, letter.id, ["posted", "delivered"], "returned");
          break;
      }
      if (!moved) return { kind: "refused", reason: "state" };
      await insertAudit(trx, {
        organizerId,
        campaignId: access.campaign.id,
        action: `letters.${input.intent}`,
        subjectType: "letter",
        subjectId: letter.id,
        details: {
          from: letter.state,
          ...(input.intent === "translate" ? { kind: input.kind } : {}),
          ...(input.intent === "reject" ? { reason: input.reason } : {}),
        },
      });
      return { kind: "done", intent: input.intent };
    });
  if (result.kind === "done" && (input.intent === "excerpt" || input.intent === "reject")) clearPageCache();
  return result;
}

/** The writer of a refused letter hears the reason, in their language, if they confirmed an address. */
async function tellRejected(trx: Tx, letterId: number, reason: string): Promise<void> {
  const [writer] = await listWritersToTell(trx, [letterId]);
  if (!writer?.writer_email) return;
  const translations = await listPrisonerTranslations(trx, [writer.prisoner_id]);
  const prisoner = pickTranslation(translations, writer.locale);
  const slug = await findPrisonerSlug(trx, writer.prisoner_id);
  await queueMail(trx, {
    kind: "letter_rejected",
    locale: writer.locale,
    to: writer.writer_email,
    data: {
      writerName: writer.writer_name,
      prisonerName: prisoner?.row.name ?? "",
      reason,
      writeUrl: `${getConfig().appUrl}/${writer.locale}/prisoners/${slug ?? ""}/write`,
    },
  });
}
