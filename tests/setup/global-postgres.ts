import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { TestProject } from "vitest/node";
import { migrateToLatest } from "../../app/utils/db.server";
import type { Database } from "../../db/schema";
import { LOCAL_POSTGRES, templateUrl } from "./postgres-urls";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated template database on the real server, or "" when PostgreSQL tests are skipped. */
    pgTemplateUrl: string;
    pgSkipReason: string;
    /** The server's maintenance connection, for CREATE/DROP DATABASE. */
    pgBaseUrl: string;
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Once per run: create a migrated template database; each test file clones it
 * (CREATE DATABASE … TEMPLATE), which takes milliseconds and isolates files completely.
 */
export default async function setup(project: TestProject) {
  const explicit = process.env.TEST_DATABASE_URL;
  if (explicit === "skip") {
    project.provide("pgTemplateUrl", "");
    project.provide("pgBaseUrl", "");
    project.provide("pgSkipReason", "TEST_DATABASE_URL=skip");
    return;
  }
  const base = explicit || LOCAL_POSTGRES;
  if (!(await reachable(base))) {
    if (explicit) throw new Error(`TEST_DATABASE_URL is set but PostgreSQL does not answer at ${explicit}`);
    console.warn(
      `[tests] no PostgreSQL at ${LOCAL_POSTGRES}: PostgreSQL data tests are skipped (set TEST_DATABASE_URL)`,
    );
    project.provide("pgTemplateUrl", "");
    project.provide("pgBaseUrl", "");
    project.provide("pgSkipReason", "no PostgreSQL server reachable");
    return;
  }
  const template = templateUrl(base);
  const templateName = new URL(template).pathname.slice(1);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists "${templateName}" with (force)`);
  await admin.query(`create database "${templateName}"`);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: template, max: 1 }) }),
  });
  await migrateToLatest(db);
  await db.destroy();
  project.provide("pgTemplateUrl", template);
  project.provide("pgBaseUrl", base);
  project.provide("pgSkipReason", "");

  return async () => {
    await admin.query(`drop database if exists "${templateName}" with (force)`).catch(() => undefined);
    await admin.end();
  };
}
