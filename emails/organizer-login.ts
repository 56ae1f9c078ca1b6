import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface OrganizerLoginData {
  loginUrl: string;
  expiresInMinutes: number;
}

/** The one-time sign-in link for an organizer (first factor; a TOTP code follows). */
export function renderOrganizerLogin(locale: Locale, data: OrganizerLoginData): RenderedMail {
  const t = getFixedT(locale, "emails");
  return renderLayout({
    locale,
    subject: t("organizerLogin.subject"),
    preheader: t("organizerLogin.preheader"),
    heading: t("organizerLogin.heading"),
    blocks: [
      { kind: "paragraph", text: t("organizerLogin.intro") },
      { kind: "button", label: t("organizerLogin.button"), url: data.loginUrl },
      { kind: "paragraph", text: t("organizerLogin.expires", { count: data.expiresInMinutes }) },
    ],
    footer: t("organizerLogin.footer"),
  });
}
