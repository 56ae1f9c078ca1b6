import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listAudit } from "~/models/audit.server";
import { findCampaignForExport, insertExport, iterateExportBatches } from "~/models/export.server";
import { runSweeps } from "~/jobs/sweeps.server";
import { addMember, insertSession, upsertOrganizer } from "~/models/organizer.server";
import { insertSyntheticVerified } from "~/models/bench-signatures.server";
import { EXPORT_COLUMNS, type ExportColumn, type ExportFormat } from "~/schemas/exports";
import { neutralizeCell } from "~/services/export-encoders.server";
import { exportSignatures, type ExportFilters } from "~/services/export-signatures.server";
import { listRecentExports } from "~/services/exports.server";
import { recordCampaignDelivery } from "~/services/campaign-delivery.server";
import { deliveryEvidence, publicationList, publicationText } from "~/services/publication.server";
import { SESSION_COOKIE } from "~/http/organizer-access.server";
import { action as legacyDownloadAction } from "~/routes/organizer-export-download";
import { loader as exportFileLoader } from "~/routes/organizer-export-file";
import { action as exportFormAction } from "~/routes/organizer-export";
import { loader as exportRecordLoader } from "~/routes/organizer-exports";
import { loader as publicationTextLoader } from "~/routes/organizer-publication-text";
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
    extra: { bom?: boolean; locale?: "en" | "ru"; headers?: "readable" | "machine" } = {},
  ) => {
    let completed: number | undefined;
    const stream = await exportSignatures({
      campaignId: campaign.id,
      format,
      columns,
      filters,
      locale: extra.locale ?? "en",
      // Code names unless a test asks for the words: most tests read columns by code.
      headers: extra.headers ?? "machine",
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

  it("marks a download its server abandoned as failed after ten silent minutes, and leaves live ones", async () => {
    const owner = await upsertOrganizer(getDb(), { email: "sweeper@example.org", isAdmin: false });
    const record = (rowsTotal: number) =>
      insertExport(getDb(), {
        campaignId: campaign.id,
        organizerId: owner.id,
        format: "csv",
        filters: {},
        columns: ["full_name"],
        locale: "en",
        bom: false,
        rowsTotal,
      });
    const [stalled, live, waiting] = [await record(10), await record(20), await record(30)];
    const now = new Date();
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
    await getDb()
      .updateTable("exports")
      .set({ state: "running", started_at: at(30), progress_at: at(11) })
      .where("id", "=", stalled)
      .execute();
    await getDb()
      .updateTable("exports")
      .set({ state: "running", started_at: at(30), progress_at: at(1) })
      .where("id", "=", live)
      .execute();
    await runSweeps(getDb(), now);
    const states = await getDb()
      .selectFrom("exports")
      .select(["id", "state"])
      .where("id", "in", [stalled, live, waiting])
      .orderBy("id")
      .execute();
    expect(states.map((r) => r.state)).toEqual(["failed", "running", "requested"]);
  });

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
    // Byte for byte what csv-stringify writes for the same values (the writer is our own, for speed).
    const rewritten = stringify([[...EXPORT_COLUMNS], ...records.map((r) => EXPORT_COLUMNS.map((c) => r[c]!))], {
      record_delimiter: "\r\n",
    });
    expect(body.toString("utf8")).toBe(`\uFEFF${rewritten}`);
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

  it("writes a Russian CSV with the form's column names and values in Russian, never code names", async () => {
    const { body } = await run("csv", ["full_name", "group", "visibility", "state", "notable", "signed_at"], undefined, {
      locale: "ru",
      headers: "readable",
    });
    const [header, ...lines] = parse(body, { bom: true }) as string[][];
    expect(header).toEqual(["Полное имя", "Группа", "Видимость", "Состояние", "Известный", "Подтверждена"]);
    expect(lines[0]).toEqual(["Иван Петрович Сидоров", "Математики", "Полное имя", "Подтверждена", "да", "2026-01-10T12:00:00.000Z"]);
    expect(lines.map((l) => l[2])).toEqual(["Полное имя", "Инициалы", "Анонимно", "Только в счёте", "Полное имя"]);
    expect(lines.map((l) => l[4])).toEqual(["да", "нет", "нет", "нет", "нет"]);
    // No code name and no spreadsheet boolean anywhere in the file.
    const text = body.toString("utf8");
    for (const code of ["full_name", "signed_at", "public", "counted", "verified", "TRUE", "FALSE", "true", "false"]) {
      expect(text).not.toContain(code);
    }
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
    // Machine headers keep the code names, and notable is text there too: never a boolean cell.
    expect(ivan[EXPORT_COLUMNS.indexOf("notable")]).toBe("true");
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
    // Several states are read one index range each and merged by id, batch after batch (3 rows here).
    expect(await names({ states: ["hidden", "pending", "hidden"] })).toEqual(["Pending Person", "Hidden Person"]);
    expect(await names({ states: ["withdrawn", "verified", "invalidated", "hidden", "pending"] })).toEqual([
      "Иван Петрович Сидоров",
      "Comma, Person",
      "Anon Person",
      "Counted Person",
      "Journalist Person",
      "Pending Person",
      "Hidden Person",
      "Withdrawn Person",
      "Invalid Person",
    ]);
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
      headers: "machine",
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

    const admin = await upsertOrganizer(getDb(), { email: "deliverer@example.org", isAdmin: true });
    const recorded = await recordCampaignDelivery(
      {
        organizer: { id: admin.id, email: "deliverer@example.org", locale: "en", isAdmin: true },
        campaign: { id: campaign.id, slug: campaign.slug, canonicalLocale: "en" },
        role: "admin",
      },
      { deliveredOn: "2026-05-01", deliveredTo: "The Prosecutor", response: "" },
    );
    expect(recorded).toEqual({ kind: "delivered", sha256: changed.sha256, rows: 4, locale: "en" });
    expect(await findCampaignForExport(getDb(), campaign.id)).toMatchObject({
      status: "delivered",
      delivered_on: "2026-05-01",
      delivered_to: "The Prosecutor",
      delivered_list_sha256: changed.sha256,
      delivered_list_rows: 4,
    });
  });

  // -------------------------------------------------------------------------------------
  // Export records, through the route modules (real requests, real sessions).

  const APP = "http://localhost:3000";
  type Role = "owner" | "editor" | "viewer" | "moderator";

  /** A member of a campaign with a session (second factor entered `secondFactorAgoMinutes` ago). */
  const member = async (campaignId: number, role: Role | "admin", secondFactorAgoMinutes = 0) => {
    const { id } = await upsertOrganizer(getDb(), {
      email: `${role}-${newToken().slice(0, 8)}@example.org`,
      isAdmin: role === "admin",
    });
    if (role !== "admin") await addMember(getDb(), campaignId, id, role);
    const token = newToken();
    await insertSession(getDb(), {
      idHash: hashToken(token),
      organizerId: id,
      expiresAt: new Date(Date.now() + 3600_000),
      secondFactorAt: new Date(Date.now() - secondFactorAgoMinutes * 60_000),
    });
    return { id, token };
  };

  const get = (path: string, token: string, headers: Record<string, string> = {}) =>
    new Request(`${APP}${path}`, { headers: { Cookie: `${SESSION_COOKIE}=${token}`, ...headers } });

  const post = (path: string, token: string, fields: Array<[string, string]>, origin: string | null = APP) => {
    const headers: Record<string, string> = {
      Cookie: `${SESSION_COOKIE}=${token}`,
      "Content-Type": "application/x-www-form-urlencoded",
    };
    if (origin) headers.Origin = origin;
    return new Request(`${APP}${path}`, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
  };

  /** What a loader or action threw or returned, as a Response (thrown Responses are answers too). */
  const answer = async (promise: Promise<unknown>): Promise<Response> => {
    try {
      const value = await promise;
      if (value instanceof Response) return value;
      // `data(value, { status })` from an action: its status and its value.
      if (value && typeof value === "object" && "init" in value && "data" in value) {
        const { data, init } = value as { data: unknown; init: ResponseInit | null };
        return new Response(JSON.stringify(data), { status: init?.status ?? 200 });
      }
      return new Response(JSON.stringify(value), { status: 200 });
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
  };

  const FORM: Array<[string, string]> = [
    ["format", "csv"],
    ["columns", "full_name"],
    ["columns", "comment"],
    ["countries", "de"],
    ["states", "verified"],
    ["locale", "en"],
    ["headers", "machine"],
  ];

  /** The export form's POST; returns the new export's id. */
  const requestExport = async (slug: string, token: string, fields = FORM) => {
    const response = await answer(
      exportFormAction({ request: post(`/organizer/campaigns/${slug}/export`, token, fields), params: { slug }, context: {} }),
    );
    expect(response.status).toBe(303);
    const match = /^\/organizer\/campaigns\/([a-z0-9-]+)\/exports\/(\d+)\?start=1$/.exec(response.headers.get("Location") ?? "");
    expect(match?.[1]).toBe(slug);
    return Number(match![2]);
  };

  const downloadFile = (slug: string, id: number | string, token: string, headers: Record<string, string> = {}) =>
    answer(
      exportFileLoader({
        request: get(`/organizer/campaigns/${slug}/exports/${id}/file`, token, headers),
        params: { slug, id: String(id) },
        context: {},
      }),
    );

  const recordPage = (slug: string, id: number | string, token: string) =>
    answer(
      exportRecordLoader({
        request: get(`/organizer/campaigns/${slug}/exports/${id}`, token),
        params: { slug, id: String(id) },
        context: {},
      }),
    );

  const record = (id: number) =>
    getDb().selectFrom("exports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  /** The export once its download has settled (the row is written just after the last byte). */
  const settled = async (id: number) => {
    for (let i = 0; i < 100; i++) {
      const row = await record(id);
      if (row.state === "done" || row.state === "failed") return row;
      await new Promise((r) => setTimeout(r, 20));
    }
    return record(id);
  };

  const sha256 = (body: Buffer) => createHash("sha256").update(body).digest("hex");

  it("records an export (audited), then streams the same bytes as before, once, with its SHA-256", async () => {
    const owner = await member(campaign.id, "owner");
    const id = await requestExport("export-test", owner.token);

    expect(await record(id)).toMatchObject({
      campaign_id: campaign.id,
      organizer_id: owner.id,
      format: "csv",
      columns: ["full_name", "comment"],
      locale: "en",
      state: "requested",
      rows_total: 2,
      rows_done: 0,
      downloaded: false,
      sha256: null,
    });
    const requested = (await listAudit(getDb(), campaign.id, 5)).find((a) => a.subject_id === String(id));
    expect(requested).toMatchObject({ action: "export.requested", subject_type: "export", row_count: 2 });

    // The author's page offers the download once.
    const before = await recordPage("export-test", id, owner.token);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ canDownload: true, expired: false, export: { state: "requested", rowsTotal: 2 } });

    const response = await downloadFile("export-test", id, owner.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="export-test-signatures-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = Buffer.from(await response.arrayBuffer());

    // Byte for byte what the export streamed before it had records.
    const direct = await collect(
      await exportSignatures({
        campaignId: campaign.id,
        format: "csv",
        columns: ["full_name", "comment"],
        filters: { states: ["verified"], countries: ["DE"] },
        locale: "en",
        headers: "machine",
      }),
    );
    expect(body.equals(direct)).toBe(true);
    expect(csvRecords(body)).toEqual([
      { full_name: "Anon Person", comment: `'${FORMULAS[2]}` },
      { full_name: "Journalist Person", comment: "'\tTabbed" },
    ]);

    const done = await settled(id);
    expect(done).toMatchObject({ state: "done", rows_done: 2, rows_total: 2, downloaded: true, sha256: sha256(body) });
    expect(done.started_at).toBeInstanceOf(Date);
    expect(done.finished_at).toBeInstanceOf(Date);
    const downloaded = (await listAudit(getDb(), campaign.id, 5)).find((a) => a.action === "export.downloaded");
    expect(downloaded).toMatchObject({ subject_id: String(id), row_count: 2 });

    // Once: the second request is gone, on a page in the reader's language.
    const again = await downloadFile("export-test", id, owner.token, { "Accept-Language": "ru" });
    expect(again.status).toBe(410);
    expect(again.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const gone = await again.text();
    expect(gone).toContain('<html lang="ru">');
    expect(gone).toContain("Это скачивание больше недоступно");
    expect(gone).toContain(`/organizer/campaigns/export-test/exports/${id}`);
    expect(gone).not.toContain("Anon Person");
    expect((await record(id)).state).toBe("done");

    const after = await recordPage("export-test", id, owner.token);
    expect(await after.json()).toMatchObject({ canDownload: false, export: { state: "done", rowsDone: 2, sha256: sha256(body) } });
  });

  it("streams XLSX in the organizer's language (text and numbers only) and JSON with code names, through the file route", async () => {
    const owner = await member(campaign.id, "editor");
    const xlsxId = await requestExport("export-test", owner.token, [
      ["format", "xlsx"],
      ...EXPORT_COLUMNS.map((c): [string, string] => ["columns", c]),
      ["states", "verified"],
      ["locale", "ru"],
    ]);
    const xlsx = await downloadFile("export-test", xlsxId, owner.token);
    expect(xlsx.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const body = Buffer.from(await xlsx.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // No "headers" field: XLSX defaults to the headers the form shows, in Russian.
    expect(rows[0]).toEqual([
      "Полное имя",
      "Эл. почта",
      "Должность и организация",
      "Группа",
      "Код страны",
      "Страна",
      "Город",
      "Комментарий",
      "Видимость",
      "Состояние",
      "Известный",
      "Язык",
      "Подтверждена",
      "Версия текста",
    ]);
    expect(rows).toHaveLength(6);
    const ivan = rows.find((r) => r[0] === "Иван Петрович Сидоров")!;
    expect(ivan[EXPORT_COLUMNS.indexOf("group")]).toBe("Математики");
    expect(ivan[EXPORT_COLUMNS.indexOf("country_name")]).toBe("Россия");
    expect(ivan[EXPORT_COLUMNS.indexOf("visibility")]).toBe("Полное имя");
    expect(ivan[EXPORT_COLUMNS.indexOf("state")]).toBe("Подтверждена");
    expect(ivan[EXPORT_COLUMNS.indexOf("notable")]).toBe("да");
    expect(rows.filter((r) => r !== ivan && r !== rows[0]).map((r) => r[EXPORT_COLUMNS.indexOf("notable")])).toEqual([
      "нет",
      "нет",
      "нет",
      "нет",
    ]);
    // Every cell is text or a number: no formula, no boolean (LibreOffice's =FALSE()).
    const types = new Set<ExcelJS.ValueType>();
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void types.add(cell.type)));
    expect([...types].sort()).toEqual([ExcelJS.ValueType.Number, ExcelJS.ValueType.String].sort());
    // The record page says which headers the file has.
    expect(await (await recordPage("export-test", xlsxId, owner.token)).json()).toMatchObject({
      export: { headers: "readable", locale: "ru" },
    });
    expect(await settled(xlsxId)).toMatchObject({ state: "done", rows_done: 5, rows_total: 5, sha256: sha256(body) });

    const jsonId = await requestExport("export-test", owner.token, [
      ["format", "json"],
      ["columns", "full_name"],
      ["states", "pending"],
      ["states", "hidden"],
    ]);
    const json = await downloadFile("export-test", jsonId, owner.token);
    expect(JSON.parse(await json.text())).toEqual([{ full_name: "Pending Person" }, { full_name: "Hidden Person" }]);
    expect(await settled(jsonId)).toMatchObject({ state: "done", rows_done: 2, rows_total: 2 });
  });

  it("writes progress while streaming, at most every 10,000 rows, and ends at rows_done = rows", async () => {
    const owner = await member(big.id, "owner");
    const id = await requestExport(big.slug, owner.token, [
      ["format", "csv"],
      ["columns", "email"],
    ]);
    expect((await record(id)).rows_total).toBe(25_000);
    const updates: number[] = [];
    const response = await downloadFile(big.slug, id, owner.token);
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    let seen = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      const now = await record(id);
      if (now.state === "running" && now.rows_done !== seen) {
        seen = now.rows_done;
        updates.push(seen);
      }
    }
    const body = Buffer.concat(chunks);
    expect(csvRecords(body)).toHaveLength(25_000);
    // Progress showed up while it ran, in steps of many rows (never per row or per batch).
    expect(updates.length).toBeGreaterThanOrEqual(1);
    for (const [i, n] of updates.entries()) {
      expect(n).toBeGreaterThanOrEqual(i === 0 ? 2_000 : updates[i - 1]! + 2_000);
      expect(n).toBeLessThan(25_000);
    }
    expect(await settled(id)).toMatchObject({ state: "done", rows_done: 25_000, rows_total: 25_000, sha256: sha256(body) });
  }, 120_000);

  it("marks the export failed when the reader goes away", async () => {
    const owner = await member(big.id, "owner");
    const id = await requestExport(big.slug, owner.token, [
      ["format", "csv"],
      ["columns", "email"],
    ]);
    const response = await downloadFile(big.slug, id, owner.token);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(await settled(id)).toMatchObject({ state: "failed", sha256: null, downloaded: true });
    const audit = await listAudit(getDb(), big.id, 5);
    expect(audit.find((a) => a.subject_id === String(id) && a.action === "export.failed")).toBeTruthy();
    // Failed is final: the file is not offered again.
    expect((await downloadFile(big.slug, id, owner.token)).status).toBe(410);
  });

  it("waits while the server's response buffer is full, and fails when the request is aborted", async () => {
    const owner = await member(campaign.id, "owner");
    const id = await requestExport("export-test", owner.token);
    let release!: () => void;
    const full = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    // The header passes; the rows wait until the (pretend) socket has drained.
    const responseDrained = () => (++calls === 2 ? full : null);
    const response = await exportFileLoader({
      request: get(`/organizer/campaigns/export-test/exports/${id}/file`, owner.token),
      params: { slug: "export-test", id: String(id) },
      context: { responseDrained },
    });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("full_name,comment\r\n");
    const next = reader.read();
    const first = await Promise.race([next.then(() => "read"), new Promise((r) => setTimeout(() => r("waiting"), 300))]);
    expect(first).toBe("waiting");
    expect((await record(id)).state).toBe("running");
    release();
    expect(new TextDecoder().decode((await next).value)).toContain("Journalist Person");
    expect((await reader.read()).done).toBe(true);
    expect(await settled(id)).toMatchObject({ state: "done", rows_done: 2 });

    const other = await requestExport("export-test", owner.token);
    const abort = new AbortController();
    const aborted = await exportFileLoader({
      request: new Request(`${APP}/organizer/campaigns/export-test/exports/${other}/file`, {
        headers: { Cookie: `${SESSION_COOKIE}=${owner.token}` },
        signal: abort.signal,
      }),
      params: { slug: "export-test", id: String(other) },
      context: { responseDrained: () => new Promise(() => undefined) },
    });
    expect(aborted.status).toBe(200);
    // The client hangs up while the file waits for it: the adapter says so through the signal.
    abort.abort();
    expect(await settled(other)).toMatchObject({ state: "failed", sha256: null });
  });

  it("serves the file only to its author; other owners see the record and the list", async () => {
    const author = await member(campaign.id, "editor");
    const id = await requestExport("export-test", author.token);

    const otherOwner = await member(campaign.id, "owner");
    expect((await downloadFile("export-test", id, otherOwner.token)).status).toBe(404);
    const admin = await member(campaign.id, "admin");
    expect((await downloadFile("export-test", id, admin.token)).status).toBe(404);
    // Nobody else's request took the single download.
    expect(await record(id)).toMatchObject({ state: "requested", downloaded: false });

    const seen = await recordPage("export-test", id, otherOwner.token);
    expect(seen.status).toBe(200);
    const page = (await seen.json()) as {
      canDownload: boolean;
      export: { by: string; mine: boolean };
      recent: Array<{ id: number; by: string; state: string; format: string }>;
    };
    expect(page.canDownload).toBe(false);
    expect(page.export).toMatchObject({ mine: false, by: expect.stringMatching(/^editor-.*@example\.org$/) });
    expect(page.recent[0]).toMatchObject({ id, state: "requested", format: "csv", by: page.export.by });
    expect(JSON.stringify(page)).not.toContain("Anon Person");
    expect((await recordPage("export-test", id, admin.token)).status).toBe(200);

    const recent = await listRecentExports(campaign.id);
    expect(recent.map((r) => r.id)).toContain(id);
    expect(recent.map((r) => r.createdAt)).toEqual([...recent.map((r) => r.createdAt)].sort().reverse());

    // An editor sees only their own exports; moderators and viewers see none.
    const otherEditor = await member(campaign.id, "editor");
    expect((await recordPage("export-test", id, otherEditor.token)).status).toBe(404);
    expect((await downloadFile("export-test", id, otherEditor.token)).status).toBe(404);
    for (const role of ["moderator", "viewer"] as const) {
      const m = await member(campaign.id, role);
      expect((await recordPage("export-test", id, m.token)).status, role).toBe(404);
      expect((await downloadFile("export-test", id, m.token)).status, role).toBe(404);
      expect(
        (
          await answer(
            exportFormAction({ request: post("/organizer/campaigns/export-test/export", m.token, FORM), params: { slug: "export-test" }, context: {} }),
          )
        ).status,
        role,
      ).toBe(404);
    }

    // Ids that are not this campaign's are unknown.
    const bigOwner = await member(big.id, "owner");
    const foreign = await requestExport(big.slug, bigOwner.token);
    expect((await recordPage("export-test", foreign, author.token)).status).toBe(404);
    expect((await downloadFile("export-test", foreign, author.token)).status).toBe(404);
    expect((await recordPage("export-test", "abc", author.token)).status).toBe(404);
    expect((await downloadFile("export-test", "99999999", author.token)).status).toBe(404);

    // The author still has the one download.
    const own = await downloadFile("export-test", id, author.token);
    expect(own.status).toBe(200);
    expect(csvRecords(Buffer.from(await own.arrayBuffer()))).toHaveLength(2);
    expect(await settled(id)).toMatchObject({ state: "done", rows_done: 2 });
  });

  it("asks for a fresh second factor, refuses foreign origins, and expires after 15 minutes", async () => {
    const owner = await member(campaign.id, "owner");
    const id = await requestExport("export-test", owner.token);
    await getDb()
      .updateTable("sessions")
      .set({ second_factor_at: new Date(Date.now() - 20 * 60_000) })
      .where("id_hash", "=", hashToken(owner.token))
      .execute();
    const stale = await downloadFile("export-test", id, owner.token);
    expect(stale.status).toBe(302);
    expect(stale.headers.get("Location")).toMatch(/^\/organizer\/totp\?next=/);
    const staleForm = await answer(
      exportFormAction({ request: post("/organizer/campaigns/export-test/export", owner.token, FORM), params: { slug: "export-test" }, context: {} }),
    );
    expect(staleForm.status).toBe(302);
    expect(staleForm.headers.get("Location")).toMatch(/^\/organizer\/totp/);
    expect(await record(id)).toMatchObject({ state: "requested", downloaded: false });

    const fresh = await member(campaign.id, "owner");
    const csrf = await answer(
      exportFormAction({
        request: post("/organizer/campaigns/export-test/export", fresh.token, FORM, "https://evil.example"),
        params: { slug: "export-test" },
        context: {},
      }),
    );
    expect(csrf.status).toBe(403);

    const old = await requestExport("export-test", fresh.token);
    await getDb()
      .updateTable("exports")
      .set({ created_at: new Date(Date.now() - 16 * 60_000) })
      .where("id", "=", old)
      .execute();
    expect((await downloadFile("export-test", old, fresh.token)).status).toBe(410);
    expect(await record(old)).toMatchObject({ state: "requested", downloaded: false });
    expect(await (await recordPage("export-test", old, fresh.token)).json()).toMatchObject({
      canDownload: false,
      expired: true,
    });
  });

  it("refuses a bad form with field errors and a 400, keeping the values, and records nothing", async () => {
    const owner = await member(campaign.id, "owner");
    const count = async () =>
      Number((await getDb().selectFrom("exports").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const refuse = async (fields: Array<[string, string]>) => {
      const response = await answer(
        exportFormAction({ request: post("/organizer/campaigns/export-test/export", owner.token, fields), params: { slug: "export-test" }, context: {} }),
      );
      expect(response.status).toBe(400);
      return (await response.json()) as { kind: string; errors: Record<string, string>; values: Record<string, unknown> };
    };
    const noColumns = await refuse([
      ["format", "csv"],
      ["countries", "de, fr"],
      ["groups", "journalists"],
    ]);
    expect(noColumns).toMatchObject({ kind: "invalid", errors: { columns: "required" } });
    expect(noColumns.values).toMatchObject({ countries: "de, fr", groups: ["journalists"], columns: [] });
    expect((await refuse([["format", "exe"], ["columns", "full_name"]])).errors).toEqual({ format: "invalid" });
    expect((await refuse([["columns", "password"]])).errors).toEqual({ columns: "invalid" });
    expect((await refuse([["columns", "email"], ["countries", "D1"]])).errors).toEqual({ countries: "invalid" });
    expect((await refuse([["columns", "email"], ["verifiedFrom", "yesterday"]])).errors).toEqual({
      verifiedFrom: "invalid",
    });
    expect(
      (
        await refuse([
          ["columns", "email"],
          ["verifiedFrom", "2026-03-01"],
          ["verifiedTo", "2026-02-01"],
        ])
      ).errors,
    ).toEqual({ verifiedTo: "order" });
    expect(await count()).toBe(before);
    // The old address still works: it records the export and opens its page.
    const legacy = await answer(
      legacyDownloadAction({
        request: post("/organizer/campaigns/export-test/export/download", owner.token, FORM),
        params: { slug: "export-test" },
        context: {},
      }),
    );
    expect(legacy.status).toBe(303);
    expect(legacy.headers.get("Location")).toMatch(/^\/organizer\/campaigns\/export-test\/exports\/\d+\?start=1$/);
    expect(await count()).toBe(before + 1);
  });

  it("lets any member read the publication list as text", async () => {
    const moderator = await member(campaign.id, "moderator");
    const text = await answer(
      publicationTextLoader({
        request: get("/organizer/campaigns/export-test/publication-text?lang=en", moderator.token),
        params: { slug: "export-test" },
        context: {},
      }),
    );
    expect(text.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const body = await text.text();
    expect(body).toContain("Mathematicians (4)");
    expect(body).not.toContain("Anon Person");
  });
});
