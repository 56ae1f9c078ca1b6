import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  BadRequest,
  badRequestBody,
  listOpenDataSignatories,
  NOT_FOUND_BODY,
  openDataJson,
  openDataPreflight,
  parseSignatoriesParams,
} from "~/services/open-data.server";

/**
 * `GET /api/campaigns/:slug/signatories[?group=&country=&page=]`: the listed signatories,
 * each only as visible as they chose, in pages of a fixed size.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return openDataPreflight(request);
  try {
    const query = parseSignatoriesParams(new URL(request.url).searchParams);
    const page = await listOpenDataSignatories(params.slug ?? "", query);
    return page ? openDataJson(page) : openDataJson(NOT_FOUND_BODY, 404);
  } catch (error) {
    if (error instanceof BadRequest) return openDataJson(badRequestBody(error), 400);
    throw error;
  }
}
