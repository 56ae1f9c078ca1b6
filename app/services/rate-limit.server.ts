import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { asUnavailable } from "~/utils/availability.server";
import { getConfig } from "~/utils/env.server";

/**
 * Limits shared by every app instance: on PostgreSQL they live in a table of their own
 * (rate-limiter-flexible), so two instances agree; the embedded database serves one
 * process, where memory is the shared store.
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

interface Limiters {
  byName: Record<LimitName, RateLimiterAbstract>;
  close: () => Promise<void>;
}

const holder = globalThis as typeof globalThis & { __undersignedLimiters?: Promise<Limiters> };

async function create(): Promise<Limiters> {
  const config = getConfig();
  const factor = config.rateLimitScale; // benchmarks sign thousands of times from 127.0.0.1
  const entries = Object.entries(LIMITS) as [LimitName, { points: number; duration: number }][];
  if (!config.databaseUrl) {
    const byName = Object.fromEntries(
      entries.map(([name, l]) => [
        name,
        new RateLimiterMemory({ keyPrefix: name, points: Math.ceil(l.points * factor), duration: l.duration }),
      ]),
    ) as unknown as Record<LimitName, RateLimiterAbstract>;
    return { byName, close: async () => undefined };
  }
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: 8,
    application_name: "undersigned-rate-limits",
    // A point taken need not survive a crash of the database: its commits do not wait for
    // the disk, which takes several fsyncs off every signature (the signature itself is
    // committed durably, on the app's own pool).
    options: "-c synchronous_commit=off",
  });
  pool.on("error", (error) => console.warn(`[rate-limit] idle client error: ${error.message}`));
  pool.on("connect", (client) => {
    client.on("error", (error) => console.warn(`[rate-limit] client error: ${error.message}`));
  });
  const byName = {} as Record<LimitName, RateLimiterAbstract>;
  let tableReady = false;
  for (const [name, l] of entries) {
    let limiter: RateLimiterPostgres | undefined;
    // The callback may run inside the constructor (table already there) or later (created).
    await new Promise<void>((resolve, reject) => {
      limiter = new RateLimiterPostgres(
        {
          storeClient: pool,
          storeType: "pool",
          tableName: "rate_limits",
          tableCreated: tableReady,
          keyPrefix: name,
          points: Math.ceil(l.points * factor),
          duration: l.duration,
          clearExpiredByTimeout: name === "signIpBurst", // one sweeper is enough
        },
        (error?: Error) => (error ? reject(error) : resolve()),
      );
    });
    byName[name] = limiter!;
    tableReady = true;
  }
  return { byName, close: () => pool.end() };
}

function limiters(): Promise<Limiters> {
  holder.__undersignedLimiters ??= create().catch((error) => {
    holder.__undersignedLimiters = undefined;
    throw error;
  });
  return holder.__undersignedLimiters;
}

/**
 * The limiters, created on first use. A process may first need them while PostgreSQL is
 * away (a worker forked before an outage gets its first request during it): that is a 503
 * like any other query, and the next request tries again.
 */
async function ready(): Promise<Limiters> {
  try {
    return await limiters();
  } catch (error) {
    throw asUnavailable(error);
  }
}

export class RateLimited extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super("rate limited");
    this.name = "RateLimited";
  }
}

/**
 * Takes one point from each named limit; throws RateLimited when any is exhausted. The
 * checks run at once (on PostgreSQL: one round trip's time for all of them, on the pool's
 * connections), so a refused request has still spent its point in the other limits.
 */
export async function consume(...checks: [LimitName, string][]): Promise<void> {
  const { byName } = await ready();
  const outcomes = await Promise.allSettled(checks.map(([name, key]) => byName[name].consume(key)));
  let retryAfterMs = -1;
  for (const outcome of outcomes) {
    if (outcome.status === "fulfilled") continue;
    const rejection: unknown = outcome.reason;
    // The shared store is PostgreSQL: when it is unreachable, so is everything else (503).
    if (!(rejection instanceof RateLimiterRes)) throw asUnavailable(rejection);
    retryAfterMs = Math.max(retryAfterMs, rejection.msBeforeNext);
  }
  if (retryAfterMs >= 0) throw new RateLimited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
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
  const { byName } = await ready();
  try {
    await byName[name].reward(key, 1);
  } catch (error) {
    throw asUnavailable(error);
  }
}

export async function closeRateLimits(): Promise<void> {
  const current = holder.__undersignedLimiters;
  holder.__undersignedLimiters = undefined;
  if (current) await (await current).close();
}
