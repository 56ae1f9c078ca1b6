import type { Insertable } from "kysely";
import type { PrisonerLetterSettingsTable } from "../../db/schema";
import type { Locale } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

/** A prisoner's letter settings and their texts per language (guidance, closed reason, word list). */

export async function findLetterSettings(db: Executor, prisonerId: number) {
  return db.selectFrom("prisoner_letter_settings").selectAll().where("prisoner_id", "=", prisonerId).executeTakeFirst();
}

export async function listLetterTexts(db: Executor, prisonerId: number) {
  return db.selectFrom("prisoner_letter_texts").selectAll().where("prisoner_id", "=", prisonerId).execute();
}

/** The word list a prisoner's organizers set for one language; undefined when they kept the default. */
export async function findFlagWords(db: Executor, prisonerId: number, locale: Locale): Promise<string[] | null> {
  const row = await db
    .selectFrom("prisoner_letter_texts")
    .select("flag_words")
    .where("prisoner_id", "=", prisonerId)
    .where("locale", "=", locale)
    .executeTakeFirst();
  return row?.flag_words ?? null;
}

export async function saveLetterSettings(
  db: Executor,
  settings: Omit<Insertable<PrisonerLetterSettingsTable>, "updated_at">,
): Promise<void> {
  const { prisoner_id: _id, ...rest } = settings;
  await db
    .insertInto("prisoner_letter_settings")
    .values({ ...settings, updated_at: new Date() })
    .onConflict((oc) => oc.column("prisoner_id").doUpdateSet({ ...rest, updated_at: new Date() }))
    .execute();
}

export async function saveLetterText(
  db: Executor,
  row: { prisoner_id: number; locale: Locale; guidance: string; closed_reason: string; flag_words: string[] | null },
): Promise<void> {
  await db
    .insertInto("prisoner_letter_texts")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["prisoner_id", "locale"]).doUpdateSet({
        guidance: row.guidance,
        closed_reason: row.closed_reason,
        flag_words: row.flag_words,
      }),
    )
    .execute();
}

/** Prisoners whose birthday is known and whose letters are open (the birthday reminders). */
export async function listKnownBirthdays(db: Executor) {
  return db
    .selectFrom("prisoner_letter_settings as s")
    .innerJoin("prisoners as p", "p.id", "s.prisoner_id")
    .select(["p.id", "p.slug", "s.birthday"])
    .where("s.birthday", "is not", null)
    .where("s.accepting", "=", true)
    .execute();
}

/** A prisoner's slug by id (the links of letter mails and pages). */
export async function findPrisonerSlug(db: Executor, prisonerId: number): Promise<string | null> {
  const row = await db.selectFrom("prisoners").select("slug").where("id", "=", prisonerId).executeTakeFirst();
  return row?.slug ?? null;
}
