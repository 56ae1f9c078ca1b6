import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  csvCellRecords,
  csvRecords,
  encodeRows,
  neutralizeCell,
  type Cell,
  type CellBatches,
  type EncodeOptions,
} from "~/services/export-encoders.server";

/** The encoders alone: cells in, bytes out, no database. */

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function* batchesOf(...batches: Cell[][][]): CellBatches {
  for (const batch of batches) yield batch;
}

const HEADER = ["name", "comment", "notable", "version", "city"];
const ROWS: Cell[][] = [
  ["Ada Lovelace", '=HYPERLINK("http://evil")', true, 1, "London"],
  ["Comma, Person", 'She said "hi"\nand left', false, 2, null],
  ["Плюс", "+1", false, 3, "Москва"],
  ["Minus", "-2", true, 4, "@home"],
  ["Tab", "\tTabbed\r\nline", false, 5, "Ada = 1"],
];

const encode = (format: "csv" | "xlsx" | "json", batches: CellBatches, options: EncodeOptions = {}) =>
  collect(encodeRows(format, HEADER, batches, options));

describe("neutralizeCell", () => {
  it("prefixes exactly the formula-like first characters with an apostrophe", () => {
    for (const dangerous of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"]) {
      expect(neutralizeCell(dangerous)).toBe(`'${dangerous}`);
    }
    for (const safe of ["Ada = 1", "1+1", "", "'quoted", " =padded"]) expect(neutralizeCell(safe)).toBe(safe);
  });
});

describe("csvRecords", () => {
  it("writes RFC 4180: CRLF after every record, quotes only where needed, doubled inside", () => {
    expect(csvRecords([["a", "b"], ["c,d", 'e"f'], ["g\nh", "i\rj"], [""]])).toBe(
      'a,b\r\n"c,d","e""f"\r\n"g\nh","i\rj"\r\n\r\n',
    );
  });
});

describe("csvCellRecords", () => {
  it("is csvRecords of the neutralized cells, in one pass: nulls empty, numbers and booleans as text", () => {
    const cells: Cell[][] = [...ROWS, [null, -3, 0, "", "=a,b"], ["x"], []];
    const neutralized = cells.map((row) => row.map((c) => (c === null ? "" : neutralizeCell(String(c)))));
    expect(csvCellRecords(cells)).toBe(csvRecords(neutralized));
    expect(csvCellRecords([[null, -3, "=a,b", 'q"']])).toBe(`,'-3,"'=a,b","q"""\r\n`);
  });
});

describe("CSV", () => {
  it("starts with a byte order mark only when asked", async () => {
    const withBom = await encode("csv", batchesOf(ROWS), { bom: true });
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.subarray(3).toString("utf8").startsWith("name,comment,")).toBe(true);
    const without = await encode("csv", batchesOf(ROWS));
    expect([...without.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(without.toString("utf8").startsWith("name,comment,notable,version,city\r\n")).toBe(true);
    expect(withBom.subarray(3).equals(without)).toBe(true);
  });

  it("ends every record with CRLF and neutralizes formula cells, readable back exactly", async () => {
    const body = await encode("csv", batchesOf(ROWS.slice(0, 2), ROWS.slice(2)));
    const text = body.toString("utf8");
    // Byte for byte: CRLF after every record, a cell quoted only when it needs it (line
    // breaks inside a quoted cell stay as they were), the apostrophe inside the quotes.
    expect(text).toBe(
      [
        "name,comment,notable,version,city\r\n",
        `Ada Lovelace,"'=HYPERLINK(""http://evil"")",true,1,London\r\n`,
        `"Comma, Person","She said ""hi""\nand left",false,2,\r\n`,
        "Плюс,'+1,false,3,Москва\r\n",
        "Minus,'-2,true,4,'@home\r\n",
        `Tab,"'\tTabbed\r\nline",false,5,Ada = 1\r\n`,
      ].join(""),
    );
    const records = parse(body, { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(records).toEqual([
      { name: "Ada Lovelace", comment: `'=HYPERLINK("http://evil")`, notable: "true", version: "1", city: "London" },
      { name: "Comma, Person", comment: 'She said "hi"\nand left', notable: "false", version: "2", city: "" },
      { name: "Плюс", comment: "'+1", notable: "false", version: "3", city: "Москва" },
      { name: "Minus", comment: "'-2", notable: "true", version: "4", city: "'@home" },
      { name: "Tab", comment: "'\tTabbed\r\nline", notable: "false", version: "5", city: "Ada = 1" },
    ]);
  });

  it("reports progress after each batch and completion once, with the row count", async () => {
    const progress: number[] = [];
    let completed: number | undefined;
    await encode("csv", batchesOf(ROWS.slice(0, 2), ROWS.slice(2)), {
      onProgress: (n) => progress.push(n),
      onComplete: (n) => {
        completed = n;
      },
    });
    expect(progress).toEqual([2, 5]);
    expect(completed).toBe(5);
  });

  it("writes only the header for no rows", async () => {
    expect((await encode("csv", batchesOf())).toString("utf8")).toBe("name,comment,notable,version,city\r\n");
  });
});

describe("XLSX", () => {
  it("opens with exceljs: the header, every row, text and numbers only (no formula, no boolean), LF line breaks", async () => {
    let completed: number | undefined;
    const body = await encode("xlsx", batchesOf(ROWS.slice(0, 3), ROWS.slice(3)), {
      onComplete: (n) => {
        completed = n;
      },
    });
    expect(completed).toBe(5);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["signatures"]);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      HEADER,
      // A boolean the caller let through is written as text: a boolean cell is what
      // LibreOffice shows as the formula =FALSE().
      ["Ada Lovelace", '=HYPERLINK("http://evil")', "true", 1, "London"],
      // A null cell is left empty.
      ["Comma, Person", 'She said "hi"\nand left', "false", 2],
      ["Плюс", "+1", "false", 3, "Москва"],
      ["Minus", "-2", "true", 4, "@home"],
      ["Tab", "\tTabbed\nline", "false", 5, "Ada = 1"],
    ]);
    const types = new Set<ExcelJS.ValueType>();
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        types.add(cell.type);
      }),
    );
    expect([...types].sort()).toEqual([ExcelJS.ValueType.Number, ExcelJS.ValueType.String].sort());
  });

  it("drops characters XML cannot hold instead of writing a broken workbook", async () => {
    const body = await encode("xlsx", batchesOf([["bell\u0007", "nul\u0000", true, 1, "ok"]]));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    expect((workbook.worksheets[0]!.getRow(2).values as unknown[]).slice(1, 3)).toEqual(["bell", "nul"]);
  });
});

describe("JSON", () => {
  it("is an array of objects keyed by the header, values as typed", async () => {
    const body = await encode("json", batchesOf(ROWS.slice(0, 1), ROWS.slice(1, 2)));
    expect(JSON.parse(body.toString("utf8"))).toEqual([
      { name: "Ada Lovelace", comment: '=HYPERLINK("http://evil")', notable: true, version: 1, city: "London" },
      { name: "Comma, Person", comment: 'She said "hi"\nand left', notable: false, version: 2, city: null },
    ]);
    expect(body.toString("utf8")).toMatch(/^\[\n\{.*\},\n\{.*\}\n\]\n$/s);
  });

  it("is an empty array for no rows", async () => {
    const body = await encode("json", batchesOf());
    expect(body.toString("utf8")).toBe("[]\n");
    expect(JSON.parse(body.toString("utf8"))).toEqual([]);
  });
});
