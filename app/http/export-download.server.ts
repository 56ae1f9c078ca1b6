import { pipeline, Transform } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { escapeHtml } from "~/domain/text";
import type { Locale } from "~/domain/vocab";
import { id } from "~/schemas/fields";
import { getFixedT } from "~/i18n/i18n.server";
import type { ExportFile } from "~/services/export-download.server";
import { EXPORT_DOWNLOAD_MINUTES } from "~/services/exports.server";
import { notFound } from "./responses";

/**
 * The HTTP side of an export's download: the file streamed to the reader at the reader's
 * pace, and the small 410 page when it is gone.
 */

/** An export's id from the URL, or the one 404. */
export function exportIdParam(value: string | undefined): number {
  const parsed = id().safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

export interface DownloadPace {
  /** The request's signal: the client hung up (the adapter keeps pulling otherwise). */
  signal?: AbortSignal;
  /**
   * From the server (load context): a promise while the HTTP response's buffer is full,
   * null when it can take more. Without it the adapter writes as fast as rows are read,
   * and a slow reader makes the whole file wait in memory.
   */
  responseDrained?: () => Promise<unknown> | null | undefined;
}

/**
 * The export's file as a download. Each chunk waits until the response can take it; the
 * export is done when the response has taken the last byte, failed when the stream closes
 * before that (the reader went away, or the database failed mid-way).
 */
export function exportFileResponse(file: ExportFile, { signal, responseDrained }: DownloadPace = {}): Response {
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      file.sent(chunk);
      const full = responseDrained?.();
      if (!full) return callback(null, chunk);
      full.then(
        () => callback(null, chunk),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  tap.on("end", () => file.settle("done"));
  tap.on("close", () => file.settle("failed"));
  signal?.addEventListener("abort", () => tap.destroy(), { once: true });
  pipeline(file.bytes, tap, () => undefined);

  return new Response(createReadableStreamFromReadable(tap), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** 410: the file was downloaded already or is too old; a small page in the reader's language. */
export function exportGoneResponse(uiLocale: Locale, backUrl: string): Response {
  const t = getFixedT(uiLocale, "exports");
  const title = escapeHtml(t("gone.title"));
  const html = `<!doctype html>
<html lang="${uiLocale}"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${escapeHtml(t("gone.body", { count: EXPORT_DOWNLOAD_MINUTES }))}</p>
<p><a href="${escapeHtml(backUrl)}">${escapeHtml(t("gone.back"))}</a></p></main></body></html>
`;
  return new Response(html, {
    status: 410,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
