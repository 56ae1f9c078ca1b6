import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAMPAIGN_NAMESPACES, resourcesFor } from "~/i18n/i18n.server";

/**
 * The campaign page sends the browser only CAMPAIGN_NAMESPACES (docs/performance.md). A
 * component of that page using another namespace would show a raw key once hydrated: every
 * component the page renders (the route, the root's chrome, and what they import from
 * app/components, transitively) may use only those namespaces.
 */
const app = path.resolve(__dirname, "../../app");
const ENTRY_FILES = ["routes/campaign.tsx", "root.tsx"];

function componentFile(name: string): string | null {
  for (const ext of [".tsx", ".ts"]) {
    const file = path.join(app, "components", name + ext);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/** The files the campaign page renders, following `~/components/…` imports. */
function pageFiles(): string[] {
  const seen = new Set<string>();
  const queue = ENTRY_FILES.map((f) => path.join(app, f));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const [, name] of source.matchAll(/from "~\/components\/([a-z0-9-]+)"/g)) {
      const next = componentFile(name!);
      if (next) queue.push(next);
    }
  }
  return [...seen];
}

/** Namespaces a file names: `t("ns:key")`, `useTranslation("ns")`, `{ ns: "ns" }`. */
function namespacesIn(source: string): Set<string> {
  const found = new Set<string>();
  for (const [, ns] of source.matchAll(/\bt\(\s*["'`]([a-zA-Z]+):/g)) found.add(ns!);
  for (const [, ns] of source.matchAll(/useTranslation\(\s*["']([a-zA-Z]+)["']/g)) found.add(ns!);
  for (const [, ns] of source.matchAll(/\bns:\s*["']([a-zA-Z]+)["']/g)) found.add(ns!);
  return found;
}

describe("the campaign page's strings", () => {
  it("sends exactly the campaign namespaces, in every language", () => {
    for (const locale of ["en", "ru"] as const) {
      expect(Object.keys(resourcesFor(locale, "campaign")).sort()).toEqual([...CAMPAIGN_NAMESPACES].sort());
    }
    // The other public pages still get the letter writers' strings.
    expect(Object.keys(resourcesFor("ru", "public"))).toContain("letters");
  });

  it("renders no component that uses another namespace", () => {
    const files = pageFiles();
    // The walk reaches the form and the chrome, or it proves nothing.
    expect(files.some((f) => f.endsWith("signature-form.tsx"))).toBe(true);
    expect(files.some((f) => f.endsWith("site-footer.tsx"))).toBe(true);
    const outside: string[] = [];
    for (const file of files) {
      for (const ns of namespacesIn(fs.readFileSync(file, "utf8"))) {
        if (!(CAMPAIGN_NAMESPACES as readonly string[]).includes(ns))
          outside.push(`${path.relative(app, file)}: ${ns}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
