// Prints one closing line for the whole `npm test` run: "tests: N passed, N failed, N skipped"
// (", N flaky" is added when a test passed only on a retry: those are not counted as passed).
// Reads the JSON reports that the runners wrote under test-results/; a runner whose step ran
// but left no report (it crashed, or never started) makes the exit code non-zero.
//
// Usage: node scripts/test-summary.mjs [step …]   (the steps that ran; default: all runners)
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Each runner: the npm step that produces it, its report, and how to count it. */
const DIR = process.env.TEST_RESULTS_DIR || "test-results";
const RUNNERS = [
  { name: "vitest", step: "test:unit", file: `${DIR}/vitest.json`, kind: "vitest" },
  { name: "playwright", step: "test:e2e", file: `${DIR}/playwright.json`, kind: "playwright" },
  { name: "resilience", step: "test:resilience", file: `${DIR}/resilience.json`, kind: "vitest" },
  { name: "integration", step: "test:integration", file: `${DIR}/integration.json`, kind: "vitest" },
];

const ran = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
const expected = RUNNERS.filter((r) => (ran.length ? ran.includes(r.step) : Boolean(pkg.scripts?.[r.step])));

let passed = 0;
let failed = 0;
let skipped = 0;
let flaky = 0;
const missing = [];

/** Vitest's JSON (Jest-compatible). Vitest runs no retries here (retry: 0), so nothing is flaky. */
function countVitest(report) {
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === "passed") passed++;
      else if (test.status === "failed") failed++;
      else skipped++;
    }
    // A file that failed before any test ran (an import error, a crashed hook) is a failure too.
    if ((file.assertionResults ?? []).length === 0 && file.status === "failed") failed++;
  }
}

function countPlaywright(report) {
  passed += report.stats?.expected ?? 0;
  flaky += report.stats?.flaky ?? 0;
  failed += report.stats?.unexpected ?? 0;
  skipped += report.stats?.skipped ?? 0;
  // Errors outside any test (a web server that never started) leave no test to count.
  failed += (report.errors ?? []).length;
}

for (const runner of expected) {
  const report = read(runner.file);
  if (!report) {
    missing.push(runner.name);
    continue;
  }
  if (runner.kind === "vitest") countVitest(report);
  else countPlaywright(report);
}

if (missing.length) console.log(`(no report from: ${missing.join(", ")})`);
if (flaky) console.log(`(${flaky} passed only on a retry: counted as flaky, not as passed)`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped${flaky ? `, ${flaky} flaky` : ""}`);
process.exit(failed > 0 || missing.length ? 1 : 0);
