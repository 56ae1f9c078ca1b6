import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // The public list of one group, in display order (notable first, newest first), read
  // straight from the index without sorting the group's rows on every page view.
  await sql`
    create index signatures_listing on signatures
      (campaign_id, group_id, notable desc, verified_at desc, id desc)
      where state = 'verified' and visibility in ('public', 'initials', 'anonymous')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("signatures_listing").execute();
}
