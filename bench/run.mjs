// `npm run bench`: the production build under load, on PostgreSQL and on the embedded
// database. Seeds 100,000 verified signatures, measures with autocannon on 127.0.0.1,
// reconciles after every write scenario, prints a table and writes bench/results/latest.json.
//
// Scenario 5 (PostgreSQL, a server of its own): a CSV export of BENCH_EXPORT_ROWS verified
// signatures (default 1,000,000; 0 skips it), asked for and downloaded over HTTP by an
// organizer whose session row is made in the database; records seconds, bytes, rows, the
// serving process's peak memory (VmHWM) and its CPU seconds. Its rows are sealed like real
// signatures (`bench-seal`), so the export opens one envelope per row as in production.
//
// Mode "proxy": the deployment of deploy/ — Debian's nginx with the shipped configuration in
// front of two app instances (one process each) on one PostgreSQL database; the campaign page
// and sign submissions through nginx, then the same reconciliation (needs nginx installed).
//
// Proofs that can fail: the run exits non-zero (and says why, in the table and in
// latest.json's "failures") when any scenario has connection errors or timeouts, an answer
// with another status than the scenario expects (pages and JSON 200; sign and confirm 302 to
// check-inbox and thanks), an answer with the wrong content (the page without the campaign's
// title and count, JSON that does not parse or lacks the slug and total), a write scenario
// with answers for fewer than 99% of its requests, mails of the sign scenario not all
// delivered (exactly one per accepted address) after draining, a failed reconciliation or
// export, or when earlier results would stand in for this run's. Targets are reported, never
// asserted. The results files of an earlier run are removed before anything is measured, so
// a run that stops half-way leaves none that could be taken for its own.
//
// Environment: BENCH_DB=postgres,embedded,proxy  BENCH_SECONDS=20  BENCH_CONNECTIONS=32
//              BENCH_EXPORT_ROWS=1000000  BENCH_RESULTS_DIR=bench/results
//              BENCH_DB= with nothing runs only the export; its results then hold no load
//              figures, unless BENCH_KEEP_LOAD=1 says to carry those of the previous run
//              (labelled with that run's date; refused when that run failed or has none).
//              BENCH_MAIL_DRAIN_SECONDS=60 (how long to wait for the sign scenario's mails)
//              BENCH_NODE_ARGS (Node flags for the load scenarios' servers, e.g. --heap-prof)
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
const LOAD_NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
const BASE_URL =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

// Signers' details are encrypted at rest (required in production on PostgreSQL): a key per run.
const SIGNER_DATA_KEY = crypto.randomBytes(32).toString("base64");

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
  /** Mails per recipient address. */
  const byRecipient = new Map();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, cb) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        received++;
        for (const { address } of session.envelope.rcptTo) {
          byRecipient.set(address, (byRecipient.get(address) ?? 0) + 1);
        }
        cb();
      });
    },
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  /** Addresses starting with the prefix that got mail, and how many of them got more than one. */
  const deliveredTo = (prefix) => {
    let addresses = 0;
    let duplicated = 0;
    for (const [address, n] of byRecipient) {
      if (!address.startsWith(prefix)) continue;
      addresses++;
      if (n > 1) duplicated++;
    }
    return { addresses, duplicated };
  };
  return {
    port: server.server.address().port,
    received: () => received,
    deliveredTo,
    close: () => new Promise((r) => server.close(r)),
  };
}

/**
 * Waits until `expected` addresses with the prefix got their mail, as long as deliveries keep
 * coming (BENCH_MAIL_DRAIN_SECONDS without progress ends the wait), and says what arrived.
 */
