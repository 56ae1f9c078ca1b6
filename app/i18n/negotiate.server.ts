import Negotiator from "negotiator";
import { isLocale, type Locale } from "~/domain/vocab";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from "./config";

export const LOCALE_COOKIE = "lng";
/** Longer headers are cut: nobody needs 4 KB of language preferences, and parsing stays cheap. */
const MAX_ACCEPT_LANGUAGE = 512;

export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const trimmed = header.slice(0, MAX_ACCEPT_LANGUAGE);
  try {
    const [best] = new Negotiator({ headers: { "accept-language": trimmed } }).languages([...SUPPORTED_LOCALES]);
    return isLocale(best) ? best : undefined;
  } catch {
    return undefined;
  }
}

export function localeFromCookie(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  for (const part of header.slice(0, 4096).split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return undefined;
}

/** `?lng=xx`: the language switcher's choice on pages whose path has no language. */
export function localeFromQuery(url: string): Locale | undefined {
  const value = new URL(url).searchParams.get(LOCALE_COOKIE);
  return isLocale(value) ? value : undefined;
}

/**
 * A choice made on this very link (`?lng=`), else an earlier explicit choice (cookie), else
 * the browser's preference, else English.
 */
export function negotiateLocale(request: Request): Locale {
  return (
    localeFromQuery(request.url) ??
    localeFromCookie(request.headers.get("Cookie")) ??
    localeFromAcceptLanguage(request.headers.get("Accept-Language")) ??
    DEFAULT_LOCALE
  );
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
