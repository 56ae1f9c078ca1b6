import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

/**
 * Encryption at rest of what identifies a signer (issue 12). New columns only: the rows are
 * sealed afterwards by the app (`sealLegacySignatures`, at startup and `npm run keys:backfill`),
 * since only the app holds the key.
 *
 * - `sealed`: an AES-256-GCM envelope of the signer's address, name, title, city and comment;
 *   the clear columns keep only what the signer chose to publish.
 * - `key_id`: which key sealed the row (rotation works through the rows still under the old one).
 * - `email_hash`: HMAC-SHA-256 of the canonical address: one signature per person per
 *   campaign is now unique on it; `email` and `email_canonical` become empty (null).
 * - `email_domain`: the address's domain, kept for abuse review (bursts, invalidation by domain).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("signatures")
    .addColumn("sealed", "text")
    .addColumn("key_id", "text")
    .addColumn("email_hash", "text")
    .addColumn("email_domain", "text")
    .execute();
  await sql`alter table signatures alter column email drop not null`.execute(db);
  await sql`alter table signatures alter column email_canonical drop not null`.execute(db);
  await sql`create unique index signatures_one_per_hash on signatures (campaign_id, email_hash)`.execute(db);
  // Rows still to seal (key_id is null) and rows under an old key, found in id order.
  await sql`create index signatures_key_id on signatures (key_id, id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  // Sealed rows cannot be opened here (no key): going down keeps them, with their clear
  // columns empty; unseal them with the app first if they must come back in clear.
  await sql`drop index signatures_key_id`.execute(db);
  await sql`drop index signatures_one_per_hash`.execute(db);
  await sql`update signatures set email = '' where email is null`.execute(db);
  await sql`update signatures set email_canonical = 'sealed:' || id where email_canonical is null`.execute(db);
  await sql`alter table signatures alter column email set not null`.execute(db);
  await sql`alter table signatures alter column email_canonical set not null`.execute(db);
  await db.schema
    .alterTable("signatures")
    .dropColumn("email_domain")
    .dropColumn("email_hash")
    .dropColumn("key_id")
    .dropColumn("sealed")
    .execute();
}
