import type { LoaderFunctionArgs } from "@remix-run/node";
import { orNotFound } from "~/http/responses";
import { findServedPhoto } from "~/services/photos.server";

/**
 * `/media/prisoners/:file`: a prisoner's photo (WebP from the database, named after its
 * content, so any cache may keep it for good; the ETag is the full SHA-256).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const photo = orNotFound(await findServedPhoto(params.file));
  const headers = {
    "Content-Type": photo.contentType,
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: `"${photo.sha256}"`,
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("If-None-Match") === headers.ETag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(photo.data), {
    headers: { ...headers, "Content-Length": String(photo.data.byteLength) },
  });
}
