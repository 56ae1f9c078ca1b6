/**
 * Answers every route shares. A route maps a service's typed result to one of these; a
 * service never builds a Response.
 */

/**
 * Public pages are the same for every visitor, so a CDN or nginx may keep them briefly and
 * serve a stale copy while refreshing or when the app is down.
 */
export const PUBLIC_PAGE_CACHE = "public, max-age=0, s-maxage=30, stale-while-revalidate=300, stale-if-error=86400";

/** Organizer pages and anything personal: never stored by a browser or a proxy. */
export const NO_STORE = "no-store";

/** The one "not found": unknown things and things you may not see look the same. */
export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** A request no form of ours could have sent (a tampered id, an unknown intent). */
export function badRequest(): never {
  throw new Response("Bad request", { status: 400 });
}

/** `value`, or the one 404 when a service found nothing. */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) notFound();
  return value;
}
