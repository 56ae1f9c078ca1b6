import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "../../db/schema";
import { afterAll, beforeAll, expect, it } from "vitest";
import { totalForCampaign } from "~/models/signature.server";
import { confirmSignature, submitSignature } from "~/services/signing.server";
import { setDb, type DB } from "~/utils/db.server";
import { resetConfig } from "~/utils/env.server";
import { clearShortCaches } from "~/utils/short-cache.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { createCampaign } from "../factories";
import { freshIps, linksIn, queuedMails, signatureForm, validFields } from "../signing-helpers";

/**
 * What a signature costs PostgreSQL (issue 14: "sign in about one round trip"): every statement
 * the app sends on its own connections, BEGIN and COMMIT included, counted by Kysely's query
 * log on a connection to the test database, with the caches on as in production. (The
 * rate-limit buckets are a single statement on a pool of their own: tests/data/rate-limit.test.ts.)
 * Counts statements, not time: a new look-up on these paths fails here. PostgreSQL only: it is
 * where the load goes, and the embedded database's driver has no query log to count with.
 */

const freshIp = freshIps(88);

describeEachDatabase("round trips of signing and confirming", (getDb, kind, info) => {
  useAppServices(getDb, info);
  let plain: DB;
  let logged: Kysely<Database> | undefined;
  let statements: string[] = [];

  beforeAll(() => {
    process.env.NODE_ENV = "development";
    resetConfig();
    clearShortCaches();
    plain = getDb();
    if (info().databaseUrl) {
      logged = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: info().databaseUrl, max: 2 }) }),
        log: (event) => {
          if (event.level === "query") statements.push(event.query.sql.trim().split(/\s+/, 1)[0]!.toLowerCase());
        },
      });
    }
  });

  afterAll(async () => {
    setDb(plain);
    await logged?.destroy();
    process.env.NODE_ENV = "test";
    resetConfig();
    clearShortCaches();
  });

  /** Runs `work` on the logged connection, answering its result and the statements it sent. */
  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    statements = [];
    setDb(logged!);
    try {
      const result = await work();
      return { result, statements };
    } finally {
      setDb(plain);
    }
  }

  // On the embedded database: nothing to count with (see above), said as a skip rather than hidden.
  const onPostgres = kind === "postgres" ? it : it.skip;

  onPostgres("a signature is its row and its mail job, in one transaction, and nothing else", async () => {
    const campaign = await createCampaign(plain, { slug: `round-trips-sign-${kind}` });
    const sign = () => submitSignature(campaign.slug, "en", signatureForm(validFields()), freshIp());
    expect((await sign()).kind).toBe("accepted"); // the signing context is now cached, as under load
    const { result, statements } = await counted(sign);
    expect(result.kind).toBe("accepted");
    // The pending row, then pg-boss's one statement for the mail job (the mail is rendered by the worker).
    expect(statements).toEqual(["begin", "insert", "insert", "commit"]);
  });

  onPostgres("a confirmation is one transaction that also knows the signer's position: no look-up after it", async () => {
    const campaign = await createCampaign(plain, { slug: `round-trips-confirm-${kind}` });
    for (let i = 0; i < 3; i++) {
      expect((await submitSignature(campaign.slug, "en", signatureForm(validFields()), freshIp())).kind).toBe("accepted");
    }
    const links = (await queuedMails(plain)).slice(-3).map((m) => linksIn(m.text).confirm!);
    await confirmSignature(links[0]!);
    await confirmSignature(links[1]!);
    const { result, statements } = await counted(() => confirmSignature(links[2]!));
    expect(result).toMatchObject({ kind: "confirmed", slug: campaign.slug, position: 3 });
    expect(await totalForCampaign(plain, campaign.id)).toBe(3);
    // The row with its campaign's slug, locked; the move to verified; the counter moved, with the total.
    expect(statements).toEqual(["begin", "select", "with", "with", "commit"]);
  });
});
