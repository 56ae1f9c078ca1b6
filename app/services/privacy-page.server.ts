import { RETENTION } from "~/domain/retention";
import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { getConfig } from "~/utils/env.server";

export interface PrivacySection {
  id: string;
  heading: string;
  paragraphs: string[];
}

/**
 * The privacy page in the reader's language, with this instance's facts filled in: who runs
 * it (OPERATOR_* settings), how long unconfirmed signatures live, whether a captcha
 * provider is involved. Rendered on the server: its prose never ships with other pages.
 */
export function privacyPage(locale: Locale): { title: string; lead: string; sections: PrivacySection[] } {
  const t = getFixedT(locale, "privacy");
  const config = getConfig();
  const { name, contact, address } = config.operator;
  const who = [name ? t("who.named", { name }) : t("who.unnamed")];
  if (contact) who.push(t("who.contact", { contact }));
  if (address) who.push(t("who.address", { address }));
  return {
    title: t("title"),
    lead: t("lead"),
    sections: [
      { id: "who", heading: t("who.heading"), paragraphs: who },
      {
        id: "what",
        heading: t("what.heading"),
        paragraphs: ["name", "email", "comment", "ip", "other"].map((k) => t(`what.${k}`)),
      },
      {
        id: "how-long",
        heading: t("long.heading"),
        paragraphs: [
          t("long.pending", { count: config.signatureConfirmDays }),
          t("long.ip"),
          t("long.kept"),
          // Retention after a campaign ends (app/domain/retention.ts): the default and the bounds organizers may choose.
          t("long.retention", { count: RETENTION.defaultDays, min: RETENTION.minDays, max: RETENTION.maxDays }),
          t("long.withdraw"),
        ],
      },
      {
        id: "who-else",
        heading: t("others.heading"),
        paragraphs: [
          t("others.organizers"),
          t("others.addressee"),
          config.hcaptcha
            ? t("others.captcha", { provider: "hCaptcha (Intuition Machines, Inc.)" })
            : t("others.noCaptcha"),
          t("others.mail"),
          t("others.nobody"),
        ],
      },
      { id: "control", heading: t("control.heading"), paragraphs: [t("control.text")] },
    ],
  };
}
