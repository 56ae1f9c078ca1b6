import { sql, type Kysely } from "kysely";

// Frozen: never import app code here. Vocabularies are copied as they were on this date;
// a later change to a vocabulary gets a new migration that replaces the CHECK constraint.
const LOCALES = ["en", "ru", "fr", "de", "es", "uk"];
const PRISONER_STATUSES = ["detained", "sentenced", "released", "in_exile"];
const CAMPAIGN_KINDS = ["open_letter", "petition"];
const CAMPAIGN_STATUSES = ["draft", "open", "closed", "delivered"];
const TRANSLATION_STATUSES = ["original", "reviewed", "machine"];
const SIGNATURE_STATES = ["pending", "verified", "hidden", "invalidated", "withdrawn"];
const VISIBILITIES = ["public", "initials", "anonymous", "counted"];
const MEMBER_ROLES = ["owner", "editor", "moderator", "viewer"];

function oneOf(column: string, values: string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;

  await db.schema
    .createTable("prisoners")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull().check(oneOf("status", PRISONER_STATUSES)))
    .addColumn("born_on", "date")
    .addColumn("detained_on", "date")
    .addColumn("photo_path", "text")
    .addColumn("mailing_address", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("prisoners_slug_format", sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
    .execute();

  await db.schema
    .createTable("prisoner_translations")
    .addColumn("prisoner_id", "integer", (c) => c.notNull().references("prisoners.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("status", "text", (c) => c.notNull().check(oneOf("status", TRANSLATION_STATUSES)))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("bio", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("facility", "text")
    .addPrimaryKeyConstraint("prisoner_translations_pk", ["prisoner_id", "locale"])
    .execute();

  await db.schema
    .createTable("prisoner_events")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("prisoner_id", "integer", (c) => c.notNull().references("prisoners.id").onDelete("cascade"))
    .addColumn("occurred_on", "date", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("prisoner_events_prisoner")
    .on("prisoner_events")
    .columns(["prisoner_id", "occurred_on"])
    .execute();

  await db.schema
    .createTable("prisoner_event_translations")
    .addColumn("event_id", "integer", (c) => c.notNull().references("prisoner_events.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("prisoner_event_translations_pk", ["event_id", "locale"])
    .execute();

  await db.schema
    .createTable("campaigns")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(oneOf("kind", CAMPAIGN_KINDS)))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(oneOf("status", CAMPAIGN_STATUSES)))
    .addColumn("canonical_locale", "text", (c) => c.notNull().check(oneOf("canonical_locale", LOCALES)))
    .addColumn("goal", "integer", (c) => c.check(sql`goal is null or goal > 0`))
    .addColumn("opened_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("delivered_on", "date")
    .addColumn("delivered_to", "text")
    .addColumn("delivery_response", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("campaigns_slug_format", sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
    .execute();
  await db.schema.createIndex("campaigns_status").on("campaigns").columns(["status", "opened_at"]).execute();

  // The current text per locale. `version` grows with each edit; the history lives in
  // campaign_text_versions so a signature keeps pointing at the words it signed.
  await db.schema
    .createTable("campaign_translations")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("status", "text", (c) => c.notNull().check(oneOf("status", TRANSLATION_STATUSES)))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version > 0`),
    )
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("campaign_translations_pk", ["campaign_id", "locale"])
    .execute();

  await db.schema
    .createTable("campaign_text_versions")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("campaign_text_versions_pk", ["campaign_id", "locale", "version"])
    .execute();

  await db.schema
    .createTable("campaign_prisoners")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("prisoner_id", "integer", (c) => c.notNull().references("prisoners.id").onDelete("restrict"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("campaign_prisoners_pk", ["campaign_id", "prisoner_id"])
    .execute();
  await db.schema.createIndex("campaign_prisoners_prisoner").on("campaign_prisoners").column("prisoner_id").execute();

  await db.schema
    .createTable("campaign_updates")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex("campaign_updates_campaign")
    .on("campaign_updates")
    .columns(["campaign_id", "published_at"])
    .execute();

  await db.schema
    .createTable("campaign_update_translations")
    .addColumn("update_id", "integer", (c) => c.notNull().references("campaign_updates.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("campaign_update_translations_pk", ["update_id", "locale"])
    .execute();

  await db.schema
    .createTable("signer_groups")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("signer_groups_campaign_key", ["campaign_id", "key"])
    .execute();

  await db.schema
    .createTable("signer_group_translations")
    .addColumn("group_id", "integer", (c) => c.notNull().references("signer_groups.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("label", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("signer_group_translations_pk", ["group_id", "locale"])
    .execute();

  await db.schema
    .createTable("signatures")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("group_id", "integer", (c) => c.notNull().references("signer_groups.id").onDelete("restrict"))
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_canonical", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("country", "text", (c) => c.notNull().check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn("city", "text")
    .addColumn("comment", "text")
    .addColumn("visibility", "text", (c) => c.notNull().check(oneOf("visibility", VISIBILITIES)))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("pending").check(oneOf("state", SIGNATURE_STATES)))
    .addColumn("notable", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("updates_consent", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("locale", "text", (c) => c.notNull().check(oneOf("locale", LOCALES)))
    .addColumn("text_version", "integer", (c) => c.notNull())
    .addColumn("confirm_token_hash", "text")
    .addColumn("withdraw_token_hash", "text")
    .addColumn("review_reason", "text")
    .addColumn("ref", "text")
    .addColumn("ip_hash", "text")
    .addColumn("ip_hash_expires_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("verified_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("signatures_one_per_person", ["campaign_id", "email_canonical"])
    .execute();
  // Public listing and per-group counts: verified rows of one campaign, newest first.
  await db.schema
    .createIndex("signatures_campaign_state_group")
    .on("signatures")
    .columns(["campaign_id", "state", "group_id", "verified_at"])
    .execute();
  await db.schema
    .createIndex("signatures_confirm_token")
    .on("signatures")
    .column("confirm_token_hash")
    .unique()
    .execute();
  await db.schema
    .createIndex("signatures_withdraw_token")
    .on("signatures")
    .column("withdraw_token_hash")
    .unique()
    .execute();
  await db.schema.createIndex("signatures_ip_hash").on("signatures").columns(["ip_hash", "created_at"]).execute();

  await db.schema
    .createTable("organizers")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("en").check(oneOf("locale", LOCALES)))
    .addColumn("is_admin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("totp_secret", "text")
    .addColumn("totp_enabled_at", "timestamptz")
    .addColumn("recovery_code_hashes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("disabled_at", "timestamptz")
    .addColumn("last_login_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("campaign_members")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("organizer_id", "integer", (c) => c.notNull().references("organizers.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(oneOf("role", MEMBER_ROLES)))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("campaign_members_pk", ["campaign_id", "organizer_id"])
    .execute();
  await db.schema.createIndex("campaign_members_organizer").on("campaign_members").column("organizer_id").execute();

  await db.schema
    .createTable("login_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("organizer_id", "integer", (c) => c.notNull().references("organizers.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("organizer_id", "integer", (c) => c.notNull().references("organizers.id").onDelete("cascade"))
    .addColumn("second_factor_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_organizer").on("sessions").column("organizer_id").execute();

  await db.schema
    .createTable("audit_entries")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("campaign_id", "integer", (c) => c.references("campaigns.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text")
    .addColumn("subject_id", "text")
    .addColumn("row_count", "integer")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex("audit_entries_campaign")
    .on("audit_entries")
    .columns(["campaign_id", "created_at"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_entries",
    "sessions",
    "login_tokens",
    "campaign_members",
    "organizers",
    "signatures",
    "signer_group_translations",
    "signer_groups",
    "campaign_update_translations",
    "campaign_updates",
    "campaign_prisoners",
    "campaign_text_versions",
    "campaign_translations",
    "campaigns",
    "prisoner_event_translations",
    "prisoner_events",
    "prisoner_translations",
    "prisoners",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
