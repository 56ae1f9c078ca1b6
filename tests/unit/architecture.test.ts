import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers of docs/decisions/004-layers.md, checked on the source itself. ESLint checks
 * imports and import cycles; this checks what a lint rule cannot see: words in comments,
 * file sizes, and which file may write the counters (and who may call it).
 */

const root = path.resolve(__dirname, "../..");

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("layers", () => {
  it("no service, job, model or domain file mentions Request, Response, FormData or Headers", () => {
    const offenders: string[] = [];
    for (const file of ["app/services", "app/jobs", "app/models", "app/domain"].flatMap(filesUnder)) {
      const lines = read(file).split("\n");
      lines.forEach((line, i) => {
        const word = /\b(Request|Response|FormData|Headers)\b/.exec(line);
        if (word) offenders.push(`${file}:${i + 1} ${word[1]}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("keeps every service and model file under 400 lines", () => {
    const long = ["app/services", "app/models"]
      .flatMap(filesUnder)
      .map((file) => ({ file, lines: read(file).split("\n").length }))
      .filter((f) => f.lines > 400)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });

  it("writes the counter shards from one module only", () => {
    const writes =
      /(insertInto|updateTable|deleteFrom)\(\s*"signature_counts"|(insert into|update|delete from)\s+signature_counts/i;
    const writers = ["app", "db", "server"]
      .flatMap(filesUnder)
      .filter((file) => !file.startsWith("db/migrations/"))
      .filter((file) => writes.test(read(file)));
    expect(writers).toEqual(["app/models/signature-counters.server.ts"]);
    // …and only the transitions module moves them: nothing else imports the counters' writer.
    const importers = ["app", "db", "server", "emails"]
      .flatMap(filesUnder)
      .filter((file) => /from\s+["'][^"']*signature-counters\.server["']/.test(read(file)));
    expect(importers).toEqual(["app/models/signature-transitions.server.ts"]);
  });

  it("changes a signature's state only in the transitions module", () => {
    // A `state:` in an update of the signatures table, anywhere else, is a second copy of the rule.
    const writers = ["app", "db/seeds"]
      .flatMap(filesUnder)
      .filter((file) => /updateTable\(\s*"signatures"\s*\)[\s\S]{0,200}?\.set\(\{[^}]*\bstate\s*:/.test(read(file)));
    expect(writers).toEqual(["app/models/signature-transitions.server.ts"]);
  });

  it("finds the rules above when they are broken (the checks can fail)", () => {
    expect(/\b(Request|Response|FormData|Headers)\b/.test("async function x(request: Request)")).toBe(true);
    expect(/\b(Request|Response|FormData|Headers)\b/.test("type ResendResult = {}")).toBe(false);
    const sample = `await db.updateTable("signatures").set({ state: "hidden" })`;
    expect(/updateTable\(\s*"signatures"\s*\)[\s\S]{0,200}?\.set\(\{[^}]*\bstate\s*:/.test(sample)).toBe(true);
  });
});
