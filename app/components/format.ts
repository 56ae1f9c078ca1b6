import { useTranslation } from "react-i18next";
import { useCountryNames } from "./country-names";

// Intl formatters are costly to create and safe to share: one per language.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    dateFormats.set(locale, format);
  }
  return format;
}

/**
 * A calendar day (YYYY-MM-DD, or the start of an ISO instant) written out in `locale`: "6 December
 * 2026", "6 декабря 2026". The year's abbreviation that Russian and Ukrainian add ("г.", "р.")
 * is left out: it ends in a full stop, and our sentences put their own after a date
 * ("Передано 6 декабря 2026 г.." otherwise).
 */
export function formatDay(iso: string, locale: string): string {
  const parts = dateFormat(locale).formatToParts(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  const lastYear = parts.findLastIndex((p) => p.type === "year");
  return parts
    .filter((p, i) => !(i > lastYear && p.type === "literal"))
    .map((p) => p.value)
    .join("");
}

/** Numbers, dates and country names in the page's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const countryNames = useCountryNames();
  return {
    locale,
    number: (n: number) => numberFormat(locale).format(n),
    date: (iso: string) => formatDay(iso, locale),
    country: (code: string) => {
      if (countryNames?.[code]) return countryNames[code];
      try {
        return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}

/** Date and time in the page's language, in UTC (the same on the server and in the browser). */
export function formatMailDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "long",
    timeZone: "UTC",
  }).format(new Date(iso));
}
