import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "~/utils/env.server";
import { deriveKey, emailHash, envelopeKeyId, seal, unseal, UnreadableSecret } from "~/utils/signer-crypto.server";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-key-"));

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("SIGNER_DATA_KEY", () => {
  it("is generated into DATA_DIR for the demo, kept there, and never the session secret", () => {
    const dir = tmp();
    const first = parseConfig({ DATA_DIR: dir });
    expect(first.signerDataKey).toHaveLength(32);
    expect(parseConfig({ DATA_DIR: dir }).signerDataKey.equals(first.signerDataKey)).toBe(true);
    expect(fs.statSync(path.join(dir, "signer-data-key")).mode & 0o077).toBe(0);
    expect(first.signerDataKey.toString("hex")).not.toBe(first.sessionSecret);
    expect(first.signerDataKeyPrevious).toBeNull();
  });

  it("takes 32 bytes in base64 and refuses anything else, naming the variable", () => {
    const key = randomBytes(32).toString("base64");
    expect(parseConfig({ DATA_DIR: tmp(), SIGNER_DATA_KEY: key }).signerDataKey.toString("base64")).toBe(key);
    for (const bad of [
      "short",
      randomBytes(16).toString("base64"),
      randomBytes(33).toString("base64"),
      "!".repeat(44),
    ]) {
      expect(problems({ DATA_DIR: tmp(), SIGNER_DATA_KEY: bad }).some((p) => p.startsWith("SIGNER_DATA_KEY"))).toBe(
        true,
      );
    }
  });

  it("is required in production on PostgreSQL; the previous key only beside a different new one", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://localhost/x", DATA_DIR: tmp() };
    expect(problems(production).some((p) => p.startsWith("SIGNER_DATA_KEY is required"))).toBe(true);
    const key = randomBytes(32).toString("base64");
    expect(problems({ ...production, SIGNER_DATA_KEY: key }).some((p) => p.startsWith("SIGNER_DATA_KEY"))).toBe(false);
    expect(problems({ DATA_DIR: tmp(), SIGNER_DATA_KEY_PREVIOUS: key }).join()).toContain("SIGNER_DATA_KEY_PREVIOUS");
    expect(problems({ DATA_DIR: tmp(), SIGNER_DATA_KEY: key, SIGNER_DATA_KEY_PREVIOUS: key }).join()).toContain(
      "must differ",
    );
  });
});

describe("sealed signer details", () => {
  const current = deriveKey(randomBytes(32));
  const previous = deriveKey(randomBytes(32));
  const details = { e: "ada@example.org", n: "Ада Лавлейс 👩🏽‍🔬", t: "Analyst", c: "London", m: null };

  it("round-trips through a versioned AES-256-GCM envelope that shows nothing of the value", () => {
    const envelope = seal(details, current);
    expect(envelope).toMatch(/^v1\.[\w-]{10}\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(envelopeKeyId(envelope)).toBe(current.id);
    expect(envelope).not.toContain("ada");
    expect(unseal(envelope, { current, previous: null })).toEqual(details);
    // A fresh IV each time: the same details never seal to the same text.
    expect(seal(details, current)).not.toBe(envelope);
  });

  it("opens envelopes of the previous key during a rotation, and refuses tampering or unknown keys", () => {
    const old = seal(details, previous);
    expect(unseal(old, { current, previous })).toEqual(details);
    expect(() => unseal(old, { current, previous: null })).toThrow(UnreadableSecret);
    const [v, id, iv, tag, body] = seal(details, current).split(".");
    const flipped = body!.slice(0, -2) + (body!.at(-2) === "A" ? "B" : "A") + body!.at(-1);
    expect(() => unseal([v, id, iv, tag, flipped].join("."), { current, previous: null })).toThrow();
    // The key id is authenticated: relabelling an envelope to another key fails too.
    expect(() => unseal([v, previous.id, iv, tag, body].join("."), { current, previous })).toThrow();
    expect(() => unseal("ada@example.org", { current, previous })).toThrow(UnreadableSecret);
    // A shortened tag is refused, not checked on its first bytes only (GCM tag truncation).
    const short = Buffer.from(tag!, "base64url").subarray(0, 12).toString("base64url");
    expect(() => unseal([v, id, iv, short, body].join("."), { current, previous: null })).toThrow();
    for (const broken of [`v2.${id}.${iv}.${tag}.${body}`, `v1..${iv}.${tag}.${body}`, `v1.${id}.${iv}..${body}`]) {
      expect(() => unseal(broken!, { current, previous: null })).toThrow(UnreadableSecret);
    }
    expect(() => unseal([v, id, iv, tag, body, "x"].join("."), { current, previous: null })).toThrow(UnreadableSecret);
  });

  it("compares addresses by a keyed hash: stable under one key, different under another", () => {
    expect(emailHash("ada@example.org", current)).toBe(emailHash("ada@example.org", current));
    expect(emailHash("ada@example.org", current)).not.toBe(emailHash("ada@example.org", previous));
    expect(emailHash("ada@example.org", current)).not.toContain("ada");
    expect(emailHash("ada@example.org", current)).toHaveLength(43);
  });
});
