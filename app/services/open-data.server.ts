import { isCountryCode } from "~/domain/countries";
import { toPublicSignatory, type PublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";
import { isLocale, type CampaignKind, type CampaignStatus, type Locale, type PrisonerStatus } from "~/domain/vocab";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import {
  findPublicCampaignBySlug,
  listCampaignPrisoners,
  listCampaignTranslations,
  listPublicCampaigns,
  type CampaignRow,
} from "~/models/campaign.server";
import { listPublishedUpdates } from "~/models/campaign-update.server";
import { listPrisoners, listPrisonerTranslations } from "~/models/prisoner.server";
import {
  countSearchListedSignatures,
  countVerifiedByCountry,
  countVerifiedByGroup,
  searchListedSignatures,
  totalForCampaign,
} from "~/models/signature.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { renderMarkdown } from "~/utils/markdown.server";

/**
 * Everything the outside world reads without a browser session: the JSON API, the
 * embeddable widget, the sitemap, robots.txt and the Atom feed of campaign updates. The
 * same visibility rules as the HTML pages hold: signatories pass through toPublicSignatory,
 * counts come from the counters, drafts and unpublished updates never appear.
 */

// ---------------------------------------------------------------------------------------
// HTTP envelope shared by the open-data routes

export const OPEN_DATA_CACHE = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
} as const;

/** A JSON answer any site may read (CORS `*`) and any cache may keep for a minute. */
export function openDataJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      ...CORS_HEADERS,
      "Content-Type": "application/json; charset=utf-8",
      // A malformed query is the caller's mistake of the moment; don't keep it around.
      "Cache-Control": status === 400 ? "no-store" : OPEN_DATA_CACHE,
      "X-Robots-Tag": "noindex",
    },
  });
}

/** The answer to a CORS preflight (OPTIONS). */
export function openDataPreflight(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "Access-Control-Allow-Headers": request.headers.get("Access-Control-Request-Headers") ?? "Content-Type",
      "Access-Control-Max-Age": "86400",
      "Cache-Control": OPEN_DATA_CACHE,
    },
  });
}

export const NOT_FOUND_BODY = { error: "not_found" } as const;

export class BadRequest extends Error {
  constructor(public readonly details: string[]) {
    super(`bad request: ${details.join("; ")}`);
  }
}

export function badRequestBody(error: BadRequest) {
  return { error: "bad_request", details: error.details };
}

// ---------------------------------------------------------------------------------------
// Query parameters

/** `?lang=`: absent is fine, an unknown language is a bad request. */
export function parseLangParam(params: URLSearchParams): Locale | undefined {
  const value = params.get("lang");
  if (value === null || value === "") return undefined;
  if (!isLocale(value)) throw new BadRequest([`lang: one of ${SUPPORTED_LOCALES.join(", ")}`]);
  return value;
}

export const OPEN_DATA_PAGE_SIZE = 100;
/** Deep pages are for crawlers gone astray; 100 × 10 000 is more than any campaign has. */
const MAX_PAGE = 10_000;

export interface SignatoriesApiQuery {
  group?: string;
  country?: string;
  page: number;
}

export function parseSignatoriesParams(params: URLSearchParams): SignatoriesApiQuery {
  const problems: string[] = [];
  const group = params.get("group") || undefined;
  if (group !== undefined && !/^[a-z0-9_-]{1,64}$/.test(group))
    problems.push("group: a group key such as mathematicians");
  const rawCountry = params.get("country") || undefined;
  const country = rawCountry?.toUpperCase();
  if (country !== undefined && !isCountryCode(country)) problems.push("country: an ISO 3166-1 alpha-2 code such as FR");
  const rawPage = params.get("page") || "1";
  const page = /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) problems.push(`page: an integer from 1 to ${MAX_PAGE}`);
  if (problems.length) throw new BadRequest(problems);
  return { group, country, page };
}

// ---------------------------------------------------------------------------------------
// The JSON API

export interface OpenPrisoner {
  slug: string;
  name: string;
  status: PrisonerStatus;
}

export interface OpenCampaign {
  slug: string;
  kind: CampaignKind;
  status: CampaignStatus;
  canonicalLocale: Locale;
  /** In `?lang=` (falling back to the original), or in the original language. */
  title: string;
  titleLocale: Locale;
  /** Every translation the campaign has. */
  titles: Partial<Record<Locale, string>>;
  total: number;
  goal: number | null;
  prisoners: OpenPrisoner[];
  url: string;
}

