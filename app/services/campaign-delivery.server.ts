import { can } from "~/domain/permissions";
import { type CampaignStatus, DELIVERABLE_CAMPAIGN_STATUSES } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import { findCampaignSettings, markCampaignDelivered, updateDeliveryResponse } from "~/models/campaign-settings.server";
import { SETTINGS_LIMITS } from "~/schemas/campaign-settings";
import { today } from "~/domain/dates";
import { getDb } from "~/utils/db.server";
import { LOCALES, type Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { insertCampaignUpdate } from "~/models/campaign-update.server";
import { markUpdatePublished } from "~/models/update-delivery.server";
import { findCampaignOutcome, listAnswerTexts, saveAnswer, setResponseDue } from "~/models/campaign-outcome.server";
import { queueUpdateBatch } from "~/jobs/enqueue.server";
import type { OutcomeInput } from "~/schemas/campaign-outcome";
import { NOT_FOUND, type NotFound } from "./campaign-settings-common.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";
import { deliveryEvidence } from "./publication.server";

/**
 * The record of a campaign's delivery: when, to whom, the SHA-256 and size of the publication
 * list handed over (in the language the organizer chose, by default the campaign's original),
 * and the authorities' response.
 * Owners, editors and platform admins only; audited.
 */

const deliverable = (status: CampaignStatus) =>
  (DELIVERABLE_CAMPAIGN_STATUSES as readonly CampaignStatus[]).includes(status);

/** The delivery page: the record once there is one, else whether one may be made. */
export async function deliveryPage(access: CampaignAccess) {
  if (!can(access.role, "edit")) return null;
  const campaign = await findCampaignSettings(getDb(), access.campaign.id);
  if (!campaign) return null;
  const delivered = campaign.status === "delivered";
  const [outcome, answerTexts] = await Promise.all([
    findCampaignOutcome(getDb(), campaign.id),
    listAnswerTexts(getDb(), campaign.id),
  ]);
  const texts = Object.fromEntries(answerTexts.map((a) => [a.locale, a.text])) as Partial<Record<Locale, string>>;
  return {
    canonicalLocale: campaign.canonical_locale,
    answer: {
      dueOn: outcome?.response_due_on ?? null,
      answeredOn: outcome?.answered_on ?? null,
      documentUrl: outcome?.answer_document_url ?? null,
      texts,
    },
    slug: campaign.slug,
    status: campaign.status,
    canRecord: deliverable(campaign.status),
    record: delivered
      ? {
          on: campaign.delivered_on,
          to: campaign.delivered_to,
          response: campaign.delivery_response,
          sha256: campaign.delivered_list_sha256,
          rows: campaign.delivered_list_rows,
          /** The language of the list the SHA-256 is of. */
          locale: campaign.delivered_list_locale ?? campaign.canonical_locale,
        }
      : null,
    limits: SETTINGS_LIMITS,
    values: {
      deliveredOn: today(),
      deliveredTo: "",
      listLocale: campaign.canonical_locale,
      response: campaign.delivery_response ?? "",
      dueOn: outcome?.response_due_on ?? "",
      answeredOn: outcome?.answered_on ?? today(),
      documentUrl: outcome?.answer_document_url ?? "",
      ...Object.fromEntries(LOCALES.map((l) => [`text.${l}`, texts[l] ?? ""])),
    } as Record<string, string>,
  };
}

export type DeliveryResult =
  | { kind: "delivered"; sha256: string; rows: number; locale: Locale }
  | { kind: "responseSaved" }
  | { kind: "dueSaved" }
  | { kind: "answerSaved"; notified: boolean }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "refused"; status: CampaignStatus }
  | NotFound;

/**
 * Marks an open or closed campaign delivered, storing the date, the addressee, the response
 * and the SHA-256 and size of the publication list as it is now, in `listLocale` (default:
 * the campaign's original language), and that language. Audited as campaign.delivered.
 */
export async function recordCampaignDelivery(
  access: CampaignAccess,
  input: { deliveredOn: string; deliveredTo: string; response: string; dueOn?: string | null; listLocale?: Locale },
): Promise<DeliveryResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const campaignId = access.campaign.id;
  // One transaction under the campaign's row lock: two people recording at once give one
  // delivery, and the record, its evidence and the audit entry commit together.
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<DeliveryResult> => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) return NOT_FOUND;
      if (!deliverable(current.status)) return { kind: "refused", status: current.status };
      const locale = input.listLocale ?? current.canonical_locale;
      const evidence = await deliveryEvidence({ campaignId, locale, db: trx });
      await markCampaignDelivered(trx, campaignId, {
        locale,
        on: input.deliveredOn,
        to: input.deliveredTo,
        response: input.response || null,
        sha256: evidence.sha256,
        rows: evidence.rows,
      });
      if (input.dueOn) await setResponseDue(trx, campaignId, input.dueOn);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.delivered",
        subjectType: "campaign",
        subjectId: campaignId,
        rowCount: evidence.rows,
        details: { on: input.deliveredOn, sha256: evidence.sha256, locale, from: current.status },
      });
      return { kind: "delivered", sha256: evidence.sha256, rows: evidence.rows, locale };
    });
  if (result.kind === "delivered") clearPageCache();
  return result;
}

