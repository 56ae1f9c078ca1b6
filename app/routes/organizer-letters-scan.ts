import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { NO_STORE, notFound, orNotFound } from "~/http/responses";
import { findScan } from "~/services/letters-replies.server";

/** A reply's scan (WebP without metadata), for the organizers of the prisoner's campaigns only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "translate");
  if (!/^[1-9]\d{0,8}$/.test(params.replyId ?? "")) notFound();
  const scan = orNotFound(await findScan(access, Number(params.replyId)));
  return new Response(new Uint8Array(scan), {
    headers: {
      "Content-Type": "image/webp",
      "Cache-Control": NO_STORE,
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": `inline; filename="reply-${params.replyId}.webp"`,
    },
  });
}