async function openCampaigns(campaigns: CampaignRow[], lang: Locale | undefined): Promise<OpenCampaign[]> {
  const db = getDb();
  const ids = campaigns.map((c) => c.id);
  const [translations, links, counts] = await Promise.all([
    listCampaignTranslations(db, ids),
    listCampaignPrisoners(db, ids),
    countVerifiedByGroup(db, ids),
  ]);
  const prisonerTexts = await listPrisonerTranslations(db, [...new Set(links.map((l) => l.id))]);
  const appUrl = getConfig().appUrl;
  return campaigns.map((c) => {
    const texts = translations.filter((t) => t.campaign_id === c.id);
    const locale = lang ?? c.canonical_locale;
    const picked = pickTranslation(texts, locale, c.canonical_locale)?.row;
    return {
      slug: c.slug,
      kind: c.kind,
      status: c.status,
      canonicalLocale: c.canonical_locale,
      title: picked?.title ?? c.slug,
      titleLocale: picked?.locale ?? c.canonical_locale,
      titles: Object.fromEntries(texts.map((t) => [t.locale, t.title])),
      total: counts.filter((n) => n.campaign_id === c.id).reduce((sum, n) => sum + n.count, 0),
      goal: c.goal,
      prisoners: links
        .filter((l) => l.campaign_id === c.id)
        .map((l) => ({
          slug: l.slug,
          name:
            pickTranslation(
              prisonerTexts.filter((t) => t.prisoner_id === l.id),
              locale,
            )?.row.name ?? l.slug,
          status: l.status,
        })),
      url: `${appUrl}/${locale}/campaigns/${c.slug}`,
    };
  });
}

/** `GET /api/campaigns`: every public campaign (drafts never). */
export async function listOpenDataCampaigns(lang?: Locale) {
  const campaigns = await listPublicCampaigns(getDb());
  return { campaigns: await openCampaigns(campaigns, lang) };
}

/** `GET /api/campaigns/:slug`: one campaign with its counts per group and per country. */
export async function getOpenDataCampaign(slug: string, lang?: Locale) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return null;
  const [[card], groups, counts, countries] = await Promise.all([
    openCampaigns([campaign], lang),
    listSignerGroups(db, campaign.id),
    countVerifiedByGroup(db, [campaign.id]),
    countVerifiedByCountry(db, campaign.id),
  ]);
  if (!card) return null;
  return {
    ...card,
    openedAt: campaign.opened_at ? new Date(campaign.opened_at).toISOString() : null,
    deliveredOn: campaign.delivered_on,
    deliveredTo: campaign.delivered_to,
    groups: groups.map((g) => ({
      key: g.key,
      labels: Object.fromEntries(g.labels.map((l) => [l.locale, l.label])) as Partial<Record<Locale, string>>,
      count: counts.find((n) => n.group_id === g.id)?.count ?? 0,
    })),
    countries,
  };
}

export type OpenSignatory = PublicSignatory & { group: string };

/**
 * `GET /api/campaigns/:slug/signatories`: listed signatories only (verified; public,
 * initials or anonymous), each exactly as the HTML list shows them, in bounded pages.
 */
export async function listOpenDataSignatories(slug: string, query: SignatoriesApiQuery) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return null;
  const groups = await listSignerGroups(db, campaign.id);
  const group = query.group === undefined ? undefined : groups.find((g) => g.key === query.group);
  if (query.group !== undefined && !group) {
    throw new BadRequest([`group: one of ${groups.map((g) => g.key).join(", ") || "(none)"}`]);
  }
  const filter = { campaignId: campaign.id, groupId: group?.id, country: query.country };
  const total = await countSearchListedSignatures(db, filter);
  const rows =
    (query.page - 1) * OPEN_DATA_PAGE_SIZE < total
      ? await searchListedSignatures(db, filter, {
          limit: OPEN_DATA_PAGE_SIZE,
          offset: (query.page - 1) * OPEN_DATA_PAGE_SIZE,
        })
      : [];
  const keys = new Map(groups.map((g) => [g.id, g.key]));
  return {
    campaign: campaign.slug,
    filter: { group: group?.key ?? null, country: query.country ?? null },
    page: query.page,
    pageSize: OPEN_DATA_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / OPEN_DATA_PAGE_SIZE)),
    total,
    signatories: rows
      .map((r): OpenSignatory | null => {
        const signatory = toPublicSignatory(r);
        return signatory ? { ...signatory, group: keys.get(r.group_id) ?? "" } : null;
      })
      .filter((s): s is OpenSignatory => s !== null),
  };
}

// ---------------------------------------------------------------------------------------
// The embeddable widget

/** What the widget shows: title, count, goal. Nothing about any signer. */
export async function loadEmbedWidget(slug: string, locale: Locale) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return null;
  const [translations, total] = await Promise.all([
    listCampaignTranslations(db, [campaign.id]),
    totalForCampaign(db, campaign.id),
  ]);
  const picked = pickTranslation(translations, locale, campaign.canonical_locale)?.row;
  return {
    slug: campaign.slug,
    kind: campaign.kind,
    status: campaign.status,
    title: picked?.title ?? campaign.slug,
    titleLocale: picked?.locale ?? campaign.canonical_locale,
    total,
    goal: campaign.goal,
    signable: campaign.status === "open",
  };
}

