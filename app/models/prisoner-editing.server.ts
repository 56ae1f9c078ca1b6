import { rolesWith } from "~/domain/permissions";
import type { Locale, PrisonerStatus, TranslationStatus } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

/**
 * Prisoner profiles as organizers edit them. Members with the campaign "edit" ability (owners
 * and editors) edit the prisoners their campaigns are about.
 */

/** The prisoner row as the editor reads it. */
export async function findPrisonerForEditing(db: Executor, slug: string, opts: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("prisoners")
    .select(["id", "slug", "status", "born_on", "detained_on", "photo_path", "updated_at"])
    .where("slug", "=", slug);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function prisonerSlugTaken(db: Executor, slug: string): Promise<boolean> {
  const row = await db.selectFrom("prisoners").select("id").where("slug", "=", slug).executeTakeFirst();
  return Boolean(row);
}

/** Whether the organizer is an owner or editor of a campaign linked to the prisoner. */
export async function organizerCanEditPrisoner(
  db: Executor,
  organizerId: number,
  prisonerId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom("campaign_prisoners as cp")
    .innerJoin("campaign_members as m", "m.campaign_id", "cp.campaign_id")
    .select("cp.campaign_id")
    .where("cp.prisoner_id", "=", prisonerId)
    .where("m.organizer_id", "=", organizerId)
    .where("m.role", "in", rolesWith("edit"))
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * The campaigns an organizer owns or edits (all campaigns for a platform admin, given as
 * null), with their title in the campaign's original language.
 */
export async function listEditableCampaigns(db: Executor, organizerId: number | null) {
  let query = db
    .selectFrom("campaigns as c")
    .leftJoin("campaign_translations as t", (join) =>
      join.onRef("t.campaign_id", "=", "c.id").onRef("t.locale", "=", "c.canonical_locale"),
    )
    .select(["c.id", "c.slug", "t.title"])
    .orderBy("c.slug");
  if (organizerId !== null) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("campaign_members as m")
          .select("m.campaign_id")
          .whereRef("m.campaign_id", "=", "c.id")
          .where("m.organizer_id", "=", organizerId)
          .where("m.role", "in", rolesWith("edit")),
      ),
    );
  }
  return query.execute();
}

/** The prisoners an organizer may edit (every prisoner for a platform admin, given as null). */
export async function listEditablePrisoners(db: Executor, organizerId: number | null) {
  let query = db
    .selectFrom("prisoners as p")
    .select(["p.id", "p.slug", "p.status", "p.photo_path", "p.updated_at"])
    .orderBy("p.slug");
  if (organizerId !== null) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("campaign_prisoners as cp")
          .innerJoin("campaign_members as m", "m.campaign_id", "cp.campaign_id")
          .select("cp.campaign_id")
          .whereRef("cp.prisoner_id", "=", "p.id")
          .where("m.organizer_id", "=", organizerId)
          .where("m.role", "in", rolesWith("edit")),
      ),
    );
  }
  return query.execute();
}

/** Links a prisoner to a campaign, last in the campaign's order (nothing when already linked). */
export async function linkPrisonerToCampaign(db: Executor, campaignId: number, prisonerId: number): Promise<void> {
  const row = await db
    .selectFrom("campaign_prisoners")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  const max = row?.max;
  await db
    .insertInto("campaign_prisoners")
    .values({
      campaign_id: campaignId,
      prisoner_id: prisonerId,
      position: max === null || max === undefined ? 0 : Number(max) + 1,
    })
    .onConflict((oc) => oc.columns(["campaign_id", "prisoner_id"]).doNothing())
    .execute();
}

export async function updatePrisonerDetails(
  db: Executor,
  prisonerId: number,
  input: { status: PrisonerStatus; bornOn: string | null; detainedOn: string | null },
): Promise<void> {
  await db
    .updateTable("prisoners")
    .set({ status: input.status, born_on: input.bornOn, detained_on: input.detainedOn, updated_at: new Date() })
    .where("id", "=", prisonerId)
    .execute();
}

export interface PrisonerTranslationInput {
  status: TranslationStatus;
  name: string;
  summary: string;
  bio: string;
  facility: string | null;
}

export async function upsertPrisonerTranslation(
  db: Executor,
  prisonerId: number,
  locale: Locale,
  input: PrisonerTranslationInput,
): Promise<void> {
  await db
    .insertInto("prisoner_translations")
    .values({ prisoner_id: prisonerId, locale, ...input })
    .onConflict((oc) =>
      oc.columns(["prisoner_id", "locale"]).doUpdateSet({
        status: input.status,
        name: input.name,
        summary: input.summary,
        bio: input.bio,
        facility: input.facility,
      }),
    )
    .execute();
}

export async function deletePrisonerTranslation(db: Executor, prisonerId: number, locale: Locale): Promise<number> {
  const result = await db
    .deleteFrom("prisoner_translations")
    .where("prisoner_id", "=", prisonerId)
    .where("locale", "=", locale)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---------------------------------------------------------------------------------------
// Timeline

export async function findPrisonerEvent(db: Executor, prisonerId: number, eventId: number) {
  return db
    .selectFrom("prisoner_events")
    .select(["id", "occurred_on"])
    .where("id", "=", eventId)
    .where("prisoner_id", "=", prisonerId)
    .executeTakeFirst();
}

export async function insertPrisonerEvent(db: Executor, prisonerId: number, occurredOn: string): Promise<number> {
  const row = await db
    .insertInto("prisoner_events")
    .values({ prisoner_id: prisonerId, occurred_on: occurredOn })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePrisonerEventDate(db: Executor, eventId: number, occurredOn: string): Promise<void> {
  await db.updateTable("prisoner_events").set({ occurred_on: occurredOn }).where("id", "=", eventId).execute();
}

/** Replaces every translation of an event's text with the given ones. */
export async function replacePrisonerEventTexts(
  db: Executor,
  eventId: number,
  texts: { locale: Locale; text: string }[],
): Promise<void> {
  await db.deleteFrom("prisoner_event_translations").where("event_id", "=", eventId).execute();
  if (texts.length) {
    await db
      .insertInto("prisoner_event_translations")
      .values(texts.map((t) => ({ event_id: eventId, locale: t.locale, text: t.text })))
      .execute();
  }
}

export async function deletePrisonerEvent(db: Executor, prisonerId: number, eventId: number): Promise<number> {
  const result = await db
    .deleteFrom("prisoner_events")
    .where("id", "=", eventId)
    .where("prisoner_id", "=", prisonerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
