import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { createExport } from "~/services/exports.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

/**
 * `POST /organizer/campaigns/:slug/export/download`, the export form's former address (old
 * pages, bookmarks): records the export like the form does and opens its page, from where
 * its author downloads the file once.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const slug = params.slug ?? "";
  const result = await createExport(request, slug, negotiateLocale(request));
  if (result.kind === "created") return redirect(`${result.url}?start=1`, 303);
  return redirect(`/organizer/campaigns/${encodeURIComponent(slug)}/export?invalid=1`, 303);
}

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/organizer/campaigns/${encodeURIComponent(params.slug ?? "")}/export`);
}
