import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type MailBlock, type RenderedMail } from "./layout";

export interface CampaignUpdateData {
  campaignTitle: string;
  updateTitle: string;
  /** Plain text, paragraphs separated by blank lines. */
  updateBody: string;
  campaignUrl: string;
  unsubscribeUrl: string;
}

/** News about a campaign, sent to signers who asked for it, with a one-click way out. */
export function renderCampaignUpdate(locale: Locale, data: CampaignUpdateData): RenderedMail {
  const t = getFixedT(locale, "emails");
  const paragraphs: MailBlock[] = data.updateBody
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((text) => ({ kind: "paragraph", text }));
  return renderLayout({
    locale,
    subject: t("campaignUpdate.subject", { campaignTitle: data.campaignTitle, updateTitle: data.updateTitle }),
    preheader: data.updateTitle,
    heading: data.updateTitle,
    blocks: [
      ...paragraphs,
      { kind: "button", label: t("campaignUpdate.button"), url: data.campaignUrl },
      {
        kind: "link",
        lead: t("campaignUpdate.unsubscribeLead"),
        label: t("campaignUpdate.unsubscribe"),
        url: data.unsubscribeUrl,
      },
    ],
    footer: t("campaignUpdate.footer", { campaignTitle: data.campaignTitle }),
  });
}
