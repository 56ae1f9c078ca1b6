import { can } from "~/domain/permissions";
import type { Locale } from "~/domain/vocab";
import { resourcesFor } from "~/i18n/i18n.server";
import { findCampaignBySlugAnyStatus } from "~/models/content.server";
import { getDb } from "~/utils/db.server";
import { buildCampaignPageFor, campaignView } from "./campaign-page.server";
import type { CampaignAccess } from "./organizer-sessions.server";

/**
 * The organizer preview: the campaign page exactly as readers of `locale` see it (or will
 * see it, for a draft), read live (never from the public cache), with the strings of that
 * language for the page body. Needs the "edit" ability; without it, or without a text to
 * show, there is nothing to find.
 */
export async function loadCampaignPreview(access: CampaignAccess, locale: Locale) {
  if (!can(access.role, "edit")) return { kind: "not-found" } as const;
  const campaign = await findCampaignBySlugAnyStatus(getDb(), access.campaign.slug);
  const page = campaign ? await buildCampaignPageFor(campaign, locale) : null;
  if (!page) return { kind: "not-found" } as const;
  return {
    kind: "found" as const,
    locale,
    view: campaignView(page, locale, { ref: null, preview: true }),
    resources: resourcesFor(locale, "public"),
  };
}
