import { LRUCache } from "lru-cache";
import { toPublicSignatory, type PublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";
import type { Locale, TranslationStatus } from "~/domain/vocab";
import { countryOptions } from "~/i18n/countries.server";
import { findPublicCampaignBySlug, listCampaignTranslations, type CampaignRow } from "~/models/campaign.server";
import { listPublishedUpdates } from "~/models/campaign-update.server";
import {
  countSearchListedSignatures,
  countListedByGroup,
  countVerifiedByCountry,
  countVerifiedTotals,
  searchListedSignatures,
} from "~/models/signature.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { awaitShared } from "~/utils/availability.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { clearShortCaches } from "~/utils/short-cache.server";
import { markdownToPlainText, renderMarkdown } from "~/utils/markdown.server";
import { campaignCards } from "./public-cards.server";
import { loadPublicOutcome } from "./campaign-outcome.server";

/** The public page of one campaign: its text, counts, signatories by group, news. */

/** How many signatories of each group the campaign page lists before "see all". */
export const SIGNATORIES_PER_GROUP_PREVIEW = 30;

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

/**
 * Forgets cached pages, and every short cache of this process (the signing context, so a
 * campaign closed here refuses the next signature; the counts of the API, widget and card):
 * called by every organizer change of what the public sees.
 */
export function clearPageCache(): void {
  campaignPageCache.clear();
  clearShortCaches();
}

type CampaignPageData = Awaited<ReturnType<typeof buildCampaignPage>>;

async function buildCampaignPage(slug: string, locale: Locale) {
  const campaign = await findPublicCampaignBySlug(getDb(), slug);
  return campaign ? buildCampaignPageFor(campaign, locale) : null;
}

/** The page of one campaign in one language, whatever its status (the caller decides who may see it). */
export async function buildCampaignPageFor(campaign: CampaignRow, locale: Locale) {
  const db = getDb();
  const [translations, groups, counts, countries, totals] = await Promise.all([
    listCampaignTranslations(db, [campaign.id]),
    listSignerGroups(db, campaign.id),
    countListedByGroup(db, [campaign.id]),
    countVerifiedByCountry(db, campaign.id),
    countVerifiedTotals(db, [campaign.id]),
  ]);
  const [card] = await campaignCards([campaign], locale, { translations, totals });
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
    /** "Counted only" signers: one number for the whole campaign, never per group or country. */
    unlisted: totals.get(campaign.id)?.unlisted ?? 0,
    countries,
    /** Timeline, answer and paper signatures (issue 15). */
    outcome: await loadPublicOutcome(db, campaign.id, card.total, locale),
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

/** A channel tag such as "telegram" (from ?ref=), kept with the signature; anything else is dropped. */
function refTag(ref: string | null | undefined): string | null {
  return ref && /^[a-z0-9_-]{1,32}$/.test(ref) ? ref : null;
}

/** What the campaign view renders around the page data: the form's extras and the share link. */
export function campaignView(page: CampaignPage, locale: Locale, opts: { ref: string | null; preview: boolean }) {
  return {
    ...page,
    countryList: countryListFor(locale),
    shareUrl: `${getConfig().appUrl}/${locale}/campaigns/${page.campaign.slug}`,
    ref: opts.ref,
    preview: opts.preview,
  };
}

export type CampaignView = ReturnType<typeof campaignView>;

/**
 * Everything the public campaign page renders, or null (unknown or draft campaign). `ref`
 * is the channel the reader came from (?ref=), kept only when it looks like a tag.
 */
export async function loadCampaignView(
  slug: string,
  locale: Locale,
  { ref }: { ref?: string | null } = {},
): Promise<CampaignView | null> {
  const page = await loadCampaignPage(slug, locale);
  return page ? campaignView(page, locale, { ref: refTag(ref), preview: false }) : null;
}
