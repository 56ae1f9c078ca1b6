import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "~/utils/env.server";

const base = () => ({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-trust-")) });

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("TRUST_PROXY", () => {
  it("believes only a proxy on this host by default, and nobody with `none`", () => {
    expect(parseConfig(base()).trustProxy).toEqual(["loopback"]);
    expect(parseConfig({ ...base(), TRUST_PROXY: "none" }).trustProxy).toEqual([]);
  });

  it("takes addresses, CIDR ranges and Express's range names, comma-separated", () => {
    expect(
      parseConfig({ ...base(), TRUST_PROXY: "10.0.0.5, 10.1.0.0/16,fd00::/8 ,::1, Uniquelocal" }).trustProxy,
    ).toEqual(["10.0.0.5", "10.1.0.0/16", "fd00::/8", "::1", "uniquelocal"]);
  });

  it("refuses anything else with a message naming the variable", () => {
    for (const value of ["true", "*", "10.0.0.0/33", "::/129", "nginx.local", "10.0.0.1/8/2", "none,10.0.0.1", "1"]) {
      const found = problems({ ...base(), TRUST_PROXY: value });
      expect(found, value).toHaveLength(1);
      expect(found[0], value).toMatch(/^TRUST_PROXY must be `none` or a comma-separated list/);
    }
  });
});
