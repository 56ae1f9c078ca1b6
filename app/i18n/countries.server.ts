import { COUNTRY_CODES } from "~/domain/countries";
import type { Locale } from "~/domain/vocab";

const cache = new Map<Locale, { code: string; name: string }[]>();

/**
 * Country names in one language, sorted for its readers. Made on the server and sent with
 * the page: browsers ship other ICU data than Node, and names computed on both sides
 * would not match at hydration.
 */
export function countryOptions(locale: Locale): { code: string; name: string }[] {
  let options = cache.get(locale);
  if (!options) {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    const collator = new Intl.Collator(locale);
    options = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    cache.set(locale, options);
  }
  return options;
}
