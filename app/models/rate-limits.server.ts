import { sql } from "kysely";
import type { Executor } from "~/utils/db.server";

/**
 * Fixed-window rate limits in PostgreSQL (`rate_limits`, migration 0016), shared by every app
 * instance. A row is one bucket: the points taken in its current window and the window's end
 * (epoch milliseconds, from the app's clock).
 */

export interface BucketCheck {
  key: string;
  /** Points allowed per window. */
  limit: number;
  windowMs: number;
}

export type TakeOutcome = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Takes one point from every bucket, or from none: in one statement, which locks the
 * buckets that exist (in key order, so two requests sharing buckets cannot deadlock), checks
 * them all, and only when every one has a point left takes a point from each (a bucket met
 * for the first time, or whose window ended, starts a new window). A refused request spends
 * nothing, in any bucket. Two first requests racing on a bucket that does not exist yet can
 * both pass its check; the insert then counts both.
 */
export async function takePoints(db: Executor, checks: readonly BucketCheck[], nowMs: number): Promise<TakeOutcome> {
  if (checks.length === 0) return { allowed: true };
  const keys = checks.map((c) => c.key);
  const { rows } = await sql<{ allowed: boolean; retry_ms: string | number | null }>`
    with wanted as (
      select key, lim, win from unnest(${keys}::text[], ${checks.map((c) => c.limit)}::bigint[],
                                       ${checks.map((c) => c.windowMs)}::bigint[]) as w(key, lim, win)
    ),
    held as (
      select key, points, expire from rate_limits where key = any(${keys}::text[]) order by key for update
    ),
    state as (
      select w.key, w.lim, w.win,
             case when h.expire > ${nowMs}::bigint then h.points else 0 end as used,
             h.expire
      from wanted w left join held h using (key)
    ),
    verdict as (select bool_and(used < lim) as allowed from state),
    taken as (
      insert into rate_limits (key, points, expire)
      select key, 1, ${nowMs}::bigint + win from state where (select allowed from verdict) order by key
      on conflict (key) do update set
        points = case when rate_limits.expire > ${nowMs}::bigint then rate_limits.points + 1 else 1 end,
        expire = case when rate_limits.expire > ${nowMs}::bigint then rate_limits.expire else excluded.expire end
      returning 1
    )
    select (select allowed from verdict) as allowed,
           (select max(expire - ${nowMs}::bigint) from state where used >= lim) as retry_ms,
           (select count(*) from taken) as taken`.execute(db);
  const row = rows[0]!;
  if (row.allowed) return { allowed: true };
  return { allowed: false, retryAfterMs: Math.max(0, Number(row.retry_ms ?? 0)) };
}

/** Gives one point back to a bucket whose window is still running. */
export async function givePointBack(db: Executor, key: string, nowMs: number): Promise<void> {
  await db
    .updateTable("rate_limits")
    .set({ points: sql`greatest(points - 1, 0)` })
    .where("key", "=", key)
    .where("expire", ">", String(nowMs))
    .execute();
}

/** Forgets buckets whose window has ended (a sweep): they hold nothing a check still needs. */
export async function deleteEndedBuckets(db: Executor, nowMs: number): Promise<number> {
  const result = await db.deleteFrom("rate_limits").where("expire", "<=", String(nowMs)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
