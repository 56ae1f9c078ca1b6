import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { type MailBlock, renderLayout, type RenderedMail } from "./layout";

export interface LetterReplyData {
  writerName: string;
  prisonerName: string;
  /** The reply's text when the organizers pass it on; null when they only say there was one. */
  replyText: string | null;
  /** The prisoner's page. */
  prisonerUrl: string;
}

/** Sent to writers who left an address when the prisoner answered their letter (or its batch). */
export function renderLetterReply(locale: Locale, data: LetterReplyData): RenderedMail {
  const t = getFixedT(locale, "letters");
  const { writerName, prisonerName } = data;
  const quoted: MailBlock[] = data.replyText
    ? [
        { kind: "paragraph", text: t("mail.reply.quoteLead", { prisonerName }) },
        ...data.replyText
          .split(/\n{2,}/)
          .filter((p) => p.trim())
          .map((p): MailBlock => ({ kind: "paragraph", text: p.trim() })),
      ]
    : [{ kind: "paragraph", text: t("mail.reply.notPassedOn") }];
  return renderLayout({
    locale,
    subject: t("mail.reply.subject", { prisonerName }),
    preheader: t("mail.reply.preheader", { prisonerName }),
    heading: t("mail.reply.heading", { prisonerName }),
    blocks: [
      { kind: "paragraph", text: t("mail.reply.greeting", { writerName }) },
      { kind: "paragraph", text: t("mail.reply.intro", { prisonerName }) },
      ...quoted,
      { kind: "button", label: t("mail.reply.button"), url: data.prisonerUrl },
      { kind: "note", text: t("mail.reply.writeAgain") },
    ],
    footer: t("mail.footer"),
  });
}
