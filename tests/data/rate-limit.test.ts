import { afterAll, beforeAll, expect, it } from "vitest";
import { closeRateLimits, consume, RateLimited } from "~/services/rate-limit.server";
import { resetConfig } from "~/utils/env.server";
import { describeEachDatabase } from "../setup/databases";
import { closedPort } from "../smtp";

describeEachDatabase("rate limits", (_getDb, kind, info) => {
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
