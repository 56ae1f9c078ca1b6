import { LOCALES, type Locale } from "./vocab";

/**
 * Letters to prisoners: their states, the moves between them, and the rules that follow from
 * how letters reach a prison (one language passes the censor, a word list points at what the
 * censor stops). Migration 2026-12-06-0009 copies these lists into CHECK constraints.
 */

export const LETTER_STATES = [
  "submitted", // written, waiting for a moderator
  "approved", // may be sent, waiting for its translation
  "rejected", // not sent (with a reason the writer hears, if they left an address)
  "translated", // the text to post is ready (a person's translation, a checked machine one, or the original)
  "batched", // in a batch being prepared for the post
  "posted", // sent on paper or through the electronic service
  "delivered", // the prison confirmed delivery
  "returned", // came back (refused by the censor, transferred, …)
  "answered", // the prisoner replied
] as const;
export type LetterState = (typeof LETTER_STATES)[number];

/** The moves an organizer may make; anything else is refused (and changes nothing). */
export const LETTER_TRANSITIONS: Record<LetterState, readonly LetterState[]> = {
  submitted: ["approved", "rejected"],
  approved: ["translated", "rejected"],
  // Back to "approved" when the translation is withdrawn for another try.
  translated: ["approved", "batched", "rejected"],
  // Back to "translated" when taken out of a batch that was not posted.
  batched: ["translated", "posted"],
  posted: ["delivered", "returned", "answered"],
  delivered: ["answered", "returned"],
  // A returned letter may be batched again (a new address, a second try).
  returned: ["translated"],
  answered: [],
  rejected: [],
};

export function canMoveLetter(from: LetterState, to: LetterState): boolean {
  return LETTER_TRANSITIONS[from].includes(to);
}

/** The states a letter may be in to move to `to`. */
export function letterStatesBefore(to: LetterState): LetterState[] {
  return LETTER_STATES.filter((from) => LETTER_TRANSITIONS[from].includes(to));
}

/** Letters that count as written on the public page (everything not refused). */
export const WRITTEN_LETTER_STATES = LETTER_STATES.filter((s) => s !== "rejected");
/** Letters that left for the prison. */
export const POSTED_LETTER_STATES = [
  "posted",
  "delivered",
  "returned",
  "answered",
] as const satisfies readonly LetterState[];
/** Letters a reply may be recorded for. */
export const ANSWERABLE_LETTER_STATES = ["posted", "delivered"] as const satisfies readonly LetterState[];

/** How the text to post came to be. */
export const TRANSLATION_KINDS = [
  "original", // written in the language the prison requires: posted as written
  "human", // translated by a person
  "machine", // translated by a machine: a person must check it before it is printed
] as const;
export type LetterTranslationKind = (typeof TRANSLATION_KINDS)[number];

export const BATCH_STATES = ["prepared", "posted", "delivered", "returned"] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** Paper letters, or the prison service's paid electronic letters printed inside. */
export const POSTING_METHODS = ["paper", "electronic"] as const;
export type PostingMethod = (typeof POSTING_METHODS)[number];

/** Languages a letter may be written in (the interface languages). */
export const LETTER_LANGUAGES = LOCALES;

/** A new prisoner's letter settings, until organizers change them. */
export const DEFAULT_LETTER_SETTINGS = {
  accepting: false,
  requiredLanguage: "ru" as Locale,
  acceptedLanguages: [...LOCALES] as Locale[],
  maxLength: 3000,
  electronicService: false,
};

/** The longest letter any prisoner's settings may allow (about four printed pages). */
export const MAX_LETTER_LENGTH = 10_000;

/**
 * Words that point a moderator at a passage the censor is likely to stop (the war, the case,
 * officials, protest, LGBTQ+ topics). Stems, matched at the start of a word in any case, so
 * one entry covers a word's forms. They flag a letter for attention; they never reject it.
 */
export const DEFAULT_FLAG_WORDS: Record<Locale, readonly string[]> = {
  ru: [
    "войн",
    "сво",
    "фронт",
    "мобилизац",
    "путин",
    "режим",
    "диктатур",
    "лгбт",
    "гей",
    "суд",
    "приговор",
    "следовател",
    "адвокат",
    "апелляц",
    "побег",
    "протест",
    "митинг",
    "революц",
    "шифр",
  ],
  en: [
    "war",
    "front",
    "ukrain",
    "putin",
    "regime",
    "dictator",
    "army",
    "mobiliz",
    "lgbt",
    "gay",
    "queer",
    "trial",
    "court",
    "verdict",
    "lawyer",
    "appeal",
    "escape",
    "protest",
    "revolution",
    "cipher",
  ],
  fr: [
    "guerre",
    "front",
    "ukrain",
    "poutine",
    "régime",
    "dictat",
    "armée",
    "mobilis",
    "lgbt",
    "gay",
    "queer",
    "procès",
    "tribunal",
    "verdict",
    "avocat",
    "appel",
    "évasion",
    "manifest",
    "révolution",
    "chiffr",
  ],
  de: [
    "krieg",
    "front",
    "ukrain",
    "putin",
    "regime",
    "diktat",
    "armee",
    "mobilis",
    "lgbt",
    "schwul",
    "queer",
    "prozess",
    "gericht",
    "urteil",
    "anwalt",
    "berufung",
    "flucht",
    "protest",
    "revolution",
    "chiffr",
  ],
  es: [
    "guerra",
    "frente",
    "ucrani",
    "putin",
    "régimen",
    "dictad",
    "ejército",
    "moviliz",
    "lgbt",
    "gay",
    "queer",
    "juicio",
    "tribunal",
    "sentencia",
    "abogad",
    "apelaci",
    "fuga",
    "protest",
    "revoluci",
    "cifrad",
  ],
  uk: [
    "війн",
    "фронт",
    "україн",
    "путін",
    "режим",
    "диктатур",
    "армі",
    "мобіліз",
    "лгбт",
    "гей",
    "суд",
    "вирок",
    "слідч",
    "адвокат",
    "апеляц",
    "втеч",
    "протест",
    "революц",
    "шифр",
  ],
};

/** The words of a list as organizers type them: one per line or comma-separated, lower-cased, unique. */
export function parseWordList(text: string): string[] {
  const words = text
    .split(/[\n,;]+/u)
    .map((w) => w.normalize("NFC").trim().toLocaleLowerCase())
    .filter((w) => w.length > 0 && w.length <= 60);
  return [...new Set(words)].slice(0, 300);
}

/** The words of `list` that start a word of `text` (case-insensitive), in the list's order. */
export function flaggedWords(text: string, list: readonly string[]): string[] {
  const haystack = text.normalize("NFC").toLocaleLowerCase();
  return list.filter((word) => {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, "u").test(haystack);
  });
}

/** "MM-DD" → whether it is a real day of the year (29 February included). */
export function isMonthDay(value: string): boolean {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/**
 * Days from `today` (YYYY-MM-DD, UTC) to the next `monthDay` (0 on the day itself). A
 * birthday on 29 February is kept on 28 February in other years.
 */
export function daysUntilBirthday(monthDay: string, today: string): number {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const start = Date.UTC(year, month - 1, day);
  const [m, d] = monthDay.split("-").map(Number) as [number, number];
  for (const y of [year, year + 1]) {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const at = Date.UTC(y, m - 1, m === 2 && d === 29 && !leap ? 28 : d);
    if (at >= start) return Math.round((at - start) / 86_400_000);
  }
  return 366;
}

/** How many days ahead the home and prisoner pages announce a birthday. */
export const BIRTHDAY_WINDOW_DAYS = 30;
