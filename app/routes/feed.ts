import type { LoaderFunctionArgs } from "@remix-run/node";
import { PUBLIC_PAGE_CACHE } from "~/http/responses";
import { requireLocale } from "~/i18n/route-locale";
import { buildUpdatesFeed } from "~/services/open-data.server";

/** `/feeds/:lang/updates.atom`: published campaign updates as Atom 1.0, in one language. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  return new Response(await buildUpdatesFeed(locale), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": PUBLIC_PAGE_CACHE },
  });
}
