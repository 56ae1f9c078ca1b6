import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, HCAPTCHA_TEST_SECRET, HCAPTCHA_TEST_SITEKEY, parseConfig } from "~/utils/env.server";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-env-"));

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("defaults to the embedded database and keeps a generated session secret under DATA_DIR", () => {
    const dir = tmp();
    const first = parseConfig({ DATA_DIR: dir });
    expect(first.embedded).toBe(true);
    expect(first.port).toBe(3000);
    expect(first.appUrl).toBe("http://localhost:3000");
    expect(first.hcaptcha).toBeNull();
    expect(first.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(parseConfig({ DATA_DIR: dir }).sessionSecret).toBe(first.sessionSecret);
  });

  it("lists every problem at once, naming the variable", () => {
    const found = problems({ PORT: "eighty", APP_URL: "not a url", DATABASE_URL: "mysql://x", HCAPTCHA_SITEKEY: "k" });
    expect(found.some((p) => p.startsWith("PORT"))).toBe(true);
    expect(found.some((p) => p.startsWith("APP_URL"))).toBe(true);
    expect(found.some((p) => p.startsWith("DATABASE_URL"))).toBe(true);
    expect(found.some((p) => p.startsWith("HCAPTCHA_SECRET"))).toBe(true);
  });

  it("requires a session secret, SMTP and APP_URL in production on PostgreSQL", () => {
    const found = problems({ NODE_ENV: "production", DATABASE_URL: "postgres://localhost/x", DATA_DIR: tmp() });
    expect(found.map((p) => p.split(" ")[0])).toEqual(
      expect.arrayContaining(["SESSION_SECRET", "SMTP_URL", "APP_URL"]),
    );
  });

  it("refuses hCaptcha's public test keys in production unless explicitly allowed", () => {
    const env = {
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      HCAPTCHA_SITEKEY: HCAPTCHA_TEST_SITEKEY,
      HCAPTCHA_SECRET: HCAPTCHA_TEST_SECRET,
      DATA_DIR: tmp(),
    };
    expect(problems(env).some((p) => p.startsWith("HCAPTCHA_SITEKEY"))).toBe(true);
    expect(parseConfig({ ...env, ALLOW_HCAPTCHA_TEST_KEYS: "1" }).hcaptcha?.sitekey).toBe(HCAPTCHA_TEST_SITEKEY);
  });

  it("treats empty values as unset", () => {
    const config = parseConfig({ DATA_DIR: tmp(), DATABASE_URL: "", PORT: "", SMTP_URL: " " });
    expect(config.embedded).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.smtpUrl).toBeUndefined();
  });
});
