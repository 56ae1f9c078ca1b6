import { can } from "~/domain/permissions";
import { LOCALES, type Locale } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import { insertCampaignUpdate } from "~/models/campaign-update.server";
import {
  findCampaignText,
  insertCampaignText,
  insertCampaignTextVersion,
  listCampaignTextLocales,
  maxCampaignTextVersion,
  updateCampaignText,
} from "~/models/campaign-editing.server";
import type { CampaignTextInput, NewsInput } from "~/schemas/campaign-editing";
import { getDb } from "~/utils/db.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./campaign-page.server";
import { publishUpdate } from "./updates.server";

/**
 * Organizers editing a campaign: the letter's text per language (every change to the title
 * or body is a new version; signatures keep the version they signed) and campaign news.
 * Both need the "edit" ability; an access without it finds nothing, as a stranger would.
 */

export type NotFound = { kind: "not-found" };

/** The editor for one language's text (an empty form when the language has none yet). */
export async function loadTextEditor(access: CampaignAccess, locale: Locale) {
  if (!can(access.role, "edit")) return { kind: "not-found" } as const;
  const db = getDb();
  const [text, locales] = await Promise.all([
    findCampaignText(db, access.campaign.id, locale),
    listCampaignTextLocales(db, access.campaign.id),
  ]);
  return {
    kind: "found" as const,
    slug: access.campaign.slug,
    locale,
    canonicalLocale: access.campaign.canonicalLocale,
    exists: Boolean(text),
    version: text?.version ?? null,
    locales,
    values: {
      title: text?.title ?? "",
      summary: text?.summary ?? "",
      body: text?.body ?? "",
      target: text?.target ?? "",
      status: text?.status ?? (locale === access.campaign.canonicalLocale ? "original" : "reviewed"),
    },
  };
}

export type SaveTextResult = { kind: "saved"; version: number; newVersion: boolean } | NotFound;

/**
 * Saves one language's text. A new title or body bumps the version and keeps the new words
 * in campaign_text_versions; summary, target or status alone do not. Audited as text.update.
 */
export async function saveCampaignText(
  access: CampaignAccess,
  locale: Locale,
  input: CampaignTextInput,
): Promise<SaveTextResult> {
  if (!can(access.role, "edit")) return { kind: "not-found" };
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const current = await findCampaignText(trx, campaignId, locale, { forUpdate: true });
      const textChanged = !current || current.title !== input.title || current.body !== input.body;
      let version = current?.version ?? 0;
      if (textChanged) {
        version = Math.max(version, await maxCampaignTextVersion(trx, campaignId, locale)) + 1;
        await insertCampaignTextVersion(trx, { campaignId, locale, version, title: input.title, body: input.body });
      }
      if (current) await updateCampaignText(trx, campaignId, locale, input, version);
      else await insertCampaignText(trx, campaignId, locale, input, version);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "text.update",
        subjectType: "campaign_text",
        subjectId: locale,
        details: { locale, version, newVersion: textChanged, created: !current },
      });
      return { kind: "saved" as const, version, newVersion: textChanged };
    });
  clearPageCache();
  return result;
}

// ---------------------------------------------------------------------------------------
// News

export async function loadNewsEditor(access: CampaignAccess) {
  if (!can(access.role, "edit")) return { kind: "not-found" } as const;
  const canonical = access.campaign.canonicalLocale;
  return {
    kind: "found" as const,
    slug: access.campaign.slug,
    canonicalLocale: canonical,
    locales: [canonical, ...LOCALES.filter((l) => l !== canonical)],
  };
}

export type PublishNewsResult = { kind: "published"; updateId: number } | NotFound;

/**
 * Writes campaign news in the languages given (the route's schema has checked that the
 * campaign's original language is among them), publishes it and starts mailing the signers
 * who asked for updates. Audited as update.publish.
 */
export async function publishCampaignNews(access: CampaignAccess, input: NewsInput): Promise<PublishNewsResult> {
  if (!can(access.role, "edit")) return { kind: "not-found" };
  const { translations } = input;
  const updateId = await getDb()
    .transaction()
    .execute(async (trx) => {
      const id = await insertCampaignUpdate(trx, { campaignId: access.campaign.id, translations });
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: access.campaign.id,
        action: "update.publish",
        subjectType: "campaign_update",
        subjectId: id,
        details: { locales: translations.map((t) => t.locale) },
      });
      return id;
    });
  await publishUpdate(updateId);
  clearPageCache();
  return { kind: "published", updateId };
}
