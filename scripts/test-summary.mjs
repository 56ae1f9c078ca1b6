// Prints one closing line for the whole `npm test` run: "tests: N passed, N failed, N skipped".
// Reads the JSON reports that vitest and Playwright wrote under test-results/.
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

for (const [name, file] of [
  ["vitest", "test-results/vitest.json"],
  ["resilience", "test-results/resilience.json"],
]) {
  const report = read(file);
  if (report) {
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } else missing.push(name);
}

const playwright = read("test-results/playwright.json");
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
} else missing.push("playwright");

if (missing.length) console.log(`(no report from: ${missing.join(", ")})`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing.length ? 1 : 0);
