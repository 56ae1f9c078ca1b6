import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet, type Transaction } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { migrations } from "../../db/migrations/index";
import type { Database } from "../../db/schema";
import { asUnavailable } from "./availability.server";
import { getConfig } from "./env.server";

export type DB = Kysely<Database>;
/** What every model function takes first: the database, or the caller's transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
/** A function that needs this type must run inside the caller's transaction (it locks rows). */
export type Tx = Transaction<Database>;

const DATE_OID = 1082;
const keepDateAsString = (value: string) => value;

/**
 * The pool as Kysely sees it, with connection failures (on connect or mid-query) turned
 * into a 503 Response, so a request during a database restart gets a clear "try again".
 */
function unavailableAware(pool: pg.Pool): pg.Pool {
  const wrapClient = (client: pg.PoolClient): pg.PoolClient =>
    new Proxy(client, {
      get(target, property, receiver) {
        if (property !== "query") return Reflect.get(target, property, receiver);
        return (...args: Parameters<pg.PoolClient["query"]>) => {
          const result = (target.query as (...a: unknown[]) => unknown)(...args);
          return result instanceof Promise
            ? result.catch((error: unknown) => {
                throw asUnavailable(error);
              })
            : result;
        };
      },
    });
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== "connect") return Reflect.get(target, property, receiver);
      return async () => {
        try {
          return wrapClient(await target.connect());
        } catch (error) {
          throw asUnavailable(error);
        }
      };
    },
  });
}

export interface DbTarget {
  /** A postgres:// URL, or undefined for embedded PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; "memory://" for a throwaway database. */
  pgliteDir?: string;
  poolSize?: number;
}

/** Opens Kysely on node-postgres (with a URL) or on PGlite (without). */
export function createDb(target: DbTarget): DB {
  if (target.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: target.databaseUrl,
      max: target.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      // `date` columns stay YYYY-MM-DD strings: no time zone can shift a birthday.
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === DATE_OID ? keepDateAsString : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // A client losing its server (restart, failover) must not crash the process: pg-pool
    // listens on idle clients only, so checked-out ones (say, inside a transaction between
    // two statements) get a listener of their own. The next query on them fails, as a 503.
    pool.on("error", (error) => console.warn(`[db] idle client error: ${error.message}`));
    pool.on("connect", (client) => {
      client.on("error", (error) => console.warn(`[db] client error: ${error.message}`));
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: unavailableAware(pool) }) });
  }
  const dir = target.pgliteDir ?? "memory://";
  if (!dir.startsWith("memory://")) fs.mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir, { parsers: { [DATE_OID]: keepDateAsString } });
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}

// Kept on globalThis so Vite's module reloads in development reuse the open database
// (PGlite allows one owner of its directory).
const holder = globalThis as typeof globalThis & { __undersignedDb?: DB };

/** The process-wide database, opened from the configuration on first use. */
export function getDb(): DB {
  if (!holder.__undersignedDb) {
    const config = getConfig();
    holder.__undersignedDb = createDb({
      databaseUrl: config.databaseUrl,
      pgliteDir: path.join(config.dataDir, "pgdata"),
      poolSize: config.databasePoolSize,
    });
  }
  return holder.__undersignedDb;
}

/** Makes `db` the process-wide database (tests point services at their own database). */
export function setDb(db: DB | undefined): void {
  holder.__undersignedDb = db;
}

export async function closeDb(): Promise<void> {
  const db = holder.__undersignedDb;
  holder.__undersignedDb = undefined;
  await db?.destroy();
}

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
