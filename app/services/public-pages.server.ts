import { toPublicSignatory, type PublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import {
  findPublicCampaignBySlug,
  listPublicCampaigns,
  listPublicCampaignsForPrisoner,
} from "~/models/campaign.server";
import {
  findPrisonerBySlug,
  listPrisonerEvents,
  listPrisoners,
  listPrisonerTranslations,
} from "~/models/prisoner.server";
import { countSearchListedSignatures, countVerifiedByCountry, searchListedSignatures } from "~/models/signature.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import {
  type CampaignCard,
  campaignCards,
  photoUrl,
  type PrisonerSummary,
  prisonerSummaries,
} from "./public-cards.server";

/**
 * The public pages around the campaign page: home, prisoner, thank-you, the full list of
 * signatories. The campaign page itself is app/services/campaign-page.server.ts, the
 * organizer's preview of it app/services/campaign-preview.server.ts.
 */

export type { CampaignCard, PrisonerSummary } from "./public-cards.server";
export {
  type CampaignPage,
  type CampaignView,
  clearPageCache,
  countryListFor,
  loadCampaignPage,
  loadCampaignView,
  SIGNATORIES_PER_GROUP_PREVIEW,
  type SignatoryGroup,
} from "./campaign-page.server";

export const SIGNATORIES_PAGE_SIZE = 200;

export async function loadHomePage(locale: Locale) {
  const db = getDb();
  const [campaigns, prisoners] = await Promise.all([listPublicCampaigns(db), listPrisoners(db)]);
  const summaries = await prisonerSummaries(
    prisoners.map((p) => p.id),
    locale,
  );
  return {
    campaigns: await campaignCards(campaigns, locale),
    prisoners: prisoners.map((p) => summaries.get(p.id)).filter((p): p is PrisonerSummary => Boolean(p)),
  };
}

export async function loadPrisonerPage(slug: string, locale: Locale) {
  const db = getDb();
  const prisoner = await findPrisonerBySlug(db, slug);
  if (!prisoner) return null;
  const [translations, events, campaigns] = await Promise.all([
    listPrisonerTranslations(db, [prisoner.id]),
    listPrisonerEvents(db, prisoner.id),
    listPublicCampaignsForPrisoner(db, prisoner.id),
  ]);
  const picked = pickTranslation(translations, locale);
  if (!picked) return null;
  return {
    prisoner: {
      slug: prisoner.slug,
      status: prisoner.status,
      bornOn: prisoner.born_on,
      detainedOn: prisoner.detained_on,
      photoUrl: photoUrl(prisoner.photo_path),
      name: picked.row.name,
      summary: picked.row.summary,
      bioHtml: renderMarkdown(picked.row.bio),
      facility: picked.row.facility,
      textLocale: picked.row.locale,
      fallback: picked.fallback,
    },
    availableLocales: translations.map((t) => t.locale),
    events: events.map((e) => {
      const picked = pickTranslation(e.texts, locale);
      return { on: e.occurred_on, text: picked?.row.text ?? "", locale: picked?.row.locale ?? locale };
    }),
    campaigns: await campaignCards(campaigns, locale),
  };
}

/** The few facts the thank-you page shows: title and total, nothing about the signer. */
export async function loadThanksPage(slug: string, locale: Locale) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return null;
  const [card] = await campaignCards([campaign], locale);
  if (!card) return null;
  return { slug, title: card.title, total: card.total };
}

/** A public campaign's card (title, kind, status, total, goal, prisoners), for social images and posters. */
export async function loadCampaignCard(slug: string, locale: Locale): Promise<CampaignCard | null> {
  const campaign = await findPublicCampaignBySlug(getDb(), slug);
  if (!campaign) return null;
  const [card] = await campaignCards([campaign], locale);
  return card ?? null;
}

export interface SignatoriesQuery {
  group?: string;
  country?: string;
  q?: string;
  page?: number;
}

/** The full list of a campaign's signatories: filtered, searched, in bounded pages. */
export async function loadSignatoriesPage(slug: string, locale: Locale, query: SignatoriesQuery) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return null;
  const [card] = await campaignCards([campaign], locale);
  const [groups, countries] = await Promise.all([
    listSignerGroups(db, campaign.id),
    countVerifiedByCountry(db, campaign.id),
  ]);
  const group = groups.find((g) => g.key === query.group);
  const country = countries.some((c) => c.country === query.country) ? query.country : undefined;
  const search = query.q?.trim().slice(0, 100) || undefined;
  const filter = { campaignId: campaign.id, groupId: group?.id, country, search };
  const total = await countSearchListedSignatures(db, filter);
  const pages = Math.max(1, Math.ceil(total / SIGNATORIES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
  const rows = await searchListedSignatures(db, filter, {
    limit: SIGNATORIES_PAGE_SIZE,
    offset: (page - 1) * SIGNATORIES_PAGE_SIZE,
  });
  const labels = new Map(
    groups.map((g) => [g.id, pickTranslation(g.labels, locale, campaign.canonical_locale)?.row.label ?? g.key]),
  );
  return {
    campaign: { slug, title: card?.title ?? slug, total: card?.total ?? 0 },
    groups: groups.map((g) => ({ key: g.key, label: labels.get(g.id) ?? g.key })),
    countries: countries.map((c) => c.country),
    filter: { group: group?.key ?? "", country: country ?? "", q: search ?? "" },
    page,
    pages,
    total,
    signatories: rows
      .map((r) => {
        const signatory = toPublicSignatory(r);
        const groupKey = groups.find((g) => g.id === r.group_id)?.key ?? "";
        return signatory ? { ...signatory, group: labels.get(r.group_id) ?? "", groupKey } : null;
      })
      .filter((s): s is PublicSignatory & { group: string; groupKey: string } => s !== null),
  };
}
