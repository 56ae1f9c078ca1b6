import { buildRobotsTxt } from "~/services/open-data.server";
import { PUBLIC_PAGE_CACHE } from "~/http/responses";

/** `/robots.txt`: everything public, not the API, dev tools or mailed-link pages; names the sitemap. */
export async function loader() {
  return new Response(buildRobotsTxt(), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": PUBLIC_PAGE_CACHE },
  });
}
