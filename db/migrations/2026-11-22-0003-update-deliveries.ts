import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // One row per (update, signer) mailed: the fan-out inserts it in the same transaction as
  // the mail job, so each signer gets each update once, whatever is retried.
  await db.schema
    .createTable("update_deliveries")
    .addColumn("update_id", "integer", (c) => c.notNull().references("campaign_updates.id").onDelete("cascade"))
    .addColumn("signature_id", "integer", (c) => c.notNull().references("signatures.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("update_deliveries_pk", ["update_id", "signature_id"])
    .execute();
  await db.schema.alterTable("campaign_updates").addColumn("mailed_at", "timestamptz").execute();
  await db.schema.alterTable("signatures").addColumn("unsubscribed_at", "timestamptz").execute();
  // Consenting verified signers of a campaign, walked in id order by the fan-out.
  await sql`create index signatures_update_recipients on signatures (campaign_id, id) where updates_consent and state = 'verified'`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("signatures_update_recipients").execute();
  await db.schema.alterTable("signatures").dropColumn("unsubscribed_at").execute();
  await db.schema.alterTable("campaign_updates").dropColumn("mailed_at").execute();
  await db.schema.dropTable("update_deliveries").execute();
}
