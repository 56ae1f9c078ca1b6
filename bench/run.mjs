// `npm run bench`: the production build under load, on PostgreSQL and on the embedded
// database. Seeds 100,000 verified signatures, measures with autocannon on 127.0.0.1,
// reconciles after every write scenario, prints a table and writes bench/results/latest.json.
//
// Scenario 5 (PostgreSQL, a server of its own): a CSV export of BENCH_EXPORT_ROWS verified
// signatures (default 1,000,000; 0 skips it), asked for and downloaded over HTTP by an
// organizer whose session row is made in the database; records seconds, bytes, rows and the
// serving process's peak memory (VmHWM).
//
// Mode "proxy": the deployment of deploy/ — Debian's nginx with the shipped configuration in
// front of two app instances (one process each) on one PostgreSQL database; the campaign page
// and sign submissions through nginx, then the same reconciliation (needs nginx installed).
//
// Environment: BENCH_DB=postgres,embedded,proxy  BENCH_SECONDS=20  BENCH_CONNECTIONS=32
//              BENCH_EXPORT_ROWS=1000000  BENCH_RESULTS_DIR=bench/results
//              (BENCH_DB= with nothing runs only the export and keeps the last run's load figures)
//              BENCH_DATABASE_URL (a PostgreSQL server to create the bench database on;
//              default TEST_DATABASE_URL, then postgres://postgres@127.0.0.1:5432/postgres)
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { nginxBinary, startNginx } from "../tests/integration/nginx.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const SLUG = "free-azat-miftakhov-mathematicians";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const VERIFIED = Number(process.env.BENCH_SIGNATURES ?? 100_000);
const PENDING = Number(process.env.BENCH_PENDING ?? 30_000);
const MODES = (process.env.BENCH_DB ?? "postgres,embedded,proxy")
  .split(",")
  .map((m) => m.trim())
  .filter(Boolean);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const BASE_URL =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** An SMTP server that accepts and forgets, so the mail worker has somewhere to deliver. */
async function smtpSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, cb) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        received++;
        cb();
      });
    },
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: server.server.address().port,
    received: () => received,
    close: () => new Promise((r) => server.close(r)),
  };
}

function cli(env, ...args) {
  const out = execFileSync(process.execPath, ["server/cli.js", ...args], { cwd: root, env, encoding: "utf8" });
  const last = out.trim().split("\n").at(-1);
  return JSON.parse(last);
}

/** A process and its descendants (the server forks its workers on PostgreSQL). */
function processTree(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      // Children are listed per thread that made them.
      for (const task of fs.readdirSync(`/proc/${pids[i]}/task`)) {
        const children = fs.readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8");
        pids.push(...children.split(/\s+/).filter(Boolean).map(Number));
      }
    } catch {
      /* gone, or no children file */
    }
  }
  return pids;
}

/** A field of /proc/<pid>/status in MB (VmRSS: now; VmHWM: the process's peak so far). */
function statusMb(pid, field) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Resident memory of the server: the primary and its workers together. */
function rssMb(pid) {
  return processTree(pid).reduce((sum, p) => sum + statusMb(p, "VmRSS"), 0);
}

