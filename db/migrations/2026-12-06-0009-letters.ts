import { sql, type Kysely } from "kysely";

// Frozen: never import app code here. Vocabularies as they are on this date.
const LOCALES = ["en", "ru", "fr", "de", "es", "uk"];
const MEMBER_ROLES = ["owner", "editor", "moderator", "viewer", "translator"];
const OLD_MEMBER_ROLES = ["owner", "editor", "moderator", "viewer"];
const LETTER_STATES = [
  "submitted",
  "approved",
  "rejected",
  "translated",
  "batched",
  "posted",
  "delivered",
  "returned",
  "answered",
];
const TRANSLATION_KINDS = ["original", "human", "machine"];
const BATCH_STATES = ["prepared", "posted", "delivered", "returned"];
const POSTING_METHODS = ["paper", "electronic"];

function oneOf(column: string, values: string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
async function replaceRoleCheck(db: Kysely<any>, roles: string[]) {
  // The initial migration's CHECK has PostgreSQL's default name.
  await sql`alter table campaign_members drop constraint if exists campaign_members_role_check`.execute(db);
  await sql`alter table campaign_members add constraint campaign_members_role_check check (${oneOf("role", roles)})`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await replaceRoleCheck(db, MEMBER_ROLES);

  // One row per prisoner who may get letters through the site.
  await db.schema
    .createTable("prisoner_letter_settings")
    .addColumn("prisoner_id", "integer", (c) => c.primaryKey().references("prisoners.id").onDelete("cascade"))
    .addColumn("accepting", "boolean", (c) => c.notNull().defaultTo(false))
    // Exactly as it must be written on the envelope, in the script the prison requires.
    .addColumn("address_block", "text", (c) => c.notNull().defaultTo(""))
    // The prisoner's full name (and year of birth) as the prison wants it on the letter.
    .addColumn("name_line", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("required_language", "text", (c) =>
      c.notNull().defaultTo("ru").check(oneOf("required_language", LOCALES)),
    )
    .addColumn("accepted_languages", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{en,ru,fr,de,es,uk}'::text[]`))
    .addColumn("max_length", "integer", (c) =>
      c
        .notNull()
        .defaultTo(3000)
        .check(sql`max_length between 100 and 10000`),
    )
    .addColumn("electronic_service", "boolean", (c) => c.notNull().defaultTo(false))
    // Month and day ("MM-DD") when known: birthday cards are announced 30 days ahead.
    .addColumn("birthday", "text", (c) => c.check(sql`birthday ~ '^[01][0-9]-[0-3][0-9]$'`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  // Per interface language: the guidance writers read, the public reason letters are closed,
  // and the word list that flags letters written in that language.
  await db.schema
    .createTable("prisoner_letter_texts")
    .addColumn("prisoner_id", "integer", (c) => c.notNull().references("prisoners.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("guidance", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("closed_reason", "text", (c) => c.notNull().defaultTo(""))
    // null: the default list of app/domain/letters.ts
    .addColumn("flag_words", sql`text[]`)
    .addPrimaryKeyConstraint("prisoner_letter_texts_pk", ["prisoner_id", "locale"])
    .execute();

  await db.schema
    .createTable("letter_batches")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("prisoner_id", "integer", (c) => c.notNull().references("prisoners.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("prepared").check(oneOf("state", BATCH_STATES)))
    .addColumn("include_original", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("method", "text", (c) => c.check(oneOf("method", POSTING_METHODS)))
    .addColumn("posted_on", "date")
    .addColumn("reference", "text")
    .addColumn("cost_cents", "integer", (c) => c.check(sql`cost_cents >= 0`))
    .addColumn("currency", "text", (c) => c.check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn("outcome_on", "date")
    .addColumn("created_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("letter_batches_prisoner").on("letter_batches").columns(["prisoner_id", "id"]).execute();

  await db.schema
    .createTable("letters")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("prisoner_id", "integer", (c) => c.notNull().references("prisoners.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("submitted").check(oneOf("state", LETTER_STATES)))
    .addColumn("language", "text", (c) => c.notNull().check(oneOf("language", LOCALES)))
    // The interface language the writer used: their mails are written in it.
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("writer_name", "text", (c) => c.notNull())
    .addColumn("writer_country", "text", (c) => c.notNull().check(sql`writer_country ~ '^[A-Z]{2}$'`))
    // Only organizers see it; used only to confirm the address and to pass on a reply.
    .addColumn("writer_email", "text")
    .addColumn("email_canonical", "text")
    .addColumn("email_confirmed_at", "timestamptz")
    .addColumn("confirm_token_hash", "text", (c) => c.unique())
    .addColumn("publish_consent", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("public_excerpt", "text")
    .addColumn("flags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("translation", "text")
    .addColumn("translation_kind", "text", (c) => c.check(oneOf("translation_kind", TRANSLATION_KINDS)))
    .addColumn("translated_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("translation_checked_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("translation_checked_at", "timestamptz")
    .addColumn("reject_reason", "text")
    .addColumn("batch_id", "integer", (c) => c.references("letter_batches.id").onDelete("set null"))
    .addColumn("review_reason", "text")
    .addColumn("ip_hash", "text")
    .addColumn("ip_hash_expires_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("state_changed_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    // A letter past approval has its text to post; past "translated", a machine translation was checked.
    .addCheckConstraint(
      "letters_text_ready",
      sql`state in ('submitted', 'approved', 'rejected') or (translation is not null and translation_kind is not null)`,
    )
    .addCheckConstraint(
      "letters_machine_checked",
      sql`state in ('submitted', 'approved', 'rejected', 'translated')
          or translation_kind <> 'machine' or translation_checked_at is not null`,
    )
    .addCheckConstraint("letters_batched_in_batch", sql`state <> 'batched' or batch_id is not null`)
    .execute();
  await db.schema.createIndex("letters_prisoner_state").on("letters").columns(["prisoner_id", "state", "id"]).execute();
  await db.schema.createIndex("letters_batch").on("letters").column("batch_id").execute();

  await db.schema
    .createTable("letter_replies")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("prisoner_id", "integer", (c) => c.notNull().references("prisoners.id").onDelete("cascade"))
    .addColumn("batch_id", "integer", (c) => c.references("letter_batches.id").onDelete("set null"))
    .addColumn("letter_id", "integer", (c) => c.references("letters.id").onDelete("set null"))
    .addColumn("received_on", "date", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
    // Whether the text is passed on to the writers in the mail that tells them of the reply.
    .addColumn("pass_on", "boolean", (c) => c.notNull().defaultTo(false))
    // A scan re-encoded as WebP without metadata; served to organizers only.
    .addColumn("scan", "bytea")
    .addColumn("scan_width", "integer")
    .addColumn("scan_height", "integer")
    .addColumn("writers_notified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("letter_replies_target", sql`batch_id is not null or letter_id is not null`)
    .execute();
  await db.schema.createIndex("letter_replies_prisoner").on("letter_replies").columns(["prisoner_id", "id"]).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("letter_replies").execute();
  await db.schema.dropTable("letters").execute();
  await db.schema.dropTable("letter_batches").execute();
  await db.schema.dropTable("prisoner_letter_texts").execute();
  await db.schema.dropTable("prisoner_letter_settings").execute();
  await sql`delete from campaign_members where role = 'translator'`.execute(db);
  await replaceRoleCheck(db, OLD_MEMBER_ROLES);
}
