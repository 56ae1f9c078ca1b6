import { createHash } from "node:crypto";
import { toPublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";
import { isLocale, type Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import { countUnlistedByGroup, findCampaignForExport, listPublicationRows } from "~/models/export.server";
import { getDb, type Executor } from "~/utils/db.server";
import { countryName, groupLabels } from "./export-signatures.server";
import type { CampaignAccess } from "./organizer-sessions.server";

/**
 * The publication list: who agreed to be listed, as they agreed to be shown, grouped for a
 * newspaper or a letter; its plain text and the text's SHA-256, the evidence kept when a
 * campaign is delivered. Any member of the campaign may read it.
 */

export interface PublicationEntry {
  kind: "public" | "initials" | "anonymous";
  notable: boolean;
  text: string;
}

export interface PublicationGroup {
  key: string;
  label: string;
  /** Listed plus counted-only verified signatures of the group. */
  total: number;
  listed: number;
  unlisted: number;
  entries: PublicationEntry[];
}

export interface PublicationList {
  campaignId: number;
  locale: Locale;
  groups: PublicationGroup[];
  listed: number;
  unlisted: number;
  total: number;
}

const oneLine = (s: string) => s.replace(/\s+/gu, " ").trim();

/**
 * Verified signatories grouped by signer group in display order, notable first, each only
 * as visible as they chose: full name, title and country; initials and country; or
 * "anonymous, group, country". Counted-only signers are a number per group; pending,
 * hidden, withdrawn and invalidated signatures are not read at all.
 */
export async function publicationList({
  campaignId,
  locale,
  db = getDb(),
}: {
  campaignId: number;
  locale: Locale;
  /** A transaction, when the list must be read together with a change (delivery). */
  db?: Executor;
}): Promise<PublicationList> {
  const campaign = await findCampaignForExport(db, campaignId);
  if (!campaign) throw new Error(`no campaign ${campaignId}`);
  const [groups, rows, unlisted] = await Promise.all([
    groupLabels(db, campaignId, locale, campaign.canonical_locale),
    listPublicationRows(db, campaignId),
    countUnlistedByGroup(db, campaignId),
  ]);
  const t = getFixedT(locale, "exports");
  const result: PublicationList = { campaignId, locale, groups: [], listed: 0, unlisted: 0, total: 0 };
  for (const g of groups) {
    const entries: PublicationEntry[] = [];
    for (const row of rows) {
      if (row.group_id !== g.id) continue;
      const shown = toPublicSignatory(row);
      if (!shown) continue;
      const country = countryName(shown.country, locale);
      const text =
        shown.kind === "public"
          ? [shown.name, shown.title, country].map(oneLine).filter(Boolean).join(", ")
          : shown.kind === "initials"
            ? `${shown.initials}, ${country}`
            : t("publication.anonymousEntry", { group: g.label, country });
      entries.push({ kind: shown.kind, notable: row.notable, text: oneLine(text) });
    }
    const hidden = unlisted.get(g.id) ?? 0;
    if (entries.length + hidden === 0) continue;
    result.groups.push({
      key: g.key,
      label: g.label,
      total: entries.length + hidden,
      listed: entries.length,
      unlisted: hidden,
      entries,
    });
    result.listed += entries.length;
    result.unlisted += hidden;
  }
  result.total = result.listed + result.unlisted;
  return result;
}

/** The list as plain text (LF line endings), ready to paste into a newspaper system. */
export function publicationText(list: PublicationList): string {
  const t = getFixedT(list.locale, "exports");
  if (list.total === 0) return `${t("publication.empty")}\n`;
  const blocks = list.groups.map((g) => {
    const lines = [t("publication.groupHeading", { group: g.label, count: g.total }), ...g.entries.map((e) => e.text)];
    if (g.unlisted > 0) lines.push(t("publication.unlisted", { count: g.unlisted }));
    return lines.join("\n");
  });
  blocks.push(t("publication.total", { count: list.total }));
  return `${blocks.join("\n\n")}\n`;
}

const sha256Of = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export interface PublicationEvidence {
  text: string;
  sha256: string;
  /** Listed signatories. */
  rows: number;
}

/** The publication text with its SHA-256 and its number of listed signatories. */
export async function deliveryEvidence({
  campaignId,
  locale,
  db = getDb(),
}: {
  campaignId: number;
  locale: Locale;
  db?: Executor;
}): Promise<PublicationEvidence> {
  const list = await publicationList({ campaignId, locale, db });
  const text = publicationText(list);
  return { text, sha256: sha256Of(text), rows: list.listed };
}

/** A campaign's title in `locale` (else the original's, else its slug). */
export async function campaignTitle(campaign: CampaignAccess["campaign"], locale: Locale): Promise<string> {
  const translations = await listCampaignTranslations(getDb(), [campaign.id]);
  return pickTranslation(translations, locale, campaign.canonicalLocale)?.row.title ?? campaign.slug;
}

/** The list's language: `lang` when it is one of ours, else the campaign's original. */
function listLocale(access: CampaignAccess, lang: string | null | undefined): Locale {
  return isLocale(lang) ? lang : access.campaign.canonicalLocale;
}

/**
 * The publication page: the list in `lang` (default: the original language), with its own
 * words (headings, counts) made in that language, since the browser has only the UI's.
 */
export async function loadPublicationPage(
  access: CampaignAccess,
  { lang, uiLocale }: { lang: string | null | undefined; uiLocale: Locale },
) {
  const { campaign } = access;
  const locale = listLocale(access, lang);
  const list = await publicationList({ campaignId: campaign.id, locale });
  const t = getFixedT(locale, "exports");
  return {
    slug: campaign.slug,
    title: await campaignTitle(campaign, locale),
    uiLocale,
    locale,
    groups: list.groups.map((g) => ({
      key: g.key,
      heading: t("publication.groupHeading", { group: g.label, count: g.total }),
      entries: g.entries,
      unlisted: g.unlisted > 0 ? t("publication.unlisted", { count: g.unlisted }) : null,
    })),
    summary: list.total > 0 ? t("publication.total", { count: list.total }) : t("publication.empty"),
    sha256: sha256Of(publicationText(list)),
  };
}

/** The same list as plain text, in `lang` (default: the original language), with its evidence. */
export async function loadPublicationText(
  access: CampaignAccess,
  lang: string | null | undefined,
): Promise<PublicationEvidence> {
  return deliveryEvidence({ campaignId: access.campaign.id, locale: listLocale(access, lang) });
}
