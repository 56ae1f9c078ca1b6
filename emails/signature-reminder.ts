import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface SignatureReminderData {
  signerName: string;
  campaignTitle: string;
  /** The same confirmation link as the first mail. */
  confirmUrl: string;
  withdrawUrl: string;
  /** Days left before the unconfirmed signature is deleted. */
  daysLeft: number;
}

/** The one reminder, a day after signing, to someone who has not confirmed yet. Never a second. */
export function renderSignatureReminder(locale: Locale, data: SignatureReminderData): RenderedMail {
  const t = getFixedT(locale, "manage");
  const { signerName, campaignTitle } = data;
  return renderLayout({
    locale,
    subject: t("reminder.subject", { campaignTitle }),
    preheader: t("reminder.preheader"),
    heading: t("reminder.heading"),
    blocks: [
      { kind: "paragraph", text: t("reminder.greeting", { signerName }) },
      { kind: "paragraph", text: t("reminder.intro", { campaignTitle }) },
      { kind: "button", label: t("reminder.button"), url: data.confirmUrl },
      { kind: "note", text: t("reminder.deadline", { count: data.daysLeft }) },
      { kind: "note", text: t("reminder.once") },
      { kind: "link", lead: t("reminder.notYouLead"), label: t("reminder.notYou"), url: data.withdrawUrl },
    ],
    footer: t("reminder.footer", { campaignTitle }),
  });
}
