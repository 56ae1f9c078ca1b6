import { today } from "~/domain/dates";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { countryOptions } from "~/i18n/countries.server";
import { queueMail } from "~/jobs/enqueue.server";
import {
  claimDigest,
  countHeldForReview,
  countVerifiedSince,
  listDigestSubscribers,
  listNotableSince,
} from "~/models/campaign-insights.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { findDisposableDomains, findNameSignals } from "./abuse-signals.server";

/**
 * The daily digest (the "daily-digest" job, on a pg-boss cron schedule): to each owner who
 * asked for it, per campaign and in their language, what the last day brought — new
 * signatures by group and country, notable signers, open abuse signals, signatures held for
 * review. Each owner's digest is claimed for the day in the transaction that queues its mail,
 * so a retried or doubled run sends it once.
 */

export const DIGEST_CRON = "0 7 * * *";
const TOP = 8;
const NOTABLE = 10;

async function digestFor(campaignId: number, canonical: Locale, slug: string, locale: Locale, since: Date) {
  const db = getDb();
  const [rows, notable, held, groups, texts, names, disposable] = await Promise.all([
    countVerifiedSince(db, campaignId, since),
    listNotableSince(db, campaignId, since, NOTABLE),
    countHeldForReview(db, campaignId),
    listSignerGroups(db, campaignId),
    listCampaignTranslations(db, [campaignId]),
    findNameSignals(campaignId),
    findDisposableDomains(campaignId),
  ]);
  const sum = (key: (r: (typeof rows)[number]) => string) => {
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(key(r), (totals.get(key(r)) ?? 0) + r.count);
    return [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  };
  const groupLabel = new Map(
    groups.map((g) => [String(g.id), pickTranslation(g.labels, locale, canonical)?.row.label ?? g.key]),
  );
  const countryName = new Map(countryOptions(locale).map((c) => [c.code, c.name]));
  const base = getConfig().appUrl;
  return {
    campaignTitle: pickTranslation(texts, locale, canonical)?.row.title ?? slug,
    newTotal: rows.reduce((n, r) => n + r.count, 0),
    byGroup: sum((r) => String(r.groupId)).map(([id, count]) => ({ label: groupLabel.get(id) ?? id, count })),
    byCountry: sum((r) => r.country).map(([code, count]) => ({ label: countryName.get(code) ?? code, count })),
    notable: notable.map((s) => ({ name: s.full_name, title: s.title })),
    heldForReview: held,
    signals: names.imitations.length + names.claims.length + disposable.length,
    overviewUrl: `${base}/organizer/campaigns/${slug}`,
    signalsUrl: `${base}/organizer/campaigns/${slug}/signals`,
  };
}

/** Sends today's digests not sent yet. Returns how many were queued. */
export async function sendDailyDigests(now = new Date()): Promise<number> {
  const db = getDb();
  const day = today(now);
  const dayAgo = new Date(now.getTime() - 86_400_000);
  let sent = 0;
  for (const s of await listDigestSubscribers(db, day)) {
    // Since the last digest (at most a week back), else the last 24 hours.
    const last = s.digest_sent_on ? new Date(`${s.digest_sent_on}T07:00:00.000Z`) : dayAgo;
    const since = new Date(Math.max(last.getTime(), now.getTime() - 7 * 86_400_000));
    const locale = s.locale;
    const data = await digestFor(s.campaign_id, s.canonical_locale, s.slug, locale, since);
    const queued = await db.transaction().execute(async (trx) => {
      if (!(await claimDigest(trx, s.campaign_id, s.organizer_id, day))) return false;
      await queueMail(trx, { kind: "daily_digest", locale, to: s.email, data });
      return true;
    });
    if (queued) sent++;
  }
  return sent;
}
