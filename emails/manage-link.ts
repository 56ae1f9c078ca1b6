import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface ManageLinkData {
  campaignTitle: string;
  /** The signer's fresh private link (the previous one no longer works). */
  manageUrl: string;
}

/** "Lost your link?": a fresh link to the signer's own page, sent only to an address that signed. */
export function renderManageLink(locale: Locale, data: ManageLinkData): RenderedMail {
  const t = getFixedT(locale, "manage");
  const { campaignTitle } = data;
  return renderLayout({
    locale,
    subject: t("mail.subject", { campaignTitle }),
    preheader: t("mail.preheader"),
    heading: t("mail.heading"),
    blocks: [
      { kind: "paragraph", text: t("mail.intro", { campaignTitle }) },
      { kind: "button", label: t("mail.button"), url: data.manageUrl },
      { kind: "note", text: t("mail.oldLinks") },
    ],
    footer: t("mail.footer", { campaignTitle }),
  });
}
