import { LRUCache } from "lru-cache";
import { awaitShared } from "~/utils/availability.server";
import { toPublicSignatory, type PublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";
import {
  isLocale,
  type CampaignKind,
  type CampaignStatus,
  type Locale,
  type MemberRole,
  type PrisonerStatus,
  type TranslationStatus,
} from "~/domain/vocab";
import { countryOptions } from "~/i18n/countries.server";
import { resourcesFor } from "~/i18n/i18n.server";
import { findCampaignBySlugAnyStatus } from "~/models/content.server";
import {
  findPublicCampaignBySlug,
  listCampaignPrisoners,
  listCampaignTranslations,
  listPublicCampaigns,
  listPublicCampaignsForPrisoner,
  type CampaignRow,
} from "~/models/campaign.server";
import {
  findPrisonerBySlug,
  listPrisonerEvents,
  listPrisoners,
  listPrisonersByIds,
  listPrisonerTranslations,
} from "~/models/prisoner.server";
import {
  countSearchListedSignatures,
  countVerifiedByCountry,
  countVerifiedByGroup,
  searchListedSignatures,
} from "~/models/signature.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { listPublishedUpdates } from "~/models/campaign-update.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { markdownToPlainText, renderMarkdown } from "~/utils/markdown.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";

/** How many signatories of each group the campaign page lists before "see all". */
export const SIGNATORIES_PER_GROUP_PREVIEW = 30;
export const SIGNATORIES_PAGE_SIZE = 200;

export interface PrisonerSummary {
  slug: string;
  name: string;
  status: PrisonerStatus;
  summary: string;
  photoUrl: string | null;
}

export interface CampaignCard {
  slug: string;
  kind: CampaignKind;
  status: CampaignStatus;
  title: string;
  summary: string;
  total: number;
  goal: number | null;
  prisoners: PrisonerSummary[];
}

function photoUrl(path: string | null): string | null {
  return path ? `/media/prisoners/${encodeURIComponent(path)}` : null;
}

async function prisonerSummaries(ids: number[], locale: Locale): Promise<Map<number, PrisonerSummary>> {
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
      photoUrl: photoUrl(p.photo_path),
    });
  }
  return byId;
}

type Translations = Awaited<ReturnType<typeof listCampaignTranslations>>;
type GroupCounts = Awaited<ReturnType<typeof countVerifiedByGroup>>;

/** Cards for campaigns; a caller that already read their texts or counts passes them in. */
async function campaignCards(
  campaigns: CampaignRow[],
  locale: Locale,
  preloaded: { translations?: Translations; counts?: GroupCounts } = {},
): Promise<CampaignCard[]> {
  const db = getDb();
  const ids = campaigns.map((c) => c.id);
  const [translations, prisonerLinks, counts] = await Promise.all([
    preloaded.translations ?? listCampaignTranslations(db, ids),
    listCampaignPrisoners(db, ids),
    preloaded.counts ?? countVerifiedByGroup(db, ids),
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
      total: counts.filter((n) => n.campaign_id === c.id).reduce((sum, n) => sum + n.count, 0),
      goal: c.goal,
      prisoners: prisonerLinks
        .filter((p) => p.campaign_id === c.id)
        .map((p) => prisoners.get(p.id))
        .filter((p): p is PrisonerSummary => Boolean(p)),
    };
  });
}

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

export interface SignatoryGroup {
  key: string;
  label: string;
  count: number;
  listedCount: number;
  signatories: PublicSignatory[];
}

/**
 * The campaign page's data is the same for every reader of a language, so each instance
 * keeps it for a few seconds: a publicity spike then costs one set of queries per language
 * every few seconds instead of one per reader (the count on the page may lag that long; the
 * thank-you page and the JSON API read live counts). Concurrent misses share one load.
 * server/app.js keeps the rendered page up to 1.5 seconds more (PAGE_HTML_STALE_MS there):
 * together about 3 seconds behind at most, as before.
 */
const CAMPAIGN_PAGE_TTL_MS = 1_500;
const campaignPageCache = new LRUCache<string, { page: CampaignPageData | null }>({
  max: 500,
  ttl: CAMPAIGN_PAGE_TTL_MS,
  fetchMethod: async (key) => {
    const [slug, locale] = JSON.parse(key) as [string, Locale];
    return { page: await buildCampaignPage(slug, locale) };
  },
});

export async function loadCampaignPage(slug: string, locale: Locale) {
  // Data tests change rows and read the page at once: no cache under NODE_ENV=test.
  if (getConfig().nodeEnv === "test") return buildCampaignPage(slug, locale);
  const entry = await awaitShared(campaignPageCache.fetch(JSON.stringify([slug, locale])));
  return entry?.page ?? null;
}

/** Forgets cached pages (tests that change data and read the page right after). */
export function clearPageCache(): void {
  campaignPageCache.clear();
}

type CampaignPageData = Awaited<ReturnType<typeof buildCampaignPage>>;

async function buildCampaignPage(slug: string, locale: Locale) {
  const campaign = await findPublicCampaignBySlug(getDb(), slug);
  return campaign ? buildCampaignPageFor(campaign, locale) : null;
}

