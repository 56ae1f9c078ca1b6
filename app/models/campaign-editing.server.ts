import type { Locale, TranslationStatus } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

/** One language's text of a campaign, as the organizer editor reads it. */
export async function findCampaignText(
  db: Executor,
  campaignId: number,
  locale: Locale,
  opts: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom("campaign_translations")
    .select(["campaign_id", "locale", "status", "title", "summary", "body", "target", "version", "updated_at"])
    .where("campaign_id", "=", campaignId)
    .where("locale", "=", locale);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The languages a campaign has a text in. */
export async function listCampaignTextLocales(db: Executor, campaignId: number): Promise<Locale[]> {
  const rows = await db
    .selectFrom("campaign_translations")
    .select("locale")
    .where("campaign_id", "=", campaignId)
    .orderBy("locale")
    .execute();
  return rows.map((r) => r.locale);
}

export interface CampaignTextInput {
  status: TranslationStatus;
  title: string;
  summary: string;
  body: string;
  target: string;
}

export async function insertCampaignText(
  db: Executor,
  campaignId: number,
  locale: Locale,
  input: CampaignTextInput,
  version: number,
): Promise<void> {
  await db
    .insertInto("campaign_translations")
    .values({ campaign_id: campaignId, locale, version, ...input })
    .execute();
}

export async function updateCampaignText(
  db: Executor,
  campaignId: number,
  locale: Locale,
  input: CampaignTextInput,
  version: number,
): Promise<void> {
  await db
    .updateTable("campaign_translations")
    .set({ ...input, version, updated_at: new Date() })
    .where("campaign_id", "=", campaignId)
    .where("locale", "=", locale)
    .execute();
}

/** Keeps a text as it was at a version (what its signers signed). */
export async function insertCampaignTextVersion(
  db: Executor,
  row: { campaignId: number; locale: Locale; version: number; title: string; body: string },
): Promise<void> {
  await db
    .insertInto("campaign_text_versions")
    .values({ campaign_id: row.campaignId, locale: row.locale, version: row.version, title: row.title, body: row.body })
    .onConflict((oc) => oc.columns(["campaign_id", "locale", "version"]).doNothing())
    .execute();
}

/** The highest version ever kept for a language (0 when none). */
export async function maxCampaignTextVersion(db: Executor, campaignId: number, locale: Locale): Promise<number> {
  const row = await db
    .selectFrom("campaign_text_versions")
    .select((eb) => eb.fn.max("version").as("max"))
    .where("campaign_id", "=", campaignId)
    .where("locale", "=", locale)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export async function listCampaignTextVersions(db: Executor, campaignId: number, locale: Locale) {
  return db
    .selectFrom("campaign_text_versions")
    .select(["version", "title", "body", "created_at"])
    .where("campaign_id", "=", campaignId)
    .where("locale", "=", locale)
    .orderBy("version", "desc")
    .execute();
}