async function drainMail(smtp, prefix, expected) {
  const quietLimit = Number(process.env.BENCH_MAIL_DRAIN_SECONDS ?? 60) * 1000;
  const started = Date.now();
  let last = -1;
  let lastProgress = Date.now();
  for (;;) {
    const { addresses } = smtp.deliveredTo(prefix);
    if (addresses !== last) {
      last = addresses;
      lastProgress = Date.now();
    }
    if (addresses >= expected || Date.now() - lastProgress > quietLimit) break;
    await sleep(250);
  }
  // A little longer, so a duplicate sent right after the last first mail is seen too.
  await sleep(1_000);
  return { expected, ...smtp.deliveredTo(prefix), drainSeconds: (Date.now() - started) / 1000 };
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

/** CPU time (user + system) a process and its descendants have used so far, in seconds. */
function cpuSeconds(pid) {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / 100;
}

/** Each process of the server (the primary first, then its workers): its own peak (VmHWM), in MB. */
function peaksMb(pid) {
  return processTree(pid).map((p) => Math.round(statusMb(p, "VmHWM")));
}

/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat, 100 ticks a second). */
function cpuMsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving a database, autovacuum's included (their command line names it). */
function backendsOf(database) {
  if (!database) return [];
  const pids = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.startsWith("postgres:") && cmdline.includes(database)) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/**
 * Who used the CPU during a scenario: the server's processes, the PostgreSQL backends of the
 * bench database (backends that closed meanwhile are missed), and this process (autocannon
 * and the content checks). `take()` returns CPU ms used since `cpuSnapshot()` by each.
 */
