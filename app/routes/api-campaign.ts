import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  BadRequest,
  badRequestBody,
  getOpenDataCampaign,
  NOT_FOUND_BODY,
  openDataJson,
  openDataPreflight,
  parseLangParam,
} from "~/services/open-data.server";

/** `GET /api/campaigns/:slug[?lang=xx]`: one campaign with counts per group and country. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return openDataPreflight(request);
  try {
    const lang = parseLangParam(new URL(request.url).searchParams);
    const campaign = await getOpenDataCampaign(params.slug ?? "", lang);
    return campaign ? openDataJson(campaign) : openDataJson(NOT_FOUND_BODY, 404);
  } catch (error) {
    if (error instanceof BadRequest) return openDataJson(badRequestBody(error), 400);
    throw error;
  }
}
