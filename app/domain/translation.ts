import type { Locale } from "./vocab";

/**
 * The text to show for a page language: the exact translation when there is one, else the
 * canonical original, else English, else whatever exists. `fallback` tells the page to say so.
 */
export function pickTranslation<T extends { locale: Locale }>(
  rows: readonly T[],
  locale: Locale,
  canonical: Locale = "en",
): { row: T; fallback: boolean } | undefined {
  const exact = rows.find((r) => r.locale === locale);
  if (exact) return { row: exact, fallback: false };
  const other = rows.find((r) => r.locale === canonical) ?? rows.find((r) => r.locale === "en") ?? rows[0];
  return other ? { row: other, fallback: true } : undefined;
}
