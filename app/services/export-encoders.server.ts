import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { ExportFormat } from "~/schemas/exports";

/**
 * The export file formats, and nothing else: a header and batches of cells in, bytes out.
 * CSV (RFC 4180, UTF-8, CRLF, every text cell neutralized against formula injection, an
 * optional byte order mark), XLSX (one sheet, streamed by exceljs, every value a string
 * or number, never a boolean or a formula) or a JSON array of objects. Batches are encoded as the
 * reader asks for them, so a whole file never sits in memory. No database, no HTTP.
 */

/** One value of a row as the encoders take it. */
export type Cell = string | number | boolean | null;

/** What a file of each format is, for whoever sends it. */
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

export interface EncodeOptions {
  /** CSV only: start with a UTF-8 byte order mark (Excel needs it to read UTF-8). */
  bom?: boolean;
  /** Rows written so far, after each batch. */
  onProgress?: (rows: number) => void;
  /** Called once, after the last row was handed to the stream (not when it is aborted). */
  onComplete?: (rows: number) => void | Promise<void>;
}

export type CellBatches = AsyncIterable<readonly (readonly Cell[])[]>;

/**
 * A text a spreadsheet would read as a formula (or that starts with a tab or carriage return)
 * gets a leading apostrophe, so it is shown as text and never evaluated (CSV injection).
 */
export function neutralizeCell(value: string): string {
  return formulaLike(value) ? `'${value}` : value;
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

/** First characters a spreadsheet reads as the start of a formula: = + - @ tab CR. */
function formulaLike(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
}

/**
 * Cells as CSV records: each cell neutralized, then quoted as csvRecords does, in one pass
 * (no array of strings per row on the way: a million rows).
 */
export function csvCellRecords(rows: readonly (readonly Cell[])[]): string {
  let out = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (i > 0) out += ",";
      if (value === null || value === undefined) continue;
      let field = typeof value === "string" ? value : String(value);
      if (formulaLike(field)) field = `'${field}`;
      out += CSV_QUOTE_NEEDED.test(field) ? `"${field.replace(CSV_QUOTE, '""')}"` : field;
    }
    out += "\r\n";
  }
  return out;
}

/** CSV: the header (as given), then every row with each cell neutralized. */
export async function* encodeCsv(
  header: readonly string[],
  batches: CellBatches,
  options: EncodeOptions = {},
): AsyncGenerator<Buffer> {
  let rows = 0;
  yield Buffer.from((options.bom ? "\uFEFF" : "") + csvRecords([header]));
  for await (const batch of batches) {
    yield Buffer.from(csvCellRecords(batch));
    rows += batch.length;
    options.onProgress?.(rows);
  }
  await options.onComplete?.(rows);
}

/** JSON: an array with one object per row, keyed by the header, one row a line. */
export async function* encodeJson(
  header: readonly string[],
  batches: CellBatches,
  options: EncodeOptions = {},
): AsyncGenerator<Buffer> {
  let rows = 0;
  yield Buffer.from("[");
  for await (const batch of batches) {
    const parts = batch.map((values) => JSON.stringify(Object.fromEntries(header.map((c, i) => [c, values[i]]))));
    yield Buffer.from((rows === 0 ? "\n" : ",\n") + parts.join(",\n"));
    rows += batch.length;
    options.onProgress?.(rows);
  }
  yield Buffer.from(rows === 0 ? "]\n" : "\n]\n");
  await options.onComplete?.(rows);
}

/** Characters XML 1.0 forbids; they would make the workbook unreadable. */
// eslint-disable-next-line no-control-regex -- control characters are the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A cell as XLSX can hold it: line breaks as LF (XML readers turn a bare CR into LF anyway),
 * a boolean as text (a boolean cell is what LibreOffice shows as the formula =FALSE()).
 */
function xlsxCell(value: Cell): Exclude<Cell, boolean> {
  if (typeof value === "boolean") return String(value);
  return typeof value === "string" ? value.replace(/\r\n?/g, "\n").replace(XML_INVALID, "") : value;
}

/** XLSX: one sheet "signatures", the header row, then the rows; waits while the reader is behind. */
export function encodeXlsx(header: readonly string[], batches: CellBatches, options: EncodeOptions = {}): Readable {
  const out = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet("signatures");
    sheet.addRow([...header]).commit();
    let rows = 0;
    for await (const batch of batches) {
      if (out.destroyed) return;
      for (const row of batch) sheet.addRow(row.map(xlsxCell)).commit();
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

/** The rows in `format`, as a byte stream that reads the batches as it is read. */
export function encodeRows(
  format: ExportFormat,
  header: readonly string[],
  batches: CellBatches,
  options: EncodeOptions = {},
): Readable {
  if (format === "xlsx") return encodeXlsx(header, batches, options);
  const chunks = format === "csv" ? encodeCsv(header, batches, options) : encodeJson(header, batches, options);
  return Readable.from(chunks, { objectMode: false });
}
