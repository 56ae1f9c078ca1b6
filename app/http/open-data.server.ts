import { isCountryCode } from "~/domain/countries";
import { isLocale, type Locale } from "~/domain/vocab";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import type { SignatoriesApiQuery } from "~/services/open-data-api.server";

/**
 * The HTTP side of the open-data API (app/services/open-data-api.server.ts): its query
 * parameters, and the envelope every answer shares (CORS for any site, a minute of caching,
 * no indexing).
 */

export const OPEN_DATA_CACHE = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
} as const;

/** A JSON answer any site may read (CORS `*`) and any cache may keep for a minute. */
export function openDataJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      ...CORS_HEADERS,
      "Content-Type": "application/json; charset=utf-8",
      // A malformed query is the caller's mistake of the moment; don't keep it around.
      "Cache-Control": status === 400 ? "no-store" : OPEN_DATA_CACHE,
      "X-Robots-Tag": "noindex",
    },
  });
}

/** The answer to a CORS preflight (OPTIONS). */
export function openDataPreflight(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "Access-Control-Allow-Headers": request.headers.get("Access-Control-Request-Headers") ?? "Content-Type",
      "Access-Control-Max-Age": "86400",
      "Cache-Control": OPEN_DATA_CACHE,
    },
  });
}

export const openDataNotFound = () => openDataJson({ error: "not_found" }, 404);

export const openDataBadRequest = (details: string[]) => openDataJson({ error: "bad_request", details }, 400);

// ---------------------------------------------------------------------------------------
// Query parameters

export type ParamsResult<T> = { kind: "ok"; value: T } | { kind: "bad-request"; details: string[] };

/** `?lang=`: absent is fine, an unknown language is a bad request. */
export function parseLangParam(params: URLSearchParams): ParamsResult<Locale | undefined> {
  const value = params.get("lang");
  if (value === null || value === "") return { kind: "ok", value: undefined };
  if (!isLocale(value)) return { kind: "bad-request", details: [`lang: one of ${SUPPORTED_LOCALES.join(", ")}`] };
  return { kind: "ok", value };
}

/** Deep pages are for crawlers gone astray; 100 × 10 000 is more than any campaign has. */
const MAX_PAGE = 10_000;

export function parseSignatoriesParams(params: URLSearchParams): ParamsResult<SignatoriesApiQuery> {
  const problems: string[] = [];
  const group = params.get("group") || undefined;
  if (group !== undefined && !/^[a-z0-9_-]{1,64}$/.test(group))
    problems.push("group: a group key such as mathematicians");
  const rawCountry = params.get("country") || undefined;
  const country = rawCountry?.toUpperCase();
  if (country !== undefined && !isCountryCode(country)) problems.push("country: an ISO 3166-1 alpha-2 code such as FR");
  const rawPage = params.get("page") || "1";
  const page = /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) problems.push(`page: an integer from 1 to ${MAX_PAGE}`);
  if (problems.length) return { kind: "bad-request", details: problems };
  return { kind: "ok", value: { group, country, page } };
}
