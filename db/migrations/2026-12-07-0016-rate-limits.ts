import { sql, type Kysely } from "kysely";

// Frozen: never import app code here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  // Rate-limit points shared by every app instance on PostgreSQL (issue 14): all of a
  // request's buckets are checked and taken in one statement (app/models/rate-limits.server.ts).
  // The table was created by rate-limiter-flexible before, with the same columns (a key,
  // the points taken in the current window, its end in epoch milliseconds). Unlogged: a
  // point need not survive a crash of the database, and it then costs no WAL.
  await sql`create unlogged table if not exists rate_limits (
    key varchar(255) primary key,
    points integer not null default 0,
    expire bigint
  )`.execute(db);
  await sql`alter table rate_limits set unlogged`.execute(db);
  await sql`create index if not exists rate_limits_expire on rate_limits (expire)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists rate_limits_expire`.execute(db);
}
