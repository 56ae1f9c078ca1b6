import { pickTranslation } from "~/domain/translation";
import type { CampaignKind, CampaignStatus, Locale, PrisonerStatus } from "~/domain/vocab";
import { listCampaignPrisoners, listCampaignTranslations, type CampaignRow } from "~/models/campaign.server";
import { listPrisonersByIds, listPrisonerTranslations } from "~/models/prisoner.server";
import { countVerifiedTotals } from "~/models/signature.server";
import { getDb } from "~/utils/db.server";

/**
 * The small pictures of campaigns and prisoners that several public pages show (home,
 * prisoner, campaign, thank-you, share images), in the reader's language.
 */

export interface PrisonerSummary {
  slug: string;
  name: string;
  status: PrisonerStatus;
  summary: string;
  /** The language the title and summary are written in (the reader's, or a fallback). */
  textLocale: Locale;
  photoUrl: string | null;
}

export interface CampaignCard {
  slug: string;
  kind: CampaignKind;
  status: CampaignStatus;
  title: string;
  summary: string;
  /** The language the title and summary are written in (the reader's, or a fallback). */
  textLocale: Locale;
  total: number;
  goal: number | null;
  prisoners: PrisonerSummary[];
}

export function photoUrl(path: string | null): string | null {
  return path ? `/media/prisoners/${encodeURIComponent(path)}` : null;
}

export async function prisonerSummaries(ids: number[], locale: Locale): Promise<Map<number, PrisonerSummary>> {
  const db = getDb();
  const [rows, translations] = await Promise.all([listPrisonersByIds(db, ids), listPrisonerTranslations(db, ids)]);
  const byId = new Map<number, PrisonerSummary>();
  for (const p of rows) {
    const text = pickTranslation(
      translations.filter((t) => t.prisoner_id === p.id),
      locale,
    )?.row;
    byId.set(p.id, {
      slug: p.slug,
      name: text?.name ?? p.slug,
      status: p.status,
      summary: text?.summary ?? "",
      textLocale: text?.locale ?? locale,
      photoUrl: photoUrl(p.photo_path),
    });
  }
  return byId;
}

export type CampaignTranslations = Awaited<ReturnType<typeof listCampaignTranslations>>;
export type CampaignTotals = Awaited<ReturnType<typeof countVerifiedTotals>>;

/** Cards for campaigns; a caller that already read their texts or counts passes them in. */
export async function campaignCards(
  campaigns: CampaignRow[],
  locale: Locale,
  preloaded: { translations?: CampaignTranslations; totals?: CampaignTotals } = {},
): Promise<CampaignCard[]> {
  const db = getDb();
  const ids = campaigns.map((c) => c.id);
  const [translations, prisonerLinks, totals] = await Promise.all([
    preloaded.translations ?? listCampaignTranslations(db, ids),
    listCampaignPrisoners(db, ids),
    preloaded.totals ?? countVerifiedTotals(db, ids),
  ]);
  const prisoners = await prisonerSummaries([...new Set(prisonerLinks.map((p) => p.id))], locale);
  return campaigns.map((c) => {
    const text = pickTranslation(
      translations.filter((t) => t.campaign_id === c.id),
      locale,
      c.canonical_locale,
    )?.row;
    return {
      slug: c.slug,
      kind: c.kind,
      status: c.status,
      title: text?.title ?? c.slug,
      summary: text?.summary ?? "",
      textLocale: text?.locale ?? locale,
      total: totals.get(c.id)?.total ?? 0,
      goal: c.goal,
      prisoners: prisonerLinks
        .filter((p) => p.campaign_id === c.id)
        .map((p) => prisoners.get(p.id))
        .filter((p): p is PrisonerSummary => Boolean(p)),
    };
  });
}
