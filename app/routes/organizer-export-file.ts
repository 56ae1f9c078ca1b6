import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFileResponse, exportGoneResponse, exportIdParam } from "~/http/export-download.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { openExportDownload } from "~/services/export-download.server";
import { EXPORT_FRESH_SECOND_FACTOR_MINUTES } from "~/services/exports.server";

/**
 * `GET /organizer/campaigns/:slug/exports/:id/file`: the export's file, streamed, for the
 * organizer who asked for it, once, within 15 minutes (then 410). A resource route: the
 * answer is a download, not a page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit", {
    freshSecondFactorMinutes: EXPORT_FRESH_SECOND_FACTOR_MINUTES,
  });
  const download = await openExportDownload(access, exportIdParam(params.id));
  if (download.kind === "not-found") notFound();
  if (download.kind === "gone") return exportGoneResponse(negotiateLocale(request), download.pageUrl);
  // responseDrained is set by the server when it can tell (server/app.js): the file waits for a slow reader.
  return exportFileResponse(download, { signal: request.signal, responseDrained: context.responseDrained });
}
