import { escapeHtml } from "~/domain/text";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { findPublicCampaignBySlug, listCampaignTranslations, listPublicCampaigns } from "~/models/campaign.server";
import { listPublishedUpdates } from "~/models/campaign-update.server";
import { listPrisoners } from "~/models/prisoner.server";
import { totalForCampaign } from "~/models/signature.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { COUNTS_TTL_MS, shortCache } from "~/utils/short-cache.server";
import { renderMarkdown } from "~/utils/markdown.server";

/**
 * Public pages made for machines and other sites: the embeddable widget and its snippet,
 * the sitemap, robots.txt and the Atom feed of campaign updates (the JSON API is
 * app/services/open-data-api.server.ts). Drafts and unpublished updates never appear. The
 * documents are returned as text; the routes give them their content type and caching.
 */

// ---------------------------------------------------------------------------------------
// The embeddable widget

/**
 * What the widget shows: title, count, goal. Nothing about any signer. Kept a second per
 * process and shared by every reader: a widget on a busy site costs one count a second.
 */
export async function loadEmbedWidget(slug: string, locale: Locale) {
  return widgets.get(slug, locale);
}

const widgets = shortCache({ max: 500, ttlMs: COUNTS_TTL_MS, load: buildEmbedWidget });

async function buildEmbedWidget(slug: string, locale: Locale) {
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

/** The `<iframe>` an organizer pastes into another site. */
export function embedSnippet({ locale, slug, title }: { locale: Locale; slug: string; title: string }): string {
  const src = `${getConfig().appUrl}/embed/${locale}/${encodeURIComponent(slug)}`;
  return (
    `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" width="${EMBED_WIDTH}" ` +
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
