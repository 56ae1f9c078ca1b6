import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { readExportForm } from "~/http/export-form.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { createExport, EXPORT_FRESH_SECOND_FACTOR_MINUTES } from "~/services/exports.server";

/**
 * `POST /organizer/campaigns/:slug/export/download`, the export form's former address (old
 * pages, bookmarks): records the export like the form does and opens its page, from where
 * its author downloads the file once.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit", {
    freshSecondFactorMinutes: EXPORT_FRESH_SECOND_FACTOR_MINUTES,
  });
  const form = await readExportForm(request, negotiateLocale(request));
  if (!form.ok) return redirect(`/organizer/campaigns/${encodeURIComponent(params.slug ?? "")}/export?invalid=1`, 303);
  const result = await createExport(access, form.input);
  if (result.kind === "not-found") notFound();
  return redirect(`${result.url}?start=1`, 303);
}

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/organizer/campaigns/${encodeURIComponent(params.slug ?? "")}/export`);
}
