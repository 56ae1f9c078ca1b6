import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { startJobs, stopJobs } from "../../app/jobs/worker.server";
import { createDb, migrateToLatest, setDb, type DB } from "../../app/utils/db.server";
import { withDatabaseName } from "./postgres-urls";

export type DatabaseKind = "pglite" | "postgres";

/** A fresh, migrated database of each kind, for one test file. */
async function openFresh(kind: DatabaseKind): Promise<{ db: DB; databaseUrl?: string; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const db = createDb({ pgliteDir: "memory://" });
    await migrateToLatest(db);
    return { db, drop: async () => db.destroy() };
  }
  const template = inject("pgTemplateUrl");
  const templateName = new URL(template).pathname.slice(1);
  const name = `${templateName.replace(/_tpl$/, "")}_t${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: inject("pgBaseUrl") });
  await admin.connect();
  await admin.query(`create database "${name}" template "${templateName}"`);
  await admin.end();
  const databaseUrl = withDatabaseName(template, name);
  const db = createDb({ databaseUrl, poolSize: 5 });
  return {
    db,
    databaseUrl,
    drop: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: inject("pgBaseUrl") });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

/** About the current database; `databaseUrl` is set for PostgreSQL only (for a second connection). */
export interface DatabaseInfo {
  databaseUrl?: string;
}

/**
 * Runs the same suite against embedded PGlite and the real PostgreSQL server, each with a
 * database of its own for this file. `getDb()` inside tests returns the current one.
 */
export function describeEachDatabase(
  name: string,
  suite: (getDb: () => DB, kind: DatabaseKind, info: () => DatabaseInfo) => void,
) {
  for (const kind of ["pglite", "postgres"] as const) {
    const skipReason = kind === "postgres" ? inject("pgSkipReason") : "";
    const block = skipReason ? describe.skip : describe;
    block(`${name} [${kind}]`, () => {
      let current: { db: DB; databaseUrl?: string; drop: () => Promise<void> } | undefined;
      beforeAll(async () => {
        current = await openFresh(kind);
      });
      afterAll(async () => {
        await current?.drop();
      });
      suite(
        () => {
          if (!current) throw new Error("database not ready");
          return current.db;
        },
        kind,
        () => {
          if (!current) throw new Error("database not ready");
          return { databaseUrl: current.databaseUrl };
        },
      );
    });
  }
}

/**
 * Points the app's services at this suite's database and starts the job queue (without a
 * worker, so queued mails stay in the queue for tests to read), for the suite's lifetime.
 */
export function useAppServices(getDb: () => DB, info: () => DatabaseInfo) {
  beforeAll(async () => {
    setDb(getDb());
    await startJobs({ work: false, databaseUrl: info().databaseUrl });
  });
  afterAll(async () => {
    await stopJobs();
    setDb(undefined);
  });
}
