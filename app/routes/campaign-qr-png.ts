import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocale } from "~/i18n/route-locale";
import { campaignQr, QR_CACHE } from "~/services/share-images.server";
import { notFound } from "~/http/responses";

/** A QR code (PNG) leading to the campaign page in this language, tagged ?ref=qr. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const png = await campaignQr(params.slug ?? "", locale, "png");
  if (png === null) notFound();
  return new Response(new Uint8Array(png), {
    headers: { "Content-Type": "image/png", "Content-Length": String(png.byteLength), "Cache-Control": QR_CACHE },
  });
}
