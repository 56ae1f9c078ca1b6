import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "~/i18n/config";

const root = path.resolve(__dirname, "../../locales");
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === "object") Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}

function load(lng: string) {
  const dir = path.join(root, lng);
  const all: Record<string, string> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const ns = file.replace(/\.json$/, "");
    for (const [k, v] of Object.entries(flatten(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"))))) {
      all[`${ns}:${k}`] = v;
    }
  }
  return all;
}

const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
const english = load("en");
const baseKeys = (keys: string[]) => new Set(keys.map((k) => k.replace(PLURAL, "")));

describe("locale files", () => {
  it("has a folder for every supported language and nothing else", () => {
    expect(fs.readdirSync(root).sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  for (const lng of SUPPORTED_LOCALES) {
    describe(lng, () => {
      const strings = load(lng);

      it("has exactly the keys English has", () => {
        const ours = baseKeys(Object.keys(strings));
        const theirs = baseKeys(Object.keys(english));
        expect(
          [...theirs].filter((k) => !ours.has(k)),
          "missing",
        ).toEqual([]);
        expect(
          [...ours].filter((k) => !theirs.has(k)),
          "extra",
        ).toEqual([]);
      });

      it("has every plural form its language needs", () => {
        const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
        const pluralBases = new Set(
          Object.keys(english)
            .filter((k) => PLURAL.test(k))
            .map((k) => k.replace(PLURAL, "")),
        );
        for (const base of pluralBases) {
          for (const category of categories) {
            expect(strings, `${base}_${category}`).toHaveProperty([`${base}_${category}`]);
          }
        }
      });

      it("keeps the same placeholders and contains no markup", () => {
        for (const [key, value] of Object.entries(strings)) {
          expect(value, key).not.toMatch(/<\/?[a-z][^>]*>/i);
          expect(value.trim(), key).not.toBe("");
          const englishValue = english[key] ?? english[key.replace(PLURAL, "_other")];
          if (englishValue !== undefined) expect(placeholders(value), key).toEqual(placeholders(englishValue));
        }
      });
    });
  }
});
