/**
 * Tab titles of organizer pages: "<Page> — <Campaign or section> — Undersigned". Each
 * organizer page names itself in its `handle` (a key under `organizer:titles`, and for pages
 * about a prisoner, how to read the name from its data); the layout route's meta puts the
 * title together from the page's handle, the campaign the frame found and the strings the
 * root loader sent.
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

export interface OrganizerHandle {
  title: OrganizerTitleKey;
  /** What the page is about when it is not a campaign (a prisoner's name), read from its data. */
  subject?: (data: unknown, locale: string) => string | null | undefined;
}

type Resources = Record<string, Record<string, unknown>>;

interface MatchLike {
  id: string;
  handle?: unknown;
  data?: unknown;
}

function lookup(resources: Resources | undefined, key: string): string | undefined {
  let node: unknown = resources?.organizer;
  for (const part of key.split("."))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

function isOrganizerHandle(handle: unknown): handle is OrganizerHandle {
  return Boolean(handle && typeof handle === "object" && "title" in handle);
}

/** The title of the page `matches` lead to; `campaignTitle` is the campaign the frame found. */
export function organizerPageTitle(matches: readonly MatchLike[], campaignTitle: string | null | undefined): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string; resources?: Resources } | undefined;
  const page = [...matches].reverse().find((m) => isOrganizerHandle(m.handle));
  if (!page || !isOrganizerHandle(page.handle)) return "Undersigned";
  const name = lookup(root?.resources, `titles.${page.handle.title}`);
  if (!name) return "Undersigned";
  const subject =
    (page.data ? page.handle.subject?.(page.data, root?.locale ?? "en") : null) ||
    campaignTitle ||
    lookup(root?.resources, "titles.section");
  return subject ? `${name} — ${subject} — Undersigned` : `${name} — Undersigned`;
}
