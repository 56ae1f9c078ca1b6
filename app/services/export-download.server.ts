import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { can } from "~/domain/permissions";
import { insertAudit } from "~/models/audit.server";
import { claimExportDownload, findExport, finishExport, updateExportProgress } from "~/models/export.server";
import { EXPORT_COLUMNS, type ExportColumn, type ExportFormat } from "~/schemas/exports";
import { getDb } from "~/utils/db.server";
import { CONTENT_TYPES } from "./export-encoders.server";
import { exportFilename, exportSignatures, type ExportFilters } from "./export-signatures.server";
import { EXPORT_DOWNLOAD_MINUTES, exportPageUrl, recordedHeaders } from "./exports.server";
import type { CampaignAccess } from "./organizer-sessions.server";

/**
 * The single download of an export: for its author only, once, within 15 minutes of asking,
 * streamed from the database as it is read, exactly as the form described it. Progress goes
 * to the record every 10,000 rows or second; at the end the record gets the row count, the
 * SHA-256 of the bytes sent and state done (audited as export.downloaded), or failed when the
 * reader went away. Sending the bytes (and waiting for a slow reader) is the HTTP side's:
 * app/http/export-download.server.ts.
 */

/** Progress is written at most every this many rows or milliseconds. */
export const EXPORT_PROGRESS_ROWS = 10_000;
export const EXPORT_PROGRESS_MS = 1_000;
/** Rows per query when a file is downloaded: fewer round trips, still a few MB at most. */
const EXPORT_FILE_BATCH_SIZE = 5_000;

export interface ExportFile {
  kind: "file";
  format: ExportFormat;
  filename: string;
  contentType: string;
  /** The file's bytes, made as they are read. */
  bytes: Readable;
  /** Each chunk as the reader takes it: it goes into the SHA-256 kept on the record. */
  sent(chunk: Uint8Array): void;
  /**
   * The end of the download, once (later calls are ignored): "done" when the reader took
   * the last byte, "failed" when it went away before (the partial file does not count).
   */
  settle(outcome: "done" | "failed"): void;
}

export type ExportDownload = { kind: "not-found" } | { kind: "gone"; pageUrl: string } | ExportFile;

export interface DownloadTuning {
  progressRows?: number;
  progressMs?: number;
  batchSize?: number;
}

/**
 * Takes the single download of export `id` for the acting organizer: "not-found" unless they
 * asked for it (on this campaign), "gone" when it was downloaded already or is too old.
 */
export async function openExportDownload(
  access: CampaignAccess,
  id: number,
  tuning: DownloadTuning = {},
): Promise<ExportDownload> {
  const { organizer, campaign } = access;
  if (!can(access.role, "edit")) return { kind: "not-found" };
  const db = getDb();
  const record = await findExport(db, campaign.id, id);
  if (!record || record.organizer_id !== organizer.id) return { kind: "not-found" };
  const claimed = await claimExportDownload(db, {
    id: record.id,
    campaignId: campaign.id,
    organizerId: organizer.id,
    notBefore: new Date(Date.now() - EXPORT_DOWNLOAD_MINUTES * 60_000),
  });
  if (!claimed) return { kind: "gone", pageUrl: exportPageUrl(campaign.slug, record.id) };

  const progressRows = tuning.progressRows ?? EXPORT_PROGRESS_ROWS;
  const progressMs = tuning.progressMs ?? EXPORT_PROGRESS_MS;
  let rows = 0;
  let written = 0;
  let writtenAt = Date.now();
  let progress: Promise<void> = Promise.resolve();
  const format = record.format;
  const columns = record.columns.filter((c): c is ExportColumn => (EXPORT_COLUMNS as readonly string[]).includes(c));

  const finish = async (state: "done" | "failed", sha256: string | null) => {
    await progress;
    await db.transaction().execute(async (trx) => {
      await finishExport(trx, record.id, { state, rowsDone: rows, sha256 });
      await insertAudit(trx, {
        organizerId: organizer.id,
        campaignId: campaign.id,
        action: state === "done" ? "export.downloaded" : "export.failed",
        subjectType: "export",
        subjectId: record.id,
        rowCount: rows,
        details: state === "done" ? { format, sha256 } : { format },
      });
    });
  };

  let bytes: Readable;
  try {
    bytes = await exportSignatures({
      campaignId: campaign.id,
      format,
      columns,
      filters: record.filters as ExportFilters,
      locale: record.locale,
      headers: recordedHeaders(record),
      bom: record.bom,
      batchSize: tuning.batchSize ?? EXPORT_FILE_BATCH_SIZE,
      onProgress: (n) => {
        rows = n;
        const now = Date.now();
        if (n - written < progressRows && now - writtenAt < progressMs) return;
        written = n;
        writtenAt = now;
        progress = progress
          .then(() => updateExportProgress(db, record.id, n))
          .catch((error: unknown) => console.error(`[exports] progress of export ${record.id} not saved`, error));
      },
    });
  } catch (error) {
    await finish("failed", null);
    throw error;
  }

  const hash = createHash("sha256");
  let settled = false;
  return {
    kind: "file",
    format,
    filename: exportFilename(campaign.slug, format, new Date(record.created_at)),
    contentType: CONTENT_TYPES[format],
    bytes,
    sent: (chunk) => {
      hash.update(chunk);
    },
    settle: (outcome) => {
      if (settled) return;
      settled = true;
      finish(outcome, outcome === "done" ? hash.digest("hex") : null).catch((error: unknown) =>
        console.error(`[exports] export ${record.id} could not be marked ${outcome}`, error),
      );
    },
  };
}
