import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface LetterConfirmationData {
  writerName: string;
  prisonerName: string;
  /** Opens the page whose button confirms the address (opening alone does nothing). */
  confirmUrl: string;
}

/** Sent after someone writes a letter and leaves an address: asks them to confirm it is theirs. */
export function renderLetterConfirmation(locale: Locale, data: LetterConfirmationData): RenderedMail {
  const t = getFixedT(locale, "letters");
  const { writerName, prisonerName } = data;
  return renderLayout({
    locale,
    subject: t("mail.confirm.subject", { prisonerName }),
    preheader: t("mail.confirm.preheader"),
    heading: t("mail.confirm.heading"),
    blocks: [
      { kind: "paragraph", text: t("mail.confirm.greeting", { writerName }) },
      { kind: "paragraph", text: t("mail.confirm.intro", { prisonerName }) },
      { kind: "button", label: t("mail.confirm.button"), url: data.confirmUrl },
      { kind: "note", text: t("mail.confirm.howItWorks") },
      { kind: "note", text: t("mail.confirm.privacy") },
    ],
    footer: t("mail.confirm.footer"),
  });
}
