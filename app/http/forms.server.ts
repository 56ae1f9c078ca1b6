/**
 * Reading forms off requests: the HTTP side of every form. Routes parse what this returns
 * (Conform + zod) and hand services typed values; services never see a FormData.
 */

/** Forms on this site are small; a bigger body is refused before it is read. */
const MAX_FORM_BYTES = 64 * 1024;

export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > maxBytes) throw new Response("Payload too large", { status: 413 });
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw new Response("Unsupported form encoding", { status: 415 });
  }
  const body = await request.arrayBuffer();
  if (body.byteLength > maxBytes) throw new Response("Payload too large", { status: 413 });
  try {
    return await new Request(request.url, { method: "POST", body, headers: { "Content-Type": type } }).formData();
  } catch {
    throw new Response("Malformed form", { status: 400 });
  }
}

/** A form's text fields by name (files and repeated names' extra values are left out). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
  return values;
}

export { type FieldErrors, fieldErrorsOf } from "~/schemas/fields";
