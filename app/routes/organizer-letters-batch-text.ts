import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { NO_STORE, notFound, orNotFound } from "~/http/responses";
import { batchPlainText } from "~/services/letters-batches.server";

/** The batch's letters as plain UTF-8 text, to paste into the prison service's electronic letter form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  if (!/^[1-9]\d{0,8}$/.test(params.batchId ?? "")) notFound();
  const text = orNotFound(await batchPlainText(access, Number(params.batchId)));
  return new Response(text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": NO_STORE,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
