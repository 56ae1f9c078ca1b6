import type { LoaderFunctionArgs } from "@remix-run/node";
import { orNotFound } from "~/http/responses";
import { findServedPhoto } from "~/services/photos.server";

/** `/media/prisoners/:file`: a prisoner's photo (WebP, named after its content, cached for good). */
export async function loader({ params }: LoaderFunctionArgs) {
  const data = orNotFound(await findServedPhoto(params.file));
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(data.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
