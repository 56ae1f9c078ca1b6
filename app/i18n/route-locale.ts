import { isLocale, type Locale } from "~/domain/vocab";

/** The page language from the URL; an unknown prefix is a 404, never an error. */
export function requireLocale(params: { lang?: string }): Locale {
  if (!isLocale(params.lang)) throw new Response("Not found", { status: 404 });
  return params.lang;
}
