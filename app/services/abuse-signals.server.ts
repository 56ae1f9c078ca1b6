import disposableDomains from "disposable-email-domains";
import {
  listBursts,
  listDomainCounts,
  listNotableNames,
  pageNonNotable,
  type BurstKey,
} from "~/models/abuse-signals.server";
import { toUtcDateTimeLocal } from "~/domain/dates";
import { getDb } from "~/utils/db.server";
import type { CampaignAccess } from "./organizer-sessions.server";

/**
 * Signs of abuse in a campaign's signatures, for moderators: bursts from one IP hash or email
 * domain, names imitating the campaign's notable signatories, claims of famous prizes by
 * signers nobody marked notable, and throwaway email domains. Nothing here changes anything;
 * each signal links to the signatures concerned and to the invalidation form.
 */

export const BURST_WINDOW_DAYS = 7;
const BURSTS_LISTED = 50;
const NOTABLES_READ = 500;
const SCAN_PAGE = 5000;
/** The name scan reads at most this many signatures (the newest). */
export const SCAN_LIMIT = 100_000;
const FINDINGS_LISTED = 200;
const DOMAINS_READ = 50_000;

// ---------------------------------------------------------------------------------------
// Names

/** Latin and Cyrillic (and a few Greek) letters that look alike, after lower-casing. */
const CONFUSABLES: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ї: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  α: "a",
  β: "b",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ß: "ss",
  ı: "i",
  "0": "o",
  "1": "l",
};

/**
 * A name as compared for imitation: NFKC, case-folded, Latin/Cyrillic look-alikes mapped to
 * Latin, diacritics stripped, punctuation and runs of whitespace turned into one space.
 */
export function normalizeName(value: string): string {
  const folded = value.normalize("NFKC").toLowerCase();
  let mapped = "";
  for (const ch of folded.normalize("NFD").replace(/\p{M}+/gu, "")) mapped += CONFUSABLES[ch] ?? ch;
  return mapped
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .normalize("NFC");
}

/** Whether two strings are equal or one insertion, deletion or substitution apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Titles only notable signatories should carry (compared after normalizeName). */
export const FAMOUS_TITLES = ["fields medal", "nobel", "abel prize", "turing award"] as const;

export function claimedTitle(title: string): string | undefined {
  const normalized = ` ${normalizeName(title)} `;
  return FAMOUS_TITLES.find((claim) => normalized.includes(` ${claim}`));
}

// ---------------------------------------------------------------------------------------
// Domains

const DISPOSABLE = new Set<string>(disposableDomains as string[]);

/** A throwaway mail provider's domain, or a subdomain of one. */
export function isDisposableDomain(domain: string): boolean {
  const parts = domain.toLowerCase().split(".");
  for (let i = 0; i < parts.length - 1; i++) if (DISPOSABLE.has(parts.slice(i).join("."))) return true;
  return false;
}

// ---------------------------------------------------------------------------------------
// The page

export interface NameFinding {
  id: number;
  fullName: string;
  title: string;
  state: string;
  /** The notable signatory's name imitated, or the famous title claimed. */
  match: string;
}

/** Imitations of notable names and famous-title claims, from one bounded scan of the newest signatures. */
export async function findNameSignals(campaignId: number) {
  const db = getDb();
  const notables = (await listNotableNames(db, campaignId, NOTABLES_READ))
    .map((n) => ({ name: n.full_name, normalized: normalizeName(n.full_name) }))
    .filter((n) => n.normalized.length > 0);
  const imitations: NameFinding[] = [];
  const claims: NameFinding[] = [];
  let scanned = 0;
  let beforeId: number | null = null;
  while (scanned < SCAN_LIMIT) {
    const page = await pageNonNotable(db, campaignId, beforeId, Math.min(SCAN_PAGE, SCAN_LIMIT - scanned));
    if (page.length === 0) break;
    scanned += page.length;
    beforeId = page.at(-1)!.id;
    for (const s of page) {
      const base = { id: s.id, fullName: s.full_name, title: s.title, state: s.state };
      if (notables.length && imitations.length < FINDINGS_LISTED) {
        const normalized = normalizeName(s.full_name);
        const hit = notables.find((n) => withinOneEdit(normalized, n.normalized));
        if (hit) imitations.push({ ...base, match: hit.name });
      }
      if (s.title && claims.length < FINDINGS_LISTED) {
        const claim = claimedTitle(s.title);
        if (claim) claims.push({ ...base, match: claim });
      }
    }
    if (page.length < SCAN_PAGE) break;
  }
  return { imitations, claims, scanned, capped: scanned >= SCAN_LIMIT };
}

async function bursts(campaignId: number, key: BurstKey, threshold: number, now: Date) {
  const since = new Date(now.getTime() - BURST_WINDOW_DAYS * 86_400_000);
  const rows = await listBursts(getDb(), { campaignId, key, since, threshold, limit: BURSTS_LISTED });
  return rows.map((r) => ({
    key: r.key,
    peak: r.peak,
    total: r.total,
    firstAt: r.first_at.toISOString(),
    lastAt: r.last_at.toISOString(),
    /** Query for the invalidation form: this key, from its first to its last signature of the period. */
    invalidate: new URLSearchParams({
      [key]: r.key,
      from: toUtcDateTimeLocal(r.first_at),
      to: toUtcDateTimeLocal(r.last_at),
    }).toString(),
  }));
}

export async function findDisposableDomains(campaignId: number) {
  const domains = await listDomainCounts(getDb(), campaignId, DOMAINS_READ);
  return domains
    .filter((d) => d.domain && isDisposableDomain(d.domain))
    .sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain))
    .slice(0, FINDINGS_LISTED);
}

/**
 * The signals page of a campaign (the route lets in those who may moderate): bursts of more than
 * `threshold` signatures within 10 minutes, name and title signals, disposable domains.
 */
export async function loadSignals(access: CampaignAccess, input: { threshold: number }, now = new Date()) {
  const campaignId = access.campaign.id;
  const { threshold } = input;
  const [ipBursts, domainBursts, names, disposable] = await Promise.all([
    bursts(campaignId, "ip", threshold, now),
    bursts(campaignId, "domain", threshold, now),
    findNameSignals(campaignId),
    findDisposableDomains(campaignId),
  ]);
  return {
    slug: access.campaign.slug,
    threshold,
    days: BURST_WINDOW_DAYS,
    ipBursts,
    domainBursts,
    imitations: names.imitations,
    claims: names.claims,
    scanned: names.scanned,
    capped: names.capped,
    disposable,
  };
}
