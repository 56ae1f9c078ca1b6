import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // Where the organizer lands after the link and the second factor (an organizer path, or
  // null for the dashboard), and whether the link was asked for on the sign-in page
  // (15 minutes) or came with an invitation (7 days).
  await db.schema
    .alterTable("login_tokens")
    .addColumn("next_path", "text", (c) => c.check(sql`next_path like '/organizer%'`))
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .defaultTo("login")
        .check(sql`kind in ('login', 'invitation')`),
    )
    .execute();
  // The last accepted TOTP time step (unix time / 30 s): a code from that step or an
  // earlier one is a replay and is refused.
  await db.schema.alterTable("organizers").addColumn("totp_last_step", "integer").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organizers").dropColumn("totp_last_step").execute();
  await db.schema.alterTable("login_tokens").dropColumn("kind").dropColumn("next_path").execute();
}
