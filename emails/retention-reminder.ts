import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type RenderedMail } from "./layout";

export interface RetentionReminderData {
  campaignTitle: string;
  /** When the erasure runs (ISO instant). */
  runsAt: string;
  /** The campaign's retention period, in days after it was closed or delivered. */
  retentionDays: number;
  exportUrl: string;
  settingsUrl: string;
}

/** "6 December 2026", "6 декабря 2026" (without the "г." that would meet the sentence's full stop). */
function day(iso: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).formatToParts(new Date(iso));
  const lastYear = parts.findLastIndex((p) => p.type === "year");
  return parts
    .filter((p, i) => !(i > lastYear && p.type === "literal"))
    .map((p) => p.value)
    .join("");
}

/** To a campaign's owners, a week before its signer data is erased: export now if you need it. */
export function renderRetentionReminder(locale: Locale, data: RetentionReminderData): RenderedMail {
  const t = getFixedT(locale, "emails");
  const date = day(data.runsAt, locale);
  const { campaignTitle } = data;
  return renderLayout({
    locale,
    subject: t("retentionReminder.subject", { campaignTitle, date }),
    preheader: t("retentionReminder.preheader", { date }),
    heading: campaignTitle,
    blocks: [
      { kind: "paragraph", text: t("retentionReminder.intro", { date, count: data.retentionDays }) },
      { kind: "paragraph", text: t("retentionReminder.what") },
      { kind: "button", label: t("retentionReminder.button"), url: data.exportUrl },
      {
        kind: "link",
        lead: t("retentionReminder.settingsLead"),
        label: t("retentionReminder.settings"),
        url: data.settingsUrl,
      },
    ],
    footer: t("retentionReminder.footer"),
  });
}
