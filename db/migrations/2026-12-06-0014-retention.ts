import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // Retention (issue 12, part 3): days after a campaign is closed or delivered until what
  // identifies its signers is erased; when the owners were reminded to export; when it ran.
  // A run or reminder older than the campaign's last close does not count (it was reopened).
  await db.schema
    .alterTable("campaigns")
    .addColumn("retention_days", "integer", (c) =>
      c
        .notNull()
        .defaultTo(90)
        .check(sql`retention_days between 30 and 365`),
    )
    .addColumn("retention_reminded_at", "timestamptz")
    .addColumn("retention_queued_at", "timestamptz")
    .addColumn("retention_ran_at", "timestamptz")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("campaigns")
    .dropColumn("retention_ran_at")
    .dropColumn("retention_queued_at")
    .dropColumn("retention_reminded_at")
    .dropColumn("retention_days")
    .execute();
}
