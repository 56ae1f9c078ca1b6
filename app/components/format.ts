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

/** Numbers, dates and country names in the page's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const countryNames = useCountryNames();
  return {
    locale,
    number: (n: number) => numberFormat(locale).format(n),
    date: (iso: string) => dateFormat(locale).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
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
