import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // One row per export an organizer asked for: what (format, filters, columns, language),
  // who and when, and how far the single download got. No personal data: the file itself
  // is streamed from the signatures when it is downloaded, never written anywhere.
  await db.schema
    .createTable("exports")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("organizer_id", "integer", (c) => c.notNull().references("organizers.id").onDelete("cascade"))
    .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('csv', 'xlsx', 'json')`))
    .addColumn("filters", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("columns", sql`text[]`, (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().check(sql`locale in ('en', 'ru', 'fr', 'de', 'es', 'uk')`))
    .addColumn("bom", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("requested")
        .check(sql`state in ('requested', 'running', 'done', 'failed')`),
    )
    .addColumn("rows_total", "integer")
    .addColumn("rows_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sha256", "text")
    .addColumn("downloaded", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("progress_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("exports_campaign").on("exports").columns(["campaign_id", "created_at"]).execute();
  // An export reads a campaign's signatures of a state in id order, a batch after the last
  // id seen: with this index every batch is one short range scan, whatever the statistics
  // say (right after a bulk load they say "a few rows", and the planner would otherwise
  // sort all the campaign's remaining rows for every batch).
  await db.schema.createIndex("signatures_export").on("signatures").columns(["campaign_id", "state", "id"]).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("signatures_export").execute();
  await db.schema.dropTable("exports").execute();
}
