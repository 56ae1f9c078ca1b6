// `npm run bench`: the production build under load, on PostgreSQL and on the embedded
// database. Seeds 100,000 verified signatures, measures with autocannon on 127.0.0.1,
// reconciles after every write scenario, prints a table and writes bench/results/latest.json.
//
// Environment: BENCH_DB=postgres,embedded  BENCH_SECONDS=20  BENCH_CONNECTIONS=32
//              BENCH_DATABASE_URL (a PostgreSQL server to create the bench database on;
//              default TEST_DATABASE_URL, then postgres://postgres@127.0.0.1:5432/postgres)
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { SMTPServer } from "smtp-server";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const SLUG = "free-azat-miftakhov-mathematicians";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const VERIFIED = Number(process.env.BENCH_SIGNATURES ?? 100_000);
const PENDING = Number(process.env.BENCH_PENDING ?? 30_000);
const MODES = (process.env.BENCH_DB ?? "postgres,embedded").split(",").map((m) => m.trim());
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

function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function startServer(env) {
  const child = spawn(process.execPath, ["server/start.js"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
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
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid))), 200);
  const exited = new Promise((r) => child.on("exit", r));
  return {
    url,
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
    SEED_DEMO: "always",
    LOG_LEVEL: "warn",
  };
  if (mode === "postgres") {
    const name = `undersigned_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(BASE_URL);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    env.DATABASE_POOL_SIZE = "20";
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: BASE_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    };
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

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  seconds: SECONDS,
  connections: CONNECTIONS,
  modes: [],
};
for (const mode of MODES) {
  console.log(`\n== ${mode}: seeding ${VERIFIED} verified + ${PENDING} pending signatures…`);
  results.modes.push(await benchMode(mode));
}
results.export = "CSV export of 1,000,000 signatures: not measured — exports arrive with the organizers issue";

const lines = [];
lines.push(`Undersigned benchmark — ${results.date} — ${results.machine}, Node ${results.node}`);
lines.push(`${SECONDS} s per scenario, ${CONNECTIONS} connections, campaign with ${VERIFIED} verified signatures`);
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
lines.push(results.export);
const table = lines.join("\n");
console.log(`\n${table}`);
fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench/results/latest.json"), JSON.stringify(results, null, 2) + "\n");
fs.writeFileSync(path.join(root, "bench/results/latest.md"), table + "\n");
process.exit(results.modes.every((m) => m.reconciliation.ok) ? 0 : 1);
