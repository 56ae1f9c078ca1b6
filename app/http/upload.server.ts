import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

/**
 * Reads a multipart form with one file of at most `maxBytes` and a few small text fields,
 * without ever holding more than that in memory: the body is cut off past the limit. Used for
 * prisoner photos and the letter pages' reply scans.
 */

/** Room for the multipart framing and the text fields beside the file. */
const OVERHEAD_BYTES = 64 * 1024;

export type UploadRead =
  | { kind: "ok"; form: FormData; file: { bytes: Uint8Array; size: number; type: string } | null }
  | { kind: "tooLarge" }
  | { kind: "malformed" };

export async function readUpload(
  request: Request,
  { fileField, fields, maxBytes }: { fileField: string; fields: readonly string[]; maxBytes: number },
): Promise<UploadRead> {
  const limit = maxBytes + OVERHEAD_BYTES;
  if (Number(request.headers.get("Content-Length") ?? "0") > limit) return { kind: "tooLarge" };
  if (!request.body) return { kind: "malformed" };
  let seen = 0;
  let overflow = false;
  const capped = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          overflow = true;
          controller.error(new Error("upload too large"));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  const limited = new Request(request.url, {
    method: "POST",
    headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    body: capped,
    duplex: "half",
  } as RequestInit);
  try {
    const parsed = await unstable_parseMultipartFormData(
      limited,
      unstable_createMemoryUploadHandler({
        maxPartSize: maxBytes,
        filter: ({ name }) => name === fileField || fields.includes(name),
      }),
    );
    const form = new FormData();
    let file: { bytes: Uint8Array; size: number; type: string } | null = null;
    for (const [name, value] of parsed.entries()) {
      if (name === fileField) {
        if (value instanceof Blob && value.size > 0) {
          file = { bytes: new Uint8Array(await value.arrayBuffer()), size: value.size, type: value.type };
        }
      } else if (typeof value === "string") form.append(name, value);
    }
    return { kind: "ok", form, file };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || overflow) return { kind: "tooLarge" };
    return { kind: "malformed" };
  }
}

/** Whether the request carries a multipart body (a form with a file). */
export function isMultipart(request: Request): boolean {
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
}
