import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  openDataBadRequest,
  openDataJson,
  openDataNotFound,
  openDataPreflight,
  parseLangParam,
} from "~/http/open-data.server";
import { getOpenDataCampaign } from "~/services/open-data-api.server";

/** `GET /api/campaigns/:slug[?lang=xx]`: one campaign with counts per group and country. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return openDataPreflight(request);
  const lang = parseLangParam(new URL(request.url).searchParams);
  if (lang.kind === "bad-request") return openDataBadRequest(lang.details);
  const campaign = await getOpenDataCampaign(params.slug ?? "", lang.value);
  return campaign ? openDataJson(campaign) : openDataNotFound();
}
