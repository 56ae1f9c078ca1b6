import { createHash } from "node:crypto";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { createReadableStreamFromReadable } from "@remix-run/node";
import ExcelJS from "exceljs";
import { toPublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";
import { isLocale, SIGNATURE_STATES, type Locale, type SignatureState } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import {
  countUnlistedByGroup,
  findCampaignForExport,
  iterateExportBatches,
  listPublicationRows,
  markDelivered,
  type ExportRow,
} from "~/models/export.server";
import { insertAudit } from "~/models/audit.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { requireCampaignAccess } from "~/services/organizer-auth.server";
import { getDb } from "~/utils/db.server";

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
export function countryName(code: string, locale: Locale): string {
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: "region" })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
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
        return row.verified_at ? new Date(row.verified_at).toISOString() : null;
    }
  });
}

function asCsvCell(value: Cell): string {
  if (value === null) return "";
  return neutralizeCell(typeof value === "string" ? value : String(value));
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
      yield Buffer.from((options.bom ? "\uFEFF" : "") + stringify([columns.map(String)], { record_delimiter: "\r\n" }));
      for await (const batch of batches()) {
        const records = batch.map((row) => cells(row, columns, ctx).map(asCsvCell));
        yield Buffer.from(stringify(records, { record_delimiter: "\r\n" }));
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
}: {
  campaignId: number;
  locale: Locale;
}): Promise<PublicationList> {
  const db = getDb();
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
export async function deliveryEvidence({ campaignId, locale }: { campaignId: number; locale: Locale }) {
  const list = await publicationList({ campaignId, locale });
  const text = publicationText(list);
  return { text, sha256: createHash("sha256").update(text, "utf8").digest("hex"), rows: list.listed };
}

/**
 * Marks a campaign delivered, storing the evidence of the list handed over (in the
 * campaign's original language unless another is given).
 */
export async function recordDelivery(input: {
  campaignId: number;
  on: string;
  to: string;
  response?: string | null;
  locale?: Locale;
}) {
  const db = getDb();
  const campaign = await findCampaignForExport(db, input.campaignId);
  if (!campaign) throw new Error(`no campaign ${input.campaignId}`);
  const evidence = await deliveryEvidence({
    campaignId: input.campaignId,
    locale: input.locale ?? campaign.canonical_locale,
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
  const { campaign } = await requireCampaignAccess(request, slug, EXPORT_ROLES, {
    freshSecondFactorMinutes: EXPORT_FRESH_SECOND_FACTOR_MINUTES,
  });
  return {
    slug: campaign.slug,
    title: await campaignTitle(campaign.id, locale, campaign.canonicalLocale, campaign.slug),
    groups: await groupOptions(campaign.id, locale, campaign.canonicalLocale),
    invalid: new URL(request.url).searchParams.get("invalid") === "1",
    formats: EXPORT_FORMATS,
    columns: EXPORT_COLUMNS,
  };
}

export interface ExportRequest {
  format: ExportFormat;
  columns: ExportColumn[];
  filters: ExportFilters;
  bom: boolean;
  locale: Locale;
}

/** The export form, checked; null when it asks for something that does not exist. */
export function parseExportForm(form: FormData, fallbackLocale: Locale): ExportRequest | null {
  const format = String(form.get("format") ?? "csv");
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return null;
  const columns = form.getAll("columns").map(String);
  if (columns.length === 0 || !columns.every((c) => (EXPORT_COLUMNS as readonly string[]).includes(c))) return null;
  const states = form.getAll("states").map(String);
  if (!states.every((s) => (SIGNATURE_STATES as readonly string[]).includes(s))) return null;
  const groups = form.getAll("groups").map(String);
  const countries = String(form.get("countries") ?? "")
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  if (!countries.every((c) => /^[A-Z]{2}$/.test(c))) return null;
  const day = (name: string) => {
    const value = String(form.get(name) ?? "").trim();
    return value === "" ? undefined : value;
  };
  const verifiedFrom = day("verifiedFrom");
  const verifiedTo = day("verifiedTo");
  try {
    parseDay(verifiedFrom);
    parseDay(verifiedTo);
  } catch {
    return null;
  }
  const locale = String(form.get("locale") ?? "");
  return {
    format: format as ExportFormat,
    columns: EXPORT_COLUMNS.filter((c) => columns.includes(c)),
    filters: {
      states: states as SignatureState[],
      groups,
      countries,
      verifiedFrom,
      verifiedTo,
    },
    bom: form.get("bom") === "on",
    locale: isLocale(locale) ? locale : fallbackLocale,
  };
}

/**
 * The download itself: streamed as it is read from the database, with an audit entry
 * (`export`, with the number of rows) once the last row has been written.
 */
export async function exportDownload(request: Request, slug: string, form: FormData, uiLocale: Locale) {
  const { organizer, campaign } = await requireCampaignAccess(request, slug, EXPORT_ROLES, {
    freshSecondFactorMinutes: EXPORT_FRESH_SECOND_FACTOR_MINUTES,
  });
  const parsed = parseExportForm(form, uiLocale);
  if (!parsed) return null;
  const stream = await exportSignatures({
    campaignId: campaign.id,
    format: parsed.format,
    columns: parsed.columns,
    filters: parsed.filters,
    locale: parsed.locale,
    bom: parsed.bom,
    onComplete: async (rows) => {
      await insertAudit(getDb(), {
        organizerId: organizer.id,
        campaignId: campaign.id,
        action: "export",
        subjectType: "signatures",
        rowCount: rows,
        details: { format: parsed.format, columns: parsed.columns, filters: parsed.filters, locale: parsed.locale },
      });
    },
  });
  const filename = exportFilename(campaign.slug, parsed.format);
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": CONTENT_TYPES[parsed.format],
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
