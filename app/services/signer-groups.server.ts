import { can } from "~/domain/permissions";
import { pickTranslation } from "~/domain/translation";
import { LOCALES, type Locale } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import {
  countSignaturesByGroup,
  countSignaturesInGroup,
  deleteSignerGroup,
  findSignerGroup,
  insertSignerGroup,
  isGroupKeyTaken,
  setSignerGroupLabel,
  setSignerGroupOrder,
} from "~/models/campaign-settings.server";
import { countVerifiedByGroup } from "~/models/signature.server";
import { moveToGroup } from "~/models/signature-transitions.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { type GroupLabels, SETTINGS_LIMITS } from "~/schemas/campaign-settings";
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
 * A campaign's signer groups: add, relabel, reorder, merge (signatures and their counters
 * move together) and delete empty ones. Owners, editors and platform admins only; every
 * change is audited in its transaction and shows on public pages after their cache.
 */

/** The groups page: each group with its labels, its signatures (all states) and its count. */
export async function groupsPage(access: CampaignAccess, uiLocale: Locale) {
  if (!can(access.role, "edit")) return null;
  const db = getDb();
  const campaignId = access.campaign.id;
  const canonical = access.campaign.canonicalLocale;
  const [groups, rows, counted] = await Promise.all([
    listSignerGroups(db, campaignId),
    countSignaturesByGroup(db, campaignId),
    countVerifiedByGroup(db, [campaignId]),
  ]);
  return {
    slug: access.campaign.slug,
    canonicalLocale: canonical,
    locales: [canonical, ...LOCALES.filter((l) => l !== canonical)].map((l) => ({
      code: l,
      name: languageName(l, uiLocale),
    })),
    limits: SETTINGS_LIMITS,
    groups: groups.map((g) => ({
      id: g.id,
      key: g.key,
      label: pickTranslation(g.labels, uiLocale, canonical)?.row.label ?? g.key,
      labels: Object.fromEntries(g.labels.map((l) => [l.locale, l.label])) as Partial<Record<Locale, string>>,
      signatures: rows.get(g.id) ?? 0,
      verified: counted.find((c) => c.group_id === g.id)?.count ?? 0,
    })),
  };
}

export type GroupChange = "added" | "renamed" | "reordered" | "merged" | "deleted";
export type GroupsResult =
  | { kind: "saved"; action: GroupChange; key: string; moved?: number }
  | {
      kind: "mergePreview";
      from: { id: number; key: string };
      into: { id: number; key: string };
      signatures: number;
      verified: number;
    }
  | Invalid
  | NotFound;

const denied = (access: CampaignAccess) => !can(access.role, "edit");

/** A new group after the others, labelled in the languages given (the original's is required). */
export async function addGroup(
  access: CampaignAccess,
  input: { key: string; labels: GroupLabels },
): Promise<GroupsResult> {
  if (denied(access)) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const taken: Invalid = { kind: "invalid", errors: { key: "groupKeyTaken" } };
  const db = getDb();
  if (await isGroupKeyTaken(db, campaignId, input.key)) return taken;
  try {
    await db.transaction().execute(async (trx) => {
      const given = LOCALES.flatMap((locale) =>
        input.labels[locale] ? [{ locale, label: input.labels[locale] }] : [],
      );
      const id = await insertSignerGroup(trx, campaignId, input.key, given);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "groups.added",
        subjectType: "signer_group",
        subjectId: id,
        details: { key: input.key },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
  clearPageCache();
  return { kind: "saved", action: "added", key: input.key };
}

/** New labels for a group; an empty one is removed (the page then shows the original's). */
export async function relabelGroup(
  access: CampaignAccess,
  input: { groupId: number; labels: GroupLabels },
): Promise<GroupsResult> {
  if (denied(access)) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const { groupId } = input;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<GroupsResult> => {
      const group = await findSignerGroup(trx, campaignId, groupId, { forUpdate: true });
      if (!group) return NOT_FOUND;
      for (const locale of LOCALES) await setSignerGroupLabel(trx, groupId, locale, input.labels[locale] || null);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "groups.renamed",
        subjectType: "signer_group",
        subjectId: groupId,
        details: { key: group.key, locales: LOCALES.filter((l) => input.labels[l]) },
      });
      return { kind: "saved", action: "renamed", key: group.key };
    });
  if (result.kind === "saved") clearPageCache();
  return result;
}

