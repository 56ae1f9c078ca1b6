import { LOCALES, type Locale } from "~/domain/vocab";

/**
 * Interface languages. To add one: add its code to LOCALES in app/domain/vocab.ts (and a
 * migration widening the locale CHECK constraints), create locales/<code>/ with every
 * namespace file, and add its name below.
 */
export const SUPPORTED_LOCALES = LOCALES;
export const DEFAULT_LOCALE: Locale = "en";
export const NAMESPACES = [
  "common",
  "emails",
  "sign",
  "poster",
  "embed",
  "organizer",
  "exports",
  "orgCampaign",
  "orgPrisoners",
  "orgMembers",
  "orgModeration",
  "letters",
  "orgLetters",
  "orgInsights",
  "manage",
  "privacy",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Each language's name in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  ru: "Русский",
  fr: "Français",
  de: "Deutsch",
  es: "Español",
  uk: "Українська",
};

/** Scripts written right to left; none of today's six, but `dir` is already wired through. */
const RTL_LOCALES = new Set<string>(["ar", "fa", "he", "ur"]);
export function localeDirection(locale: string): "ltr" | "rtl" {
  return RTL_LOCALES.has(locale) ? "rtl" : "ltr";
}

/** Open Graph wants language_TERRITORY. */
export const OG_LOCALES: Record<Locale, string> = {
  en: "en_US",
  ru: "ru_RU",
  fr: "fr_FR",
  de: "de_DE",
  es: "es_ES",
  uk: "uk_UA",
};
