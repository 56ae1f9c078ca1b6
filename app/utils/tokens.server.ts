import { createHash, createHmac, randomBytes } from "node:crypto";

/** A link token: 256 random bits, URL-safe. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Tokens we hand out are 43 base64url characters; anything else is not worth a query. */
export function looksLikeToken(value: string | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Keyed hash of an IP address: comparable for abuse review, useless without the secret. */
export function hashIp(ip: string, secret: string): string {
  return createHmac("sha256", secret).update(`ip:${ip}`).digest("hex").slice(0, 32);
}
