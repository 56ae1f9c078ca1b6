import { can } from "~/domain/permissions";
import { pickTranslation } from "~/domain/translation";
import { CAMPAIGN_KINDS, CAMPAIGN_STATUS_TRANSITIONS, type CampaignStatus, type Locale } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import {
  changeCampaignStatus,
  existingPrisonerIds,
  findCampaignSettings,
  isSlugTaken,
  listCampaignTargets,
  listLinkedPrisonerIds,
  replaceLinkedPrisoners,
  updateCampaignSettings,
  updateCampaignTarget,
} from "~/models/campaign-settings.server";
import { listPrisoners, listPrisonerTranslations } from "~/models/prisoner.server";
import { type LinkedPrisonerChoice, type SaveSettingsInput, SETTINGS_LIMITS } from "~/schemas/campaign-settings";
import { getDb } from "~/utils/db.server";
import {
  type Invalid,
  isUniqueViolation,
  languageName,
  NOT_FOUND,
  type NotFound,
} from "./campaign-settings-common.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";

/**
 * A campaign's settings (kind, address, goal, the addressee of each text, its prisoners) and
 * its status. Owners, editors and platform admins only; every change is audited in the
 * transaction that makes it.
 */

/** The settings page: the campaign's own values, the languages' addressees, every prisoner to link. */
export async function settingsPage(access: CampaignAccess, uiLocale: Locale) {
  if (!can(access.role, "edit")) return null;
  const db = getDb();
  const campaign = await findCampaignSettings(db, access.campaign.id);
  if (!campaign) return null;
  const [targets, linked, prisoners] = await Promise.all([
    listCampaignTargets(db, campaign.id),
    listLinkedPrisonerIds(db, campaign.id),
    listPrisoners(db),
  ]);
  const names = await listPrisonerTranslations(
    db,
    prisoners.map((p) => p.id),
  );
  const position = new Map(linked.map((id, i) => [id, i]));
  const choices = prisoners
    .map((p) => ({
      id: p.id,
      slug: p.slug,
      name:
        pickTranslation(
          names.filter((n) => n.prisoner_id === p.id),
          uiLocale,
        )?.row.name ?? p.slug,
      linked: position.has(p.id),
      position: position.has(p.id) ? (position.get(p.id) ?? 0) + 1 : null,
    }))
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  const values: Record<string, string> = {
    slug: campaign.slug,
    kind: campaign.kind,
    goal: campaign.goal === null ? "" : String(campaign.goal),
  };
  for (const t of targets) values[`target.${t.locale}`] = t.target;
  for (const p of choices) {
    if (p.linked) values[`prisoner.${p.id}`] = "on";
    values[`position.${p.id}`] = p.position === null ? "" : String(p.position);
  }
  return {
    slug: campaign.slug,
    status: campaign.status,
    canonicalLocale: campaign.canonical_locale,
    openedAt: campaign.opened_at?.toISOString() ?? null,
    closedAt: campaign.closed_at?.toISOString() ?? null,
    transitions: CAMPAIGN_STATUS_TRANSITIONS[campaign.status],
    kinds: CAMPAIGN_KINDS,
    targets: targets.map((t) => ({ locale: t.locale, name: languageName(t.locale, uiLocale) })),
    prisoners: choices,
    limits: SETTINGS_LIMITS,
    values,
  };
}

export type SaveSettingsResult = { kind: "saved"; slug: string; renamed: boolean } | Invalid | NotFound;

/** Ticked prisoners in the order asked for: by typed position, then as they were, then by id. */
function orderPrisoners(chosen: readonly LinkedPrisonerChoice[], previous: readonly number[]): number[] {
  const rank = (id: number) => {
    const at = previous.indexOf(id);
    return at === -1 ? Infinity : at;
  };
  return [...chosen]
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || rank(a.id) - rank(b.id) || a.id - b.id)
    .map((c) => c.id);
}

/**
 * Saves kind, slug, goal, the addressee of each existing text and the linked prisoners.
 * A new slug must be free (a field error otherwise); an unknown prisoner is not-found.
 * Audited as campaign.settings_saved.
 */
export async function saveSettings(access: CampaignAccess, input: SaveSettingsInput): Promise<SaveSettingsResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const db = getDb();
  const campaignId = access.campaign.id;
  const [targets, linked, existing] = await Promise.all([
    listCampaignTargets(db, campaignId),
    listLinkedPrisonerIds(db, campaignId),
    existingPrisonerIds(
      db,
      input.prisoners.map((p) => p.id),
    ),
  ]);
  if (input.prisoners.some((p) => !existing.has(p.id))) return NOT_FOUND;
  const prisonerIds = orderPrisoners(input.prisoners, linked);
  // Only the languages that have a text have an addressee; a field left out clears it.
  const newTargets = targets.map((t) => ({ locale: t.locale, target: input.targets[t.locale] ?? "" }));
  const taken: Invalid = { kind: "invalid", errors: { slug: "slugTaken" } };
  if (await isSlugTaken(db, input.slug, campaignId)) return taken;
  try {
    const result = await db.transaction().execute(async (trx): Promise<SaveSettingsResult> => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) return NOT_FOUND;
      await updateCampaignSettings(trx, campaignId, { slug: input.slug, kind: input.kind, goal: input.goal });
      const targetsChanged: Locale[] = [];
      for (const t of newTargets) {
        if (await updateCampaignTarget(trx, campaignId, t.locale, t.target)) targetsChanged.push(t.locale);
      }
      const prisonersChanged = prisonerIds.join(",") !== linked.join(",");
      if (prisonersChanged) await replaceLinkedPrisoners(trx, campaignId, prisonerIds);
      const details: Record<string, unknown> = {};
      if (current.slug !== input.slug) details.slug = { from: current.slug, to: input.slug };
      if (current.kind !== input.kind) details.kind = { from: current.kind, to: input.kind };
      if (current.goal !== input.goal) details.goal = { from: current.goal, to: input.goal };
      if (targetsChanged.length) details.targets = targetsChanged;
      if (prisonersChanged) details.prisoners = prisonerIds;
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.settings_saved",
        subjectType: "campaign",
        subjectId: campaignId,
        details,
      });
      return { kind: "saved", slug: input.slug, renamed: current.slug !== input.slug };
    });
    if (result.kind === "saved") clearPageCache();
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}

export type StatusResult =
  | { kind: "statusChanged"; from: CampaignStatus; to: CampaignStatus }
  | { kind: "refused"; from: CampaignStatus; to: CampaignStatus }
  | NotFound;

/**
 * The moves of CAMPAIGN_STATUS_TRANSITIONS: draft → open (stamps opened_at), open → closed
 * (stamps closed_at), closed → open (reopens). Anything else is refused. Audited as
 * campaign.status_changed.
 */
export async function changeStatus(access: CampaignAccess, to: CampaignStatus): Promise<StatusResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<StatusResult> => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) return NOT_FOUND;
      const from = current.status;
      if (!CAMPAIGN_STATUS_TRANSITIONS[from].includes(to)) return { kind: "refused", from, to };
      if (!(await changeCampaignStatus(trx, campaignId, from, to))) return { kind: "refused", from, to };
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.status_changed",
        subjectType: "campaign",
        subjectId: campaignId,
        details: { from, to },
      });
      return { kind: "statusChanged", from, to };
    });
  // Also forgets the signing context here: a campaign closed a moment ago refuses the next
  // signature in this process (other processes within SIGNING_CONTEXT_TTL_MS).
  if (result.kind === "statusChanged") clearPageCache();
  return result;
}
