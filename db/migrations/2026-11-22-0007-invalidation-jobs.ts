import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.
const JOB_STATES = ["queued", "running", "done", "failed"];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // Invalidation by criteria (email domain, IP hash, time window, name pattern, state),
  // requested by a moderator and worked in batches by a background job.
  await db.schema
    .createTable("invalidation_jobs")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("criteria", "jsonb", (c) => c.notNull())
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("queued")
        .check(sql.raw(`state in (${JOB_STATES.map((s) => `'${s}'`).join(", ")})`)),
    )
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("invalidation_jobs_campaign")
    .on("invalidation_jobs")
    .columns(["campaign_id", "created_at"])
    .execute();
  // A campaign's signatures by time (time-window criteria, bursts of the last days) and by
  // email domain (domain criteria and bursts).
  await db.schema
    .createIndex("signatures_campaign_created")
    .on("signatures")
    .columns(["campaign_id", "created_at"])
    .execute();
  await sql`create index signatures_campaign_domain on signatures (campaign_id, (split_part(email_canonical, '@', 2)))`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("signatures_campaign_domain").execute();
  await db.schema.dropIndex("signatures_campaign_created").execute();
  await db.schema.dropTable("invalidation_jobs").execute();
}
