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

/** An earlier explicit choice (cookie), else the browser's preference, else English. */
export function negotiateLocale(request: Request): Locale {
  return (
    localeFromCookie(request.headers.get("Cookie")) ??
    localeFromAcceptLanguage(request.headers.get("Accept-Language")) ??
    DEFAULT_LOCALE
  );
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
