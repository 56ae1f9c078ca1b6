import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  openDataBadRequest,
  openDataJson,
  openDataNotFound,
  openDataPreflight,
  parseSignatoriesParams,
} from "~/http/open-data.server";
import { listOpenDataSignatories } from "~/services/open-data-api.server";

/**
 * `GET /api/campaigns/:slug/signatories[?group=&country=&page=]`: the listed signatories,
 * each only as visible as they chose, in pages of a fixed size.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return openDataPreflight(request);
  const query = parseSignatoriesParams(new URL(request.url).searchParams);
  if (query.kind === "bad-request") return openDataBadRequest(query.details);
  const result = await listOpenDataSignatories(params.slug ?? "", query.value);
  switch (result.kind) {
    case "not-found":
      return openDataNotFound();
    case "bad-request":
      return openDataBadRequest(result.details);
    case "found": {
      const { kind: _kind, ...page } = result;
      return openDataJson(page);
    }
  }
}
