import { today } from "~/domain/dates";
import { BIRTHDAY_WINDOW_DAYS, daysUntilBirthday } from "~/domain/letters";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { lastPostedOn } from "~/models/letter-batches.server";
import { listKnownBirthdays } from "~/models/letter-settings.server";
import { letterCounts, listPublicExcerpts } from "~/models/letters.server";
import { findPrisonerBySlug, listPrisonerTranslations } from "~/models/prisoner.server";
import { getDb } from "~/utils/db.server";
import { closedReasonFor, readLetterSettings } from "./letters-settings.server";

/**
 * What the public sees of letters: on a prisoner's page, whether letters are open, how many
 * were written, posted and answered and when the last ones left (counts, never letters), the
 * excerpts both a writer and the organizers agreed to publish; on the home page, whose
 * birthday is near. No writer's address ever reaches these answers.
 */

const EXCERPTS_SHOWN = 6;

/** The letters section of a prisoner's page; null when the prisoner takes no letters and has none. */
export async function loadPrisonerLetters(slug: string, locale: Locale, now = new Date()) {
  const db = getDb();
  const prisoner = await findPrisonerBySlug(db, slug);
  if (!prisoner) return null;
  const [settings, counts, lastPost, excerpts] = await Promise.all([
    readLetterSettings(db, prisoner.id),
    letterCounts(db, prisoner.id),
    lastPostedOn(db, prisoner.id),
    listPublicExcerpts(db, prisoner.id, EXCERPTS_SHOWN),
  ]);
  if (!settings.accepting && counts.written === 0) return null;
  const inDays = settings.birthday && settings.accepting ? daysUntilBirthday(settings.birthday, today(now)) : null;
  return {
    open: settings.accepting,
    closedReason: settings.accepting ? null : closedReasonFor(settings, locale),
    written: counts.written,
    posted: counts.posted,
    answered: counts.answered,
    lastPostedOn: lastPost,
    birthdayInDays: inDays !== null && inDays <= BIRTHDAY_WINDOW_DAYS ? inDays : null,
    birthday: settings.birthday,
    excerpts: excerpts.map((e) => ({
      id: e.id,
      name: e.writer_name,
      country: e.writer_country,
      language: e.language,
      text: e.public_excerpt ?? "",
    })),
  };
}

/** Prisoners whose birthday comes within 30 days and who take letters, soonest first. */
export async function listUpcomingBirthdays(locale: Locale, now = new Date()) {
  const db = getDb();
  const rows = await listKnownBirthdays(db);
  const day = today(now);
  const soon = rows
    .map((r) => ({ ...r, inDays: daysUntilBirthday(r.birthday ?? "", day) }))
    .filter((r) => r.birthday && r.inDays <= BIRTHDAY_WINDOW_DAYS)
    .sort((a, b) => a.inDays - b.inDays);
  if (soon.length === 0) return [];
  const translations = await listPrisonerTranslations(
    db,
    soon.map((r) => r.id),
  );
  return soon.map((r) => ({
    slug: r.slug,
    name:
      pickTranslation(
        translations.filter((t) => t.prisoner_id === r.id),
        locale,
      )?.row.name ?? r.slug,
    inDays: r.inDays,
    birthday: r.birthday!,
  }));
}
