// `node bench/profile-summary.mjs <file.cpuprofile | directory> [--top N] [--window START-END]`:
// where a CPU profile's time goes, as shares of the sampled time. Prints the self time by
// package (node_modules/<name>, the app's build, node: internals, garbage collection, idle)
// and by function, and the inclusive ("total") time of the frames that matter for a page
// answer (Remix's handler, React's rendering, turbo-stream, the micro-cache, Express).
// Several files (a directory) are summed: e.g. the two workers of `npm run bench`.
// --results bench/results/latest.json --scenario "campaign page": only the samples taken
// while that scenario ran (the bench records each scenario's start and end on the monotonic
// clock V8's profiles use); --window S-E: only those between S and E seconds after the
// profile began.
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const top = Number(option("--top") || 25);
const windowArg = option("--window");
const resultsFile = option("--results");
const scenarioName = option("--scenario");
const [from, to] = windowArg ? windowArg.split("-").map(Number) : [0, Infinity];
/** Absolute window in monotonic µs, from the bench's results. */
let absolute = null;
if (resultsFile && scenarioName) {
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8"));
  const row = results.modes.flatMap((m) => m.scenarios).find((s) => s.scenario.includes(scenarioName));
  if (!row?.monotonicUs) {
    console.error(`no scenario "${scenarioName}" with a recorded window in ${resultsFile}`);
    process.exit(2);
  }
  absolute = row.monotonicUs;
}
const values = new Set([option("--top"), windowArg, resultsFile, scenarioName]);
const target = args.find((a) => !a.startsWith("--") && !values.has(a));
if (!target) {
  console.error(
    "usage: node bench/profile-summary.mjs <file.cpuprofile | directory> [--top N] [--window S-E] " +
      "[--results latest.json --scenario NAME]",
  );
  process.exit(2);
}
const files = fs.statSync(target).isDirectory()
  ? fs
      .readdirSync(target)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(target, f))
  : [target];

/** The package a frame belongs to, from its script's URL. */
function packageOf(url) {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return "node: internals";
  const nm = url.lastIndexOf("node_modules/");
  if (nm !== -1) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes("/build/server/")) return "app (build/server)";
  if (url.includes("/server/")) return "app (server/)";
  if (url.includes("/bench/")) return "bench";
  return url.replace(/^file:\/\//, "");
}

/** Frames whose inclusive time is shown: a name (and optionally a package) to look for. */
const INCLUSIVE = [
  ["Remix request handler", (f) => f.functionName === "requestHandler" && /remix-run\/server-runtime/.test(f.url)],
  ["Remix route matching", (f) => /^match(Server)?Routes$/.test(f.functionName)],
  [
    "React renderToPipeableStream / Fizz",
    (f) => /react-dom/.test(f.url) && /^(performWork|renderNode)$/.test(f.functionName),
  ],
  ["turbo-stream encode", (f) => /turbo-stream/.test(f.url) && /^(encode|flatten|stringify)$/.test(f.functionName)],
  ["micro-cache (server/app.js campaignPageCache)", (f) => /server\/app\.js/.test(f.url)],
  ["Express router", (f) => /node_modules\/express\/lib\/router/.test(f.url) && f.functionName === "handle"],
  ["autocannon", (f) => /node_modules\/autocannon/.test(f.url)],
  ["bench checks (onResponse)", (f) => /bench\/run\.mjs/.test(f.url) && f.functionName === "onResponse"],
  ["zlib / compression", (f) => /zlib|compression/.test(f.url)],
  ["crypto randomBytes", (f) => f.functionName === "randomBytes"],
];

const bySelfPackage = new Map();
const bySelfFunction = new Map();
const inclusive = new Map(INCLUSIVE.map(([name]) => [name, 0]));
let total = 0;
let idle = 0;
let gc = 0;

for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample times: timeDeltas[i] is the time since the previous sample, in µs.
  const start = profile.startTime;
  let t = start;
  const weight = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const at = (t - start) / 1e6;
    if (at < from || at > to) continue;
    if (absolute && (t < absolute[0] || t > absolute[1])) continue;
    const next = profile.timeDeltas[i + 1] ?? 0;
    weight.set(profile.samples[i], (weight.get(profile.samples[i]) ?? 0) + Math.max(0, next));
  }
  for (const [id, us] of weight) {
    const node = nodes.get(id);
    const f = node.callFrame;
    total += us;
    if (f.functionName === "(idle)") {
      idle += us;
      continue;
    }
    if (f.functionName === "(garbage collector)") gc += us;
    const pkg = f.functionName.startsWith("(") ? f.functionName : packageOf(f.url);
    bySelfPackage.set(pkg, (bySelfPackage.get(pkg) ?? 0) + us);
    const fn = `${f.functionName || "(anonymous)"}  ${f.url ? `${packageOf(f.url)}:${f.lineNumber + 1}` : ""}`;
    bySelfFunction.set(fn, (bySelfFunction.get(fn) ?? 0) + us);
    // Inclusive: count each sample once per category, whatever the recursion.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = nodes.get(cur).callFrame;
      for (const [name, test] of INCLUSIVE) {
        if (!seen.has(name) && test(frame)) {
          seen.add(name);
          inclusive.set(name, inclusive.get(name) + us);
        }
      }
    }
  }
}

const busy = total - idle;
const pct = (us, of = busy) => `${((100 * us) / of).toFixed(1).padStart(5)}%`;
const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
console.log(
  `${files.length} profile(s)${windowArg ? `, window ${from}-${to} s` : ""}${absolute ? `, scenario "${scenarioName}"` : ""}`,
);
console.log(
  `sampled ${ms(total)}, idle ${ms(idle)} (${pct(idle, total)} of sampled), busy ${ms(busy)}; GC ${pct(gc)} of busy`,
);
console.log("\nself time by package (share of busy time)");
for (const [k, v] of [...bySelfPackage].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${pct(v)} ${ms(v)}  ${k}`);
console.log("\nself time by function (share of busy time)");
for (const [k, v] of [...bySelfFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${pct(v)} ${ms(v)}  ${k}`);
console.log("\ninclusive time (share of busy time; categories overlap)");
for (const [k, v] of inclusive) if (v > 0) console.log(`${pct(v)} ${ms(v)}  ${k}`);
