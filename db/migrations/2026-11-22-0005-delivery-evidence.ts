import type { Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // Proof of what was handed over: the SHA-256 of the plain-text publication list and its
  // number of listed signatories, recorded when a campaign is marked delivered.
  await db.schema
    .alterTable("campaigns")
    .addColumn("delivered_list_sha256", "text")
    .addColumn("delivered_list_rows", "integer")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("campaigns")
    .dropColumn("delivered_list_sha256")
    .dropColumn("delivered_list_rows")
    .execute();
}
