import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface SignatureConfirmationData {
  signerName: string;
  campaignTitle: string;
  /** Opens the confirmation page (a button there confirms; opening alone does nothing). */
  confirmUrl: string;
  /** "This wasn't me": opens the page that removes the signature. */
  withdrawUrl: string;
  /** The signer's private page: change how they appear, correct details, withdraw (issue 12). */
  manageUrl?: string;
  expiresInDays: number;
}

/** Sent after someone signs: asks them to confirm that the address is theirs. */
export function renderSignatureConfirmation(locale: Locale, data: SignatureConfirmationData): RenderedMail {
  const t = getFixedT(locale, "emails");
  const { signerName, campaignTitle } = data;
  return renderLayout({
    locale,
    subject: t("signatureConfirmation.subject", { campaignTitle }),
    preheader: t("signatureConfirmation.preheader"),
    heading: t("signatureConfirmation.heading"),
    blocks: [
      { kind: "paragraph", text: t("signatureConfirmation.greeting", { signerName }) },
      { kind: "paragraph", text: t("signatureConfirmation.intro", { campaignTitle }) },
      { kind: "button", label: t("signatureConfirmation.button"), url: data.confirmUrl },
      { kind: "note", text: t("signatureConfirmation.howItWorks") },
      { kind: "note", text: t("signatureConfirmation.expires", { count: data.expiresInDays }) },
      {
        kind: "link",
        lead: t("signatureConfirmation.notYouLead"),
        label: t("signatureConfirmation.notYou"),
        url: data.withdrawUrl,
      },
      ...(data.manageUrl
        ? [
            {
              kind: "link" as const,
              lead: getFixedT(locale, "manage")("mail.manageLead"),
              label: getFixedT(locale, "manage")("mail.manageLabel"),
              url: data.manageUrl,
            },
          ]
        : []),
    ],
    footer: t("signatureConfirmation.footer", { campaignTitle }),
  });
}