function cpuSnapshot({ serverPids = [], database = null } = {}) {
  const servers = serverPids.flatMap((pid) => processTree(pid));
  const before = new Map([...servers, ...backendsOf(database)].map((pid) => [pid, cpuMsOf(pid)]));
  const self = process.cpuUsage();
  return {
    take() {
      const used = (pids) => pids.reduce((sum, pid) => sum + Math.max(0, cpuMsOf(pid) - (before.get(pid) ?? 0)), 0);
      const own = process.cpuUsage(self);
      return {
        server: used(serverPids.flatMap((pid) => processTree(pid))),
        postgres: used(backendsOf(database)),
        loadGenerator: Math.round((own.user + own.system) / 1000),
      };
    },
  };
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

/**
 * One scenario: autocannon, with every answer looked at. `status` is the one status the
 * scenario should answer; `check(body, headers)` returns what is wrong with an answer of that
 * status, or null. `write`: a fixed number of requests (`amount`), of which at least 99% must
 * be answered. Returns the row of the table and the scenario's failures.
 */
async function measure(name, opts, { status, check, write = false, cpu = {} }) {
  let wrong = 0;
  const wrongSamples = [];
  const otherSamples = [];
  const onResponse = (code, body, _context, rawHeaders) => {
    const text = body === undefined || body === null ? "" : String(body);
    if (code !== status) {
      if (otherSamples.length < 3) otherSamples.push(`${code}: ${text.slice(0, 160)}`);
      return;
    }
    const headers = Object.fromEntries(Object.entries(rawHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const problem = check(text, headers);
    if (problem) {
      wrong++;
      if (wrongSamples.length < 3) wrongSamples.push(problem);
    }
  };
  const requests = (opts.requests ?? [{}]).map((r) => ({ ...r, onResponse }));
  const usage = cpuSnapshot(cpu);
  // On the monotonic clock CPU profiles use (µs): `node bench/profile-summary.mjs --results`.
  const startedUs = Number(process.hrtime.bigint() / 1000n);
  const result = await run({ ...opts, requests });
  const endedUs = Number(process.hrtime.bigint() / 1000n);
  const cpuMs = usage.take();
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([c, v]) => [c, v.count]));
  const answered = Object.values(codes).reduce((sum, n) => sum + n, 0);
  const ok = codes[status] ?? 0;
  const unexpected = answered - ok;
  const failures = [];
  if (result.errors > 0) failures.push(`${name}: ${result.errors} connection errors (${result.timeouts} timeouts)`);
  if (unexpected > 0)
    failures.push(
      `${name}: ${unexpected} answers other than ${status} (${JSON.stringify(codes)}), e.g. ${otherSamples.join(" | ")}`,
    );
  if (wrong > 0) failures.push(`${name}: ${wrong} answers with wrong content, e.g. ${wrongSamples.join(" | ")}`);
  if (write && answered < 0.99 * opts.amount)
    failures.push(`${name}: answers for ${answered} of ${opts.amount} requests (fewer than 99%)`);
  if (!write && answered === 0) failures.push(`${name}: no answer at all`);
  return {
    row: {
      scenario: name,
      ok,
      perSecond: Math.round(ok / result.duration),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + unexpected + wrong,
      requested: write ? opts.amount : null,
      answered,
      wrongContent: wrong,
      statusCodes: codes,
      // CPU used during the scenario, in ms per answer: what bounds ok/s on a machine's cores.
      cpuMsPerAnswer: Object.fromEntries(
        Object.entries(cpuMs).map(([k, v]) => [k, answered ? Math.round((100 * v) / answered) / 100 : null]),
      ),
      cpuSecondsPerSecond: Object.fromEntries(
        Object.entries(cpuMs).map(([k, v]) => [k, Math.round(v / result.duration / 10) / 100]),
      ),
      monotonicUs: [startedUs, endedUs],
    },
    failures,
  };
}

/** HTML text as React writes it (the title is checked in the page as sent). */
function htmlText(value) {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

/**
 * What every read answer must contain, taken once before the read scenarios (nothing writes
 * during them): the Russian title and the total from the JSON API. The page's count comes
 * from its own queries, so a page and an API that disagree both show up as wrong content.
 */
async function readReference(url) {
  const response = await fetch(`${url}/api/campaigns/${SLUG}?lang=ru`);
  if (response.status !== 200) throw new Error(`/api/campaigns/${SLUG}?lang=ru answered ${response.status}`);
  const json = await response.json();
  return { title: json.title, total: json.total, countText: new Intl.NumberFormat("ru").format(json.total) };
}

const checkPage = (ref) => {
  // Escaped once, not per answer: the check runs on the load generator's core for every answer.
  const title = htmlText(ref.title);
  return (body) =>
    !body.includes(title)
      ? `the page lacks the title "${ref.title}"`
      : !body.includes(ref.countText)
        ? `the page lacks the count ${ref.countText}`
        : null;
};

const checkJson = (ref) => (body) => {
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 80)}`;
  }
  if (json.slug !== SLUG) return `slug ${json.slug}`;
  if (json.total !== ref.total) return `total ${json.total}, not ${ref.total}`;
  return null;
};

const checkRedirect = (pattern) => (_body, headers) =>
  pattern.test(headers.location ?? "") ? null : `Location ${headers.location ?? "(none)"}`;

const SIGNED = new RegExp(`^/en/campaigns/${SLUG}/check-inbox$`);
const CONFIRMED = new RegExp(`^/en/campaigns/${SLUG}/thanks\\?n=\\d+(&|$)`);

/**
 * After the bulk seed, what autovacuum would do within a minute or so in production: the
 * planner's statistics and the visibility map. Without it the first scenarios ran on a table
 * the planner had never seen: the campaign page's data (rebuilt about every 1.5 s per worker)
 * took 100–500 ms per query on PostgreSQL instead of under 4 ms.
 */
async function analyze(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("vacuum analyze");
  } finally {
    await client.end();
  }
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
    name,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: BASE_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

function mailFailures(mode, mail) {
  const failures = [];
  if (mail.addresses < mail.expected)
    failures.push(
      `${mode}: ${mail.expected - mail.addresses} of ${mail.expected} accepted signatures got no mail ` +
        `after ${mail.drainSeconds.toFixed(0)} s of draining`,
    );
  if (mail.duplicated > 0) failures.push(`${mode}: ${mail.duplicated} addresses got more than one mail`);
  if (mail.addresses > mail.expected)
    failures.push(`${mode}: mail for ${mail.addresses} addresses, but only ${mail.expected} signatures accepted`);
  return failures;
}

async function benchMode(mode) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `undersigned-bench-${mode}-`));
  const smtp = await smtpSink();
  const port = await freePort();
  let dropDatabase = async () => undefined;
  let databaseName = null;
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SESSION_SECRET: "bench-secret-0123456789abcdef0123456789",
    SIGNER_DATA_KEY,
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
    databaseName = database.name;
  }
  const tokensFile = path.join(dataDir, "tokens.txt");
  const seededAt = Date.now();
  cli(env, "bench-seed", SLUG, String(VERIFIED), String(PENDING), tokensFile);
  if (env.DATABASE_URL) await analyze(env.DATABASE_URL);
  const seedSeconds = (Date.now() - seededAt) / 1000;
  const tokens = fs.readFileSync(tokensFile, "utf8").split("\n");

  const server = await startServer(env, { nodeArgs: LOAD_NODE_ARGS });
  const cpu = { serverPids: [server.pid], database: databaseName };
  const rows = [];
  const failures = [];
  const add = ({ row, failures: f }) => {
    rows.push(row);
    failures.push(...f.map((x) => `${mode}: ${x}`));
    return row;
  };
  try {
    // Warm up once (templates, caches, pools).
    await run({ url: `${server.url}/ru/campaigns/${SLUG}`, duration: 3 });
    const reference = await readReference(server.url);
    if (!(reference.total >= VERIFIED))
      failures.push(`${mode}: the campaign counts ${reference.total}, fewer than the ${VERIFIED} seeded`);

    add(
      await measure(
        "campaign page (ru, 100k signatories)",
        { url: `${server.url}/ru/campaigns/${SLUG}`, duration: SECONDS },
        { status: 200, check: checkPage(reference), cpu },
      ),
    );
    add(
      await measure(
        "JSON count endpoint",
        { url: `${server.url}/api/campaigns/${SLUG}`, duration: SECONDS },
        { status: 200, check: checkJson(reference), cpu },
      ),
    );

    let n = 0;
    const signPrefix = `bench-sign-${Date.now().toString(36)}-`;
    const sign = add(
      // A fixed number of requests (not a duration): a request cut off when the clock runs
      // out would be saved but not counted, and reconciliation must compare like with like.
      await measure(
        "sign (distinct emails)",
        {
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
        },
        { status: 302, check: checkRedirect(SIGNED), write: true, cpu },
      ),
    );

    let t = 0;
    const confirm = add(
      await measure(
        "confirm (distinct pending)",
        {
          url: server.url,
          amount: Math.min(tokens.length, Number(process.env.BENCH_CONFIRMS ?? tokens.length)),
          requests: [{ method: "POST", setupRequest: (req) => ({ ...req, path: `/en/confirm/${tokens[t++]}` }) }],
        },
        { status: 302, check: checkRedirect(CONFIRMED), write: true, cpu },
      ),
    );

    const memory = Math.round(server.peakRss());
    const processPeaksMb = peaksMb(server.pid);
    // Every accepted signature queued one confirmation mail: all of them must arrive, once.
    const mail = await drainMail(smtp, signPrefix, sign.ok);
    failures.push(...mailFailures(mode, mail));
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
    if (!reconciliation.ok) failures.push(`${mode}: reconciliation failed ${JSON.stringify(reconciliation)}`);
    return {
      mode,
      seedSeconds,
      peakRssMb: memory,
      processPeaksMb,
      scenarios: rows,
      reconciliation,
      mail,
      mailsDelivered: smtp.received(),
      failures,
    };
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
    SIGNER_DATA_KEY,
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
    await analyze(database.url);
    const seedSeconds = (Date.now() - seededAt) / 1000;
    for (const port of ports)
      servers.push(await startServer({ ...env, PORT: String(port) }, { nodeArgs: LOAD_NODE_ARGS }));
    proxy = await startNginx({ port: proxyPort, upstreams: ports });
    // nginx's own CPU is not counted in "server" here: only the two app instances.
    const cpu = { serverPids: servers.map((s) => s.pid), database: database.name };
    const rows = [];
    const failures = [];
    const add = ({ row, failures: f }) => {
      rows.push(row);
      failures.push(...f.map((x) => `proxy: ${x}`));
      return row;
    };
    await run({ url: `${proxy.url}/ru/campaigns/${SLUG}`, duration: 3 });
    const reference = await readReference(proxy.url);
    add(
      await measure(
        "campaign page (ru) via nginx",
        { url: `${proxy.url}/ru/campaigns/${SLUG}`, duration: SECONDS },
        { status: 200, check: checkPage(reference), cpu },
      ),
    );
    let n = 0;
    const signPrefix = `bench-proxy-${Date.now().toString(36)}-`;
    const sign = add(
      await measure(
        "sign (distinct emails) via nginx",
        {
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
        },
        { status: 302, check: checkRedirect(SIGNED), write: true, cpu },
      ),
    );
    const memory = Math.round(servers.reduce((sum, s) => sum + s.peakRss(), 0));
    const processPeaksMb = servers.flatMap((s) => peaksMb(s.pid));
    const mail = await drainMail(smtp, signPrefix, sign.ok);
    failures.push(...mailFailures("proxy", mail));
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
    if (!reconciliation.ok) failures.push(`proxy: reconciliation failed ${JSON.stringify(reconciliation)}`);
    return {
      mode: "proxy",
      seedSeconds,
      peakRssMb: memory,
      processPeaksMb,
      scenarios: rows,
      reconciliation,
      mail,
      mailsDelivered: smtp.received(),
      failures,
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
    SIGNER_DATA_KEY,
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
    // Sealed as signing seals real signatures: the export opens one envelope per row, as in production.
    const sealed = cli(env, "bench-seal", SLUG).sealed;
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
    const cpuBefore = cpuSeconds(server.pid);

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
    const serverCpuSeconds = cpuSeconds(server.pid) - cpuBefore;

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
      serverCpuSeconds,
      sealed,
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
  failures: [],
};
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR || path.join(root, "bench/results");
const LATEST_JSON = path.join(RESULTS_DIR, "latest.json");
const LATEST_MD = path.join(RESULTS_DIR, "latest.md");
let previous = null;
try {
  previous = JSON.parse(fs.readFileSync(LATEST_JSON, "utf8"));
} catch {
  /* no earlier run */
}
// An earlier run's files never stand for this one: gone before anything is measured.
fs.rmSync(LATEST_JSON, { force: true });
fs.rmSync(LATEST_MD, { force: true });

if (MODES.length === 0 && EXPORT_ROWS <= 0) {
  console.error("Nothing to measure: BENCH_DB is empty and BENCH_EXPORT_ROWS is 0.");
  process.exit(1);
}
if (MODES.length === 0 && process.env.BENCH_KEEP_LOAD === "1") {
  // Asked for in so many words: the load figures of the previous run, labelled as such.
  const problem = !previous
    ? `no earlier results in ${RESULTS_DIR}`
    : !previous.modes?.length
      ? "the earlier run has no load figures"
      : previous.failures?.length || previous.ok === false
        ? "the earlier run failed"
        : null;
  if (problem) {
    console.error(`BENCH_KEEP_LOAD=1 refused: ${problem}.`);
    process.exit(1);
  }
  results.modes = previous.modes;
  results.loadRunDate = previous.loadRunDate ?? previous.date;
  results.seconds = previous.seconds;
  results.connections = previous.connections;
}
for (const mode of MODES) {
  console.log(`\n== ${mode}: seeding ${VERIFIED} verified + ${PENDING} pending signatures…`);
  const measured = mode === "proxy" ? await benchProxy() : await benchMode(mode);
  results.modes.push(measured);
  results.failures.push(...measured.failures);
}
if (EXPORT_ROWS > 0) {
  console.log(`\n== export: seeding ${EXPORT_ROWS} verified signatures on PostgreSQL…`);
  results.export = await benchExport();
  if (!results.export.ok)
    results.failures.push(
      `export: ${results.export.rows} rows of ${results.export.expectedRows}, stored ${JSON.stringify(results.export.stored)}`,
    );
} else {
  results.export = null;
}
results.ok = results.failures.length === 0;

const lines = [];
lines.push(`Undersigned benchmark — ${results.date} — ${results.machine}, Node ${results.node}`);
lines.push(
  `${results.seconds} s per scenario, ${results.connections} connections, campaign with ${VERIFIED} verified signatures` +
    (results.loadRunDate ? ` (load scenarios carried from the run of ${results.loadRunDate}: BENCH_KEEP_LOAD=1)` : ""),
);
lines.push("");
if (results.modes.length) {
  lines.push(
    "| database | scenario | ok/s | p50 ms | p99 ms | errors | CPU ms per answer: server / PostgreSQL / bench |",
  );
  lines.push("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
  const cpuCell = (c) =>
    c ? [c.server, c.postgres, c.loadGenerator].map((v) => v?.toFixed(2) ?? "–").join(" / ") : "–";
  for (const m of results.modes) {
    for (const s of m.scenarios)
      lines.push(
        `| ${m.mode} | ${s.scenario} | ${s.perSecond} | ${s.p50} | ${s.p99} | ${s.errors} | ${cpuCell(s.cpuMsPerAnswer)} |`,
      );
  }
  lines.push("");
} else {
  lines.push("Load scenarios not run (BENCH_DB empty): this run measured the export only.");
}
for (const m of results.modes) {
  const r = m.reconciliation;
  lines.push(
    `${m.mode}: reconciliation ${r.ok ? "OK" : "FAILED"} — sign ${r.signAccepted} accepted / ${r.signRows} rows; ` +
      `confirm ${r.confirmAccepted} accepted / ${r.confirmedRows} verified; counter drift keys ${r.counterDriftKeys}; ` +
      (m.mail
        ? `mail ${m.mail.addresses} of ${m.mail.expected} delivered (${m.mail.duplicated} twice) after ` +
          `${m.mail.drainSeconds.toFixed(1)} s of draining; `
        : "") +
      `server peak RSS ${m.peakRssMb} MB (sampled sum over the processes)` +
      (m.processPeaksMb ? `, per process (VmHWM, primary first) ${m.processPeaksMb.join(" / ")} MB` : "") +
      `; seed ${m.seedSeconds.toFixed(1)} s`,
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
      `sampled peak (primary + worker, every 100 ms) ${e.sampledPeakMb} MB; server CPU during the export ` +
      `${e.serverCpuSeconds.toFixed(1)} s (user + system: less noisy than seconds when the cores are shared); ` +
      `${e.sealed} rows sealed like real signatures; seed and seal ${e.seedSeconds.toFixed(1)} s`,
  );
} else {
  lines.push("CSV export scenario skipped (BENCH_EXPORT_ROWS=0)");
}
lines.push("");
lines.push(
  results.ok
    ? "Checks: every answer had the expected status and content; nothing failed."
    : `FAILED (${results.failures.length}):\n${results.failures.map((f) => `- ${f}`).join("\n")}`,
);
const table = lines.join("\n");
console.log(`\n${table}`);
fs.mkdirSync(RESULTS_DIR, { recursive: true });
fs.writeFileSync(LATEST_JSON, JSON.stringify(results, null, 2) + "\n");
fs.writeFileSync(LATEST_MD, table + "\n");
process.exit(results.ok ? 0 : 1);
