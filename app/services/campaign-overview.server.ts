import { can } from "~/domain/permissions";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { listAudit } from "~/models/audit.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import { listOrganizerCampaigns } from "~/models/organizer.server";
import { totalForCampaign } from "~/models/signature.server";
import { getDb } from "~/utils/db.server";
import { listRecentExports } from "./exports.server";
import type { CampaignAccess, SignedInOrganizer } from "./organizer-sessions.server";

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

/** The organizer's campaigns (every campaign for a platform admin) with live totals. */
export async function loadDashboard(organizer: SignedInOrganizer, locale: Locale) {
  const db = getDb();
  const campaigns = await listOrganizerCampaigns(db, organizer.id, organizer.isAdmin);
  const title = await campaignTitles(
    campaigns.map((c) => c.id),
    locale,
  );
  const totals = await Promise.all(campaigns.map((c) => totalForCampaign(db, c.id)));
  return {
    organizer: { email: organizer.email, isAdmin: organizer.isAdmin },
    campaigns: campaigns.map((c, i) => ({
      slug: c.slug,
      status: c.status,
      title: title(c.id, c.canonical_locale, c.slug),
      role: c.role ?? ("admin" as const),
      total: totals[i] ?? 0,
      goal: c.goal,
    })),
  };
}

/** A campaign's organizer page: title, total, the latest audit entries and (for owners) recent exports. */
export async function loadCampaignOverview(access: CampaignAccess, locale: Locale) {
  const db = getDb();
  const { campaign } = access;
  const title = await campaignTitles([campaign.id], locale);
  const [total, audit, recentExports] = await Promise.all([
    totalForCampaign(db, campaign.id),
    listAudit(db, campaign.id, AUDIT_PAGE_SIZE),
    // Exports carry personal data: every owner sees who took one, and when.
    can(access.role, "manage") ? listRecentExports(campaign.id, access.organizer.id, 5) : Promise.resolve(null),
  ]);
  return {
    slug: campaign.slug,
    role: access.role,
    recentExports,
    title: title(campaign.id, campaign.canonicalLocale, campaign.slug),
    total,
    audit: audit.map((a) => ({
      id: a.id,
      action: a.action,
      organizer: a.organizer_email,
      rowCount: a.row_count,
      createdAt: a.created_at.toISOString(),
    })),
  };
}
