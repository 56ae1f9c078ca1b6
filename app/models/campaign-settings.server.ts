import type { CampaignKind, CampaignStatus, Locale } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

/**
 * Campaign settings, status and groups as the organizer pages read and write them. Moving
 * signatures between groups is signature-transitions.server.ts (moveToGroup): it moves the
 * counters with them.
 */

// ---------------------------------------------------------------------------------------
// Campaign

const settingsColumns = [
  "id",
  "slug",
  "kind",
  "status",
  "canonical_locale",
  "goal",
  "opened_at",
  "closed_at",
  "delivered_on",
  "delivered_to",
  "delivery_response",
  "delivered_list_sha256",
  "delivered_list_rows",
  "delivered_list_locale",
] as const;

export async function findCampaignSettings(db: Executor, campaignId: number, opts: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("campaigns").select(settingsColumns).where("id", "=", campaignId);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Whether another campaign already uses the slug. */
export async function isSlugTaken(db: Executor, slug: string, exceptCampaignId?: number): Promise<boolean> {
  let query = db.selectFrom("campaigns").select("id").where("slug", "=", slug);
  if (exceptCampaignId !== undefined) query = query.where("id", "<>", exceptCampaignId);
  return Boolean(await query.executeTakeFirst());
}

export async function updateCampaignSettings(
  db: Executor,
  campaignId: number,
  values: { slug: string; kind: CampaignKind; goal: number | null },
): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({ slug: values.slug, kind: values.kind, goal: values.goal, updated_at: new Date() })
    .where("id", "=", campaignId)
    .execute();
}

/** The languages a campaign has a text in, with each text's addressee. */
export async function listCampaignTargets(db: Executor, campaignId: number) {
  return db
    .selectFrom("campaign_translations")
    .select(["locale", "target"])
    .where("campaign_id", "=", campaignId)
    .orderBy("locale")
    .execute();
}

