import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { canonicalEmail } from "~/domain/email";
import { initialsOf } from "~/domain/signatory";
import { startJobs, stopJobs } from "~/jobs/worker.server";
import { listModerationRows } from "~/models/moderation.server";
import { readSignerDetails } from "~/models/signature-secrets.server";
import { changeVisibility } from "~/models/signature-transitions.server";
import { confirmSignature, submitSignature } from "~/services/signing.server";
import { rotateSignerKey, sealLegacySignatures } from "~/services/signer-keys.server";
import { createDb, migrateToLatest, setDb, type DB } from "~/utils/db.server";
import { getConfig, resetConfig } from "~/utils/env.server";
import { emailHash, signerKeyring } from "~/utils/signer-crypto.server";
import { createCampaign } from "../factories";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { emailHashesOf, freshIps, linksIn, queuedMails, signatureForm, validFields } from "../signing-helpers";

/**
 * Encryption at rest of what identifies a signer (issue 12, part 2): a "counted only"
 * signer leaves nothing readable in the database, its files or a dump; addresses are found
 * by their keyed hash; the key rotates in batches while signatures keep arriving.
 */

const freshIp = freshIps(77);

/** A signer whose every detail is a string found nowhere else. */
function secretSigner(visibility = "counted") {
  const tag = randomBytes(6).toString("hex");
  const unpublished = { city: `Secretcity${tag}`, comment: `Secret comment ${tag}` };
  const fields = validFields({
    fullName: `Zelda Quorvex ${tag}`,
    email: `Hidden.Signer+${tag}@Example.org`,
    title: `Secret Title ${tag}`,
    visibility,
    ...unpublished,
  });
  return { ...fields, ...unpublished };
}

/** What must not be readable anywhere: the address as typed and canonical, the name, and the rest. */
const needles = (f: ReturnType<typeof secretSigner>) => [
  f.email,
  f.email.toLowerCase(),
  canonicalEmail(f.email),
  f.fullName,
  f.title,
  f.city,
  f.comment,
];

async function signAndConfirm(slug: string, fields: Record<string, string>) {
  expect((await submitSignature(slug, "en", signatureForm(fields), freshIp())).kind).toBe("accepted");
  const mail = (await queuedMails(getDbRef())).findLast((m) => m.to === fields.email);
  expect(mail).toBeDefined();
  expect((await confirmSignature(linksIn(mail!.text).confirm!)).kind).toBe("confirmed");
}

let getDbRef: () => DB;

