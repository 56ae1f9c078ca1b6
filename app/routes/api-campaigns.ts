import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDataBadRequest, openDataJson, openDataPreflight, parseLangParam } from "~/http/open-data.server";
import { listOpenDataCampaigns } from "~/services/open-data-api.server";

/** `GET /api/campaigns[?lang=xx]`: every public campaign. See README, "Open data API". */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return openDataPreflight(request);
  const lang = parseLangParam(new URL(request.url).searchParams);
  if (lang.kind === "bad-request") return openDataBadRequest(lang.details);
  return openDataJson(await listOpenDataCampaigns(lang.value));
}
