import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { exportDownload } from "~/services/exports.server";
import { assertSameOrigin } from "~/services/organizer-auth.server";
import { readForm } from "~/utils/forms.server";

/**
 * `POST /organizer/campaigns/:slug/export/download`: streams the file chosen on the export
 * page (owners and editors, fresh second factor; audited with its row count). A resource
 * route: a page route's action would have its answer read whole and rendered as a page.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const slug = params.slug ?? "";
  const response = await exportDownload(request, slug, await readForm(request), negotiateLocale(request));
  return response ?? redirect(`/organizer/campaigns/${encodeURIComponent(slug)}/export?invalid=1`, 303);
}

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/organizer/campaigns/${encodeURIComponent(params.slug ?? "")}/export`);
}
