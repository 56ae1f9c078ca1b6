import { buildSitemap } from "~/services/open-data.server";
import { PUBLIC_PAGE_CACHE } from "~/http/responses";

/** `/sitemap.xml`: home, campaigns and prisoners in every language, with hreflang alternates. */
export async function loader() {
  return new Response(await buildSitemap(), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": PUBLIC_PAGE_CACHE },
  });
}