/** The page of one campaign in one language, whatever its status (the caller decides who may see it). */
async function buildCampaignPageFor(campaign: CampaignRow, locale: Locale) {
  const db = getDb();
  const [translations, groups, counts, countries] = await Promise.all([
    listCampaignTranslations(db, [campaign.id]),
    listSignerGroups(db, campaign.id),
    countVerifiedByGroup(db, [campaign.id]),
    countVerifiedByCountry(db, campaign.id),
  ]);
  const [card] = await campaignCards([campaign], locale, { translations, counts });
  const picked = pickTranslation(translations, locale, campaign.canonical_locale);
  if (!picked || !card) return null;

  const signatoryGroups: SignatoryGroup[] = await Promise.all(
    groups.map(async (g) => {
      const filter = { campaignId: campaign.id, groupId: g.id };
      const [rows, listedCount] = await Promise.all([
        searchListedSignatures(db, filter, { limit: SIGNATORIES_PER_GROUP_PREVIEW, offset: 0 }),
        countSearchListedSignatures(db, filter),
      ]);
      return {
        key: g.key,
        label: pickTranslation(g.labels, locale, campaign.canonical_locale)?.row.label ?? g.key,
        count: counts.find((n) => n.group_id === g.id)?.count ?? 0,
        listedCount,
        signatories: rows.map(toPublicSignatory).filter((s): s is PublicSignatory => s !== null),
      };
    }),
  );

  return {
    // Only what the page shows: the title and summary are in `text`, prisoners' summaries
    // belong to their own pages.
    campaign: {
      slug: card.slug,
      kind: card.kind,
      status: card.status,
      total: card.total,
      goal: card.goal,
      prisoners: card.prisoners.map((p) => ({ slug: p.slug, name: p.name, photoUrl: p.photoUrl })),
      canonicalLocale: campaign.canonical_locale,
      deliveredOn: campaign.delivered_on,
      deliveredTo: campaign.delivered_to,
    },
    text: {
      locale: picked.row.locale,
      status: picked.row.status as TranslationStatus,
      fallback: picked.fallback,
      title: picked.row.title,
      summary: picked.row.summary,
      description: picked.row.summary || markdownToPlainText(picked.row.body).slice(0, 200),
      target: picked.row.target,
      bodyHtml: renderMarkdown(picked.row.body),
    },
    availableLocales: translations.map((t) => t.locale),
    updates: (await listPublishedUpdates(db, { limit: 10, campaignId: campaign.id })).map((u) => {
      const text = pickTranslation(u.texts, locale, campaign.canonical_locale)?.row;
      return {
        publishedAt: u.published_at.toISOString(),
        locale: text?.locale ?? campaign.canonical_locale,
        title: text?.title ?? "",
        bodyHtml: renderMarkdown(text?.body ?? ""),
      };
    }),
    signable: campaign.status === "open",
    captchaSitekey: getConfig().hcaptcha?.sitekey ?? null,
    groups: signatoryGroups,
    countries,
  };
}

export type CampaignPage = NonNullable<CampaignPageData>;

const compactCountries = new Map<Locale, string>();

/**
 * Country names for the sign form's select and the signatory lists, in the page's sort
 * order, as one string ("AF:Afghanistan|AL:Albania|…"): a quarter of the bytes of a list
 * of objects once serialized. Decode with `decodeCountryList` (app/components/campaign-view.tsx).
 */
export function countryListFor(locale: Locale): string {
  let list = compactCountries.get(locale);
  if (!list) {
    list = countryOptions(locale)
      .map((c) => `${c.code}:${c.name.replace(/[|]/g, "/")}`)
      .join("|");
    compactCountries.set(locale, list);
  }
  return list;
}

/** A channel tag from ?ref=telegram, kept with the signature; anything else is dropped. */
function refTag(url: URL): string | null {
  const ref = url.searchParams.get("ref");
  return ref && /^[a-z0-9_-]{1,32}$/.test(ref) ? ref : null;
}

/** Everything the public campaign page renders, or null (unknown or draft campaign). */
export async function loadCampaignView(slug: string, locale: Locale, requestUrl: string) {
  const page = await loadCampaignPage(slug, locale);
  if (!page) return null;
  return {
    ...page,
    countryList: countryListFor(locale),
    shareUrl: `${getConfig().appUrl}/${locale}/campaigns/${page.campaign.slug}`,
    ref: refTag(new URL(requestUrl)),
    preview: false as boolean,
  };
}

export type CampaignView = NonNullable<Awaited<ReturnType<typeof loadCampaignView>>>;

/** Who may preview a campaign (platform admins always may). */
export const PREVIEW_ROLES = ["owner", "editor"] as const satisfies readonly MemberRole[];

/**
 * The organizer preview: the campaign page exactly as readers of `localeParam` see it (or
 * will see it, for a draft), read live (never from the public cache), with the strings of
 * that language for the page body. Unknown campaigns, other roles and unknown languages
 * answer 404.
 */
export async function loadCampaignPreview(request: Request, slug: string, localeParam: string | undefined) {
  const access = await requireCampaignAccess(request, slug, PREVIEW_ROLES);
  if (!isLocale(localeParam)) throw new Response("Not found", { status: 404 });
  const locale = localeParam;
  const campaign = await findCampaignBySlugAnyStatus(getDb(), access.campaign.slug);
  const page = campaign ? await buildCampaignPageFor(campaign, locale) : null;
  if (!page) throw new Response("Not found", { status: 404 });
  const view: CampaignView = {
    ...page,
    countryList: countryListFor(locale),
    shareUrl: `${getConfig().appUrl}/${locale}/campaigns/${page.campaign.slug}`,
    ref: null,
    preview: true,
  };
  return { locale, view, resources: resourcesFor(locale, "public") };
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
    events: events.map((e) => ({
      on: e.occurred_on,
      text: pickTranslation(e.texts, locale)?.row.text ?? "",
    })),
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
        return signatory ? { ...signatory, group: labels.get(r.group_id) ?? "" } : null;
      })
      .filter((s): s is PublicSignatory & { group: string } => s !== null),
  };
}
