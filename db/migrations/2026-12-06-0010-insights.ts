import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

const LOCALES = ["en", "ru", "fr", "de", "es", "uk"];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // The outcome of a campaign: when an answer is due, when it came and a document with it
  // (the answer's text per language is in campaign_answer_translations), and the earlier
  // campaign this one follows up (never itself; cycles are refused by the application).
  await db.schema
    .alterTable("campaigns")
    .addColumn("response_due_on", "date")
    .addColumn("answered_on", "date")
    .addColumn("answer_document_url", "text", (c) => c.check(sql`answer_document_url ~ '^https?://'`))
    .addColumn("follow_up_of", "integer", (c) => c.references("campaigns.id").onDelete("set null"))
    .execute();
  await sql`alter table campaigns add constraint campaigns_follow_up_not_self check (follow_up_of <> id)`.execute(db);
  await sql`alter table campaigns add constraint campaigns_due_after_delivery
    check (response_due_on is null or delivered_on is null or response_due_on >= delivered_on)`.execute(db);

  await db.schema
    .createTable("campaign_answer_translations")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) =>
      c.notNull().check(sql.raw(`locale in (${LOCALES.map((l) => `'${l}'`).join(", ")})`)),
    )
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("campaign_answer_translations_pk", ["campaign_id", "locale"])
    .execute();

  // The daily digest: owners opt in per campaign; the day it was last sent makes a retried
  // or doubled run send nothing twice.
  await db.schema
    .alterTable("campaign_members")
    .addColumn("daily_digest", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("digest_sent_on", "date")
    .execute();

  // Signatures collected on paper: a batch records where and when; its signatures are rows
  // like any other (verified, counted, exported), pointing at their batch.
  await db.schema
    .createTable("paper_batches")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('counts', 'named')`))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("collected_on", "date", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull().check(sql`total > 0`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("paper_batches_campaign").on("paper_batches").columns(["campaign_id", "id"]).execute();
  await db.schema
    .alterTable("signatures")
    .addColumn("paper_batch_id", "integer", (c) => c.references("paper_batches.id").onDelete("restrict"))
    .execute();
  await sql`create index signatures_paper on signatures (campaign_id, paper_batch_id) where paper_batch_id is not null`.execute(
    db,
  );

  // Charts and the digest: a campaign's counted signatures by time, with the channel that
  // brought them, read from the index alone.
  await sql`create index signatures_verified_time on signatures (campaign_id, verified_at) include (ref, paper_batch_id)
    where state = 'verified'`.execute(db);

  // Follow-up letters: one invitation per earlier signature and follow-up campaign, used once.
  await db.schema
    .createTable("follow_up_invitations")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("signature_id", "integer", (c) => c.notNull().references("signatures.id").onDelete("cascade"))
    .addColumn("new_signature_id", "integer", (c) => c.references("signatures.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("used_at", "timestamptz")
    .addUniqueConstraint("follow_up_invitations_once", ["campaign_id", "signature_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("follow_up_invitations").execute();
  await sql`drop index signatures_verified_time`.execute(db);
  await sql`drop index signatures_paper`.execute(db);
  await db.schema.alterTable("signatures").dropColumn("paper_batch_id").execute();
  await db.schema.dropTable("paper_batches").execute();
  await db.schema.alterTable("campaign_members").dropColumn("digest_sent_on").dropColumn("daily_digest").execute();
  await db.schema.dropTable("campaign_answer_translations").execute();
  await sql`alter table campaigns drop constraint campaigns_due_after_delivery`.execute(db);
  await sql`alter table campaigns drop constraint campaigns_follow_up_not_self`.execute(db);
  await db.schema
    .alterTable("campaigns")
    .dropColumn("follow_up_of")
    .dropColumn("answer_document_url")
    .dropColumn("answered_on")
    .dropColumn("response_due_on")
    .execute();
}
