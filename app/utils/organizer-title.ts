import type { MetaDescriptor, MetaFunction } from "@remix-run/node";

/**
 * Tab titles of organizer pages: "<Page> — <Campaign or section> — Undersigned". Each
 * organizer page's meta is `organizerMeta(<key under organizer:titles>)` (and for pages about
 * a prisoner, how to read the name from its data): it puts the title together from the page's
 * key, the campaign the layout found (routes/organizer-layout.tsx) and the strings the root
 * loader sent. A route's meta sees its parents' data, not its children's, so each page has
 * its own.
 */

export const ORGANIZER_TITLE_KEYS = [
  "dashboard",
  "login",
  "loginLink",
  "totpSetup",
  "totp",
  "overview",
  "signatures",
  "text",
  "newUpdate",
  "export",
  "exportFile",
  "publication",
  "newCampaign",
  "settings",
  "groups",
  "delivery",
  "paper",
  "followUp",
  "preview",
  "prisoners",
  "newPrisoner",
  "prisoner",
  "members",
  "organizers",
  "invalidate",
  "signals",
  "letters",
  "letterBatches",
  "letterBatch",
  "letterBatchPrint",
  "letter",
  "letterSettings",
] as const;
export type OrganizerTitleKey = (typeof ORGANIZER_TITLE_KEYS)[number];

/** What a page is about when it is not a campaign (a prisoner's name), read from its data. */
export type TitleSubject = (data: unknown, locale: string) => string | null | undefined;

/** Organizer pages are never indexed (and never cached: the layout's headers). */
export const ORGANIZER_ROBOTS: MetaDescriptor = { name: "robots", content: "noindex, nofollow" };

type Resources = Record<string, Record<string, unknown>>;

interface MatchLike {
  id: string;
  data?: unknown;
}

function lookup(resources: Resources | undefined, key: string): string | undefined {
  let node: unknown = resources?.organizer;
  for (const part of key.split("."))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/**
 * The title of a page named `key`, with its own `data`; `matches` are its parents (the root's
 * strings and locale, the layout's campaign title).
 */
export function organizerPageTitle(
  key: OrganizerTitleKey,
  data: unknown,
  matches: readonly MatchLike[],
  subject?: TitleSubject,
): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string; resources?: Resources } | undefined;
  const frame = matches.find((m) => m.id === "routes/organizer-layout")?.data as
    { campaignTitle?: string | null } | undefined;
  const name = lookup(root?.resources, `titles.${key}`);
  if (!name) return "Undersigned";
  const about =
    (data && subject ? subject(data, root?.locale ?? "en") : null) ||
    frame?.campaignTitle ||
    lookup(root?.resources, "titles.section");
  return about ? `${name} — ${about} — Undersigned` : `${name} — Undersigned`;
}

/** An organizer page's meta: its tab title, and no indexing. */
export function organizerMeta(key: OrganizerTitleKey, subject?: TitleSubject): MetaFunction {
  return ({ data, matches }) => [{ title: organizerPageTitle(key, data, matches, subject) }, ORGANIZER_ROBOTS];
}
