import { afterAll, beforeAll, expect, it } from "vitest";
import { deleteEndedBuckets, takePoints } from "~/models/rate-limits.server";
import { closeRateLimits, consume, RateLimited, tryConsume } from "~/services/rate-limit.server";
import { resetConfig } from "~/utils/env.server";
import { describeEachDatabase } from "../setup/databases";
import { closedPort } from "../smtp";

describeEachDatabase("rate limits", (getDb, kind, info) => {
  beforeAll(async () => {
    // Rate limits read the configuration: on PostgreSQL they live in the database.
    if (info().databaseUrl) process.env.DATABASE_URL = info().databaseUrl;
    resetConfig();
    await closeRateLimits();
  });

  afterAll(async () => {
    await closeRateLimits();
    delete process.env.DATABASE_URL;
    resetConfig();
  });

  it("lets the allowed number through, then answers with a retry time", async () => {
    const key = `burst-${kind}`;
    for (let i = 0; i < 10; i++) await consume(["signIpBurst", key]);
    const refused = await consume(["signIpBurst", key]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as RateLimited).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("spends nothing in any bucket when one of them refuses the request", async () => {
    const ip = `ip-${kind}`;
    const email = `email-${kind}`;
    for (let i = 0; i < 10; i++) await consume(["signIpBurst", ip]);
    // The IP's burst is spent: this request is refused, and must not take the address's point.
    for (let i = 0; i < 3; i++) {
      await expect(consume(["signIpBurst", ip], ["signEmail", email])).rejects.toBeInstanceOf(RateLimited);
    }
    // So the address still has all five of its points (the sixth is refused).
    for (let i = 0; i < 5; i++) expect(await tryConsume("signEmail", email)).toBe(true);
    expect(await tryConsume("signEmail", email)).toBe(false);
  });

  it("never lets more than the limit through when requests arrive together", async () => {
    const key = `together-${kind}`;
    await consume(["signIpBurst", key]); // the bucket exists: the rest queue on its lock
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => tryConsume("signIpBurst", key)));
    expect(outcomes.filter(Boolean)).toHaveLength(9);
  });

  it("keeps its buckets in one statement on the table: windows, the longest wait, all or none", async () => {
    // The table's model works the same on both databases (the embedded one keeps buckets in memory).
    const db = getDb();
    const t0 = 1_000_000;
    const a = { key: `model-a-${kind}`, limit: 2, windowMs: 60_000 };
    const b = { key: `model-b-${kind}`, limit: 5, windowMs: 3_600_000 };
    expect(await takePoints(db, [a, b], t0)).toEqual({ allowed: true });
    expect(await takePoints(db, [a, b], t0 + 1_000)).toEqual({ allowed: true });
    // a is spent: refused with a's remaining window, and b keeps its 3 points.
    expect(await takePoints(db, [a, b], t0 + 10_000)).toEqual({ allowed: false, retryAfterMs: 50_000 });
    const rows = await db.selectFrom("rate_limits").select(["key", "points"]).where("key", "in", [a.key, b.key]).orderBy("key").execute();
    expect(rows).toEqual([
      { key: a.key, points: 2 },
      { key: b.key, points: 2 },
    ]);
    // a's window ends: a new one starts with this point.
    expect(await takePoints(db, [a, b], t0 + 60_000)).toEqual({ allowed: true });
    const after = await db.selectFrom("rate_limits").select(["key", "points", "expire"]).where("key", "=", a.key).executeTakeFirstOrThrow();
    expect(after.points).toBe(1);
    expect(Number(after.expire)).toBe(t0 + 120_000);
    // Limits beyond 32 bits (a campaign's ceiling times the benchmarks' RATE_LIMIT_SCALE) are limits too.
    const huge = { key: `model-huge-${kind}`, limit: 6_000_000_000, windowMs: 60_000 };
    expect(await takePoints(db, [huge], t0)).toEqual({ allowed: true });
    // Ended windows are swept; running ones stay.
    expect(await deleteEndedBuckets(db, t0 + 130_000)).toBeGreaterThanOrEqual(1);
    const left = await db
      .selectFrom("rate_limits")
      .select("key")
      .where("key", "in", [a.key, b.key, huge.key])
      .execute();
    expect(left).toEqual([{ key: b.key }]);
  });

  if (kind === "postgres") {
    it("answers 503 (not a crash) when the database is away the first time a process needs its limits", async () => {
      const saved = process.env.DATABASE_URL;
      process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`;
      resetConfig();
      await closeRateLimits();
      try {
        const refused = await consume(["signIpBurst", "during-outage"]).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(Response);
        expect((refused as Response).status).toBe(503);
      } finally {
        await closeRateLimits();
        process.env.DATABASE_URL = saved;
        resetConfig();
      }
      // Back: the next request builds the limiters and counts again.
      await expect(consume(["signIpBurst", "after-outage"])).resolves.toBeUndefined();
    });

    it("is shared: a second app instance sees the points the first one spent", async () => {
      const key = "shared-between-instances";
      for (let i = 0; i < 10; i++) await consume(["signIpBurst", key]);
      await closeRateLimits(); // as if this were another process starting fresh
      await expect(consume(["signIpBurst", key])).rejects.toBeInstanceOf(RateLimited);
      await expect(consume(["signIpBurst", "someone-else"])).resolves.toBeUndefined();
    });
  }
});
