import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listAudit } from "~/models/audit.server";
import { findCampaignForExport, iterateExportBatches } from "~/models/export.server";
import { addMember, insertSession, upsertOrganizer } from "~/models/organizer.server";
import { insertSyntheticVerified } from "~/models/signature.server";
import {
  deliveryEvidence,
  EXPORT_COLUMNS,
  exportDownload,
  exportSignatures,
  neutralizeCell,
  publicationList,
  publicationText,
  publicationTextResponse,
  recordDelivery,
  type ExportColumn,
  type ExportFilters,
  type ExportFormat,
} from "~/services/exports.server";
import { SESSION_COOKIE } from "~/services/organizer-auth.server";
import { setDb } from "~/utils/db.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { describeEachDatabase } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)"];

describeEachDatabase("exports", (getDb) => {
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let big: Awaited<ReturnType<typeof createCampaign>>;

  const run = async (
    format: ExportFormat,
    columns: readonly ExportColumn[],
    filters?: ExportFilters,
    extra: { bom?: boolean; locale?: "en" | "ru" } = {},
  ) => {
    let completed: number | undefined;
    const stream = await exportSignatures({
      campaignId: campaign.id,
      format,
      columns,
      filters,
      locale: extra.locale ?? "en",
      bom: extra.bom,
      batchSize: 3,
      onComplete: (rows) => {
        completed = rows;
      },
    });
    const body = await collect(stream);
    return { body, completed };
  };

  const csvRecords = (body: Buffer) =>
    parse(body, { columns: true, bom: true, relax_quotes: false }) as Record<string, string>[];

  beforeAll(async () => {
    setDb(getDb());
    campaign = await createCampaign(getDb(), { slug: "export-test" });
    const day = (d: string) => new Date(`${d}T12:00:00Z`);
    await addSignatures(getDb(), [
      signatureRow(campaign, {
        full_name: "Иван Петрович Сидоров",
        title: "Профессор, МГУ",
        country: "RU",
        city: "Москва",
        comment: 'Свободу! He said "free him", and, then\nleft.\r\nSecond line',
        notable: true,
        verified_at: day("2026-01-10"),
      }),
      signatureRow(campaign, {
        full_name: "Comma, Person",
        title: 'The "Quoted" Institute',
        city: "Paris",
        comment: FORMULAS[0],
        visibility: "initials",
        verified_at: day("2026-02-10"),
      }),
      signatureRow(campaign, {
        full_name: "Anon Person",
        title: FORMULAS[1],
        city: "Berlin",
        comment: FORMULAS[2],
        visibility: "anonymous",
        country: "DE",
        verified_at: day("2026-03-10"),
      }),
      signatureRow(campaign, {
        full_name: "Counted Person",
        city: "Secret City",
        comment: FORMULAS[3],
        visibility: "counted",
        verified_at: day("2026-03-11"),
      }),
      signatureRow(campaign, {
        full_name: "Journalist Person",
        group: "journalists",
        country: "DE",
        comment: "\tTabbed",
        verified_at: day("2026-04-01"),
      }),
      signatureRow(campaign, {
        full_name: "Pending Person",
        city: "Pending City",
        comment: "pending comment",
        state: "pending",
        verified_at: null,
      }),
      signatureRow(campaign, { full_name: "Hidden Person", city: "Hidden City", comment: "hidden comment", state: "hidden" }),
      signatureRow(campaign, { full_name: "Withdrawn Person", state: "withdrawn", comment: "withdrawn comment" }),
      signatureRow(campaign, { full_name: "Invalid Person", state: "invalidated", comment: "invalid comment" }),
    ]);
  });

  afterAll(() => setDb(undefined));

  it("round-trips CSV exactly, neutralizing only formula-like cells", async () => {
    const { body, completed } = await run("csv", EXPORT_COLUMNS, undefined, { bom: true });
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8")).toContain("\r\n");
    expect(completed).toBe(5);
    const records = csvRecords(body);
    expect(records).toHaveLength(5);
    expect(Object.keys(records[0]!)).toEqual([...EXPORT_COLUMNS]);
    const [ivan, comma, anon, counted, journalist] = records;
    expect(ivan).toMatchObject({
      full_name: "Иван Петрович Сидоров",
      title: "Профессор, МГУ",
      group: "Mathematicians",
      country: "RU",
      country_name: "Russia",
      city: "Москва",
      comment: 'Свободу! He said "free him", and, then\nleft.\r\nSecond line',
      visibility: "public",
      state: "verified",
      notable: "true",
      locale: "en",
      signed_at: "2026-01-10T12:00:00.000Z",
      text_version: "1",
    });
    expect(comma).toMatchObject({ full_name: "Comma, Person", title: 'The "Quoted" Institute' });
    expect(comma!.comment).toBe(`'${FORMULAS[0]}`);
    expect(anon!.title).toBe(`'${FORMULAS[1]}`);
    expect(anon!.comment).toBe(`'${FORMULAS[2]}`);
    expect(counted!.comment).toBe(`'${FORMULAS[3]}`);
    expect(journalist).toMatchObject({ group: "Journalists", comment: "'\tTabbed", city: "" });
    // Nothing a spreadsheet would evaluate.
    for (const record of records) {
      for (const value of Object.values(record)) expect(value, value).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it("neutralizes exactly the dangerous first characters", () => {
    expect(FORMULAS.map(neutralizeCell)).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(neutralizeCell("\rx")).toBe("'\rx");
    expect(neutralizeCell("Ada = 1")).toBe("Ada = 1");
    expect(neutralizeCell("")).toBe("");
  });

  it("writes CSV without BOM by default, localized labels, and only chosen columns", async () => {
    const { body } = await run("csv", ["full_name", "group", "country_name"], undefined, { locale: "ru" });
    expect(body[0]).not.toBe(0xef);
    const records = csvRecords(body);
    expect(Object.keys(records[0]!)).toEqual(["full_name", "group", "country_name"]);
    expect(records[0]).toEqual({ full_name: "Иван Петрович Сидоров", group: "Математики", country_name: "Россия" });
  });

  it("reads back the same values from XLSX, with no formulas", async () => {
    const { body, completed } = await run("xlsx", EXPORT_COLUMNS);
    expect(completed).toBe(5);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(6);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    const ivan = byName.get("Иван Петрович Сидоров")!;
    // Cells keep line breaks as LF (XML has no CR in text).
    expect(ivan[EXPORT_COLUMNS.indexOf("comment")]).toBe('Свободу! He said "free him", and, then\nleft.\nSecond line');
    expect(ivan[EXPORT_COLUMNS.indexOf("notable")]).toBe(true);
    expect(ivan[EXPORT_COLUMNS.indexOf("text_version")]).toBe(1);
    expect(byName.get("Comma, Person")![EXPORT_COLUMNS.indexOf("comment")]).toBe(FORMULAS[0]);
    expect(byName.get("Anon Person")![EXPORT_COLUMNS.indexOf("title")]).toBe(FORMULAS[1]);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
  });

  it("streams JSON as an array", async () => {
    const { body } = await run("json", ["full_name", "notable", "text_version", "city", "signed_at"]);
    const parsed = JSON.parse(body.toString("utf8")) as Record<string, unknown>[];
    expect(parsed).toHaveLength(5);
    expect(parsed[0]).toEqual({
      full_name: "Иван Петрович Сидоров",
      notable: true,
      text_version: 1,
      city: "Москва",
      signed_at: "2026-01-10T12:00:00.000Z",
    });
    expect(parsed[4]).toMatchObject({ city: null });
    const empty = await run("json", ["full_name"], { countries: ["ZZ"] });
    expect(JSON.parse(empty.body.toString("utf8"))).toEqual([]);
  });

  it("filters by state, group, country and dates", async () => {
    const names = async (filters: ExportFilters) =>
      csvRecords((await run("csv", ["full_name"], filters)).body).map((r) => r.full_name);
    expect(await names({ states: ["pending", "hidden"] })).toEqual(["Pending Person", "Hidden Person"]);
    expect(await names({ states: ["withdrawn", "invalidated"] })).toEqual(["Withdrawn Person", "Invalid Person"]);
    expect(await names({ groups: ["journalists"] })).toEqual(["Journalist Person"]);
    expect(await names({ groups: ["no-such-group"] })).toEqual([]);
    expect(await names({ countries: ["de"] })).toEqual(["Anon Person", "Journalist Person"]);
    expect(await names({ verifiedFrom: "2026-02-10", verifiedTo: "2026-03-10" })).toEqual([
      "Comma, Person",
      "Anon Person",
    ]);
    expect(await names({ verifiedTo: "2026-01-10" })).toEqual(["Иван Петрович Сидоров"]);
    await expect(run("csv", ["full_name"], { verifiedFrom: "yesterday" })).rejects.toThrow(RangeError);
  });

  it("streams 25,000 rows in id order without duplicates", async () => {
    big = await createCampaign(getDb(), { slug: "export-big" });
    await insertSyntheticVerified(getDb(), {
      campaignId: big.id,
      groupIds: Object.values(big.groupIds),
      countries: ["FR", "DE", "RU"],
      count: 25_000,
      emailPrefix: "export-big-",
    });
    let last = 0;
    let count = 0;
    let batches = 0;
    for await (const batch of iterateExportBatches(getDb(), { campaignId: big.id })) {
      batches++;
      expect(batch.length).toBeLessThanOrEqual(2_000);
      for (const row of batch) {
        expect(row.id).toBeGreaterThan(last);
        last = row.id;
        count++;
      }
    }
    expect(count).toBe(25_000);
    expect(batches).toBe(13);

    const progress: number[] = [];
    const stream = await exportSignatures({
      campaignId: big.id,
      format: "csv",
      columns: ["email"],
      locale: "en",
      onProgress: (n) => progress.push(n),
    });
    const records = csvRecords(await collect(stream));
    expect(records).toHaveLength(25_000);
    expect(new Set(records.map((r) => r.email)).size).toBe(25_000);
    expect(progress.at(-1)).toBe(25_000);
  }, 120_000);

  it("lists only consenting signatories, notable first, and counts the unlisted", async () => {
    const list = await publicationList({ campaignId: campaign.id, locale: "en" });
    expect(list).toMatchObject({ listed: 4, unlisted: 1, total: 5 });
    expect(list.groups.map((g) => [g.key, g.total, g.listed, g.unlisted])).toEqual([
      ["mathematicians", 4, 3, 1],
      ["journalists", 1, 1, 0],
    ]);
    expect(list.groups[0]!.entries).toEqual([
      { kind: "public", notable: true, text: "Иван Петрович Сидоров, Профессор, МГУ, Russia" },
      { kind: "initials", notable: false, text: "C. P., France" },
      { kind: "anonymous", notable: false, text: "Anonymous, Mathematicians, Germany" },
    ]);
    const text = publicationText(list);
    expect(text).toContain("Mathematicians (4)");
    expect(text).toContain("1 more signed without being listed.");
    expect(text).toContain("5 signatories in total.");
    const everything = JSON.stringify(list) + text;
    for (const secret of [
      "Comma, Person",
      "Anon Person",
      "Counted Person",
      "Pending Person",
      "Hidden Person",
      "Withdrawn Person",
      "Invalid Person",
      "@example.org",
      "Москва",
      "Paris",
      "Berlin",
      "Secret City",
      "Свободу",
      "comment",
      "calc",
      "Quoted",
    ]) {
      expect(everything, secret).not.toContain(secret);
    }
    const ru = publicationText(await publicationList({ campaignId: campaign.id, locale: "ru" }));
    expect(ru).toContain("Математики (4)");
    expect(ru).toContain("Анонимно, Математики, Германия");
  });

  it("keeps delivery evidence stable for the same data and changes it with a row", async () => {
    const first = await deliveryEvidence({ campaignId: campaign.id, locale: "en" });
    const again = await deliveryEvidence({ campaignId: campaign.id, locale: "en" });
    expect(again).toEqual(first);
    expect(first.rows).toBe(4);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);

    await getDb()
      .updateTable("signatures")
      .set({ title: "Professor emeritus" })
      .where("campaign_id", "=", campaign.id)
      .where("full_name", "=", "Journalist Person")
      .execute();
    const changed = await deliveryEvidence({ campaignId: campaign.id, locale: "en" });
    expect(changed.sha256).not.toBe(first.sha256);
    expect(changed.rows).toBe(4);

    const recorded = await recordDelivery({ campaignId: campaign.id, on: "2026-05-01", to: "The Prosecutor" });
    expect(recorded).toEqual({ sha256: changed.sha256, rows: 4 });
    expect(await findCampaignForExport(getDb(), campaign.id)).toMatchObject({
      status: "delivered",
      delivered_on: "2026-05-01",
      delivered_to: "The Prosecutor",
      delivered_list_sha256: changed.sha256,
      delivered_list_rows: 4,
    });
  });

  it("lets owners download (audited with the row count) and others only read the list", async () => {
    const APP = "http://localhost:3000";
    const member = async (role: "owner" | "viewer" | "moderator", secondFactorAgoMinutes = 0) => {
      const { id } = await upsertOrganizer(getDb(), { email: `${role}-${newToken().slice(0, 8)}@example.org`, isAdmin: false });
      await addMember(getDb(), campaign.id, id, role);
      const token = newToken();
      await insertSession(getDb(), {
        idHash: hashToken(token),
        organizerId: id,
        expiresAt: new Date(Date.now() + 3600_000),
        secondFactorAt: new Date(Date.now() - secondFactorAgoMinutes * 60_000),
      });
      return { id, token };
    };
    const req = (path: string, token: string) =>
      new Request(`${APP}${path}`, { method: "POST", headers: { Cookie: `${SESSION_COOKIE}=${token}`, Origin: APP } });
    const form = new FormData();
    form.set("format", "csv");
    for (const c of ["full_name", "comment"]) form.append("columns", c);
    form.set("countries", "de");

    const owner = await member("owner");
    const response = await exportDownload(req("/x", owner.token), "export-test", form, "en");
    expect(response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response?.headers.get("Content-Disposition")).toMatch(/^attachment; filename="export-test-signatures-\d{4}-\d{2}-\d{2}\.csv"/);
    const records = csvRecords(Buffer.from(await response!.arrayBuffer()));
    expect(records.map((r) => r.full_name)).toEqual(["Anon Person", "Journalist Person"]);
    const audit = await listAudit(getDb(), campaign.id, 10);
    expect(audit[0]).toMatchObject({ action: "export", row_count: 2 });

    const bad = new FormData();
    bad.set("format", "exe");
    bad.append("columns", "full_name");
    expect(await exportDownload(req("/x", owner.token), "export-test", bad, "en")).toBeNull();

    const statuses = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return 200;
      } catch (error) {
        if (error instanceof Response) return error.status;
        throw error;
      }
    };
    const viewer = await member("viewer");
    expect(await statuses(exportDownload(req("/x", viewer.token), "export-test", form, "en"))).toBe(404);
    const stale = await member("owner", 20);
    expect(await statuses(exportDownload(req("/x", stale.token), "export-test", form, "en"))).toBe(302);

    const moderator = await member("moderator");
    const text = await publicationTextResponse(
      new Request(`${APP}/organizer/campaigns/export-test/publication-text?lang=en`, {
        headers: { Cookie: `${SESSION_COOKIE}=${moderator.token}` },
      }),
      "export-test",
    );
    expect(text.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const body = await text.text();
    expect(body).toContain("Mathematicians (4)");
    expect(body).not.toContain("Anon Person");
  });
});
