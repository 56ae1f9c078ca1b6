import type { Readable } from "node:stream";
import { addDays, parseDay } from "~/domain/dates";
import { pickTranslation } from "~/domain/translation";
import { SIGNATURE_STATES, type Locale, type SignatureState } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { findCampaignForExport, iterateExportBatches, type ExportFilter, type ExportRow } from "~/models/export.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { defaultExportHeaders, type ExportColumn, type ExportFormat, type ExportHeaders } from "~/schemas/exports";
import { getDb, type Executor } from "~/utils/db.server";
import { encodeRows, type Cell, type EncodeOptions } from "./export-encoders.server";

/**
 * A campaign's signatures as an export file: which rows (the filters), which columns, in
 * which language, read from the database batch by batch and handed to an encoder.
 */

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

export interface ExportOptions extends EncodeOptions {
  campaignId: number;
  format: ExportFormat;
  columns: readonly ExportColumn[];
  filters?: ExportFilters;
  /** Language of the headers, group labels, country names and coded values. */
  locale: Locale;
  /** Default: the format's (code names for JSON, the language otherwise). */
  headers?: ExportHeaders;
  batchSize?: number;
}

const regionNames = new Map<Locale, Intl.DisplayNames>();
/** Names already looked up, per language: a million-row export asks for the same few countries. */
const countryNames = new Map<string, string>();

/** A country's name in a language (the code itself when there is none). */
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

/** A campaign's signer groups with their labels in `locale` (else the original's, else the key). */
export async function groupLabels(db: Executor, campaignId: number, locale: Locale, canonical: Locale) {
  const groups = await listSignerGroups(db, campaignId);
  return groups.map((g) => ({
    id: g.id,
    key: g.key,
    label: pickTranslation(g.labels, locale, canonical)?.row.label ?? g.key,
  }));
}

/** A filter's day as midnight UTC, `plusDays` later; a RangeError when it is not a day. */
function dayOf(value: string | undefined, plusDays = 0): Date | undefined {
  if (!value) return undefined;
  const date = parseDay(value);
  if (!date) throw new RangeError(`not a date: ${value}`);
  return addDays(date, plusDays);
}

interface RowContext {
  groups: Map<number, string>;
  locale: Locale;
  /** Visibility, state and notable as words of `locale`; null: as codes (machine headers). */
  words: ((key: string) => string) | null;
  /** Notable as a JSON boolean (machine JSON) rather than text: no spreadsheet gets a boolean. */
  booleans: boolean;
}

/** The filters as the database reads them, and what the rows' cells need (group labels). */
export async function resolveExportFilter(campaignId: number, locale: Locale, filters: ExportFilters) {
  const db = getDb();
  const campaign = await findCampaignForExport(db, campaignId);
  if (!campaign) throw new Error(`no campaign ${campaignId}`);
  const groups = await groupLabels(db, campaignId, locale, campaign.canonical_locale);
  const states = (filters.states ?? []).filter((s) => (SIGNATURE_STATES as readonly string[]).includes(s));
  const filter: ExportFilter = {
    campaignId,
    states: states.length ? states : undefined,
    groupIds: filters.groups?.length
      ? groups.filter((g) => filters.groups!.includes(g.key)).map((g) => g.id)
      : undefined,
    countries: filters.countries?.length ? filters.countries.map((c) => c.toUpperCase()) : undefined,
    verifiedFrom: dayOf(filters.verifiedFrom),
    verifiedBefore: dayOf(filters.verifiedTo, 1),
  };
  const context: RowContext = {
    groups: new Map(groups.map((g) => [g.id, g.label])),
    locale,
    words: null,
    booleans: false,
  };
  return { filter, context };
}

/**
 * A lookup made once per distinct value: a million rows ask for the same few words. The
 * first few values are compared directly (cheaper than hashing each row's fresh string).
 */
function remembered(look: (value: string) => string): (value: string) => string {
  const keys: string[] = [];
  const values: string[] = [];
  const more = new Map<string, string>();
  return (value) => {
    for (let i = 0; i < keys.length; i++) if (keys[i] === value) return values[i]!;
    let found = more.get(value);
    if (found === undefined) {
      found = look(value);
      if (keys.length < 8) {
        keys.push(value);
        values.push(found);
      } else more.set(value, found);
    }
    return found;
  };
}

/** How each column's cell is made from a row, decided once per export rather than per row and cell. */
function cellMakers(columns: readonly ExportColumn[], ctx: RowContext): ((row: ExportRow) => Cell)[] {
  const { words } = ctx;
  return columns.map((column): ((row: ExportRow) => Cell) => {
    switch (column) {
      case "group":
        return (row) => ctx.groups.get(row.group_id) ?? "";
      case "country_name": {
        const name = remembered((code) => countryName(code, ctx.locale));
        return (row) => name(row.country);
      }
      case "visibility": {
        // The words the moderation list uses for the same choice.
        if (!words) return (row) => row.visibility;
        const word = remembered((v) => words(`organizer:visibilities.${v}`));
        return (row) => word(row.visibility);
      }
      case "state": {
        if (!words) return (row) => row.state;
        const word = remembered((v) => words(`states.${v}`));
        return (row) => word(row.state);
      }
      case "notable": {
        if (words) {
          const yes = words("values.yes");
          const no = words("values.no");
          return (row) => (row.notable ? yes : no);
        }
        return ctx.booleans ? (row) => row.notable : (row) => String(row.notable);
      }
      default:
        return (row) => row[column];
    }
  });
}

/**
 * Streams a campaign's signatures in `format`. Rows are read in batches (keyset pages of the
 * model) as the reader consumes the stream.
 */
export async function exportSignatures(options: ExportOptions): Promise<Readable> {
  const { columns } = options;
  if (columns.length === 0) throw new RangeError("no columns");
  const { filter, context } = await resolveExportFilter(options.campaignId, options.locale, options.filters ?? {});
  const headers = options.headers ?? defaultExportHeaders(options.format);
  const t = getFixedT(options.locale, "exports");
  if (headers === "readable") {
    // A few words, asked for on every row: looked up once each.
    const known = new Map<string, string>();
    context.words = (key) => {
      let word = known.get(key);
      if (word === undefined) known.set(key, (word = t(key)));
      return word;
    };
  }
  context.booleans = options.format === "json";
  const makers = cellMakers(columns, context);
  const width = makers.length;
  async function* rows() {
    for await (const batch of iterateExportBatches(getDb(), filter, { batchSize: options.batchSize })) {
      const out: Cell[][] = new Array<Cell[]>(batch.length);
      for (let r = 0; r < batch.length; r++) {
        const row = batch[r]!;
        const cells = new Array<Cell>(width);
        for (let c = 0; c < width; c++) cells[c] = makers[c]!(row);
        out[r] = cells;
      }
      yield out;
    }
  }
  return encodeRows(options.format, exportHeader(columns, headers, options.locale), rows(), options);
}

/**
 * The header row: the columns' names as the export form shows them, in `locale`, or their
 * stable code names ("machine").
 */
export function exportHeader(columns: readonly ExportColumn[], headers: ExportHeaders, locale: Locale): string[] {
  if (headers === "machine") return [...columns];
  const t = getFixedT(locale, "exports");
  return columns.map((c) => t(`columns.${c}`));
}

/** A sane download name: campaign slug, what it is, the day, the extension. */
export function exportFilename(slug: string, format: ExportFormat, now = new Date()): string {
  const safe = slug.replace(/[^a-z0-9-]+/gi, "-").slice(0, 80) || "campaign";
  return `${safe}-signatures-${now.toISOString().slice(0, 10)}.${format}`;
}
