import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // Verified signatures, counted in a few shards per (campaign, group, country) so that
  // concurrent confirmations do not all wait on one hot row. Reads sum the shards.
  await db.schema
    .createTable("signature_counts")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("group_id", "integer", (c) => c.notNull().references("signer_groups.id").onDelete("cascade"))
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("shard", "smallint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("signature_counts_pk", ["campaign_id", "group_id", "country", "shard"])
    .execute();

  // The signer proved the address (clicked Confirm). A signature flagged for review stays
  // pending after that, uncounted, until a moderator clears it.
  await db.schema.alterTable("signatures").addColumn("email_confirmed_at", "timestamptz").execute();
  // Pending rows by age, for the expiry sweep.
  await db.schema.createIndex("signatures_pending_created").on("signatures").columns(["state", "created_at"]).execute();
  await sql`create index signatures_ip_hash_expiry on signatures (ip_hash_expires_at) where ip_hash is not null`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("signatures_ip_hash_expiry").execute();
  await db.schema.dropIndex("signatures_pending_created").execute();
  await db.schema.alterTable("signatures").dropColumn("email_confirmed_at").execute();
  await db.schema.dropTable("signature_counts").execute();
}
