import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { canonicalEmail } from "~/domain/email";
import { deriveKey, emailHash } from "~/utils/signer-crypto.server";
import { LOCAL_POSTGRES, withDatabaseName } from "../setup/postgres-urls";

/** Processes these tests start: the built app, and a private PostgreSQL they may restart. */

/** The signer-data key the apps these tests start run with (addresses are stored only as keyed hashes). */
export const SIGNER_KEY = Buffer.alloc(32, 9).toString("base64");

/** How an app running with `key` (base64) finds an address: the keyed hash of its canonical form. */
export function storedEmailHash(address: string, key = SIGNER_KEY): string {
  return emailHash(canonicalEmail(address), deriveKey(Buffer.from(key, "base64")));
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(200);
  }
}

export interface RunningApp {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** The production build (`npm run build` first), as `node server/start.js` runs it. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server/start.js"], {
    cwd: path.resolve(__dirname, "../.."),
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: url,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-app-")),
      SESSION_SECRET: "resilience-test-secret-0123456789abcdef",
      // Required in production on PostgreSQL (issue 12): the same on every instance.
      SIGNER_DATA_KEY: SIGNER_KEY,
      RATE_LIMIT_SCALE: "1000",
      BENCHMARK_MODE: "1",
      OPERATOR_NAME: "Load test operator",
      OPERATOR_CONTACT: "operator@example.org",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
    try {
      return (await fetch(`${url}/healthz`)).ok ? true : undefined;
    } catch {
      return undefined;
    }
  }, 60_000);
  return {
    url,
    process: child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A fresh database on the shared test server, dropped by the returned function. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL || LOCAL_POSTGRES;
  const name = `undersigned_res_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  return {
    url: withDatabaseName(base, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

const PG_BIN = (() => {
  try {
    const versions = fs.readdirSync("/usr/lib/postgresql").sort();
    const dir = `/usr/lib/postgresql/${versions.at(-1)}/bin`;
    return fs.existsSync(path.join(dir, "pg_ctl")) ? dir : undefined;
  } catch {
    return undefined;
  }
})();

/** Why a private PostgreSQL cannot be started here, or "" when it can. */
export function privatePostgresUnavailable(): string {
  if (!PG_BIN) return "PostgreSQL server binaries are not installed";
  if (process.getuid?.() !== 0) return "starting a private PostgreSQL needs root (to run it as the postgres user)";
  return "";
}

export interface PrivatePostgres {
  url: string;
  /** Stops the server (fast shutdown) without blocking this process: requests go on meanwhile. */
  halt: () => Promise<void>;
  /** Starts it again after halt(). */
  resume: () => Promise<void>;
  stop: () => void;
}

/** A throwaway cluster on its own port, so a test may restart it without disturbing others. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-pg-"));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  const asPostgres = (args: string[]) => {
    const result = spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  };
  // The same, in a child process the test does not wait on: its own event loop keeps sending.
  const asPostgresAsync = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn("runuser", ["-u", "postgres", "--", ...args], { stdio: "ignore" });
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}`))));
    });
  asPostgres([`${PG_BIN}/initdb`, "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const ctlArgs = (action: string, extra: string[] = []) => [
    `${PG_BIN}/pg_ctl`,
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ...extra,
    action,
  ];
  asPostgres(ctlArgs("start"));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    halt: () => asPostgresAsync(ctlArgs("stop", ["-m", "fast"])),
    resume: () => asPostgresAsync(ctlArgs("start")),
    stop: () => {
      try {
        asPostgres(ctlArgs("stop", ["-m", "immediate"]));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export const LETTER = "free-azat-miftakhov-mathematicians";

/** One sign submission as a browser without JavaScript sends it. */
export async function sign(appUrl: string, email: string, locale = "en"): Promise<number> {
  const body = new URLSearchParams({
    fullName: "Load Tester",
    email,
    group: "mathematicians",
    country: "FR",
    visibility: "public",
  });
  try {
    const response = await fetch(`${appUrl}/${locale}/campaigns/${LETTER}`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0; // no answer at all (connection refused or reset)
  }
}

export async function publicTotal(appUrl: string): Promise<number> {
  const response = await fetch(`${appUrl}/api/campaigns/${LETTER}`);
  const json = (await response.json()) as { campaign?: { total: number }; total?: number };
  return json.campaign?.total ?? json.total ?? NaN;
}
