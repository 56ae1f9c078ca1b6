import type { Executor } from "~/utils/db.server";

const prisonerColumns = ["id", "slug", "status", "born_on", "detained_on", "photo_path", "mailing_address"] as const;

export async function listPrisoners(db: Executor) {
  return db
    .selectFrom("prisoners")
    .select(prisonerColumns)
    .orderBy("detained_on", (ob) => ob.asc().nullsLast())
    .orderBy("id")
    .execute();
}

export async function findPrisonerBySlug(db: Executor, slug: string) {
  return db.selectFrom("prisoners").select(prisonerColumns).where("slug", "=", slug).executeTakeFirst();
}

export async function listPrisonerTranslations(db: Executor, prisonerIds: readonly number[]) {
  if (prisonerIds.length === 0) return [];
  return db
    .selectFrom("prisoner_translations")
    .select(["prisoner_id", "locale", "status", "name", "summary", "bio", "facility"])
    .where("prisoner_id", "in", prisonerIds)
    .execute();
}

/** The case timeline, oldest first, with every translation of each event. */
export async function listPrisonerEvents(db: Executor, prisonerId: number) {
  const events = await db
    .selectFrom("prisoner_events")
    .select(["id", "occurred_on"])
    .where("prisoner_id", "=", prisonerId)
    .orderBy("occurred_on")
    .orderBy("id")
    .execute();
  const texts = events.length
    ? await db
        .selectFrom("prisoner_event_translations")
        .select(["event_id", "locale", "text"])
        .where(
          "event_id",
          "in",
          events.map((e) => e.id),
        )
        .execute()
    : [];
  return events.map((e) => ({ ...e, texts: texts.filter((t) => t.event_id === e.id) }));
}

export async function listPrisonersByIds(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("prisoners").select(prisonerColumns).where("id", "in", ids).execute();
}