/** Every row of every table (the app's and the queue's) as text. */
async function everyRowAsText(db: DB): Promise<string> {
  const { rows: tables } = await sql<{ s: string; t: string }>`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const { rows } = await sql<{ r: string }>`select x::text as r from ${sql.id(s, t)} as x`.execute(db);
    parts.push(...rows.map((r) => r.r));
  }
  return parts.join("\n");
}

describeEachDatabase("signer data encrypted at rest", (getDb, kind, info) => {
  useAppServices(getDb, info);
  const slug = "sealed-test";
  beforeAll(async () => {
    getDbRef = getDb;
    await createCampaign(getDb(), { slug });
  });

  it("keeps nothing of a counted-only signer in clear: no table, no queue job, no dump", async () => {
    const fields = secretSigner("counted");
    await signAndConfirm(slug, fields);
    // Someone to show the scan reads what is there: a public signer's name is in clear.
    const visible = secretSigner("public");
    await signAndConfirm(slug, visible);
    const text = await everyRowAsText(getDb());
    expect(text).toContain(visible.fullName);
    for (const needle of needles(fields)) expect(text).not.toContain(needle);
    // No signer's address, whoever they are, is anywhere in the database.
    expect(text).not.toContain(visible.email);
    expect(text).not.toContain(canonicalEmail(visible.email));
    expect(text.toLowerCase()).not.toMatch(/hidden\.signer/);
    if (kind === "postgres") {
      const dump = execFileSync("/usr/bin/pg_dump", ["--no-owner", info().databaseUrl!], {
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(dump).toContain(visible.fullName);
      for (const needle of needles(fields)) expect(dump).not.toContain(needle);
      expect(dump.toLowerCase()).not.toContain("hidden.signer");
    }
    // The app still reads them where it must: the signer's own details, and moderation by exact address.
    const [row] = await getDb()
      .selectFrom("signatures")
      .select(["id", "full_name", "title", "city", "comment", "email", "email_canonical"])
      .where("email_hash", "in", emailHashesOf(fields.email))
      .execute();
    expect(row).toMatchObject({ full_name: "", title: "", city: null, comment: null, email: null, email_canonical: null });
    expect(await readSignerDetails(getDb(), row!.id)).toEqual({
      email: fields.email,
      fullName: fields.fullName,
      title: fields.title,
      city: fields.city,
      comment: fields.comment,
    });
    const campaignId = (await getDb().selectFrom("campaigns").select("id").where("slug", "=", slug).executeTakeFirstOrThrow())
      .id;
    const found = await listModerationRows(getDb(), { campaignId, search: ` ${fields.email.toUpperCase()} ` }, 10, 0);
    expect(found.map((r) => r.id)).toEqual([row!.id]);
    // A sealed name is not searchable; a published one is.
    expect(await listModerationRows(getDb(), { campaignId, search: fields.fullName }, 10, 0)).toEqual([]);
    expect((await listModerationRows(getDb(), { campaignId, search: visible.fullName }, 10, 0)).length).toBe(1);
  });

  it("moves the name between clear and sealed as the signer changes how they appear", async () => {
    const fields = secretSigner("public");
    await signAndConfirm(slug, fields);
    const clear = () =>
      getDb()
        .selectFrom("signatures")
        .select(["id", "full_name", "title"])
        .where("email_hash", "in", emailHashesOf(fields.email))
        .executeTakeFirstOrThrow();
    const { id } = await clear();
    expect(await clear()).toMatchObject({ full_name: fields.fullName, title: fields.title });
    const move = (v: "public" | "initials" | "anonymous" | "counted") =>
      getDb()
        .transaction()
        .execute((trx) => changeVisibility(trx, id, v));
    await move("initials");
    // What the list shows (the initials) in clear, the name only sealed.
    expect(await clear()).toMatchObject({ full_name: initialsOf(fields.fullName), title: "" });
    expect(initialsOf(fields.fullName)).toMatch(/^Z\. Q\./);
    await move("counted");
    expect(await clear()).toMatchObject({ full_name: "", title: "" });
    await move("public");
    expect(await clear()).toMatchObject({ full_name: fields.fullName, title: fields.title });
    expect((await readSignerDetails(getDb(), id))?.city).toBe(fields.city);
  });

  it("seals rows written before encryption, in batches (the startup and CLI task)", async () => {
    const campaign = await getDb().selectFrom("campaigns").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    const group = await getDb()
      .selectFrom("signer_groups")
      .select("id")
      .where("campaign_id", "=", campaign.id)
      .executeTakeFirstOrThrow();
    const legacy = Array.from({ length: 7 }, (_, i) => ({
      campaign_id: campaign.id,
      group_id: group.id,
      full_name: `Legacy Person ${i}`,
      email: `Legacy.${i}@Example.org`,
      email_canonical: `legacy.${i}@example.org`,
      title: `Legacy title ${i}`,
      country: "FR",
      city: `Legacy city ${i}`,
      visibility: (i % 2 ? "counted" : "public") as "counted" | "public",
      state: "verified" as const,
      locale: "en" as const,
      text_version: 1,
    }));
    // Straight into the table, as the app wrote them before migration 0013.
    const ids = (await getDb().insertInto("signatures").values(legacy).returning("id").execute()).map((r) => r.id);
    expect(await sealLegacySignatures(getDb(), 3)).toBeGreaterThanOrEqual(7);
    const rows = await getDb()
      .selectFrom("signatures")
      .select(["id", "full_name", "title", "city", "email", "email_canonical", "email_hash", "email_domain", "key_id"])
      .where("id", "in", ids)
      .orderBy("id")
      .execute();
    rows.forEach((r, i) => {
      expect(r).toMatchObject({
        full_name: i % 2 ? "" : `Legacy Person ${i}`,
        title: i % 2 ? "" : `Legacy title ${i}`,
        city: null,
        email: null,
        email_canonical: null,
        email_hash: emailHash(`legacy.${i}@example.org`),
        email_domain: "example.org",
        key_id: signerKeyring().current.id,
      });
    });
    expect((await readSignerDetails(getDb(), ids[1]!))!).toMatchObject({
      email: "Legacy.1@Example.org",
      fullName: "Legacy Person 1",
      city: "Legacy city 1",
    });
    // A second run finds nothing left.
    expect(await sealLegacySignatures(getDb(), 3)).toBe(0);
  });

  describe("key rotation", () => {
    const saved = { key: process.env.SIGNER_DATA_KEY, previous: process.env.SIGNER_DATA_KEY_PREVIOUS };
    afterEach(() => {
      for (const [name, value] of [
        ["SIGNER_DATA_KEY", saved.key],
        ["SIGNER_DATA_KEY_PREVIOUS", saved.previous],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetConfig();
    });

    it("moves every row to the new key in batches while signatures keep arriving; nothing is lost", async () => {
      const before = Array.from({ length: 12 }, () => secretSigner(Math.random() < 0.5 ? "counted" : "public"));
      for (const f of before) await signAndConfirm(slug, f);
      const oldKey = getConfig().signerDataKey;
      const oldId = signerKeyring().current.id;
      process.env.SIGNER_DATA_KEY = randomBytes(32).toString("base64");
      process.env.SIGNER_DATA_KEY_PREVIOUS = oldKey.toString("base64");
      resetConfig();
      const newId = signerKeyring().current.id;
      expect(newId).not.toBe(oldId);

      const during: ReturnType<typeof secretSigner>[] = [];
      let repeats = 0;
      const result = await rotateSignerKey(getDb(), {
        batchSize: 4,
        onBatch: async () => {
          // Between batches: a new signer signs and confirms, and an earlier one (still, or no
          // longer, under the old key) tries again and is recognised.
          const f = secretSigner(during.length % 2 ? "counted" : "public");
          during.push(f);
          await signAndConfirm(slug, f);
          const again = before[repeats++ % before.length]!;
          const rowsBefore = await countRows();
          await submitSignature(slug, "en", signatureForm({ ...again, fullName: "Someone Else" }), freshIp());
          expect(await countRows()).toBe(rowsBefore);
        },
      });
      expect(during.length).toBeGreaterThan(2);
      expect(result.remaining).toBe(0);
      expect(
        await getDb().selectFrom("signatures").select("id").where("key_id", "=", oldId).execute(),
      ).toEqual([]);
      // Every signer, before and during, is there once, readable, and found by their address under the new key.
      for (const f of [...before, ...during]) {
        const rows = await getDb()
          .selectFrom("signatures")
          .select(["id", "state", "key_id"])
          .where("email_hash", "=", emailHash(canonicalEmail(f.email)))
          .execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ state: "verified", key_id: newId });
        expect(await readSignerDetails(getDb(), rows[0]!.id)).toMatchObject({ email: f.email, fullName: f.fullName });
      }
      // Once done, the previous key can go: everything opens under the new one alone.
      delete process.env.SIGNER_DATA_KEY_PREVIOUS;
      resetConfig();
      const all = await getDb().selectFrom("signatures").select("id").where("sealed", "is not", null).execute();
      for (const { id } of all) expect((await readSignerDetails(getDb(), id))!.email).toContain("@");
    });

    async function countRows() {
      const row = await getDb()
        .selectFrom("signatures")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }
  });
});

/** Every file under a directory whose bytes contain one of the needles. */
function filesContaining(dir: string, needles: string[], skip: (file: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (skip(file)) continue;
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) {
        const bytes = fs.readFileSync(file);
        if (needles.some((n) => bytes.includes(Buffer.from(n, "utf8")))) found.push(file);
      }
    }
  };
  walk(dir);
  return found;
}

describe("the embedded database's files", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-sealed-"));
  let db: DB;
  beforeAll(async () => {
    db = createDb({ pgliteDir: path.join(dataDir, "pgdata") });
    await migrateToLatest(db);
    setDb(db);
    getDbRef = () => db;
    await startJobs({ work: false });
    await createCampaign(db, { slug: "sealed-files" });
  });
  afterAll(async () => {
    await stopJobs().catch(() => undefined);
    setDb(undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("hold no counted-only signer's address or name after they sign and confirm (database files, WAL)", async () => {
    const fields = secretSigner("counted");
    await signAndConfirm("sealed-files", fields);
    const visible = secretSigner("public");
    await signAndConfirm("sealed-files", visible);
    await stopJobs();
    await db.destroy(); // everything on disk, as a seized disk or a backup of DATA_DIR would have it
    setDb(undefined);
    // The scan does find what is in clear (a public signer's name), so its silence means something.
    expect(filesContaining(dataDir, [visible.fullName]).length).toBeGreaterThan(0);
    expect(filesContaining(dataDir, needles(fields))).toEqual([]);
    expect(filesContaining(dataDir, [visible.email, canonicalEmail(visible.email)])).toEqual([]);
    // The app's own DATA_DIR (generated secrets; the local mailbox excepted) holds none either.
    const appDir = getConfig().dataDir;
    const mailbox = path.join(appDir, "mail");
    expect(filesContaining(appDir, needles(fields), (f) => f.startsWith(mailbox))).toEqual([]);
  });
});