/** Swaps a group with its neighbour above or below (at the edge: nothing to do). */
export async function moveGroup(
  access: CampaignAccess,
  input: { groupId: number; direction: "up" | "down" },
): Promise<GroupsResult> {
  if (denied(access)) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const { groupId, direction } = input;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<GroupsResult> => {
      const group = await findSignerGroup(trx, campaignId, groupId, { forUpdate: true });
      if (!group) return NOT_FOUND;
      const order = (await listSignerGroups(trx, campaignId)).map((g) => g.id);
      const at = order.indexOf(groupId);
      const other = direction === "up" ? at - 1 : at + 1;
      if (other < 0 || other >= order.length) return { kind: "saved", action: "reordered", key: group.key };
      [order[at], order[other]] = [order[other]!, order[at]!];
      await setSignerGroupOrder(trx, campaignId, order);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "groups.reordered",
        subjectType: "signer_group",
        subjectId: groupId,
        details: { key: group.key, direction },
      });
      return { kind: "saved", action: "reordered", key: group.key };
    });
  if (result.kind === "saved") clearPageCache();
  return result;
}

/** What merging `fromId` into `intoId` would move: all its signatures, and how many of them count. */
export async function previewMerge(
  access: CampaignAccess,
  input: { fromId: number; intoId: number },
): Promise<GroupsResult> {
  if (denied(access)) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const db = getDb();
  const [from, into] = await Promise.all([
    findSignerGroup(db, campaignId, input.fromId),
    findSignerGroup(db, campaignId, input.intoId),
  ]);
  if (!from || !into) return NOT_FOUND;
  if (from.id === into.id) return { kind: "invalid", errors: { into: "mergeSame" } };
  const verified = (await countVerifiedByGroup(db, [campaignId])).find((c) => c.group_id === from.id)?.count ?? 0;
  return {
    kind: "mergePreview",
    from: { id: from.id, key: from.key },
    into: { id: into.id, key: into.key },
    signatures: await countSignaturesInGroup(db, from.id),
    verified,
  };
}

/**
 * Moves every signature of one group, and its counters, into another and deletes the first.
 * Totals per campaign and per country stay exactly what they were. Audited as groups.merged.
 */
export async function mergeGroups(
  access: CampaignAccess,
  input: { fromId: number; intoId: number },
): Promise<GroupsResult> {
  if (denied(access)) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const { fromId, intoId } = input;
  const db = getDb();
  const [from, into] = await Promise.all([
    findSignerGroup(db, campaignId, fromId),
    findSignerGroup(db, campaignId, intoId),
  ]);
  if (!from || !into) return NOT_FOUND;
  if (fromId === intoId) return { kind: "invalid", errors: { into: "mergeSame" } };
  const result = await db.transaction().execute(async (trx): Promise<GroupsResult> => {
    // Both groups locked (in id order): a signature or a counter change for the group being
    // merged away waits for this transaction, then finds the group gone.
    for (const id of [fromId, intoId].sort((a, b) => a - b)) {
      if (!(await findSignerGroup(trx, campaignId, id, { forUpdate: true }))) return NOT_FOUND;
    }
    const moved = await moveToGroup(trx, campaignId, fromId, intoId);
    await deleteSignerGroup(trx, campaignId, fromId);
    await insertAudit(trx, {
      organizerId: access.organizer.id,
      campaignId,
      action: "groups.merged",
      subjectType: "signer_group",
      subjectId: intoId,
      rowCount: moved,
      details: { from: from.key, into: into.key },
    });
    return { kind: "saved", action: "merged", key: from.key, moved };
  });
  if (result.kind === "saved") clearPageCache();
  return result;
}

/** Deletes a group without signatures (never the last one). Audited as groups.deleted. */
export async function deleteGroup(access: CampaignAccess, input: { groupId: number }): Promise<GroupsResult> {
  if (denied(access)) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const { groupId } = input;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<GroupsResult> => {
      const group = await findSignerGroup(trx, campaignId, groupId, { forUpdate: true });
      if (!group) return NOT_FOUND;
      if ((await countSignaturesInGroup(trx, groupId)) > 0) {
        return { kind: "invalid", errors: { group: "groupNotEmpty" } };
      }
      if ((await listSignerGroups(trx, campaignId)).length <= 1) {
        return { kind: "invalid", errors: { group: "lastGroup" } };
      }
      await deleteSignerGroup(trx, campaignId, groupId);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "groups.deleted",
        subjectType: "signer_group",
        subjectId: groupId,
        details: { key: group.key },
      });
      return { kind: "saved", action: "deleted", key: group.key };
    });
  if (result.kind === "saved") clearPageCache();
  return result;
}
