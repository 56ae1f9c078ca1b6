import { today } from "~/domain/dates";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { countVerifiedOnPaper, findCampaignOutcome, listAnswerTexts } from "~/models/campaign-outcome.server";
import type { Executor } from "~/utils/db.server";

/**
 * The public outcome of a campaign: a short timeline (opened → goal reached → delivered →
 * answer due → answered, or no answer after the due day), the answer in the reader's
 * language, and how many of the signatures were collected on paper.
 */

export type TimelineStep =
  | { kind: "opened"; on: string }
  | { kind: "goalReached"; goal: number }
  | { kind: "delivered"; on: string; to: string }
  | { kind: "answerDue"; on: string; overdue: boolean }
  | { kind: "answered"; on: string };

export async function loadPublicOutcome(
  db: Executor,
  campaignId: number,
  total: number,
  locale: Locale,
  now = new Date(),
) {
  const [campaign, answers, onPaper] = await Promise.all([
    findCampaignOutcome(db, campaignId),
    listAnswerTexts(db, campaignId),
    countVerifiedOnPaper(db, campaignId),
  ]);
  if (!campaign) return null;
  const steps: TimelineStep[] = [];
  if (campaign.opened_at) steps.push({ kind: "opened", on: campaign.opened_at.toISOString().slice(0, 10) });
  if (campaign.goal && total >= campaign.goal) steps.push({ kind: "goalReached", goal: campaign.goal });
  if (campaign.delivered_on) {
    steps.push({ kind: "delivered", on: campaign.delivered_on, to: campaign.delivered_to ?? "" });
    if (campaign.response_due_on && !campaign.answered_on) {
      steps.push({ kind: "answerDue", on: campaign.response_due_on, overdue: campaign.response_due_on < today(now) });
    }
    if (campaign.answered_on) steps.push({ kind: "answered", on: campaign.answered_on });
  }
  const answer = campaign.answered_on ? pickTranslation(answers, locale, campaign.canonical_locale) : undefined;
  return {
    steps,
    answer: answer
      ? {
          locale: answer.row.locale,
          fallback: answer.fallback,
          text: answer.row.text,
          documentUrl: campaign.answer_document_url,
        }
      : null,
    onPaper,
  };
}

export type PublicOutcome = NonNullable<Awaited<ReturnType<typeof loadPublicOutcome>>>;
