import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocale } from "~/i18n/route-locale";
import { campaignCardPng } from "~/services/share-images.server";
import { notFound } from "~/http/responses";

/** The campaign's social preview image (og:image); it follows the count, so it is cached briefly. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const png = await campaignCardPng(params.slug ?? "", locale);
  if (!png) notFound();
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Length": String(png.byteLength),
      "Cache-Control": "public, max-age=300, s-maxage=300, stale-while-revalidate=3600",
    },
  });
}
