import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { countryOptions } from "~/i18n/countries.server";
import {
  confirmationFunnel,
  countAllByGroupAndCountry,
  countVerifiedByChannel,
  countVerifiedOverTime,
} from "~/models/campaign-insights.server";
import { countVerifiedOnPaper } from "~/models/campaign-outcome.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";

/**
 * The numbers behind the charts of a campaign's overview: signatures over time (hourly for
 * the last two days, daily before), by group, by country, by channel, and what became of the
 * signatures started in the last days. Plain data; the page draws them (components/charts.tsx).
 */

export const HOURLY_HOURS = 48;
export const FUNNEL_DAYS = 14;
/** Countries and channels drawn one by one; the rest are summed as "other". */
export const TOP_COUNTRIES = 12;
export const TOP_CHANNELS = 8;

export interface ChartPoint {
  /** A stable key (ISO time, group key, country code, channel tag). */
  key: string;
  label: string;
  value: number;
}

/** Keeps the `top` largest points and sums the rest into one "other" point. */
function topWithRest(points: ChartPoint[], top: number, otherLabel: string): ChartPoint[] {
  const sorted = [...points].sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  if (sorted.length <= top + 1) return sorted;
  const rest = sorted.slice(top).reduce((n, p) => n + p.value, 0);
  return [...sorted.slice(0, top), { key: "_other", label: otherLabel, value: rest }];
}

/** Days with no signature still show as 0, so the time axis reads evenly. */
function fillDays(rows: { bucket: string; hourly: boolean; count: number }[], hourlySince: Date) {
  const daily = rows.filter((r) => !r.hourly);
  const hourly = rows.filter((r) => r.hourly);
  const out: { bucket: string; hourly: boolean; count: number }[] = [];
  if (daily.length) {
    const byDay = new Map(daily.map((r) => [r.bucket.slice(0, 10), r.count]));
    const first = new Date(`${daily[0]!.bucket.slice(0, 10)}T00:00:00.000Z`);
    for (let d = first; d < hourlySince && out.length < 3660; d = new Date(d.getTime() + 86_400_000)) {
      const key = d.toISOString().slice(0, 10);
      out.push({ bucket: `${key}T00:00:00.000Z`, hourly: false, count: byDay.get(key) ?? 0 });
    }
  }
  const byHour = new Map(hourly.map((r) => [r.bucket, r.count]));
  const start = new Date(Math.ceil(hourlySince.getTime() / 3_600_000) * 3_600_000 - 3_600_000);
  for (let h = start; h.getTime() <= Date.now(); h = new Date(h.getTime() + 3_600_000)) {
    const key = h.toISOString();
    out.push({ bucket: key, hourly: true, count: byHour.get(key) ?? 0 });
  }
  return out;
}

export async function loadCampaignCharts(
  campaign: { id: number; canonicalLocale: Locale },
  locale: Locale,
  labels: { other: string; direct: string; paper: string },
  now = new Date(),
) {
  const db = getDb();
  const hourlySince = new Date(now.getTime() - HOURLY_HOURS * 3_600_000);
  const funnelSince = new Date(now.getTime() - FUNNEL_DAYS * 86_400_000);
  const [overTime, byKey, channels, funnel, groups, onPaper] = await Promise.all([
    countVerifiedOverTime(db, campaign.id, hourlySince),
    countAllByGroupAndCountry(db, campaign.id),
    countVerifiedByChannel(db, campaign.id),
    confirmationFunnel(db, campaign.id, funnelSince),
    listSignerGroups(db, campaign.id),
    countVerifiedOnPaper(db, campaign.id),
  ]);
  const countryNames = new Map(countryOptions(locale).map((c) => [c.code, c.name]));
  const byGroup = groups.map((g) => ({
    key: g.key,
    label: pickTranslation(g.labels, locale, campaign.canonicalLocale)?.row.label ?? g.key,
    value: byKey.filter((r) => r.groupId === g.id).reduce((n, r) => n + r.count, 0),
  }));
  const countries = new Map<string, number>();
  for (const r of byKey) countries.set(r.country, (countries.get(r.country) ?? 0) + r.count);
  return {
    overTime: fillDays(overTime, hourlySince).map((r) => ({ key: r.bucket, hourly: r.hourly, value: r.count })),
    byGroup,
    byCountry: topWithRest(
      [...countries].map(([code, value]) => ({ key: code, label: countryNames.get(code) ?? code, value })),
      TOP_COUNTRIES,
      labels.other,
    ),
    byChannel: topWithRest(
      channels.map((c) => ({
        key: c.channel || "_direct",
        label: c.channel === "" ? labels.direct : c.channel === "paper" ? labels.paper : c.channel,
        value: c.count,
      })),
      TOP_CHANNELS,
      labels.other,
    ),
    funnel: { ...funnel, days: FUNNEL_DAYS },
    onPaper,
  };
}

export type CampaignCharts = Awaited<ReturnType<typeof loadCampaignCharts>>;
