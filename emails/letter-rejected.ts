import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface LetterRejectedData {
  writerName: string;
  prisonerName: string;
  /** The moderator's reason, as they wrote it. */
  reason: string;
  /** The write page, to try again. */
  writeUrl: string;
}

/** Sent when organizers decide not to post a letter, with their reason. */
export function renderLetterRejected(locale: Locale, data: LetterRejectedData): RenderedMail {
  const t = getFixedT(locale, "letters");
  const { writerName, prisonerName } = data;
  return renderLayout({
    locale,
    subject: t("mail.rejected.subject", { prisonerName }),
    preheader: t("mail.rejected.preheader"),
    heading: t("mail.rejected.heading"),
    blocks: [
      { kind: "paragraph", text: t("mail.rejected.greeting", { writerName }) },
      { kind: "paragraph", text: t("mail.rejected.intro", { prisonerName }) },
      { kind: "paragraph", text: t("mail.rejected.reason", { reason: data.reason }) },
      { kind: "button", label: t("mail.rejected.button"), url: data.writeUrl },
      { kind: "note", text: t("mail.rejected.why") },
    ],
    footer: t("mail.footer"),
  });
}
