import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface OrganizerInvitationData {
  loginUrl: string;
  expiresInDays: number;
  /** The organizer who invited (a colleague's address, never a signer's). */
  inviterEmail: string;
  /** The campaign the invitee joins, in their language; null for an invitation to the platform. */
  campaignTitle: string | null;
}

/**
 * An invitation to organize: a one-time sign-in link valid for days, that leads to the
 * authenticator setup (new accounts) and then to the campaign.
 */
export function renderOrganizerInvitation(locale: Locale, data: OrganizerInvitationData): RenderedMail {
  const t = getFixedT(locale, "emails");
  const vars = { inviter: data.inviterEmail, campaignTitle: data.campaignTitle ?? "" };
  const campaign = data.campaignTitle !== null;
  return renderLayout({
    locale,
    subject: campaign ? t("organizerInvitation.subjectCampaign", vars) : t("organizerInvitation.subject", vars),
    preheader: t("organizerInvitation.preheader"),
    heading: t("organizerInvitation.heading"),
    blocks: [
      {
        kind: "paragraph",
        text: campaign ? t("organizerInvitation.introCampaign", vars) : t("organizerInvitation.intro", vars),
      },
      { kind: "paragraph", text: t("organizerInvitation.steps") },
      { kind: "button", label: t("organizerInvitation.button"), url: data.loginUrl },
      { kind: "paragraph", text: t("organizerInvitation.expires", { count: data.expiresInDays }) },
      { kind: "note", text: t("organizerInvitation.later") },
    ],
    footer: t("organizerInvitation.footer"),
  });
}
