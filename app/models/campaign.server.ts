import { PUBLIC_CAMPAIGN_STATUSES, type CampaignKind, type CampaignStatus, type Locale } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

export interface CampaignRow {
  id: number;
  slug: string;
  kind: CampaignKind;
  status: CampaignStatus;
  canonical_locale: Locale;
  goal: number | null;
  opened_at: Date | null;
  delivered_on: string | null;
  delivered_to: string | null;
}

const campaignColumns = [
  "campaigns.id",
  "campaigns.slug",
  "campaigns.kind",
  "campaigns.status",
  "campaigns.canonical_locale",
  "campaigns.goal",
  "campaigns.opened_at",
  "campaigns.delivered_on",
  "campaigns.delivered_to",
] as const;

/** Campaigns the public may see (not drafts), open ones first, newest first. */
export async function listPublicCampaigns(db: Executor): Promise<CampaignRow[]> {
  return db
    .selectFrom("campaigns")
    .select(campaignColumns)
    .where("status", "in", PUBLIC_CAMPAIGN_STATUSES)
    .orderBy((eb) => eb.case().when("status", "=", "open").then(0).else(1).end())
    .orderBy("opened_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function findPublicCampaignBySlug(db: Executor, slug: string): Promise<CampaignRow | undefined> {
  return db
    .selectFrom("campaigns")
    .select(campaignColumns)
    .where("slug", "=", slug)
    .where("status", "in", PUBLIC_CAMPAIGN_STATUSES)
    .executeTakeFirst();
}

export async function listCampaignTranslations(db: Executor, campaignIds: readonly number[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom("campaign_translations")
    .select(["campaign_id", "locale", "status", "title", "summary", "body", "target", "version"])
    .where("campaign_id", "in", campaignIds)
    .execute();
}

/** Prisoners of each campaign, in campaign order. */
export async function listCampaignPrisoners(db: Executor, campaignIds: readonly number[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom("campaign_prisoners")
    .innerJoin("prisoners", "prisoners.id", "campaign_prisoners.prisoner_id")
    .select([
      "campaign_prisoners.campaign_id",
      "prisoners.id",
      "prisoners.slug",
      "prisoners.photo_path",
      "prisoners.status",
    ])
    .where("campaign_prisoners.campaign_id", "in", campaignIds)
    .orderBy("campaign_prisoners.position")
    .orderBy("prisoners.id")
    .execute();
}

/** Public campaigns for one prisoner. */
export async function listPublicCampaignsForPrisoner(db: Executor, prisonerId: number): Promise<CampaignRow[]> {
  return db
    .selectFrom("campaigns")
    .innerJoin("campaign_prisoners", "campaign_prisoners.campaign_id", "campaigns.id")
    .select(campaignColumns)
    .where("campaign_prisoners.prisoner_id", "=", prisonerId)
    .where("campaigns.status", "in", PUBLIC_CAMPAIGN_STATUSES)
    .orderBy("campaigns.opened_at", "desc")
    .execute();
}

export async function findCampaignSlugById(db: Executor, id: number): Promise<string | undefined> {
  const row = await db.selectFrom("campaigns").select("slug").where("id", "=", id).executeTakeFirst();
  return row?.slug;
}
