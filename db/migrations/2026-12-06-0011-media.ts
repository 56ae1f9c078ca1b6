import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // Processed images kept in the database (no instance needs a disk another one wrote),
  // addressed by the SHA-256 of their bytes: the same image is stored once, and a name made
  // from the hash changes whenever the content does, so it may be cached forever.
  await db.schema
    .createTable("media")
    .addColumn("sha256", "text", (c) => c.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn("content_type", "text", (c) => c.notNull().check(sql`content_type in ('image/webp')`))
    .addColumn("byte_size", "integer", (c) => c.notNull().check(sql`byte_size > 0`))
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("data", "bytea", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The prisoner's photo: photo_path stays the public name (`<id>-<16 hex of the hash>.webp`),
  // photo_sha256 says which stored image it is. A photo_path without photo_sha256 is a file
  // from before this migration, still under DATA_DIR/media: copied in at start.
  await db.schema
    .alterTable("prisoners")
    .addColumn("photo_sha256", "text", (c) => c.references("media.sha256"))
    .execute();
  await db.schema.createIndex("prisoners_photo_sha256_idx").on("prisoners").column("photo_sha256").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("prisoners").dropColumn("photo_sha256").execute();
  await db.schema.dropTable("media").execute();
}