/** Sets the addressee of an existing text (a language without a text is left alone). */
export async function updateCampaignTarget(
  db: Executor,
  campaignId: number,
  locale: Locale,
  target: string,
): Promise<number> {
  const result = await db
    .updateTable("campaign_translations")
    .set({ target })
    .where("campaign_id", "=", campaignId)
    .where("locale", "=", locale)
    .where("target", "<>", target)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The campaign's prisoners, in their order. */
export async function listLinkedPrisonerIds(db: Executor, campaignId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("campaign_prisoners")
    .select("prisoner_id")
    .where("campaign_id", "=", campaignId)
    .orderBy("position")
    .orderBy("prisoner_id")
    .execute();
  return rows.map((r) => r.prisoner_id);
}

/** Replaces the campaign's prisoners with these, in this order. */
export async function replaceLinkedPrisoners(db: Executor, campaignId: number, prisonerIds: number[]): Promise<void> {
  await db.deleteFrom("campaign_prisoners").where("campaign_id", "=", campaignId).execute();
  if (prisonerIds.length === 0) return;
  await db
    .insertInto("campaign_prisoners")
    .values(prisonerIds.map((prisonerId, position) => ({ campaign_id: campaignId, prisoner_id: prisonerId, position })))
    .execute();
}

/** Which of these prisoner ids exist. */
export async function existingPrisonerIds(db: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("prisoners").select("id").where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Moves the campaign from one status to another, only if it still has the expected one
 * (returns false otherwise). Opening the first time stamps opened_at; closing stamps
 * closed_at; reopening clears it.
 */
export async function changeCampaignStatus(
  db: Executor,
  campaignId: number,
  from: CampaignStatus,
  to: CampaignStatus,
): Promise<boolean> {
  const now = new Date();
  const result = await db
    .updateTable("campaigns")
    .set((eb) => ({
      status: to,
      updated_at: now,
      ...(to === "open" ? { opened_at: eb.fn.coalesce("opened_at", eb.val(now)), closed_at: null } : {}),
      ...(to === "closed" ? { closed_at: now } : {}),
    }))
    .where("id", "=", campaignId)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks a campaign delivered with the evidence of what was handed over: the SHA-256 of the
 * publication text and its number of listed signatories.
 */
export async function markCampaignDelivered(
  db: Executor,
  campaignId: number,
  record: { on: string; to: string; response: string | null; sha256: string; rows: number; locale: Locale },
): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({
      status: "delivered",
      delivered_on: record.on,
      delivered_to: record.to,
      delivery_response: record.response,
      delivered_list_sha256: record.sha256,
      delivered_list_rows: record.rows,
      delivered_list_locale: record.locale,
      updated_at: new Date(),
    })
    .where("id", "=", campaignId)
    .execute();
}

export async function updateDeliveryResponse(db: Executor, campaignId: number, response: string | null): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({ delivery_response: response, updated_at: new Date() })
    .where("id", "=", campaignId)
    .execute();
}

// ---------------------------------------------------------------------------------------
// Signer groups

export async function findSignerGroup(
  db: Executor,
  campaignId: number,
  groupId: number,
  opts: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom("signer_groups")
    .select(["id", "key", "position"])
    .where("campaign_id", "=", campaignId)
    .where("id", "=", groupId);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function isGroupKeyTaken(db: Executor, campaignId: number, key: string): Promise<boolean> {
  const row = await db
    .selectFrom("signer_groups")
    .select("id")
    .where("campaign_id", "=", campaignId)
    .where("key", "=", key)
    .executeTakeFirst();
  return Boolean(row);
}

/** Adds a group after the others. */
export async function insertSignerGroup(
  db: Executor,
  campaignId: number,
  key: string,
  labels: { locale: Locale; label: string }[],
): Promise<number> {
  const last = await db
    .selectFrom("signer_groups")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  const { id } = await db
    .insertInto("signer_groups")
    .values({ campaign_id: campaignId, key, position })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (labels.length) {
    await db
      .insertInto("signer_group_translations")
      .values(labels.map((l) => ({ group_id: id, locale: l.locale, label: l.label })))
      .execute();
  }
  return id;
}

/** Sets a group's label in one language; null removes it (the page then shows the original's). */
export async function setSignerGroupLabel(
  db: Executor,
  groupId: number,
  locale: Locale,
  label: string | null,
): Promise<void> {
  if (label === null) {
    await db
      .deleteFrom("signer_group_translations")
      .where("group_id", "=", groupId)
      .where("locale", "=", locale)
      .execute();
    return;
  }
  await db
    .insertInto("signer_group_translations")
    .values({ group_id: groupId, locale, label })
    .onConflict((oc) => oc.columns(["group_id", "locale"]).doUpdateSet({ label }))
    .execute();
}

/** Numbers the campaign's groups 0, 1, 2… in the order given. */
export async function setSignerGroupOrder(db: Executor, campaignId: number, groupIds: readonly number[]) {
  for (const [position, id] of groupIds.entries()) {
    await db
      .updateTable("signer_groups")
      .set({ position })
      .where("campaign_id", "=", campaignId)
      .where("id", "=", id)
      .execute();
  }
}

/** Signature rows of any state in each of the campaign's groups (a group with any cannot be deleted). */
export async function countSignaturesByGroup(db: Executor, campaignId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("signatures")
    .select(["group_id", (eb) => eb.fn.countAll<number>().as("count")])
    .where("campaign_id", "=", campaignId)
    .groupBy("group_id")
    .execute();
  return new Map(rows.map((r) => [r.group_id, Number(r.count)]));
}

export async function countSignaturesInGroup(db: Executor, groupId: number): Promise<number> {
  const row = await db
    .selectFrom("signatures")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("group_id", "=", groupId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Deletes a group (its labels and empty counters go with it; signatures would block it). */
export async function deleteSignerGroup(db: Executor, campaignId: number, groupId: number): Promise<void> {
  await db.deleteFrom("signer_groups").where("campaign_id", "=", campaignId).where("id", "=", groupId).execute();
}