/** The authorities' answer, added or corrected after delivery. Audited as campaign.delivery_response_saved. */
export async function saveDeliveryResponse(
  access: CampaignAccess,
  input: { response: string },
): Promise<DeliveryResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<DeliveryResult> => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) return NOT_FOUND;
      if (current.status !== "delivered") return { kind: "refused", status: current.status };
      await updateDeliveryResponse(trx, campaignId, input.response || null);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.delivery_response_saved",
        subjectType: "campaign",
        subjectId: campaignId,
      });
      return { kind: "responseSaved" };
    });
  if (result.kind === "responseSaved") clearPageCache();
  return result;
}

/**
 * When the addressee's answer is due (or no longer expected: null). Only after delivery,
 * and never before the day of delivery. Audited as campaign.answer_due_set.
 */
export async function setAnswerDue(access: CampaignAccess, dueOn: string | null): Promise<DeliveryResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<DeliveryResult> => {
      const current = await findCampaignOutcome(trx, campaignId, { forUpdate: true });
      if (!current) return NOT_FOUND;
      if (current.status !== "delivered" || !current.delivered_on) return { kind: "refused", status: current.status };
      if (dueOn && dueOn < current.delivered_on) return { kind: "invalid", errors: { dueOn: "dueBeforeDelivery" } };
      await setResponseDue(trx, campaignId, dueOn);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.answer_due_set",
        subjectType: "campaign",
        subjectId: campaignId,
        details: { dueOn },
      });
      return { kind: "dueSaved" };
    });
  if (result.kind === "dueSaved") clearPageCache();
  return result;
}

type AnswerInput = Extract<OutcomeInput, { intent: "answer" }>;

/**
 * Records the addressee's answer (day, document, text per language) after delivery. The
 * first time, when asked, signers who agreed to news get it in their language: the answer
 * becomes a published campaign update, mailed by the update fan-out in the same transaction.
 */
export async function recordAnswer(access: CampaignAccess, input: AnswerInput): Promise<DeliveryResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<DeliveryResult> => {
      const current = await findCampaignOutcome(trx, campaignId, { forUpdate: true });
      if (!current) return NOT_FOUND;
      if (current.status !== "delivered" || !current.delivered_on) return { kind: "refused", status: current.status };
      if (input.answeredOn < current.delivered_on) {
        return { kind: "invalid", errors: { answeredOn: "answerBeforeDelivery" } };
      }
      const texts = LOCALES.flatMap((locale) => (input.text[locale] ? [{ locale, text: input.text[locale] }] : []));
      await saveAnswer(trx, campaignId, { on: input.answeredOn, documentUrl: input.documentUrl, texts });
      const notify = input.notify && current.answered_on === null;
      if (notify) {
        const canonical = current.canonical_locale;
        const fallback = texts.find((t) => t.locale === canonical) ?? texts[0]!;
        const updateId = await insertCampaignUpdate(trx, {
          campaignId,
          translations: LOCALES.map((locale) => {
            const t = getFixedT(locale, "orgInsights");
            const text = texts.find((x) => x.locale === locale) ?? fallback;
            const document = input.documentUrl ? `\n\n${t("answerNews.document", { url: input.documentUrl })}` : "";
            return {
              locale,
              title: t("answerNews.title", { to: current.delivered_to ?? "" }),
              body: `${t("answerNews.intro", { date: input.answeredOn })}\n\n${text.text}${document}`,
            };
          }),
        });
        await markUpdatePublished(trx, updateId);
        await queueUpdateBatch(trx, { updateId, afterSignatureId: 0 });
      }
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.answer_recorded",
        subjectType: "campaign",
        subjectId: campaignId,
        details: { on: input.answeredOn, languages: texts.map((t) => t.locale), notified: notify },
      });
      return { kind: "answerSaved", notified: notify };
    });
  if (result.kind === "answerSaved") clearPageCache();
  return result;
}
