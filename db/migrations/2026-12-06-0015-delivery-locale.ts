import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // The language of the publication list whose SHA-256 a delivery stored (issue 16): the
  // same list in Russian and in English has two fingerprints. Deliveries recorded before
  // this column existed hashed the campaign's original language.
  await db.schema
    .alterTable("campaigns")
    .addColumn("delivered_list_locale", "text", (c) =>
      c.check(sql`delivered_list_locale in ('en', 'ru', 'fr', 'de', 'es', 'uk')`),
    )
    .execute();
  await db
    .updateTable("campaigns")
    .set({ delivered_list_locale: sql`canonical_locale` })
    .where("delivered_list_sha256", "is not", null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("campaigns").dropColumn("delivered_list_locale").execute();
}
