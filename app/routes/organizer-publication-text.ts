import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicationTextResponse } from "~/services/exports.server";

/** `GET /organizer/campaigns/:slug/publication-text[?lang=xx]`: the list as plain UTF-8 text. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return publicationTextResponse(request, params.slug ?? "");
}
