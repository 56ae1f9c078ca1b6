import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

/** Withdrawn ISO 3166-1 codes the sign form used to offer, and today's code of the same country. */
const WITHDRAWN_COUNTRIES: Record<string, string> = { DY: "BJ", HV: "BF", NH: "VU", RH: "ZW", VD: "VN" };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // Signatures stored with a withdrawn country code move to today's code (the form listed
  // five countries twice); the counters are rebuilt below.
  for (const [old, current] of Object.entries(WITHDRAWN_COUNTRIES)) {
    await db.updateTable("signatures").set({ country: current }).where("country", "=", old).execute();
  }

  // "Counted only" signers add to the total and to nothing broken down by group or country:
  // their counter shards are apart (listed = false), so public per-group and per-country
  // numbers read only listed = true. The counters are rebuilt from the rows.
  await db.schema
    .alterTable("signature_counts")
    .addColumn("listed", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();
  await sql`alter table signature_counts drop constraint signature_counts_pk`.execute(db);
  await sql`alter table signature_counts add constraint signature_counts_pk
            primary key (campaign_id, group_id, country, listed, shard)`.execute(db);
  await sql`delete from signature_counts`.execute(db);
  await sql`
    insert into signature_counts (campaign_id, group_id, country, listed, shard, count)
    select campaign_id, group_id, country, visibility <> 'counted', 0, count(*)::int
    from signatures where state = 'verified'
    group by campaign_id, group_id, country, visibility <> 'counted'`.execute(db);

  // One reminder to confirm, never a second: when it was sent. The reminder carries the same
  // link as the first mail: the link is derived from a random seed with the server's secret
  // (a leaked dump holds seeds, useless without the secret; only the link's hash is compared).
  await db.schema
    .alterTable("signatures")
    .addColumn("reminded_at", "timestamptz")
    .addColumn("link_seed", "text")
    .execute();
  await sql`create index signatures_unreminded on signatures (created_at)
            where state = 'pending' and email_confirmed_at is null and reminded_at is null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index signatures_unreminded`.execute(db);
  await db.schema.alterTable("signatures").dropColumn("link_seed").dropColumn("reminded_at").execute();
  await sql`alter table signature_counts drop constraint signature_counts_pk`.execute(db);
  await db.schema.alterTable("signature_counts").dropColumn("listed").execute();
  await sql`delete from signature_counts`.execute(db);
  await sql`alter table signature_counts add constraint signature_counts_pk
            primary key (campaign_id, group_id, country, shard)`.execute(db);
  await sql`
    insert into signature_counts (campaign_id, group_id, country, shard, count)
    select campaign_id, group_id, country, 0, count(*)::int
    from signatures where state = 'verified' group by campaign_id, group_id, country`.execute(db);
}
