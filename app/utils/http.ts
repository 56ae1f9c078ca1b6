/**
 * Public pages are the same for every visitor, so a CDN or nginx may keep them briefly and
 * serve a stale copy while refreshing or when the app is down.
 */
export const PUBLIC_PAGE_CACHE = "public, max-age=0, s-maxage=30, stale-while-revalidate=300, stale-if-error=86400";

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}
