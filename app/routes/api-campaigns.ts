import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  BadRequest,
  badRequestBody,
  listOpenDataCampaigns,
  openDataJson,
  openDataPreflight,
  parseLangParam,
} from "~/services/open-data.server";

/** `GET /api/campaigns[?lang=xx]`: every public campaign. See README, "Open data API". */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return openDataPreflight(request);
  try {
    const lang = parseLangParam(new URL(request.url).searchParams);
    return openDataJson(await listOpenDataCampaigns(lang));
  } catch (error) {
    if (error instanceof BadRequest) return openDataJson(badRequestBody(error), 400);
    throw error;
  }
}
