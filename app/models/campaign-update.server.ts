import { PUBLIC_CAMPAIGN_STATUSES, type Locale } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

export interface CampaignUpdateInput {
  campaignId: number;
  /** Unset or null: a draft, never shown. A future date: shown from then on. */
  publishedAt?: Date | string | null;
  translations: { locale: Locale; title: string; body: string }[];
}

/** Writes one update with its texts (test factories now, the organizer editor later). */
export async function insertCampaignUpdate(db: Executor, input: CampaignUpdateInput): Promise<number> {
  const { id } = await db
    .insertInto("campaign_updates")
    .values({ campaign_id: input.campaignId, published_at: input.publishedAt ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.translations.length) {
    await db
      .insertInto("campaign_update_translations")
      .values(input.translations.map((t) => ({ update_id: id, locale: t.locale, title: t.title, body: t.body })))
      .execute();
  }
  return id;
}

/**
 * Published updates (published_at set and not in the future) of public campaigns, newest
 * first, each with every translation it has and what its campaign's page needs.
 */
export async function listPublishedUpdates(
  db: Executor,
  { limit, now = new Date(), campaignId }: { limit: number; now?: Date; campaignId?: number },
) {
  let query = db
    .selectFrom("campaign_updates")
    .innerJoin("campaigns", "campaigns.id", "campaign_updates.campaign_id")
    .select([
      "campaign_updates.id",
      "campaign_updates.campaign_id",
      "campaign_updates.published_at",
      "campaign_updates.created_at",
      "campaigns.slug as campaign_slug",
      "campaigns.canonical_locale",
    ])
    .where("campaign_updates.published_at", "is not", null)
    .where("campaign_updates.published_at", "<=", now)
    .where("campaigns.status", "in", PUBLIC_CAMPAIGN_STATUSES);
  if (campaignId !== undefined) query = query.where("campaign_updates.campaign_id", "=", campaignId);
  const updates = await query
    .orderBy("campaign_updates.published_at", "desc")
    .orderBy("campaign_updates.id", "desc")
    .limit(limit)
    .execute();
  const texts = updates.length
    ? await db
        .selectFrom("campaign_update_translations")
        .select(["update_id", "locale", "title", "body"])
        .where(
          "update_id",
          "in",
          updates.map((u) => u.id),
        )
        .execute()
    : [];
  return updates.map((u) => ({
    ...u,
    // Filtered out above; narrowed here for the type.
    published_at: u.published_at ?? u.created_at,
    texts: texts.filter((t) => t.update_id === u.id),
  }));
}