export const EMBED_WIDTH = 480;
export const EMBED_HEIGHT = 260;

/** Escapes text for an HTML or XML attribute or text node. */
function escapeMarkup(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The `<iframe>` an organizer pastes into another site. */
export function embedSnippet({ locale, slug, title }: { locale: Locale; slug: string; title: string }): string {
  const src = `${getConfig().appUrl}/embed/${locale}/${encodeURIComponent(slug)}`;
  return (
    `<iframe src="${escapeMarkup(src)}" title="${escapeMarkup(title)}" width="${EMBED_WIDTH}" ` +
    `height="${EMBED_HEIGHT}" style="border:0;max-width:100%" loading="lazy"></iframe>`
  );
}

// ---------------------------------------------------------------------------------------
// Sitemap, robots.txt, Atom

/** XML text: markup characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

/** Every public page worth indexing, in every language, with its hreflang alternates. */
export async function buildSitemap(): Promise<string> {
  const db = getDb();
  const [campaigns, prisoners] = await Promise.all([listPublicCampaigns(db), listPrisoners(db)]);
  const appUrl = getConfig().appUrl;
  const paths = [
    "",
    ...campaigns.map((c) => `/campaigns/${encodeURIComponent(c.slug)}`),
    ...prisoners.map((p) => `/prisoners/${encodeURIComponent(p.slug)}`),
  ];
  const alternates = (path: string) =>
    [
      ...SUPPORTED_LOCALES.map(
        (lng) => `    <xhtml:link rel="alternate" hreflang="${lng}" href="${xmlText(`${appUrl}/${lng}${path}`)}"/>`,
      ),
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${xmlText(`${appUrl}${path || "/"}`)}"/>`,
    ].join("\n");
  const urls = paths.flatMap((path) =>
    SUPPORTED_LOCALES.map(
      (lng) => `  <url>\n    <loc>${xmlText(`${appUrl}/${lng}${path}`)}</loc>\n${alternates(path)}\n  </url>`,
    ),
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
    ...urls,
    `</urlset>`,
    ``,
  ].join("\n");
}

/** Crawlers may read everything public; not the API, the dev tools, or mailed-link pages. */
export function buildRobotsTxt(): string {
  const lines = [
    "User-agent: *",
    "Disallow: /dev/",
    "Disallow: /api/",
    ...SUPPORTED_LOCALES.flatMap((lng) =>
      ["confirm", "withdraw", "unsubscribe"].map((section) => `Disallow: /${lng}/${section}/`),
    ),
    "Allow: /",
    "",
    `Sitemap: ${getConfig().appUrl}/sitemap.xml`,
    "",
  ];
  return lines.join("\n");
}

export const FEED_ENTRIES = 50;

/** The Atom feed's own address for one language. */
export function feedPath(locale: Locale): string {
  return `/feeds/${locale}/updates.atom`;
}

/**
 * Atom 1.0 feed of published campaign updates, in one language: each update in that
 * language, else in its campaign's original language (marked with xml:lang).
 */
export async function buildUpdatesFeed(locale: Locale, now = new Date()): Promise<string> {
  const db = getDb();
  const appUrl = getConfig().appUrl;
  const host = new URL(appUrl).hostname;
  const t = getFixedT(locale, "embed");
  const updates = await listPublishedUpdates(db, { limit: FEED_ENTRIES, now });
  const feedUrl = `${appUrl}${feedPath(locale)}`;
  const newest = updates[0]?.published_at;
  const entries = updates.flatMap((u) => {
    const text = pickTranslation(u.texts, locale, u.canonical_locale)?.row;
    if (!text) return [];
    const published = new Date(u.published_at).toISOString();
    const created = new Date(u.created_at).toISOString().slice(0, 10);
    const link = `${appUrl}/${locale}/campaigns/${encodeURIComponent(u.campaign_slug)}`;
    return [
      [
        `  <entry${text.locale === locale ? "" : ` xml:lang="${text.locale}"`}>`,
        `    <id>${xmlText(`tag:${host},${created}:undersigned/updates/${u.id}/${text.locale}`)}</id>`,
        `    <title type="text">${xmlText(text.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
        `    <published>${published}</published>`,
        `    <updated>${published}</updated>`,
        `    <content type="html">${xmlText(renderMarkdown(text.body))}</content>`,
        `  </entry>`,
      ].join("\n"),
    ];
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <id>${xmlText(feedUrl)}</id>`,
    `  <title type="text">${xmlText(t("feed.title"))}</title>`,
    `  <subtitle type="text">${xmlText(t("feed.subtitle"))}</subtitle>`,
    `  <updated>${new Date(newest ?? now).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${appUrl}/${locale}`)}"/>`,
    `  <author><name>Undersigned</name></author>`,
    `  <generator>Undersigned</generator>`,
    ...entries,
    `</feed>`,
    ``,
  ].join("\n");
}
