import { sql } from "kysely";
import { expect, it } from "vitest";
import {
  CAMPAIGN_KINDS,
  CAMPAIGN_STATUSES,
  LOCALES,
  MEMBER_ROLES,
  PRISONER_STATUSES,
  SIGNATURE_STATES,
  TRANSLATION_STATUSES,
  VISIBILITIES,
} from "~/domain/vocab";
import { migrateToLatest } from "~/utils/db.server";
import { describeEachDatabase } from "../setup/databases";

/** Reads the allowed values of a CHECK constraint on one column, as the database holds it. */
async function checkedValues(db: Parameters<typeof migrateToLatest>[0], table: string, column: string) {
  const { rows } = await sql<{ def: string }>`
    select pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where t.relname = ${table} and c.contype = 'c'`.execute(db);
  const def = rows.map((r) => r.def).find((d) => new RegExp(`\\b${column}\\b`).test(d) && d.includes("ANY"));
  if (!def) throw new Error(`no CHECK constraint on ${table}.${column}`);
  return [...def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]).sort();
}

describeEachDatabase("schema", (getDb) => {
  it("is already up to date, so a second migration run changes nothing", async () => {
    const result = await migrateToLatest(getDb());
    expect(result.results).toEqual([]);
  });

  it.each([
    ["prisoners", "status", PRISONER_STATUSES],
    ["prisoner_translations", "locale", LOCALES],
    ["prisoner_translations", "status", TRANSLATION_STATUSES],
    ["campaigns", "kind", CAMPAIGN_KINDS],
    ["campaigns", "status", CAMPAIGN_STATUSES],
    ["campaigns", "canonical_locale", LOCALES],
    ["campaign_translations", "status", TRANSLATION_STATUSES],
    ["signatures", "state", SIGNATURE_STATES],
    ["signatures", "visibility", VISIBILITIES],
    ["signatures", "locale", LOCALES],
    ["campaign_members", "role", MEMBER_ROLES],
  ] as const)("CHECK on %s.%s mirrors the TypeScript vocabulary", async (table, column, values) => {
    expect(await checkedValues(getDb(), table, column)).toEqual([...values].sort());
  });

  it("rejects a value outside the vocabulary", async () => {
    await expect(
      getDb().insertInto("prisoners").values({ slug: "x", status: "vanished" as never }).execute(),
    ).rejects.toThrow(/check constraint/i);
  });

  it("rejects malformed slugs", async () => {
    await expect(
      getDb().insertInto("prisoners").values({ slug: "Not A Slug", status: "detained" }).execute(),
    ).rejects.toThrow(/check constraint/i);
  });
});
