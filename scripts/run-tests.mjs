// `npm test`: every check, in order, each as its own npm script. A failing step does not
// hide the others' results: every step runs, then scripts/test-summary.mjs prints one line
// with the real counts of every runner ("tests: N passed, N failed, N skipped"), and the exit
// code is non-zero when any step failed or any runner left no report.
//
// Usage: node scripts/run-tests.mjs [step …]   (default: all of STEPS)
import { spawnSync } from "node:child_process";
import fs from "node:fs";

/** The npm scripts `npm test` runs, in this order. */
export const STEPS = ["typecheck", "lint", "test:unit", "test:e2e", "test:resilience", "test:integration"];

const wanted = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
const steps = (wanted.length ? wanted : STEPS).filter((step) => {
  if (pkg.scripts?.[step]) return true;
  if (wanted.length) throw new Error(`no npm script "${step}"`);
  return false; // a step this checkout does not have yet
});

fs.mkdirSync("test-results", { recursive: true });
for (const file of fs.readdirSync("test-results")) {
  if (file.endsWith(".json")) fs.rmSync(`test-results/${file}`);
}

const failedSteps = [];
for (const step of steps) {
  console.log(`\n== npm run ${step}`);
  const started = Date.now();
  const result = spawnSync("npm", ["run", step], { stdio: "inherit" });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (result.status !== 0) {
    failedSteps.push(step);
    console.log(`== ${step} FAILED (exit ${result.status ?? result.signal}, ${seconds} s)`);
  } else console.log(`== ${step} ok (${seconds} s)`);
}

const summary = spawnSync("node", ["scripts/test-summary.mjs", ...steps], { stdio: "inherit" });
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(", ")}`);
process.exit(failedSteps.length || summary.status !== 0 ? 1 : 0);
