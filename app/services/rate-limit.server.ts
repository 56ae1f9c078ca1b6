import { Kysely, PostgresDialect } from "kysely";
import { LRUCache } from "lru-cache";
import pg from "pg";
import type { Database } from "../../db/schema";
import {
  deleteEndedBuckets,
  givePointBack,
  takePoints,
  type BucketCheck,
  type TakeOutcome,
} from "~/models/rate-limits.server";
import { asUnavailable } from "~/utils/availability.server";
import { getConfig } from "~/utils/env.server";

/**
 * Limits shared by every app instance: on PostgreSQL they live in a table of their own
 * (`rate_limits`), so two instances agree; the embedded database serves one process, where
 * memory is the shared store. Either way a request's buckets are checked and taken together:
 * one statement on PostgreSQL, one synchronous step in memory, and a refused request spends
 * no point in any of them.
 */

export type LimitName =
  "signIpBurst" | "signIpDaily" | "signEmail" | "mailPerAddress" | "signCampaign" | "resend" | "secondFactor";

const LIMITS: Record<LimitName, { points: number; duration: number }> = {
  // Per IP hash: a short burst (a family behind one router) and a daily ceiling.
  signIpBurst: { points: 10, duration: 60 },
  signIpDaily: { points: 100, duration: 24 * 3600 },
  // Per canonical address: attempts to sign, and mails sent to it.
  signEmail: { points: 5, duration: 3600 },
  mailPerAddress: { points: 3, duration: 24 * 3600 },
  // Per campaign: a ceiling far above a real spike, against floods.
  signCampaign: { points: 60_000, duration: 60 },
  // "Send me a new link" requests per IP hash.
  resend: { points: 5, duration: 3600 },
  // Second-factor attempts (TOTP or recovery code) per organizer: against guessing codes.
  secondFactor: { points: 5, duration: 15 * 60 },
};

/** Where the buckets are kept. */
interface Store {
  take(checks: readonly BucketCheck[], nowMs: number): Promise<TakeOutcome>;
  giveBack(key: string, nowMs: number): Promise<void>;
  sweep(nowMs: number): Promise<void>;
  close(): Promise<void>;
}

/** One process's buckets, for the embedded database; the cache forgets a bucket when its window ends. */
function memoryStore(): Store {
  const buckets = new LRUCache<string, { points: number; expire: number }>({ max: 500_000, ttlAutopurge: false });
  const live = (key: string, nowMs: number) => {
    const bucket = buckets.get(key);
    return bucket && bucket.expire > nowMs ? bucket : undefined;
  };
  return {
    async take(checks, nowMs) {
      // No await between the check and the take: nothing else runs in between.
      let retryAfterMs = -1;
      for (const c of checks) {
        const bucket = live(c.key, nowMs);
        if (bucket && bucket.points >= c.limit) retryAfterMs = Math.max(retryAfterMs, bucket.expire - nowMs);
      }
      if (retryAfterMs >= 0) return { allowed: false, retryAfterMs };
      for (const c of checks) {
        const bucket = live(c.key, nowMs);
        if (bucket) bucket.points += 1;
        else buckets.set(c.key, { points: 1, expire: nowMs + c.windowMs }, { ttl: c.windowMs });
      }
      return { allowed: true };
    },
    async giveBack(key, nowMs) {
      const bucket = live(key, nowMs);
      if (bucket) bucket.points = Math.max(0, bucket.points - 1);
    },
    async sweep() {
      buckets.purgeStale();
    },
    async close() {
      buckets.clear();
    },
  };
}

/** The shared table, on a small pool of its own (outside any app transaction). */
function postgresStore(databaseUrl: string): Store {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 8,
    application_name: "undersigned-rate-limits",
    // A point taken need not survive a crash of the database (the table is unlogged too):
    // its commits do not wait for the disk.
    options: "-c synchronous_commit=off",
  });
  pool.on("error", (error) => console.warn(`[rate-limit] idle client error: ${error.message}`));
  pool.on("connect", (client) => {
    client.on("error", (error) => console.warn(`[rate-limit] client error: ${error.message}`));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    take: (checks, nowMs) => takePoints(db, checks, nowMs),
    giveBack: (key, nowMs) => givePointBack(db, key, nowMs),
    sweep: async (nowMs) => {
      await deleteEndedBuckets(db, nowMs);
    },
    close: () => db.destroy(),
  };
}

const holder = globalThis as typeof globalThis & { __undersignedLimits?: Store };

function store(): Store {
  if (!holder.__undersignedLimits) {
    const { databaseUrl } = getConfig();
    holder.__undersignedLimits = databaseUrl ? postgresStore(databaseUrl) : memoryStore();
  }
  return holder.__undersignedLimits;
}

/** A bucket's row key: the limit's name and the caller's key (the format rows already had). */
function bucket(name: LimitName, key: string): BucketCheck {
  const limit = LIMITS[name];
  // Benchmarks sign thousands of times from 127.0.0.1: RATE_LIMIT_SCALE multiplies the points.
  return {
    key: `${name}:${key}`,
    limit: Math.ceil(limit.points * getConfig().rateLimitScale),
    windowMs: limit.duration * 1000,
  };
}

export class RateLimited extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super("rate limited");
    this.name = "RateLimited";
  }
}

/**
 * Takes one point from each named limit, all or none; throws RateLimited (with the longest
 * wait among the exhausted ones) when any is exhausted. When the shared store is PostgreSQL
 * and it is unreachable, so is everything else: a 503.
 */
export async function consume(...checks: [LimitName, string][]): Promise<void> {
  let outcome: TakeOutcome;
  try {
    outcome = await store().take(
      checks.map(([name, key]) => bucket(name, key)),
      Date.now(),
    );
  } catch (error) {
    throw asUnavailable(error);
  }
  if (!outcome.allowed) throw new RateLimited(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)));
}

/** True when `key` still has a point left for `name` (and takes it). */
export async function tryConsume(name: LimitName, key: string): Promise<boolean> {
  try {
    await consume([name, key]);
    return true;
  } catch (error) {
    if (error instanceof RateLimited) return false;
    throw error;
  }
}

/** Gives a point back (an attempt that turned out legitimate, such as a right code). */
export async function refund(name: LimitName, key: string): Promise<void> {
  try {
    await store().giveBack(bucket(name, key).key, Date.now());
  } catch (error) {
    throw asUnavailable(error);
  }
}

/** Forgets ended windows (the sweeps job). */
export async function sweepRateLimits(): Promise<void> {
  return store().sweep(Date.now());
}

export async function closeRateLimits(): Promise<void> {
  const current = holder.__undersignedLimits;
  holder.__undersignedLimits = undefined;
  if (current) await current.close();
}
