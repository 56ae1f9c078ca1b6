/**
 * Every state vocabulary of the domain, in one place. Migrations copy these lists into
 * CHECK constraints (frozen at the time they were written); `tests/data/vocab.test.ts`
 * proves the database accepts exactly these values.
 */

export const LOCALES = ["en", "ru", "fr", "de", "es", "uk"] as const;
export type Locale = (typeof LOCALES)[number];

export const PRISONER_STATUSES = [
  "detained", // held before or during trial
  "sentenced", // serving a sentence
  "released",
  "in_exile",
] as const;
export type PrisonerStatus = (typeof PRISONER_STATUSES)[number];

export const CAMPAIGN_KINDS = ["open_letter", "petition"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_STATUSES = ["draft", "open", "closed", "delivered"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** Campaigns the public can see. */
export const PUBLIC_CAMPAIGN_STATUSES = ["open", "closed", "delivered"] as const satisfies readonly CampaignStatus[];
/** Campaigns that accept signatures. */
export const SIGNABLE_CAMPAIGN_STATUSES = ["open"] as const satisfies readonly CampaignStatus[];
/** Status changes the settings page offers; "delivered" is only reached through the delivery record. */
export const CAMPAIGN_STATUS_TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ["open"],
  open: ["closed"],
  closed: ["open"],
  delivered: [],
};
/** Campaigns whose delivery may be recorded. */
export const DELIVERABLE_CAMPAIGN_STATUSES = ["open", "closed"] as const satisfies readonly CampaignStatus[];

export const TRANSLATION_STATUSES = ["original", "reviewed", "machine"] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

export const SIGNATURE_STATES = ["pending", "verified", "hidden", "invalidated", "withdrawn"] as const;
export type SignatureState = (typeof SIGNATURE_STATES)[number];
/** Only these count toward totals. */
export const COUNTED_STATES = ["verified"] as const satisfies readonly SignatureState[];
/** Only these may ever be listed publicly (and then only as their visibility allows). */
export const LISTED_STATES = ["verified"] as const satisfies readonly SignatureState[];
/** Signatures that still stand for someone (abuse signals look at these). */
export const LIVE_STATES = ["pending", "verified", "hidden"] as const satisfies readonly SignatureState[];
/** What an invalidation may reach: withdrawn rows are already erased, invalidated ones done. */
export const INVALIDATABLE_STATES = LIVE_STATES;
export type InvalidatableState = (typeof INVALIDATABLE_STATES)[number];

export const VISIBILITIES = [
  "public", // full name, title/affiliation, country
  "initials", // initials, group, country
  "anonymous", // "a mathematician from Russia"
  "counted", // not listed at all
] as const;
export type Visibility = (typeof VISIBILITIES)[number];
/** Visibilities that appear in public lists (each rendered as the level allows). */
export const LISTED_VISIBILITIES = ["public", "initials", "anonymous"] as const satisfies readonly Visibility[];

export const MEMBER_ROLES = [
  "owner",
  "editor",
  "moderator",
  "viewer",
  "translator", // the letter queue only: translates letters to prisoners (see app/domain/letters.ts)
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
