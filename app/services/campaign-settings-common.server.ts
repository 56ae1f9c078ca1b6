import type { Locale } from "~/domain/vocab";
import type { FieldErrors } from "~/schemas/fields";

/** What the campaign-shaping operations (creation, settings, groups, delivery) share. */

/** A form the operation refused, field by field (codes translated under orgCampaign `errors`). */
export type Invalid = { kind: "invalid"; errors: FieldErrors };
export type NotFound = { kind: "not-found" };
export const NOT_FOUND: NotFound = { kind: "not-found" };

/** A unique index refused the row (a slug or group key taken by a concurrent request). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

/** A language's name in the organizer's language ("Russian", "русский"). */
export function languageName(locale: Locale, uiLocale: Locale): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}
