// Production server: `npm start` (after the build) or `npm run serve`.
//
// On PostgreSQL it runs WEB_CONCURRENCY worker processes (default: one per CPU) behind one
// port, each with a bounded heap: the primary migrates and seeds once (a single worker does
// it itself), then forks and supervises; each worker serves requests, and
// only the first one works the job queue and the sweeps (RUN_WORKER), so the queue is
// polled once however many workers there are (pg-boss would be safe with more). The
// embedded database (PGlite) lives inside one process, so without DATABASE_URL there is
// one process, as before.
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createApp } from "./app.js";
import { handleShutdown, reportStartupError } from "./lifecycle.js";

process.env.NODE_ENV ??= "production";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildFile = path.join(root, "build/server/index.js");
if (!fs.existsSync(buildFile)) {
  console.error("No build found: run `npm run build` first (`npm start` does both).");
  process.exit(1);
}

/** The app: imported where it runs (a primary that only supervises one worker never loads it: about 150 MB). */
const loadBuild = () => import(pathToFileURL(buildFile).href);

/**
 * Where the server can be reached, as the startup line says it: the address it listens on
 * (HOST, e.g. 127.0.0.1), or localhost when it listens on every interface; plus APP_URL, the
 * address mails and links use, when that is another one.
 */
function listeningAt(address, info) {
  const host = address && typeof address === "object" ? address.address : info.host;
  const port = (address && typeof address === "object" && address.port) || info.port;
  const everywhere = !host || host === "::" || host === "0.0.0.0" || host === "::ffff:0.0.0.0";
  const shown = everywhere ? "localhost" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  return info.appUrl && info.appUrl !== url ? `${url} (public address ${info.appUrl})` : url;
}

/** How many processes serve: WEB_CONCURRENCY, else one per CPU; always 1 on the embedded database. */
function workerCount() {
  const embedded = !process.env.DATABASE_URL;
  const requested = Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10);
  if (embedded) {
    if (requested > 1) console.warn("[server] WEB_CONCURRENCY ignored: the embedded database serves one process");
    return 1;
  }
  if (Number.isInteger(requested) && requested > 0) return requested;
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/** Each worker's V8 old generation, in MB (see primary()). */
const WORKER_HEAP_MB = 256;

async function primary(count) {
  // Migrations and the demo seed, once, before several workers start; the queue is not
  // worked here. A single worker does them itself, and then announces itself.
  const runWorker = process.env.RUN_WORKER;
  let info;
  if (count > 1) {
    process.env.RUN_WORKER = "0";
    const { startup, shutdown } = (await loadBuild()).entry.module;
    try {
      info = await startup();
      await shutdown();
    } catch (error) {
      reportStartupError(error);
    }
    process.env.RUN_WORKER = runWorker ?? "";
  }

  // A bounded heap per worker. Left alone, V8 sizes the old generation from the machine's
  // memory (about 4 GB on 24 GiB) and collects lazily, so a busy worker grew to about 500 MB
  // of RSS while its live data stays far below this bound (README, "Performance"). An
  // explicit --max-old-space-size (command line or NODE_OPTIONS) wins.
  const explicit = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes("max-old-space-size"));
  if (!explicit) cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${WORKER_HEAP_MB}`] });

  let stopping = false;
  let listening = false;
  const fork = (index) => {
    // The first worker works the queue (unless RUN_WORKER=0 for all); the others only serve.
    const worker = cluster.fork({
      RUN_WORKER: index === 0 ? (runWorker ?? "") : "0",
      WORKER_INDEX: String(index),
      SOLE_WORKER: count === 1 ? "1" : "",
    });
    worker.on("listening", (address) => {
      if (listening || count === 1) return;
      listening = true;
      console.info(`[server] Undersigned on ${listeningAt(address, info)} (PostgreSQL, ${count} workers)`);
    });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`[server] worker ${index} exited (${signal ?? code}); starting another`);
      setTimeout(() => fork(index), 1_000).unref();
    });
  };
  for (let i = 0; i < count; i++) fork(i);

  // SIGTERM/SIGINT: every worker finishes its requests and closes (see lifecycle.js), then we go.
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.info(`[server] ${signal}: stopping ${count} workers`);
    const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
    const codes = await Promise.all(
      workers.map(
        (worker) =>
          new Promise((resolve) => {
            if (worker.isDead()) return resolve(worker.process.exitCode ?? 0);
            worker.once("exit", (code) => resolve(code ?? 0));
            worker.process.kill("SIGTERM");
          }),
      ),
    );
    process.exitCode = codes.every((c) => c === 0) ? 0 : 1;
    console.info("[server] stopped");
    process.exit();
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

async function serve({ clustered }) {
  const build = await loadBuild();
  const { startup, shutdown } = build.entry.module;
  let info;
  try {
    info = await startup();
  } catch (error) {
    reportStartupError(error);
  }

  const app = createApp({
    build,
    production: true,
    trustProxy: info.trustProxy,
    staticDirs: [
      {
        prefix: "/assets",
        path: path.join(root, "build/client/assets"),
        options: { immutable: true, maxAge: "1y", index: false },
      },
      { path: path.join(root, "build/client"), options: { maxAge: "1h", index: false } },
    ],
  });

  const server = app.listen(info.port, info.host, () => {
    if (clustered && !process.env.SOLE_WORKER) return; // the primary says it once
    console.info(
      `[server] Undersigned on ${listeningAt(server.address(), info)} (${info.embedded ? "embedded database, demo mode" : clustered ? "PostgreSQL, 1 worker" : "PostgreSQL"})`,
    );
  });
  handleShutdown(server, shutdown);
}

if (cluster.isPrimary) {
  const count = workerCount();
  // On PostgreSQL even one process is a worker under the primary: it gets the bounded heap
  // (a lone process left to V8's defaults peaked at 424–445 MB streaming a 1,000,000-row
  // export, 241 MB as a worker) and is restarted if it dies. The embedded database is one
  // process, which holds the database itself.
  if (process.env.DATABASE_URL) await primary(count);
  else await serve({ clustered: false });
} else {
  await serve({ clustered: true });
}
