import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** scripts/test-summary.mjs on made-up reports: the closing line tells the truth, and so does the exit code. */
function summarize(reports: Record<string, unknown>, steps: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "summary-"));
  for (const [name, report] of Object.entries(reports)) fs.writeFileSync(path.join(dir, name), JSON.stringify(report));
  const run = spawnSync("node", ["scripts/test-summary.mjs", ...steps], {
    env: { ...process.env, TEST_RESULTS_DIR: dir },
    encoding: "utf8",
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return { out: run.stdout.trim().split("\n"), status: run.status };
}

const vitest = (statuses: string[], fileStatus = "passed") => ({
  testResults: [{ status: fileStatus, assertionResults: statuses.map((status) => ({ status })) }],
});
const playwright = (stats: Record<string, number>, errors: unknown[] = []) => ({ stats, errors });

describe("the test summary line", () => {
  it("adds up every runner and exits 0 when all passed", () => {
    const { out, status } = summarize(
      {
        "vitest.json": vitest(["passed", "passed", "pending"]),
        "playwright.json": playwright({ expected: 3, unexpected: 0, flaky: 0, skipped: 1 }),
      },
      ["test:unit", "test:e2e"],
    );
    expect(out.at(-1)).toBe("tests: 5 passed, 0 failed, 2 skipped");
    expect(status).toBe(0);
  });

  it("counts failures, a file that crashed before its tests, and errors outside tests", () => {
    const { out, status } = summarize(
      {
        "vitest.json": {
          testResults: [
            { status: "failed", assertionResults: [{ status: "passed" }, { status: "failed" }] },
            { status: "failed", assertionResults: [] },
          ],
        },
        "playwright.json": playwright({ expected: 1, unexpected: 1, flaky: 0, skipped: 0 }, [{ message: "boom" }]),
      },
      ["test:unit", "test:e2e"],
    );
    expect(out.at(-1)).toBe("tests: 2 passed, 4 failed, 0 skipped");
    expect(status).toBe(1);
  });

  it("counts a test that passed only on a retry as flaky, not passed", () => {
    const { out } = summarize({ "playwright.json": playwright({ expected: 2, unexpected: 0, flaky: 1, skipped: 0 }) }, [
      "test:e2e",
    ]);
    expect(out.at(-1)).toBe("tests: 2 passed, 0 failed, 0 skipped, 1 flaky");
  });

  it("fails when a runner that ran left no report", () => {
    const { out, status } = summarize({ "vitest.json": vitest(["passed"]) }, ["test:unit", "test:resilience"]);
    expect(out).toContain("(no report from: resilience)");
    expect(out.at(-1)).toBe("tests: 1 passed, 0 failed, 0 skipped");
    expect(status).toBe(1);
  });
});
