import { toPublicSignatory, type PublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";
import type { CampaignKind, CampaignStatus, Locale, PrisonerStatus } from "~/domain/vocab";
import {
  findPublicCampaignBySlug,
  listCampaignPrisoners,
  listCampaignTranslations,
  listPublicCampaigns,
  type CampaignRow,
} from "~/models/campaign.server";
import { listPrisonerTranslations } from "~/models/prisoner.server";
import {
  countSearchListedSignatures,
  countListedByGroup,
  countVerifiedByCountry,
  countVerifiedTotals,
  searchListedSignatures,
} from "~/models/signature.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { COUNTS_TTL_MS, shortCache } from "~/utils/short-cache.server";

/**
 * The JSON API (`/api/campaigns…`): what the outside world reads without a browser session.
 * The same visibility rules as the HTML pages hold: signatories pass through
 * toPublicSignatory, counts come from the counters, drafts never appear. The routes parse
 * the query (app/http/open-data.server.ts) and wrap the answers.
 *
 * Every answer is kept OPEN_DATA_TTL_MS per process and shared by all who ask (never a sum
 * of the counter shards per request): a widget on a busy site or a polling script costs two
 * sets of queries a second, not one per request. A campaign's JSON answer is also kept by
 * server/app.js (API_STALE_MS at most), so a count served there is at most
 * OPEN_DATA_TTL_MS + API_STALE_MS = 1.5 s old, and usually under one.
 */

export const OPEN_DATA_TTL_MS = COUNTS_TTL_MS;

export const OPEN_DATA_PAGE_SIZE = 100;

export interface SignatoriesApiQuery {
  group?: string;
  country?: string;
  page: number;
}

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
  const [translations, links, totals] = await Promise.all([
    listCampaignTranslations(db, ids),
    listCampaignPrisoners(db, ids),
    countVerifiedTotals(db, ids),
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
      total: totals.get(c.id)?.total ?? 0,
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

const campaignLists = shortCache({
  max: 10,
  ttlMs: OPEN_DATA_TTL_MS,
  load: (lang: Locale | null) => buildCampaignList(lang ?? undefined),
});

/** `GET /api/campaigns`: every public campaign (drafts never). */
export async function listOpenDataCampaigns(lang?: Locale) {
  return campaignLists.get(lang ?? null);
}

async function buildCampaignList(lang: Locale | undefined) {
  const campaigns = await listPublicCampaigns(getDb());
  return { campaigns: await openCampaigns(campaigns, lang) };
}

const campaignAnswers = shortCache({
  max: 500,
  ttlMs: OPEN_DATA_TTL_MS,
  load: (slug: string, lang: Locale | null) => buildOpenDataCampaign(slug, lang ?? undefined),
});

/** `GET /api/campaigns/:slug`: one campaign with its counts per group and per country. */
export async function getOpenDataCampaign(slug: string, lang?: Locale) {
  return campaignAnswers.get(slug, lang ?? null);
}

async function buildOpenDataCampaign(slug: string, lang: Locale | undefined) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return null;
  const [[card], groups, counts, countries, totals] = await Promise.all([
    openCampaigns([campaign], lang),
    listSignerGroups(db, campaign.id),
    countListedByGroup(db, [campaign.id]),
    countVerifiedByCountry(db, campaign.id),
    countVerifiedTotals(db, [campaign.id]),
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
    /** Signers who chose "counted only": in `total`, in no group or country count. */
    unlisted: totals.get(campaign.id)?.unlisted ?? 0,
  };
}

export type OpenSignatory = PublicSignatory & { group: string };

/**
 * `GET /api/campaigns/:slug/signatories`: listed signatories only (verified; public,
 * initials or anonymous), each exactly as the HTML list shows them, in bounded pages. A
 * group the campaign does not have is the caller's mistake (a bad request), not an empty page.
 */
export async function listOpenDataSignatories(slug: string, query: SignatoriesApiQuery) {
  return signatoryPages.get(slug, query.group ?? null, query.country ?? null, query.page);
}

const signatoryPages = shortCache({
  max: 200,
  ttlMs: OPEN_DATA_TTL_MS,
  load: (slug: string, group: string | null, country: string | null, page: number) =>
    buildSignatoriesPage(slug, { group: group ?? undefined, country: country ?? undefined, page }),
});

async function buildSignatoriesPage(slug: string, query: SignatoriesApiQuery) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return { kind: "not-found" } as const;
  const groups = await listSignerGroups(db, campaign.id);
  const group = query.group === undefined ? undefined : groups.find((g) => g.key === query.group);
  if (query.group !== undefined && !group) {
    const details = [`group: one of ${groups.map((g) => g.key).join(", ") || "(none)"}`];
    return { kind: "bad-request" as const, details };
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
    kind: "found" as const,
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