async function startServer(env, { sampleMs = 200, nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, "server/start.js"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const url = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    await sleep(200);
  }
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid))), sampleMs);
  const exited = new Promise((r) => child.on("exit", r));
  return {
    url,
    pid: child.pid,
    peakRss: () => peak,
    resetPeak: () => (peak = rssMb(child.pid)),
    output: () => output,
    stop: async () => {
      clearInterval(sampler);
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

function run(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, ...opts }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

function summarize(name, result, okStatus) {
  const codes = result.statusCodeStats ?? {};
  const ok = Object.entries(codes)
    .filter(([code]) => okStatus(Number(code)))
    .reduce((sum, [, v]) => sum + v.count, 0);
  const seconds = result.duration;
  return {
    scenario: name,
    ok,
    perSecond: Math.round(ok / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (result.requests.total - ok - result.errors - result.timeouts),
    statusCodes: Object.fromEntries(Object.entries(codes).map(([c, v]) => [c, v.count])),
  };
}

/** A fresh PostgreSQL database for one scenario, and the way to drop it. */
async function createDatabase() {
  const name = `undersigned_bench_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: BASE_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

async function benchMode(mode) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `undersigned-bench-${mode}-`));
  const smtp = await smtpSink();
  const port = await freePort();
  let dropDatabase = async () => undefined;
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SESSION_SECRET: "bench-secret-0123456789abcdef0123456789",
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    RATE_LIMIT_SCALE: "100000",
    BENCHMARK_MODE: "1",
    OPERATOR_NAME: "Load test operator",
    OPERATOR_CONTACT: "operator@example.org",
    SEED_DEMO: "always",
    LOG_LEVEL: "warn",
  };
  if (mode === "postgres") {
    const database = await createDatabase();
    env.DATABASE_URL = database.url;
    env.DATABASE_POOL_SIZE = "20";
    dropDatabase = database.drop;
  }
  const tokensFile = path.join(dataDir, "tokens.txt");
  const seededAt = Date.now();
  cli(env, "bench-seed", SLUG, String(VERIFIED), String(PENDING), tokensFile);
  const seedSeconds = (Date.now() - seededAt) / 1000;
  const tokens = fs.readFileSync(tokensFile, "utf8").split("\n");

  const server = await startServer(env);
  const rows = [];
  try {
    // Warm up once (templates, caches, pools).
    await run({ url: `${server.url}/ru/campaigns/${SLUG}`, duration: 3 });

    rows.push(
      summarize(
        "campaign page (ru, 100k signatories)",
        await run({ url: `${server.url}/ru/campaigns/${SLUG}`, duration: SECONDS }),
        (c) => c === 200,
      ),
    );
    rows.push(
      summarize(
        "JSON count endpoint",
        await run({ url: `${server.url}/api/campaigns/${SLUG}`, duration: SECONDS }),
        (c) => c === 200,
      ),
    );

    let n = 0;
    const signPrefix = `bench-sign-${Date.now().toString(36)}-`;
    const sign = summarize(
      "sign (distinct emails)",
      // A fixed number of requests (not a duration): a request cut off when the clock runs
      // out would be saved but not counted, and reconciliation must compare like with like.
      await run({
        url: `${server.url}/en/campaigns/${SLUG}`,
        amount: Number(process.env.BENCH_SIGNS ?? 5_000),
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            setupRequest: (req) => ({
              ...req,
              body: `fullName=Bench+Signer&email=${signPrefix}${n++}%40example.org&group=mathematicians&country=FR&visibility=public`,
            }),
          },
        ],
      }),
      (c) => c === 302,
    );
    rows.push(sign);

    let t = 0;
    const confirm = summarize(
      "confirm (distinct pending)",
      await run({
        url: server.url,
        amount: Math.min(tokens.length, Number(process.env.BENCH_CONFIRMS ?? tokens.length)),
        requests: [{ method: "POST", setupRequest: (req) => ({ ...req, path: `/en/confirm/${tokens[t++]}` }) }],
      }),
      (c) => c === 302,
    );
    rows.push(confirm);

    const memory = Math.round(server.peakRss());
    await server.stop();

    // Reconciliation: every 302 has its row, counts equal rows, nothing lost or doubled.
    const signed = cli(env, "bench-count", signPrefix);
    const pendingState = cli(env, "bench-count", "bench-pending-");
    const drift = cli(env, "reconcile");
    const reconciliation = {
      signAccepted: sign.ok,
      signRows: (signed.pending ?? 0) + (signed.verified ?? 0),
      confirmAccepted: confirm.ok,
      confirmedRows: pendingState.verified ?? 0,
      counterDriftKeys: drift.repairedKeys,
    };
    reconciliation.ok =
      reconciliation.signRows === reconciliation.signAccepted &&
      reconciliation.confirmedRows === reconciliation.confirmAccepted &&
      reconciliation.counterDriftKeys === 0;
    return { mode, seedSeconds, peakRssMb: memory, scenarios: rows, reconciliation, mailsDelivered: smtp.received() };
  } finally {
    if (server) await server.stop().catch(() => undefined);
    await smtp.close();
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Two instances (WEB_CONCURRENCY=1 each: as many processes as the direct PostgreSQL mode's
 * workers on two cores) behind nginx with deploy/nginx/: the campaign page as readers get it
 * (nginx keeps it s-maxage seconds and gives every answer its own nonce) and sign submissions
 * with distinct addresses through the proxy; every 302 must have its row.
 */
async function benchProxy() {
  if (!nginxBinary()) throw new Error("mode proxy needs nginx (apt-get install nginx)");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-bench-proxy-"));
  const smtp = await smtpSink();
  const database = await createDatabase();
  const proxyPort = await freePort();
  const ports = [await freePort(), await freePort()];
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    APP_URL: `http://127.0.0.1:${proxyPort}`,
    DATA_DIR: dataDir,
    SESSION_SECRET: "bench-secret-0123456789abcdef0123456789",
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    RATE_LIMIT_SCALE: "100000",
    BENCHMARK_MODE: "1",
    OPERATOR_NAME: "Load test operator",
    OPERATOR_CONTACT: "operator@example.org",
    SEED_DEMO: "always",
    LOG_LEVEL: "warn",
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "10",
    WEB_CONCURRENCY: "1",
  };
  const servers = [];
  let proxy;
  try {
    const seededAt = Date.now();
    cli(env, "bench-seed", SLUG, String(VERIFIED), "0");
    const seedSeconds = (Date.now() - seededAt) / 1000;
    for (const port of ports) servers.push(await startServer({ ...env, PORT: String(port) }));
    proxy = await startNginx({ port: proxyPort, upstreams: ports });
    const rows = [];
    await run({ url: `${proxy.url}/ru/campaigns/${SLUG}`, duration: 3 });
    rows.push(
      summarize(
        "campaign page (ru) via nginx",
        await run({ url: `${proxy.url}/ru/campaigns/${SLUG}`, duration: SECONDS }),
        (c) => c === 200,
      ),
    );
    let n = 0;
    const signPrefix = `bench-proxy-${Date.now().toString(36)}-`;
    const sign = summarize(
      "sign (distinct emails) via nginx",
      await run({
        url: `${proxy.url}/en/campaigns/${SLUG}`,
        amount: Number(process.env.BENCH_SIGNS ?? 5_000),
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", origin: proxy.url },
            setupRequest: (req) => ({
              ...req,
              body: `fullName=Bench+Signer&email=${signPrefix}${n++}%40example.org&group=mathematicians&country=FR&visibility=public`,
            }),
          },
        ],
      }),
      (c) => c === 302,
    );
    rows.push(sign);
    const memory = Math.round(servers.reduce((sum, s) => sum + s.peakRss(), 0));
    for (const server of servers) await server.stop();

    const signed = cli(env, "bench-count", signPrefix);
    const drift = cli(env, "reconcile");
    const reconciliation = {
      signAccepted: sign.ok,
      signRows: (signed.pending ?? 0) + (signed.verified ?? 0),
      confirmAccepted: 0,
      confirmedRows: 0,
      counterDriftKeys: drift.repairedKeys,
    };
    reconciliation.ok =
      reconciliation.signRows === reconciliation.signAccepted && reconciliation.counterDriftKeys === 0;
    return {
      mode: "proxy",
      seedSeconds,
      peakRssMb: memory,
      scenarios: rows,
      reconciliation,
      mailsDelivered: smtp.received(),
    };
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    if (proxy) await proxy.stop();
    await smtp.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every column the export offers: the heaviest file an organizer can ask for. */
const EXPORT_COLUMNS = [
  "full_name",
  "email",
  "title",
  "group",
  "country",
  "country_name",
  "city",
  "comment",
  "visibility",
  "state",
  "notable",
  "locale",
  "signed_at",
  "text_version",
];

/**
 * Scenario 5: one campaign with EXPORT_ROWS verified signatures on PostgreSQL, a server of
 * its own (one worker, so its VmHWM is the export's peak), an owner signed in through a
 * session row written here (token known, second factor now: nothing of ours is mocked),
 * then the export form's POST and the download of the whole file, read as it arrives.
 */
async function benchExport() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-bench-export-"));
  const database = await createDatabase();
  const smtp = await smtpSink();
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SESSION_SECRET: "bench-secret-0123456789abcdef0123456789",
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    RATE_LIMIT_SCALE: "100000",
    BENCHMARK_MODE: "1",
    OPERATOR_NAME: "Load test operator",
    OPERATOR_CONTACT: "operator@example.org",
    SEED_DEMO: "always",
    LOG_LEVEL: "warn",
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "5",
    WEB_CONCURRENCY: "1",
    RUN_WORKER: "0",
  };
  let server;
  try {
    const seededAt = Date.now();
    cli(env, "bench-seed", SLUG, String(EXPORT_ROWS), "0");
    const seedSeconds = (Date.now() - seededAt) / 1000;

    const token = crypto.randomBytes(32).toString("base64url");
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    let expectedRows;
    try {
      const campaign = await db.query("select id from campaigns where slug = $1", [SLUG]);
      const campaignId = campaign.rows[0].id;
      const organizer = await db.query(
        `insert into organizers (email, totp_enabled_at) values ($1, now()) returning id`,
        [`bench-exporter-${Date.now().toString(36)}@example.org`],
      );
      const organizerId = organizer.rows[0].id;
      await db.query(`insert into campaign_members (campaign_id, organizer_id, role) values ($1, $2, 'owner')`, [
        campaignId,
        organizerId,
      ]);
      await db.query(
        `insert into sessions (id_hash, organizer_id, second_factor_at, expires_at)
         values ($1, $2, now(), now() + interval '2 hours')`,
        [crypto.createHash("sha256").update(token).digest("hex"), organizerId],
      );
      const count = await db.query(
        "select count(*)::int as n from signatures where campaign_id = $1 and state = 'verified'",
        [campaignId],
      );
      expectedRows = count.rows[0].n;
    } finally {
      await db.end();
    }

    // e.g. BENCH_EXPORT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": where the export's time goes.
    const nodeArgs = (process.env.BENCH_EXPORT_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
    server = await startServer(env, { sampleMs: 100, nodeArgs });
    const cookie = `__Host-us_session=${token}`;
    const form = new URLSearchParams([
      ["format", "csv"],
      ["states", "verified"],
      ["locale", "en"],
    ]);
    for (const c of EXPORT_COLUMNS) form.append("columns", c);

    // Warm up the routes once (templates, pools), so the figure is the export's own.
    await fetch(`${server.url}/organizer/campaigns/${SLUG}/export`, { headers: { cookie } }).then((r) => r.text());
    const baselineRss = Math.round(rssMb(server.pid));
    server.resetPeak();

    const started = performance.now();
    const asked = await fetch(`${server.url}/organizer/campaigns/${SLUG}/export`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    const location = asked.headers.get("location");
    if (asked.status !== 303 || !location) throw new Error(`export request answered ${asked.status}`);
    const requestSeconds = (performance.now() - started) / 1000;
    const fileUrl = `${server.url}${location.replace(/\?.*$/, "")}/file`;
    const response = await fetch(fileUrl, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`export file answered ${response.status}`);
    const hash = crypto.createHash("sha256");
    let bytes = 0;
    let lines = 0;
    let firstByte;
    for await (const chunk of response.body) {
      firstByte ??= performance.now();
      bytes += chunk.length;
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    const sha256 = hash.digest("hex");
    // The process that served it (one worker; or the server itself when it does not fork).
    const vmHwmMb = Math.round(Math.max(0, ...processTree(server.pid).map((p) => statusMb(p, "VmHWM"))));
    const sampledPeakMb = Math.round(server.peakRss());

    // The server's own record of the download: rows, SHA-256 and state.
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    let stored;
    try {
      for (let i = 0; i < 50; i++) {
        stored = (
          await check.query(
            `select state, rows_total, rows_done, sha256,
                    extract(epoch from finished_at - started_at)::float as server_seconds
               from exports order by id desc limit 1`,
          )
        ).rows[0];
        if (stored?.state === "done" || stored?.state === "failed") break;
        await sleep(100);
      }
    } finally {
      await check.end();
    }
    return {
      rows: lines - 1,
      expectedRows,
      bytes,
      seconds,
      requestSeconds,
      firstByteSeconds: firstByte ? (firstByte - started) / 1000 : null,
      vmHwmMb,
      sampledPeakMb,
      baselineRss,
      seedSeconds,
      stored,
      ok:
        lines - 1 === expectedRows &&
        stored?.state === "done" &&
        stored?.rows_done === expectedRows &&
        stored?.sha256 === sha256,
    };
  } finally {
    if (server) await server.stop().catch(() => undefined);
    await smtp.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  seconds: SECONDS,
  connections: CONNECTIONS,
  modes: [],
};
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR || path.join(root, "bench/results");
if (MODES.length === 0) {
  // Only the export was measured: keep the load scenarios of the last full run, saying so.
  try {
    const previous = JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, "latest.json"), "utf8"));
    results.modes = previous.modes ?? [];
    results.loadRunDate = previous.loadRunDate ?? previous.date;
    results.seconds = previous.seconds;
    results.connections = previous.connections;
  } catch {
    /* no earlier run */
  }
}
for (const mode of MODES) {
  console.log(`\n== ${mode}: seeding ${VERIFIED} verified + ${PENDING} pending signatures…`);
  results.modes.push(mode === "proxy" ? await benchProxy() : await benchMode(mode));
}
if (EXPORT_ROWS > 0) {
  console.log(`\n== export: seeding ${EXPORT_ROWS} verified signatures on PostgreSQL…`);
  results.export = await benchExport();
} else {
  results.export = null;
}

const lines = [];
lines.push(`Undersigned benchmark — ${results.date} — ${results.machine}, Node ${results.node}`);
lines.push(
  `${results.seconds} s per scenario, ${results.connections} connections, campaign with ${VERIFIED} verified signatures` +
    (results.loadRunDate ? ` (load scenarios from the run of ${results.loadRunDate})` : ""),
);
lines.push("");
lines.push("| database | scenario | ok/s | p50 ms | p99 ms | errors |");
lines.push("| --- | --- | ---: | ---: | ---: | ---: |");
for (const m of results.modes) {
  for (const s of m.scenarios)
    lines.push(`| ${m.mode} | ${s.scenario} | ${s.perSecond} | ${s.p50} | ${s.p99} | ${s.errors} |`);
}
lines.push("");
for (const m of results.modes) {
  const r = m.reconciliation;
  lines.push(
    `${m.mode}: reconciliation ${r.ok ? "OK" : "FAILED"} — sign ${r.signAccepted} accepted / ${r.signRows} rows; ` +
      `confirm ${r.confirmAccepted} accepted / ${r.confirmedRows} verified; counter drift keys ${r.counterDriftKeys}; ` +
      `server peak RSS ${m.peakRssMb} MB; seed ${m.seedSeconds.toFixed(1)} s`,
  );
}
if (results.export) {
  const e = results.export;
  lines.push("");
  lines.push("| scenario | rows | MB sent | seconds | server peak MB (VmHWM) | target |");
  lines.push("| --- | ---: | ---: | ---: | ---: | --- |");
  lines.push(
    `| CSV export, all ${EXPORT_COLUMNS.length} columns (postgres) | ${e.rows} | ${(e.bytes / 2 ** 20).toFixed(1)} | ` +
      `${e.seconds.toFixed(1)} | ${e.vmHwmMb} | < 10 s, < 200 MB: ${e.seconds < 10 && e.vmHwmMb < 200 ? "met" : "missed"} |`,
  );
  lines.push("");
  lines.push(
    `export: ${e.ok ? "OK" : "FAILED"} — ${e.rows} rows of ${e.expectedRows} expected; stored state ${e.stored?.state}, ` +
      `rows_done ${e.stored?.rows_done}, SHA-256 ${e.ok ? "matches" : "checked"}; first byte after ` +
      `${e.firstByteSeconds?.toFixed(2)} s (request ${e.requestSeconds.toFixed(2)} s), ` +
      `server's own start-to-end ${e.stored?.server_seconds?.toFixed(1)} s; server RSS before ${e.baselineRss} MB, ` +
      `sampled peak (primary + worker, every 100 ms) ${e.sampledPeakMb} MB; seed ${e.seedSeconds.toFixed(1)} s`,
  );
} else {
  lines.push("CSV export scenario skipped (BENCH_EXPORT_ROWS=0)");
}
const table = lines.join("\n");
console.log(`\n${table}`);
fs.mkdirSync(RESULTS_DIR, { recursive: true });
fs.writeFileSync(path.join(RESULTS_DIR, "latest.json"), JSON.stringify(results, null, 2) + "\n");
fs.writeFileSync(path.join(RESULTS_DIR, "latest.md"), table + "\n");
process.exit(results.modes.every((m) => m.reconciliation.ok) && (results.export?.ok ?? true) ? 0 : 1);
