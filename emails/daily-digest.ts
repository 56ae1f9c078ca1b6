import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { renderLayout, type MailBlock, type RenderedMail } from "./layout";

export interface DailyDigestData {
  campaignTitle: string;
  /** Counted since the last digest (or the last 24 hours). */
  newTotal: number;
  /** "Mathematicians: 12", already in the reader's language, largest first. */
  byGroup: { label: string; count: number }[];
  byCountry: { label: string; count: number }[];
  notable: { name: string; title: string }[];
  heldForReview: number;
  /** Open abuse signals: look-alike names, claimed prizes, throwaway domains. */
  signals: number;
  overviewUrl: string;
  signalsUrl: string;
}

/** The daily digest of one campaign, for an owner who asked for it. */
export function renderDailyDigest(locale: Locale, data: DailyDigestData): RenderedMail {
  const t = getFixedT(locale, "emails");
  const n = (value: number) => value.toLocaleString(locale);
  const list = (rows: { label: string; count: number }[]) => rows.map((r) => `${r.label}: ${n(r.count)}`).join(" · ");
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: t("dailyDigest.newTotal", { count: data.newTotal, formatted: n(data.newTotal) }) },
  ];
  if (data.byGroup.length)
    blocks.push({ kind: "paragraph", text: `${t("dailyDigest.byGroup")}: ${list(data.byGroup)}` });
  if (data.byCountry.length) {
    blocks.push({ kind: "paragraph", text: `${t("dailyDigest.byCountry")}: ${list(data.byCountry)}` });
  }
  if (data.notable.length) {
    const names = data.notable.map((s) => (s.title ? `${s.name} (${s.title})` : s.name)).join("; ");
    blocks.push({ kind: "paragraph", text: `${t("dailyDigest.notable")}: ${names}` });
  }
  blocks.push({
    kind: "paragraph",
    text: t("dailyDigest.held", { count: data.heldForReview, formatted: n(data.heldForReview) }),
  });
  blocks.push({ kind: "button", label: t("dailyDigest.button"), url: data.overviewUrl });
  if (data.signals) {
    blocks.push({
      kind: "link",
      lead: t("dailyDigest.signals", { count: data.signals, formatted: n(data.signals) }),
      label: t("dailyDigest.signalsLink"),
      url: data.signalsUrl,
    });
  }
  return renderLayout({
    locale,
    subject: t("dailyDigest.subject", {
      campaignTitle: data.campaignTitle,
      count: data.newTotal,
      formatted: n(data.newTotal),
    }),
    preheader: t("dailyDigest.newTotal", { count: data.newTotal, formatted: n(data.newTotal) }),
    heading: data.campaignTitle,
    blocks,
    footer: t("dailyDigest.footer"),
  });
}
