import { nextStep } from "~/domain/next-step";
import { can } from "~/domain/permissions";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { listAudit } from "~/models/audit.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import { findMembership, listOrganizerCampaigns } from "~/models/organizer.server";
import { countVerifiedTotals, totalForCampaign } from "~/models/signature.server";
import { getDb } from "~/utils/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { findDailyDigest, setDailyDigest } from "~/models/campaign-insights.server";
import { listCampaignProgress } from "~/models/campaign-progress.server";
import { DEFAULT_BURST_THRESHOLD } from "~/schemas/moderation";
import { BURST_WINDOW_DAYS } from "./abuse-signals.server";
import { loadCampaignCharts } from "./campaign-insights.server";
import { listRecentExports } from "./exports.server";
import { retentionNotice } from "./retention.server";
import {
  type CampaignAccess,
  findCampaignAccess,
  type OrganizerSession,
  type SignedInOrganizer,
} from "./organizer-sessions.server";

/** The organizer's dashboard and a campaign's overview page. */

export const AUDIT_PAGE_SIZE = 50;

/** Campaign titles in the reader's language (else the canonical one, else the slug). */
export async function campaignTitles(campaignIds: number[], locale: Locale) {
  const translations = await listCampaignTranslations(getDb(), campaignIds);
  return (id: number, canonical: Locale, fallback: string) =>
    pickTranslation(
      translations.filter((t) => t.campaign_id === id),
      locale,
      canonical,
    )?.row.title ?? fallback;
}

/**
 * What the frame of every organizer page shows: who is signed in (both factors), and the
 * title of the campaign the page is about when they may see it (for the tab's title).
 */
export async function loadOrganizerFrame(
  session: OrganizerSession | null,
  campaignSlug: string | undefined,
  locale: Locale,
) {
  const organizer = session?.secondFactorAt ? session.organizer : null;
  if (!organizer) return { email: null, campaignTitle: null };
  // Translators may open a campaign's letter queue only; viewers everything but that.
  const access = campaignSlug
    ? ((await findCampaignAccess(organizer, campaignSlug, "view")) ??
      (await findCampaignAccess(organizer, campaignSlug, "translate")))
    : null;
  if (!access) return { email: organizer.email, campaignTitle: null };
  const { campaign } = access;
  const title = await campaignTitles([campaign.id], locale);
  return { email: organizer.email, campaignTitle: title(campaign.id, campaign.canonicalLocale, campaign.slug) };
}

/**
 * The organizer's campaigns (every campaign for a platform admin) with live totals and the
 * next thing to do on each (domain/next-step.ts), read for all cards in one query.
 */
export async function loadDashboard(organizer: SignedInOrganizer, locale: Locale, now = new Date()) {
  const db = getDb();
  const campaigns = await listOrganizerCampaigns(db, organizer.id, organizer.isAdmin);
  const ids = campaigns.map((c) => c.id);
  const [title, totals, progress] = await Promise.all([
    campaignTitles(ids, locale),
    countVerifiedTotals(db, ids), // every card's count in one query
    listCampaignProgress(db, ids, {
      since: new Date(now.getTime() - BURST_WINDOW_DAYS * 86_400_000),
      burstThreshold: DEFAULT_BURST_THRESHOLD,
    }),
  ]);
  const progressOf = new Map(progress.map((p) => [p.campaign_id, p]));
  return {
    organizer: { email: organizer.email, isAdmin: organizer.isAdmin },
    campaigns: campaigns.map((c) => {
      const role = c.role ?? ("admin" as const);
      const total = totals.get(c.id)?.total ?? 0;
      const p = progressOf.get(c.id);
      return {
        slug: c.slug,
        status: c.status,
        title: title(c.id, c.canonical_locale, c.slug),
        role,
        total,
        goal: c.goal,
        heldForReview: p?.held ?? 0,
        next: nextStep(
          {
            status: c.status,
            goal: c.goal,
            total,
            heldForReview: p?.held ?? 0,
            hasSignals: p?.has_signals ?? false,
            answered: p?.answered ?? false,
            textLocales: p?.text_locales ?? [],
          },
          role,
        ),
      };
    }),
  };
}

/** A campaign's organizer page: title, total, the latest audit entries and (for owners) recent exports. */
export async function loadCampaignOverview(access: CampaignAccess, locale: Locale) {
  const db = getDb();
  const { campaign } = access;
  const title = await campaignTitles([campaign.id], locale);
  const t = getFixedT(locale, "orgInsights");
  const [total, audit, recentExports, charts, digest, retention] = await Promise.all([
    totalForCampaign(db, campaign.id),
    listAudit(db, campaign.id, AUDIT_PAGE_SIZE),
    // Exports carry personal data: every owner sees who took one, and when.
    can(access.role, "manage") ? listRecentExports(campaign.id, access.organizer.id, 5) : Promise.resolve(null),
    loadCampaignCharts(campaign, locale, {
      other: t("charts.other"),
      direct: t("charts.direct"),
      paper: t("charts.paper"),
    }),
    findDailyDigest(db, campaign.id, access.organizer.id),
    retentionNotice(campaign.id),
  ]);
  return {
    slug: campaign.slug,
    role: access.role,
    /** A platform admin may also be a member (the creator of a campaign is its owner). */
    memberRole: access.role === "admin" ? await findMembership(db, campaign.id, access.organizer.id) : null,
    recentExports,
    title: title(campaign.id, campaign.canonicalLocale, campaign.slug),
    total,
    charts,
    /** Owners may ask for the daily digest; null for everyone else. */
    digest: digest?.owner ? { on: digest.on } : null,
    /** Two weeks before signer data is erased: the date, and whether this member may export. */
    retention: retention ? { ...retention, canExport: can(access.role, "edit") } : null,
    audit: audit.map((a) => ({
      id: a.id,
      action: a.action,
      organizer: a.organizer_email,
      rowCount: a.row_count,
      createdAt: a.created_at.toISOString(),
    })),
  };
}

/** An owner turns the daily digest of a campaign on or off; false for anyone who is not an owner. */
export async function setCampaignDigest(access: CampaignAccess, on: boolean): Promise<boolean> {
  return setDailyDigest(getDb(), access.campaign.id, access.organizer.id, on);
}
