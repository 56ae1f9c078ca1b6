import type { LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { exportFileResponse } from "~/services/exports.server";

/**
 * `GET /organizer/campaigns/:slug/exports/:id/file`: the export's file, streamed, for the
 * organizer who asked for it, once, within 15 minutes (then 410). A resource route: the
 * answer is a download, not a page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Set by the server when it can tell (server/app.js): lets the file wait for a slow reader.
  return exportFileResponse(request, params.slug ?? "", params.id, negotiateLocale(request), {
    responseDrained: context.responseDrained,
  });
}
