import { can } from "~/domain/permissions";
import type { Locale, SignatureState } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import { countExportRows, findExport, insertExport, listExports, type ExportRecord } from "~/models/export.server";
import {
  defaultExportHeaders,
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  EXPORT_HEADERS,
  type ExportColumn,
  type ExportFormat,
  type ExportHeaders,
} from "~/schemas/exports";
import { getDb } from "~/utils/db.server";
import type { ExportState } from "../../db/schema";
import { groupLabels, resolveExportFilter, type ExportFilters } from "./export-signatures.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { campaignTitle } from "./publication.server";

/**
 * Export records: an owner or editor asks for an export (a row, audited), its page shows
 * what was asked and how far its single download got, and the campaign's owners and admins
 * see everyone's recent exports. The file itself: export-download.server.ts.
 */

/** Downloading personal data needs a second factor entered within this many minutes. */
export const EXPORT_FRESH_SECOND_FACTOR_MINUTES = 15;
/** An export may be downloaded this many minutes after it was asked for, once. */
export const EXPORT_DOWNLOAD_MINUTES = 15;

/** What an export is made of, as the form asked for it. */
export interface ExportRequest {
  format: ExportFormat;
  /** In the order of EXPORT_COLUMNS, each once. */
  columns: ExportColumn[];
  filters: ExportFilters;
  /** CSV only: a UTF-8 byte order mark first. */
  bom: boolean;
  /** Language of the headers, group labels, country names and coded values. */
  locale: Locale;
  /** Readable headers and values, or stable code names; default: the format's. */
  headers?: ExportHeaders;
}

/**
 * The headers an export record asked for: kept with its filters (a JSON object), read back
 * as the format's default when absent (records made before the choice existed).
 */
export function recordedHeaders(record: Pick<ExportRecord, "filters" | "format">): ExportHeaders {
  const stored = (record.filters as { headers?: unknown }).headers;
  return (EXPORT_HEADERS as readonly unknown[]).includes(stored)
    ? (stored as ExportHeaders)
    : defaultExportHeaders(record.format);
}

/** Owners and admins see everyone's exports of the campaign; editors only their own. */
const seesAllExports = (access: CampaignAccess) => can(access.role, "manage");

/** The last moment an export asked for at `createdAt` may be downloaded. */
export function downloadDeadline(createdAt: Date): Date {
  return new Date(createdAt.getTime() + EXPORT_DOWNLOAD_MINUTES * 60_000);
}

export function exportPageUrl(slug: string, id: number): string {
  return `/organizer/campaigns/${slug}/exports/${id}`;
}

/** What a page may show of an export: no signer data, only what was asked and how it went. */
export interface ExportSummary {
  id: number;
  by: string;
  mine: boolean;
  format: ExportFormat;
  state: ExportState;
  rowsTotal: number | null;
  rowsDone: number;
  downloaded: boolean;
  createdAt: string;
  finishedAt: string | null;
}

function summarize(record: ExportRecord, viewerId: number): ExportSummary {
  return {
    id: record.id,
    by: record.organizer_email,
    mine: record.organizer_id === viewerId,
    format: record.format,
    state: record.state,
    rowsTotal: record.rows_total,
    rowsDone: record.rows_done,
    downloaded: record.downloaded,
    createdAt: new Date(record.created_at).toISOString(),
    finishedAt: record.finished_at ? new Date(record.finished_at).toISOString() : null,
  };
}

/**
 * A campaign's recent exports (who, when, format, rows, state) for the campaign overview
 * and the export pages; show it to owners and admins only.
 */
export async function listRecentExports(campaignId: number, viewerId = 0, limit = 10): Promise<ExportSummary[]> {
  const rows = await listExports(getDb(), campaignId, limit);
  return rows.map((r) => summarize(r, viewerId));
}

