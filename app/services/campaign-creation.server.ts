import { CAMPAIGN_KINDS, LOCALES, type Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { insertAudit } from "~/models/audit.server";
import { isSlugTaken } from "~/models/campaign-settings.server";
import { insertCampaign } from "~/models/content.server";
import { addMember } from "~/models/organizer.server";
import { type NewCampaignInput, SETTINGS_LIMITS } from "~/schemas/campaign-settings";
import { getDb } from "~/utils/db.server";
import {
  type Invalid,
  isUniqueViolation,
  languageName,
  NOT_FOUND,
  type NotFound,
} from "./campaign-settings-common.server";
import type { SignedInOrganizer } from "./organizer-sessions.server";

/** Creating a campaign: platform admins only (the route lets no one else in; this checks again). */

/** The groups a new campaign starts with; labels come from orgCampaign:defaultGroups.<key>. */
export const DEFAULT_GROUP_KEYS = [
  "mathematicians",
  "scientists",
  "journalists",
  "trade_unionists",
  "healthcare_workers",
  "other",
] as const;

/** The new-campaign form: its choices and the values it starts with. */
export function newCampaignPage(organizer: SignedInOrganizer, uiLocale: Locale) {
  if (!organizer.isAdmin) return null;
  return {
    kinds: CAMPAIGN_KINDS,
    locales: LOCALES.map((l) => ({ code: l, name: languageName(l, uiLocale) })),
    limits: SETTINGS_LIMITS,
    values: { slug: "", kind: "open_letter", locale: uiLocale, title: "", body: "" } as Record<string, string>,
  };
}

export type CreateCampaignResult = { kind: "created"; campaignId: number; slug: string } | Invalid | NotFound;

/**
 * A new campaign: a draft with its original text (version 1), the default signer groups
 * labelled in every language, and its creator as owner. Audited as campaign.created.
 */
export async function createCampaign(
  organizer: SignedInOrganizer,
  input: NewCampaignInput,
): Promise<CreateCampaignResult> {
  if (!organizer.isAdmin) return NOT_FOUND;
  const db = getDb();
  const taken: Invalid = { kind: "invalid", errors: { slug: "slugTaken" } };
  if (await isSlugTaken(db, input.slug)) return taken;
  const groups = DEFAULT_GROUP_KEYS.map((key) => ({
    key,
    labels: LOCALES.map((locale) => ({ locale, label: getFixedT(locale, "orgCampaign")(`defaultGroups.${key}`) })),
  }));
  try {
    const campaignId = await db.transaction().execute(async (trx) => {
      const created = await insertCampaign(trx, {
        slug: input.slug,
        kind: input.kind,
        status: "draft",
        canonicalLocale: input.locale,
        goal: null,
        translations: [{ locale: input.locale, status: "original", title: input.title, body: input.body }],
        groups,
      });
      await addMember(trx, created.id, organizer.id, "owner");
      await insertAudit(trx, {
        organizerId: organizer.id,
        campaignId: created.id,
        action: "campaign.created",
        subjectType: "campaign",
        subjectId: created.id,
        details: { slug: input.slug, kind: input.kind, locale: input.locale },
      });
      return created.id;
    });
    return { kind: "created", campaignId, slug: input.slug };
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}
