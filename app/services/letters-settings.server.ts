import { DEFAULT_FLAG_WORDS, DEFAULT_LETTER_SETTINGS, parseWordList } from "~/domain/letters";
import { LOCALES, type Locale } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import {
  findLetterSettings,
  listLetterTexts,
  saveLetterSettings,
  saveLetterText,
} from "~/models/letter-settings.server";
import { listPrisonerTranslations } from "~/models/prisoner.server";
import { pickTranslation } from "~/domain/translation";
import { getFixedT } from "~/i18n/i18n.server";
import type { LetterSettingsInput } from "~/schemas/letters";
import { LETTER_LIMITS } from "~/schemas/letters";
import { getDb, type Executor } from "~/utils/db.server";
import type { PrisonerAccess } from "./prisoner-access.server";
import { clearPageCache } from "./public-pages.server";

/**
 * A prisoner's letter settings: whether letters are open (and why not), how they must be
 * addressed, which languages are accepted and how long a letter may be, the guidance writers
 * read and the word lists that flag letters, per language. Edited by whoever may edit the
 * prisoner's profile (app/services/prisoner-access.server.ts).
 */

export interface LetterSettings {
  accepting: boolean;
  addressBlock: string;
  nameLine: string;
  requiredLanguage: Locale;
  acceptedLanguages: Locale[];
  maxLength: number;
  electronicService: boolean;
  birthday: string | null;
  /** Per language: what organizers wrote, or "" (then the default guidance is shown). */
  texts: Record<Locale, { guidance: string; closedReason: string; flagWords: string[] | null }>;
}

/** The settings as stored, with the defaults where nothing is. */
export async function readLetterSettings(db: Executor, prisonerId: number): Promise<LetterSettings> {
  const [row, texts] = await Promise.all([findLetterSettings(db, prisonerId), listLetterTexts(db, prisonerId)]);
  const byLocale = Object.fromEntries(
    LOCALES.map((l) => {
      const text = texts.find((t) => t.locale === l);
      return [
        l,
        {
          guidance: text?.guidance ?? "",
          closedReason: text?.closed_reason ?? "",
          flagWords: text?.flag_words ?? null,
        },
      ];
    }),
  ) as LetterSettings["texts"];
  return {
    accepting: row?.accepting ?? DEFAULT_LETTER_SETTINGS.accepting,
    addressBlock: row?.address_block ?? "",
    nameLine: row?.name_line ?? "",
    requiredLanguage: row?.required_language ?? DEFAULT_LETTER_SETTINGS.requiredLanguage,
    acceptedLanguages: row?.accepted_languages ?? DEFAULT_LETTER_SETTINGS.acceptedLanguages,
    maxLength: row?.max_length ?? DEFAULT_LETTER_SETTINGS.maxLength,
    electronicService: row?.electronic_service ?? DEFAULT_LETTER_SETTINGS.electronicService,
    birthday: row?.birthday ?? null,
    texts: byLocale,
  };
}

/** The guidance a writer reads in `locale`: the organizers' text, else the default one. */
export function guidanceFor(settings: LetterSettings, locale: Locale): string {
  return settings.texts[locale].guidance || getFixedT(locale, "letters")("guidance.default");
}

/** The public reason letters are closed, in `locale` (else English, else any, else a general one). */
export function closedReasonFor(settings: LetterSettings, locale: Locale): string {
  const own = settings.texts[locale].closedReason;
  const other =
    own || settings.texts.en.closedReason || LOCALES.map((l) => settings.texts[l].closedReason).find(Boolean);
  return other || getFixedT(locale, "letters")("write.closedNoReason");
}

/** The word list that flags letters written in `language`. */
export function flagWordsFor(settings: LetterSettings, language: Locale): readonly string[] {
  return settings.texts[language].flagWords ?? DEFAULT_FLAG_WORDS[language];
}

/** The settings page of one prisoner. */
export async function loadLetterSettingsPage(access: PrisonerAccess, uiLocale: Locale) {
  const db = getDb();
  const [settings, translations] = await Promise.all([
    readLetterSettings(db, access.prisoner.id),
    listPrisonerTranslations(db, [access.prisoner.id]),
  ]);
  return {
    slug: access.prisoner.slug,
    name: pickTranslation(translations, uiLocale)?.row.name ?? access.prisoner.slug,
    settings,
    defaults: Object.fromEntries(
      LOCALES.map((l) => [
        l,
        { guidance: getFixedT(l, "letters")("guidance.default"), flagWords: DEFAULT_FLAG_WORDS[l].join("\n") },
      ]),
    ) as Record<Locale, { guidance: string; flagWords: string }>,
    limits: LETTER_LIMITS,
  };
}

/**
 * Saves the settings. A guidance equal to the default text is stored as "" (so a better
 * default later reaches it), and so is a word list equal to the default one.
 */
export async function saveLetterSettingsFor(
  access: PrisonerAccess,
  input: LetterSettingsInput,
): Promise<{ kind: "saved" }> {
  const prisonerId = access.prisoner.id;
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await saveLetterSettings(trx, {
        prisoner_id: prisonerId,
        accepting: input.accepting,
        address_block: input.addressBlock,
        name_line: input.nameLine,
        required_language: input.requiredLanguage,
        accepted_languages: input.acceptedLanguages,
        max_length: input.maxLength,
        electronic_service: input.electronicService,
        birthday: input.birthday,
      });
      for (const locale of LOCALES) {
        const text = input.texts?.[locale];
        const defaultGuidance = getFixedT(locale, "letters")("guidance.default");
        const words = text?.flagWords ? parseWordList(text.flagWords) : null;
        const isDefaultList = words !== null && words.join("\n") === DEFAULT_FLAG_WORDS[locale].join("\n");
        await saveLetterText(trx, {
          prisoner_id: prisonerId,
          locale,
          guidance: text?.guidance && text.guidance !== defaultGuidance ? text.guidance : "",
          closed_reason: text?.closedReason ?? "",
          flag_words: isDefaultList ? null : words,
        });
      }
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: null,
        action: "letters.settings_changed",
        subjectType: "prisoner",
        subjectId: prisonerId,
        details: {
          slug: access.prisoner.slug,
          accepting: input.accepting,
          maxLength: input.maxLength,
          languages: input.acceptedLanguages,
        },
      });
    });
  clearPageCache();
  return { kind: "saved" };
}
