import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface FollowUpInvitationData {
  earlierTitle: string;
  newTitle: string;
  /** The private page that shows the new text and signs with one button. */
  signUrl: string;
  unsubscribeUrl: string;
}

/** To a signer of an earlier letter who agreed to news: its follow-up, signable with one button. */
export function renderFollowUpInvitation(locale: Locale, data: FollowUpInvitationData): RenderedMail {
  const t = getFixedT(locale, "emails");
  const vars = { earlierTitle: data.earlierTitle, newTitle: data.newTitle };
  return renderLayout({
    locale,
    subject: t("followUpInvitation.subject", vars),
    preheader: t("followUpInvitation.preheader", vars),
    heading: data.newTitle,
    blocks: [
      { kind: "paragraph", text: t("followUpInvitation.intro", vars) },
      { kind: "paragraph", text: t("followUpInvitation.oneButton") },
      { kind: "button", label: t("followUpInvitation.button"), url: data.signUrl },
      { kind: "note", text: t("followUpInvitation.nothingYet") },
      {
        kind: "link",
        lead: t("followUpInvitation.unsubscribeLead"),
        label: t("followUpInvitation.unsubscribe"),
        url: data.unsubscribeUrl,
      },
    ],
    footer: t("followUpInvitation.footer", vars),
  });
}
