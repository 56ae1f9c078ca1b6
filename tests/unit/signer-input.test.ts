import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, WITHDRAWN_COUNTRY_CODES } from "~/domain/countries";
import { LOCALES } from "~/domain/vocab";
import { countryOptions } from "~/i18n/countries.server";
import { signatureErrorMap, signatureSchema } from "~/schemas/signature";
import { ConfigError, parseConfig } from "~/utils/env.server";

/**
 * The sign form's bad-input rules (issue 12): damaged UTF-8 is a field error, the joiners of
 * emoji and of Persian and Indic spelling are accepted where they belong, the country list
 * names each country once, and RATE_LIMIT_SCALE is refused outside tests and load tests.
 */

/** The form exactly as a browser (or a script) sends it: raw bytes, decoded like the route does. */
async function postedForm(body: Buffer) {
  const request = new Request("http://localhost/en/campaigns/x", {
    method: "POST",
    body: new Uint8Array(body),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  return parseWithZod(await request.formData(), { schema: signatureSchema, errorMap: signatureErrorMap });
}

const errorsOf = (submission: { status?: string; error?: unknown }) =>
  (submission.status === "error" ? submission.error : undefined) as Record<string, string[] | null> | undefined;

const rest = "&email=ada%40example.org&group=mathematicians&country=DE&visibility=public";
const withName = (fullName: string) =>
  parseWithZod(
    (() => {
      const data = new FormData();
      for (const [k, v] of Object.entries({
        fullName,
        email: "ada@example.org",
        group: "mathematicians",
        country: "DE",
        visibility: "public",
      }))
        data.append(k, v);
      return data;
    })(),
    { schema: signatureSchema, errorMap: signatureErrorMap },
  );

describe("sign form input", () => {
  it.each([
    ["C3 28 (a broken two-byte sequence)", "%C3%28"],
    ["FF (never valid in UTF-8)", "Ada%FF"],
    ["ED A0 80 (a lone surrogate)", "Ada%ED%A0%80"],
  ])("refuses a name sent as invalid UTF-8: %s", async (_, bytes) => {
    const submission = await postedForm(Buffer.from(`fullName=${bytes}${rest}`));
    expect(submission.status).toBe("error");
    expect(errorsOf(submission)?.fullName).toEqual(["badEncoding"]);
  });

  it("refuses invalid UTF-8 in the city and the comment too", async () => {
    const submission = await postedForm(Buffer.from(`fullName=Ada${rest}&city=Pa%FFris&comment=x%C3%28`));
    expect(errorsOf(submission)?.city).toEqual(["badEncoding"]);
    expect(errorsOf(submission)?.comment).toEqual(["badEncoding"]);
  });

  it("accepts valid multi-byte names sent as bytes", async () => {
    const submission = await postedForm(Buffer.from(`fullName=${encodeURIComponent("Азат Мифтахов")}${rest}`, "utf8"));
    expect(submission.status).toBe("success");
  });

  it.each([
    ["an emoji ZWJ sequence", "\u{1F469}\u{1F3FD}\u200D\u{1F52C} Ada Lovelace"],
    [
      "a Persian word with a zero-width non-joiner",
      "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 \u0645\u0631\u06CC\u0645",
    ],
    ["a Devanagari conjunct with a zero-width joiner", "\u0915\u094D\u200D\u0937 \u0930\u093E\u092E"],
    ["a Malayalam name with a zero-width non-joiner", "\u0D36\u0D4D\u0D30\u0D40\u200C\u0D15\u0D41\u0D2E\u0D3E\u0D7C"],
  ])("accepts %s", (_, name) => {
    const submission = withName(name);
    expect(errorsOf(submission)?.fullName).toBeUndefined();
    expect(submission.status).toBe("success");
  });

  it.each([
    ["a joiner between Latin letters", "Ad\u200Da"],
    ["a joiner at the end", "Ada\u200D"],
    ["a non-joiner between Latin letters", "A\u200Cda"],
    ["a zero-width space", "Ada\u200BLovelace"],
    ["a right-to-left override", "Ada \u202Eecalevol"],
    ["a left-to-right mark", "Ada\u200E"],
  ])("still refuses %s", (_, name) => {
    expect(errorsOf(withName(name))?.fullName).toEqual(["invisibleCharacters"]);
  });
});

describe("country list", () => {
  it("offers no withdrawn ISO code", () => {
    for (const code of Object.keys(WITHDRAWN_COUNTRY_CODES)) expect(COUNTRY_CODES).not.toContain(code);
  });

  it.each(LOCALES)("names every country once in %s", (locale) => {
    const names = countryOptions(locale).map((c) => c.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    expect(twice).toEqual([]);
  });
});

describe("RATE_LIMIT_SCALE", () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-env-"));
  const problems = (env: Record<string, string>) => {
    try {
      parseConfig(env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it("is refused in production and development", () => {
    for (const NODE_ENV of ["production", "development"]) {
      const found = problems({ NODE_ENV, RATE_LIMIT_SCALE: "1000", SESSION_SECRET: "x".repeat(40), DATA_DIR: tmp() });
      expect(found.some((p) => p.startsWith("RATE_LIMIT_SCALE"))).toBe(true);
    }
  });

  it("is allowed in tests and in benchmark mode, and 1 is allowed anywhere", () => {
    expect(parseConfig({ NODE_ENV: "test", RATE_LIMIT_SCALE: "1000", DATA_DIR: tmp() }).rateLimitScale).toBe(1000);
    const bench = { NODE_ENV: "production", RATE_LIMIT_SCALE: "1000", BENCHMARK_MODE: "1", DATA_DIR: tmp() };
    expect(parseConfig(bench).rateLimitScale).toBe(1000);
    expect(parseConfig({ NODE_ENV: "production", RATE_LIMIT_SCALE: "1", DATA_DIR: tmp() }).rateLimitScale).toBe(1);
  });
});
