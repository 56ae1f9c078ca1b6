import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocale } from "~/i18n/route-locale";
import { campaignQr, QR_CACHE } from "~/services/share-images.server";
import { notFound } from "~/http/responses";

/** A QR code (SVG) leading to the campaign page in this language, tagged ?ref=qr. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const svg = await campaignQr(params.slug ?? "", locale, "svg");
  if (svg === null) notFound();
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": QR_CACHE },
  });
}
