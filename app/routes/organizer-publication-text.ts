import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { NO_STORE } from "~/http/responses";
import { loadPublicationText } from "~/services/publication.server";

/** `GET /organizer/campaigns/:slug/publication-text[?lang=xx]`: the list as plain UTF-8 text. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "view");
  const list = await loadPublicationText(access, new URL(request.url).searchParams.get("lang"));
  return new Response(list.text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": NO_STORE,
      "X-Content-Type-Options": "nosniff",
      "X-List-SHA256": list.sha256,
      "X-List-Rows": String(list.rows),
    },
  });
}