/** The export form's page: the campaign, its groups, and (for owners and admins) the recent exports. */
export async function loadExportPage(access: CampaignAccess, locale: Locale) {
  const { organizer, campaign } = access;
  if (!can(access.role, "edit")) return { kind: "not-found" } as const;
  const groups = await groupLabels(getDb(), campaign.id, locale, campaign.canonicalLocale);
  return {
    kind: "page" as const,
    slug: campaign.slug,
    title: await campaignTitle(campaign, locale),
    groups: groups.map((g) => ({ key: g.key, label: g.label })),
    formats: EXPORT_FORMATS,
    columns: EXPORT_COLUMNS,
    downloadMinutes: EXPORT_DOWNLOAD_MINUTES,
    recent: seesAllExports(access) ? await listRecentExports(campaign.id, organizer.id) : null,
  };
}

export type CreateExportResult = { kind: "not-found" } | { kind: "created"; id: number; url: string };

/**
 * Records an export: estimates its rows with one count query and stores what was asked for
 * (audited as export.requested), in one transaction. No row is read yet: the file is made
 * when its author downloads it.
 */
export async function createExport(access: CampaignAccess, input: ExportRequest): Promise<CreateExportResult> {
  const { organizer, campaign } = access;
  if (!can(access.role, "edit")) return { kind: "not-found" };
  const { filter } = await resolveExportFilter(campaign.id, input.locale, input.filters);
  const id = await getDb()
    .transaction()
    .execute(async (trx) => {
      const rowsTotal = await countExportRows(trx, filter);
      const exportId = await insertExport(trx, {
        campaignId: campaign.id,
        organizerId: organizer.id,
        format: input.format,
        filters: { ...input.filters, headers: input.headers ?? defaultExportHeaders(input.format) },
        columns: input.columns,
        locale: input.locale,
        bom: input.bom,
        rowsTotal,
      });
      await insertAudit(trx, {
        organizerId: organizer.id,
        campaignId: campaign.id,
        action: "export.requested",
        subjectType: "export",
        subjectId: exportId,
        rowCount: rowsTotal,
        details: {
          format: input.format,
          columns: input.columns,
          filters: input.filters,
          locale: input.locale,
          headers: input.headers ?? defaultExportHeaders(input.format),
        },
      });
      return exportId;
    });
  return { kind: "created", id, url: exportPageUrl(campaign.slug, id) };
}

/**
 * One export's page: its author and the campaign's owners and admins see it (editors only
 * their own; everyone else, and ids of other campaigns, get "not-found"). Owners and admins
 * also see the campaign's recent exports.
 */
export async function loadExportRecord(access: CampaignAccess, id: number, now = new Date()) {
  const { organizer, campaign } = access;
  if (!can(access.role, "edit")) return { kind: "not-found" } as const;
  const record = await findExport(getDb(), campaign.id, id);
  const mine = record?.organizer_id === organizer.id;
  if (!record || (!mine && !seesAllExports(access))) return { kind: "not-found" } as const;
  const deadline = downloadDeadline(new Date(record.created_at));
  const open = mine && !record.downloaded;
  const filters = record.filters as ExportFilters;
  const groups = filters.groups?.length
    ? (await groupLabels(getDb(), campaign.id, record.locale, campaign.canonicalLocale)).filter((g) =>
        filters.groups!.includes(g.key),
      )
    : [];
  return {
    kind: "page" as const,
    slug: campaign.slug,
    export: {
      ...summarize(record, organizer.id),
      columns: record.columns,
      locale: record.locale,
      headers: recordedHeaders(record),
      bom: record.bom,
      filters: {
        states: filters.states?.length ? filters.states : (["verified"] as SignatureState[]),
        groups: groups.map((g) => g.label),
        countries: filters.countries ?? [],
        verifiedFrom: filters.verifiedFrom ?? null,
        verifiedTo: filters.verifiedTo ?? null,
      },
      sha256: record.sha256,
      expiresAt: deadline.toISOString(),
    },
    canDownload: open && now.getTime() <= deadline.getTime(),
    expired: open && now.getTime() > deadline.getTime(),
    fileUrl: `${exportPageUrl(campaign.slug, record.id)}/file`,
    downloadMinutes: EXPORT_DOWNLOAD_MINUTES,
    recent: seesAllExports(access) ? await listRecentExports(campaign.id, organizer.id) : null,
  };
}
