import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface AlreadySignedData {
  campaignTitle: string;
  campaignUrl: string;
  withdrawUrl: string;
}

/**
 * Sent when an address that has already signed is used again. It says only what the owner
 * of the address needs to know, so the signature form itself never reveals who signed.
 */
export function renderAlreadySigned(locale: Locale, data: AlreadySignedData): RenderedMail {
  const t = getFixedT(locale, "emails");
  const { campaignTitle } = data;
  return renderLayout({
    locale,
    subject: t("alreadySigned.subject", { campaignTitle }),
    preheader: t("alreadySigned.preheader"),
    heading: t("alreadySigned.heading"),
    blocks: [
      { kind: "paragraph", text: t("alreadySigned.greeting") },
      { kind: "paragraph", text: t("alreadySigned.intro", { campaignTitle }) },
      { kind: "paragraph", text: t("alreadySigned.status") },
      { kind: "button", label: t("alreadySigned.button"), url: data.campaignUrl },
      { kind: "link", lead: t("alreadySigned.removeLead"), label: t("alreadySigned.remove"), url: data.withdrawUrl },
    ],
    footer: t("alreadySigned.footer", { campaignTitle }),
  });
}
