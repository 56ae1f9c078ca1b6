import { createHash } from "node:crypto";
import { once } from "node:events";
import { PassThrough, pipeline, Readable, Transform } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import ExcelJS from "exceljs";
import { z } from "zod";
import { toPublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";
import { isLocale, LOCALES, SIGNATURE_STATES, type Locale, type SignatureState } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import {
  claimExportDownload,
  countExportRows,
  countUnlistedByGroup,
  findCampaignForExport,
  findExport,
  finishExport,
  insertExport,
  iterateExportBatches,
  listExports,
  listPublicationRows,
  markDelivered,
  updateExportProgress,
  type ExportRecord,
  type ExportRow,
} from "~/models/export.server";
import { insertAudit } from "~/models/audit.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { getDb, type DB } from "~/utils/db.server";
import { readForm } from "~/http/forms.server";
import type { Database, ExportState } from "../../db/schema";
import type { Transaction } from "kysely";

type Executor = DB | Transaction<Database>;

export const EXPORT_FORMATS = ["csv", "xlsx", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_COLUMNS = [
  "full_name",
  "email",
  "title",
  "group",
  "country",
  "country_name",
  "city",
  "comment",
  "visibility",
  "state",
  "notable",
  "locale",
  "signed_at",
  "text_version",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

export interface ExportFilters {
  /** Default: verified only. */
  states?: SignatureState[];
  /** Signer group keys. */
  groups?: string[];
  /** ISO 3166-1 alpha-2 codes. */
  countries?: string[];
  /** YYYY-MM-DD, inclusive, UTC. */
  verifiedFrom?: string;
  /** YYYY-MM-DD, inclusive, UTC. */
  verifiedTo?: string;
}

export interface ExportOptions {
  campaignId: number;
  format: ExportFormat;
  columns: readonly ExportColumn[];
  filters?: ExportFilters;
  /** Language of group labels and country names. */
  locale: Locale;
  /** CSV only: start with a UTF-8 byte order mark (Excel needs it to read UTF-8). */
  bom?: boolean;
  /** Rows written so far, after each batch. */
  onProgress?: (rows: number) => void;
  /** Called once, after the last row was handed to the stream (not when it is aborted). */
  onComplete?: (rows: number) => void | Promise<void>;
  batchSize?: number;
}

type Cell = string | number | boolean | null;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(value: string | undefined, plusDays = 0): Date | undefined {
  if (!value) return undefined;
  if (!DATE.test(value)) throw new RangeError(`not a date: ${value}`);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${value}`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
}

const regionNames = new Map<Locale, Intl.DisplayNames>();
/** Names already looked up, per language: a million-row export asks for the same few countries. */
const countryNames = new Map<string, string>();
export function countryName(code: string, locale: Locale): string {
  const key = `${locale}:${code}`;
  const known = countryNames.get(key);
  if (known !== undefined) return known;
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: "region" })));
  let name: string;
  try {
    name = names.of(code) ?? code;
  } catch {
    name = code;
  }
  // Codes are two letters (checked on the way in): at most 6 × 26 × 26 entries.
  if (/^[A-Z]{2}$/.test(code)) countryNames.set(key, name);
  return name;
}

/**
 * A text a spreadsheet would read as a formula (or that starts with a tab or carriage return)
 * gets a leading apostrophe, so it is shown as text and never evaluated (CSV injection).
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Characters XML 1.0 forbids; they would make the workbook unreadable. Line breaks in a
 *  cell are LF (XML readers turn a bare CR into LF anyway). */
// eslint-disable-next-line no-control-regex -- control characters are the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

interface ExportContext {
  groups: Map<number, string>;
  locale: Locale;
}

function cells(row: ExportRow, columns: readonly ExportColumn[], ctx: ExportContext): Cell[] {
  return columns.map((column): Cell => {
    switch (column) {
      case "full_name":
      case "email":
      case "title":
      case "country":
      case "visibility":
      case "state":
      case "locale":
        return row[column];
      case "city":
      case "comment":
        return row[column];
      case "notable":
        return row.notable;
      case "text_version":
        return row.text_version;
      case "group":
        return ctx.groups.get(row.group_id) ?? "";
      case "country_name":
        return countryName(row.country, ctx.locale);
      case "signed_at":
        return row.signed_at;
    }
  });
}

function asCsvCell(value: Cell): string {
  if (value === null) return "";
  return neutralizeCell(typeof value === "string" ? value : String(value));
}

const CSV_QUOTE_NEEDED = /[",\r\n]/;
const CSV_QUOTE = /"/g;

/**
 * CSV records, RFC 4180: comma-separated, CRLF after every record, a field quoted only when
 * it holds a quote, comma or line break (quotes doubled) — byte for byte what csv-stringify
 * writes with `record_delimiter: "\r\n"`, without its per-field option handling, which
 * dominated a million-row export.
 */
export function csvRecords(records: readonly (readonly string[])[]): string {
  let out = "";
  for (const record of records) {
    for (let i = 0; i < record.length; i++) {
      const field = record[i]!;
      if (i > 0) out += ",";
      out += CSV_QUOTE_NEEDED.test(field) ? `"${field.replace(CSV_QUOTE, '""')}"` : field;
    }
    out += "\r\n";
  }
  return out;
}

async function resolveContext(campaignId: number, locale: Locale, filters: ExportFilters) {
  const db = getDb();
  const campaign = await findCampaignForExport(db, campaignId);
  if (!campaign) throw new Error(`no campaign ${campaignId}`);
  const groups = await listSignerGroups(db, campaignId);
  const labels = new Map(
    groups.map((g) => [g.id, pickTranslation(g.labels, locale, campaign.canonical_locale)?.row.label ?? g.key]),
  );
  const states = (filters.states ?? []).filter((s) => (SIGNATURE_STATES as readonly string[]).includes(s));
  return {
    campaign,
    ctx: { groups: labels, locale } satisfies ExportContext,
    filter: {
      campaignId,
      states: states.length ? states : undefined,
      groupIds: filters.groups?.length
        ? groups.filter((g) => filters.groups!.includes(g.key)).map((g) => g.id)
        : undefined,
      countries: filters.countries?.length ? filters.countries.map((c) => c.toUpperCase()) : undefined,
      verifiedFrom: parseDay(filters.verifiedFrom),
      verifiedBefore: parseDay(filters.verifiedTo, 1),
    },
  };
}

/**
 * Streams a campaign's signatures as CSV (RFC 4180, UTF-8, CRLF, every cell neutralized
 * against formula injection), XLSX (one sheet, streamed by exceljs, every value a string,
 * number or boolean, never a formula) or a JSON array. Rows are read in batches and written
 * as the reader consumes them, so the whole export never sits in memory.
 */
export async function exportSignatures(options: ExportOptions): Promise<Readable> {
  const { columns, locale } = options;
  if (columns.length === 0) throw new RangeError("no columns");
  const { ctx, filter } = await resolveContext(options.campaignId, locale, options.filters ?? {});
  const batches = () => iterateExportBatches(getDb(), filter, { batchSize: options.batchSize });

  if (options.format === "xlsx") return xlsxStream(options, ctx, batches());

  async function* text(): AsyncGenerator<Buffer> {
    let rows = 0;
    if (options.format === "csv") {
      yield Buffer.from((options.bom ? "\uFEFF" : "") + csvRecords([columns.map(String)]));
      for await (const batch of batches()) {
        const records = batch.map((row) => cells(row, columns, ctx).map(asCsvCell));
        yield Buffer.from(csvRecords(records));
        rows += batch.length;
        options.onProgress?.(rows);
      }
    } else {
      yield Buffer.from("[");
      for await (const batch of batches()) {
        const parts = batch.map((row) => {
          const values = cells(row, columns, ctx);
          return JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, values[i]])));
        });
        yield Buffer.from((rows === 0 ? "\n" : ",\n") + parts.join(",\n"));
        rows += batch.length;
        options.onProgress?.(rows);
      }
      yield Buffer.from(rows === 0 ? "]\n" : "\n]\n");
    }
    await options.onComplete?.(rows);
  }
  return Readable.from(text(), { objectMode: false });
}

function xlsxStream(options: ExportOptions, ctx: ExportContext, batches: AsyncGenerator<ExportRow[]>): Readable {
  const out = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet("signatures");
    sheet.addRow([...options.columns]).commit();
    let rows = 0;
    for await (const batch of batches) {
      if (out.destroyed) return;
      for (const row of batch) {
        sheet
          .addRow(
            cells(row, options.columns, ctx).map((v) =>
              typeof v === "string" ? v.replace(/\r\n?/g, "\n").replace(XML_INVALID, "") : v,
            ),
          )
          .commit();
      }
      rows += batch.length;
      options.onProgress?.(rows);
      if (out.writableNeedDrain) await once(out, "drain");
    }
    sheet.commit();
    await workbook.commit();
    await options.onComplete?.(rows);
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** A sane download name: campaign slug, what it is, the day, the extension. */
export function exportFilename(slug: string, format: ExportFormat, now = new Date()): string {
  const safe = slug.replace(/[^a-z0-9-]+/gi, "-").slice(0, 80) || "campaign";
  return `${safe}-signatures-${now.toISOString().slice(0, 10)}.${format}`;
}

// ---------------------------------------------------------------------------------------
// Publication list: who agreed to be listed, as they agreed to be shown.

export interface PublicationEntry {
  kind: "public" | "initials" | "anonymous";
  notable: boolean;
  text: string;
}

export interface PublicationGroup {
  key: string;
  label: string;
  /** Listed plus counted-only verified signatures of the group. */
  total: number;
  listed: number;
  unlisted: number;
  entries: PublicationEntry[];
}

export interface PublicationList {
  campaignId: number;
  locale: Locale;
  groups: PublicationGroup[];
  listed: number;
  unlisted: number;
  total: number;
}

const oneLine = (s: string) => s.replace(/\s+/gu, " ").trim();

/**
 * Verified signatories grouped by signer group in display order, notable first, each only
 * as visible as they chose: full name, title and country; initials and country; or
 * "anonymous, group, country". Counted-only signers are a number per group; pending,
 * hidden, withdrawn and invalidated signatures are not read at all.
 */
export async function publicationList({
  campaignId,
  locale,
  db = getDb(),
}: {
  campaignId: number;
  locale: Locale;
  /** A transaction, when the list must be read together with a change (delivery). */
  db?: Executor;
}): Promise<PublicationList> {
  const campaign = await findCampaignForExport(db, campaignId);
  if (!campaign) throw new Error(`no campaign ${campaignId}`);
  const [groups, rows, unlisted] = await Promise.all([
    listSignerGroups(db, campaignId),
    listPublicationRows(db, campaignId),
    countUnlistedByGroup(db, campaignId),
  ]);
  const t = getFixedT(locale, "exports");
  const result: PublicationList = { campaignId, locale, groups: [], listed: 0, unlisted: 0, total: 0 };
  for (const g of groups) {
    const label = pickTranslation(g.labels, locale, campaign.canonical_locale)?.row.label ?? g.key;
    const entries: PublicationEntry[] = [];
    for (const row of rows) {
      if (row.group_id !== g.id) continue;
      const shown = toPublicSignatory(row);
      if (!shown) continue;
      const country = countryName(shown.country, locale);
      const text =
        shown.kind === "public"
          ? [shown.name, shown.title, country].map(oneLine).filter(Boolean).join(", ")
          : shown.kind === "initials"
            ? `${shown.initials}, ${country}`
            : t("publication.anonymousEntry", { group: label, country });
      entries.push({ kind: shown.kind, notable: row.notable, text: oneLine(text) });
    }
    const hidden = unlisted.get(g.id) ?? 0;
    if (entries.length + hidden === 0) continue;
    result.groups.push({
      key: g.key,
      label,
      total: entries.length + hidden,
      listed: entries.length,
      unlisted: hidden,
      entries,
    });
    result.listed += entries.length;
    result.unlisted += hidden;
  }
  result.total = result.listed + result.unlisted;
  return result;
}

/** The list as plain text (LF line endings), ready to paste into a newspaper system. */
export function publicationText(list: PublicationList): string {
  const t = getFixedT(list.locale, "exports");
  if (list.total === 0) return `${t("publication.empty")}\n`;
  const blocks = list.groups.map((g) => {
    const lines = [t("publication.groupHeading", { group: g.label, count: g.total }), ...g.entries.map((e) => e.text)];
    if (g.unlisted > 0) lines.push(t("publication.unlisted", { count: g.unlisted }));
    return lines.join("\n");
  });
  blocks.push(t("publication.total", { count: list.total }));
  return `${blocks.join("\n\n")}\n`;
}

/** The publication text with its SHA-256 and its number of listed signatories. */
export async function deliveryEvidence({
  campaignId,
  locale,
  db = getDb(),
}: {
  campaignId: number;
  locale: Locale;
  db?: Executor;
}) {
  const list = await publicationList({ campaignId, locale, db });
  const text = publicationText(list);
  return { text, sha256: createHash("sha256").update(text, "utf8").digest("hex"), rows: list.listed };
}

/**
 * Marks a campaign delivered, storing the evidence of the list handed over (in the
 * campaign's original language unless another is given).
 */
export async function recordDelivery(
  input: {
    campaignId: number;
    on: string;
    to: string;
    response?: string | null;
    locale?: Locale;
  },
  /** The caller's transaction, so the record, its evidence and the audit entry commit together. */
  db: Executor = getDb(),
) {
  const campaign = await findCampaignForExport(db, input.campaignId);
  if (!campaign) throw new Error(`no campaign ${input.campaignId}`);
  const evidence = await deliveryEvidence({
    campaignId: input.campaignId,
    locale: input.locale ?? campaign.canonical_locale,
    db,
  });
  await markDelivered(db, input.campaignId, {
    on: input.on,
    to: input.to,
    response: input.response,
    sha256: evidence.sha256,
    rows: evidence.rows,
  });
  return { sha256: evidence.sha256, rows: evidence.rows };
}

// ---------------------------------------------------------------------------------------
// Organizer pages: access control, form parsing, the download response.

const EXPORT_ROLES = ["owner", "editor"] as const;
const PUBLICATION_ROLES = ["owner", "editor", "moderator", "viewer"] as const;
/** Downloading personal data needs a second factor entered within this many minutes. */
export const EXPORT_FRESH_SECOND_FACTOR_MINUTES = 15;

async function campaignTitle(campaignId: number, locale: Locale, canonical: Locale, slug: string) {
  const translations = await listCampaignTranslations(getDb(), [campaignId]);
  return pickTranslation(translations, locale, canonical)?.row.title ?? slug;
}

async function groupOptions(campaignId: number, locale: Locale, canonical: Locale) {
  const groups = await listSignerGroups(getDb(), campaignId);
  return groups.map((g) => ({
    key: g.key,
    label: pickTranslation(g.labels, locale, canonical)?.row.label ?? g.key,
  }));
}

/** The export form's data (owners and editors, second factor fresh). */
export async function loadExportPage(request: Request, slug: string, locale: Locale) {
  const { organizer, campaign, role } = await requireCampaignAccess(request, slug, EXPORT_ROLES, {
    freshSecondFactorMinutes: EXPORT_FRESH_SECOND_FACTOR_MINUTES,
  });
  return {
    slug: campaign.slug,
    title: await campaignTitle(campaign.id, locale, campaign.canonicalLocale, campaign.slug),
    groups: await groupOptions(campaign.id, locale, campaign.canonicalLocale),
    invalid: new URL(request.url).searchParams.get("invalid") === "1",
    formats: EXPORT_FORMATS,
    columns: EXPORT_COLUMNS,
    downloadMinutes: EXPORT_DOWNLOAD_MINUTES,
    recent: (SEE_ALL_EXPORTS_ROLES as readonly string[]).includes(role)
      ? await listRecentExports(campaign.id, organizer.id)
      : null,
  };
}

// ---------------------------------------------------------------------------------------
// Export records: the form asks for an export (a row, audited), its page shows it and its
// progress, and its author downloads the file once, streamed from the database.

/** An export may be downloaded this many minutes after it was asked for, once. */
export const EXPORT_DOWNLOAD_MINUTES = 15;
/** Progress is written at most every this many rows or milliseconds. */
export const EXPORT_PROGRESS_ROWS = 10_000;
export const EXPORT_PROGRESS_MS = 1_000;
/** Rows per query when a file is downloaded: fewer round trips, still a few MB at most. */
const EXPORT_FILE_BATCH_SIZE = 5_000;
/** Owners and admins see everyone's exports of the campaign; editors only their own. */
const SEE_ALL_EXPORTS_ROLES = ["owner", "admin"] as const;

const COUNTRY_LIST = /^[A-Z]{2}$/;

/** Form fields as typed, so a refused form comes back with everything still filled in. */
export interface ExportFormValues {
  format: string;
  columns: string[];
  states: string[];
  groups: string[];
  countries: string;
  verifiedFrom: string;
  verifiedTo: string;
  bom: boolean;
  locale: string;
}

/** Field → error code ("required", "invalid", "order"), translated under exports `errors`. */
export type ExportFieldErrors = Partial<Record<keyof ExportFormValues, string>>;

const day = z
  .string()
  .trim()
  .refine((v) => {
    if (v === "") return true;
    try {
      parseDay(v);
      return true;
    } catch {
      return false;
    }
  }, "invalid")
  .transform((v) => (v === "" ? undefined : v));

const exportFormSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS, { errorMap: () => ({ message: "invalid" }) }),
    columns: z.array(z.enum(EXPORT_COLUMNS, { errorMap: () => ({ message: "invalid" }) })).min(1, "required"),
    states: z.array(z.enum(SIGNATURE_STATES, { errorMap: () => ({ message: "invalid" }) })),
    groups: z.array(z.string().max(100, "invalid")).max(200, "invalid"),
    countries: z
      .string()
      .max(2000, "invalid")
      .transform((v) =>
        v
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((c) => c.toUpperCase()),
      )
      .pipe(z.array(z.string().regex(COUNTRY_LIST, "invalid"))),
    verifiedFrom: day,
    verifiedTo: day,
    bom: z.boolean(),
    locale: z.enum(LOCALES, { errorMap: () => ({ message: "invalid" }) }),
  })
  .refine((v) => !v.verifiedFrom || !v.verifiedTo || v.verifiedFrom <= v.verifiedTo, {
    message: "order",
    path: ["verifiedTo"],
  });

export interface ExportRequest {
  format: ExportFormat;
  columns: ExportColumn[];
  filters: ExportFilters;
  bom: boolean;
  locale: Locale;
}

export function exportFormValues(form: FormData, fallbackLocale: Locale): ExportFormValues {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const list = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  return {
    format: text("format") || "csv",
    columns: list("columns"),
    states: list("states"),
    groups: list("groups"),
    countries: text("countries"),
    verifiedFrom: text("verifiedFrom"),
    verifiedTo: text("verifiedTo"),
    bom: form.get("bom") === "on",
    locale: text("locale") || fallbackLocale,
  };
}

/** The export form, checked with zod: the request, or an error code per field. */
export function parseExportForm(
  values: ExportFormValues,
): { ok: true; data: ExportRequest } | { ok: false; errors: ExportFieldErrors } {
  const parsed = exportFormSchema.safeParse(values);
  if (!parsed.success) {
    const errors: ExportFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "format") as keyof ExportFormValues;
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  return {
    ok: true,
    data: {
      format: v.format,
      // In the order of the list, each once.
      columns: EXPORT_COLUMNS.filter((c) => v.columns.includes(c)),
      filters: {
        states: v.states,
        groups: v.groups,
        countries: v.countries,
        verifiedFrom: v.verifiedFrom,
        verifiedTo: v.verifiedTo,
      },
      bom: v.bom,
      locale: v.locale,
    },
  };
}

export type CreateExportResult =
  | { kind: "created"; id: number; url: string }
  | { kind: "invalid"; errors: ExportFieldErrors; values: ExportFormValues };

/**
 * The export form's POST: checks the form, estimates the rows with one count query, and
 * records the export (audited as export.requested) in one transaction. No row is read
 * yet: the file is made when its author downloads it.
 */
export async function createExport(request: Request, slug: string, uiLocale: Locale): Promise<CreateExportResult> {
  const { organizer, campaign } = await requireCampaignAccess(request, slug, EXPORT_ROLES, {
    freshSecondFactorMinutes: EXPORT_FRESH_SECOND_FACTOR_MINUTES,
  });
  const values = exportFormValues(await readForm(request), uiLocale);
  const parsed = parseExportForm(values);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, values };
  const input = parsed.data;
  const { filter } = await resolveContext(campaign.id, input.locale, input.filters);
  const id = await getDb()
    .transaction()
    .execute(async (trx) => {
      const rowsTotal = await countExportRows(trx, filter);
      const exportId = await insertExport(trx, {
        campaignId: campaign.id,
        organizerId: organizer.id,
        format: input.format,
        filters: { ...input.filters },
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
        details: { format: input.format, columns: input.columns, filters: input.filters, locale: input.locale },
      });
      return exportId;
    });
  return { kind: "created", id, url: `/organizer/campaigns/${campaign.slug}/exports/${id}` };
}

function exportIdParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw new Response("Not found", { status: 404 });
  }
  return id;
}

function downloadDeadline(createdAt: Date): Date {
  return new Date(createdAt.getTime() + EXPORT_DOWNLOAD_MINUTES * 60_000);
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

/**
 * One export's page: its author and the campaign's owners and admins see it (editors only
 * their own; everyone else, and ids of other campaigns, get the same 404). Owners and
 * admins also see the campaign's recent exports.
 */
export async function loadExportRecord(request: Request, slug: string, idParam: string | undefined) {
  const { organizer, campaign, role } = await requireCampaignAccess(request, slug, EXPORT_ROLES);
  const id = exportIdParam(idParam);
  const db = getDb();
  const record = await findExport(db, campaign.id, id);
  const seesAll = (SEE_ALL_EXPORTS_ROLES as readonly string[]).includes(role);
  if (!record || (record.organizer_id !== organizer.id && !seesAll)) {
    throw new Response("Not found", { status: 404 });
  }
  const deadline = downloadDeadline(new Date(record.created_at));
  const mine = record.organizer_id === organizer.id;
  const filters = record.filters as ExportFilters;
  const groups = filters.groups?.length
    ? (await groupOptions(campaign.id, record.locale, campaign.canonicalLocale)).filter((g) =>
        filters.groups!.includes(g.key),
      )
    : [];
  return {
    slug: campaign.slug,
    export: {
      ...summarize(record, organizer.id),
      columns: record.columns,
      locale: record.locale,
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
    canDownload: mine && !record.downloaded && Date.now() <= deadline.getTime(),
    expired: mine && !record.downloaded && Date.now() > deadline.getTime(),
    fileUrl: `/organizer/campaigns/${campaign.slug}/exports/${record.id}/file`,
    downloadMinutes: EXPORT_DOWNLOAD_MINUTES,
    recent: seesAll ? await listRecentExports(campaign.id, organizer.id) : null,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** 410: the file was downloaded already or is too old; a small page in the reader's language. */
function goneResponse(uiLocale: Locale, backUrl: string): Response {
  const t = getFixedT(uiLocale, "exports");
  const html = `<!doctype html>
<html lang="${uiLocale}"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t("gone.title"))}</title></head>
<body><main><h1>${escapeHtml(t("gone.title"))}</h1><p>${escapeHtml(t("gone.body", { count: EXPORT_DOWNLOAD_MINUTES }))}</p>
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

/**
 * The file of an export, for its author only (owners, editors and admins with a second
 * factor entered in the last 15 minutes), once, within 15 minutes of asking: streamed from
 * the database as it is read, exactly as the form describes. Progress goes to the row every
 * 10,000 rows or second; at the end the row gets the count, the SHA-256 of the bytes sent
 * and state done (audited as export.downloaded), or failed when the reader went away.
 */
export async function exportFileResponse(
  request: Request,
  slug: string,
  idParam: string | undefined,
  uiLocale: Locale,
  tuning: {
    progressRows?: number;
    progressMs?: number;
    batchSize?: number;
    /**
     * From the server (load context): a promise while the HTTP response's buffer is full,
     * null when it can take more. Without it the adapter writes as fast as rows are read,
     * and a slow reader makes the whole file wait in memory.
     */
    responseDrained?: () => Promise<unknown> | null | undefined;
  } = {},
): Promise<Response> {
  const { organizer, campaign } = await requireCampaignAccess(request, slug, EXPORT_ROLES, {
    freshSecondFactorMinutes: EXPORT_FRESH_SECOND_FACTOR_MINUTES,
  });
  const id = exportIdParam(idParam);
  const db = getDb();
  const record = await findExport(db, campaign.id, id);
  if (!record || record.organizer_id !== organizer.id) throw new Response("Not found", { status: 404 });
  const pageUrl = `/organizer/campaigns/${campaign.slug}/exports/${record.id}`;
  const claimed = await claimExportDownload(db, {
    id: record.id,
    campaignId: campaign.id,
    organizerId: organizer.id,
    notBefore: new Date(Date.now() - EXPORT_DOWNLOAD_MINUTES * 60_000),
  });
  if (!claimed) return goneResponse(uiLocale, pageUrl);

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

  let source: Readable;
  try {
    source = await exportSignatures({
      campaignId: campaign.id,
      format,
      columns,
      filters: record.filters as ExportFilters,
      locale: record.locale,
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
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      const full = tuning.responseDrained?.();
      if (!full) return callback(null, chunk);
      full.then(
        () => callback(null, chunk),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  const settle = (state: "done" | "failed") => {
    if (settled) return;
    settled = true;
    finish(state, state === "done" ? hash.digest("hex") : null).catch((error: unknown) =>
      console.error(`[exports] export ${record.id} could not be marked ${state}`, error),
    );
  };
  // "end": the response has taken the last byte; "close" before that: the reader went away
  // (or the database failed mid-way), and the partial file does not count.
  tap.on("end", () => settle("done"));
  tap.on("close", () => settle("failed"));
  // The adapter keeps pulling after the client hung up; the request's signal says so.
  request.signal?.addEventListener("abort", () => tap.destroy(), { once: true });
  pipeline(source, tap, () => undefined);

  const filename = exportFilename(campaign.slug, format, new Date(record.created_at));
  return new Response(createReadableStreamFromReadable(tap), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The publication list for any member; `lang` picks the list's language (default: the original). */
export async function loadPublicationPage(request: Request, slug: string, uiLocale: Locale) {
  const { campaign } = await requireCampaignAccess(request, slug, PUBLICATION_ROLES);
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : campaign.canonicalLocale;
  const list = await publicationList({ campaignId: campaign.id, locale });
  const text = publicationText(list);
  // The list's own words are in its language, made here: the browser has only the UI's.
  const t = getFixedT(locale, "exports");
  return {
    slug: campaign.slug,
    title: await campaignTitle(campaign.id, locale, campaign.canonicalLocale, campaign.slug),
    uiLocale,
    locale,
    groups: list.groups.map((g) => ({
      key: g.key,
      heading: t("publication.groupHeading", { group: g.label, count: g.total }),
      entries: g.entries,
      unlisted: g.unlisted > 0 ? t("publication.unlisted", { count: g.unlisted }) : null,
    })),
    summary: list.total > 0 ? t("publication.total", { count: list.total }) : t("publication.empty"),
    sha256: createHash("sha256").update(text, "utf8").digest("hex"),
  };
}

/** The same list as plain UTF-8 text. */
export async function publicationTextResponse(request: Request, slug: string) {
  const { campaign } = await requireCampaignAccess(request, slug, PUBLICATION_ROLES);
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : campaign.canonicalLocale;
  const evidence = await deliveryEvidence({ campaignId: campaign.id, locale });
  return new Response(evidence.text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-List-SHA256": evidence.sha256,
      "X-List-Rows": String(evidence.rows),
    },
  });
}
