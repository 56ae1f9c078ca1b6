import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import { getConfig } from "./env.server";

/**
 * Encryption at rest of what identifies a signer (issue 12): AES-256-GCM from node:crypto,
 * an authenticated cipher, in a versioned envelope
 *
 *     v1.<key id>.<iv>.<tag>.<ciphertext>        (base64url parts)
 *
 * under SIGNER_DATA_KEY. The key id is a short fingerprint of the key, so a row says which
 * key sealed it and `npm run keys:rotate` finds the rows still under the previous one.
 * Addresses are compared by a keyed hash (HMAC-SHA-256 of the canonical address, with a
 * subkey derived from the same key), never stored in clear.
 */

const VERSION = "v1";

export interface SignerKey {
  /** Fingerprint stored with each row (not secret). */
  id: string;
  encryption: Buffer;
  hashing: Buffer;
}

export function deriveKey(raw: Buffer): SignerKey {
  const sub = (info: string) => Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), `undersigned:${info}`, 32));
  const id = createHash("sha256").update("undersigned:key-id:").update(raw).digest("base64url").slice(0, 10);
  return { id, encryption: sub("encrypt"), hashing: sub("email-hash") };
}

export interface SignerKeyring {
  current: SignerKey;
  /** Set only during a rotation: rows it sealed are still readable, and found by their old hash. */
  previous: SignerKey | null;
}

const holder = globalThis as typeof globalThis & {
  __undersignedKeyring?: { raw: Buffer; rawPrevious: Buffer | null; ring: SignerKeyring };
};

const sameKey = (a: Buffer | null, b: Buffer | null) => (a && b ? a.equals(b) : a === b);

/** The keys of this process, from the configuration (derived once). */
export function signerKeyring(): SignerKeyring {
  const { signerDataKey, signerDataKeyPrevious } = getConfig();
  const cached = holder.__undersignedKeyring;
  if (cached && cached.raw.equals(signerDataKey) && sameKey(cached.rawPrevious, signerDataKeyPrevious)) {
    return cached.ring;
  }
  const ring = {
    current: deriveKey(signerDataKey),
    previous: signerDataKeyPrevious ? deriveKey(signerDataKeyPrevious) : null,
  };
  holder.__undersignedKeyring = { raw: signerDataKey, rawPrevious: signerDataKeyPrevious, ring };
  return ring;
}

/** Seals a value (any JSON) under the current key. */
export function seal(value: unknown, key: SignerKey = signerKeyring().current): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.encryption, iv);
  // The key id is authenticated too: an envelope cannot be relabelled.
  cipher.setAAD(Buffer.from(`${VERSION}.${key.id}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
}

export class UnreadableSecret extends Error {
  constructor(reason: string) {
    super(`signer data cannot be decrypted: ${reason}`);
    this.name = "UnreadableSecret";
  }
}

/** The key id an envelope was sealed with. */
export function envelopeKeyId(envelope: string): string {
  return envelope.split(".")[1] ?? "";
}

/** What opening needs of a key, made once per key: its secret as a KeyObject and the authenticated data. */
const openers = new WeakMap<SignerKey, { secret: KeyObject; aad: Buffer }>();

function openerOf(key: SignerKey) {
  let opener = openers.get(key);
  if (!opener) {
    opener = { secret: createSecretKey(key.encryption), aad: Buffer.from(`${VERSION}.${key.id}`) };
    openers.set(key, opener);
  }
  return opener;
}

/**
 * Opens an envelope sealed under the current or (during a rotation) the previous key. The
 * parts are found by position rather than split into an array, and the tag must be whole
 * (16 bytes): an export opens a million envelopes, one per row.
 */
export function unseal<T>(envelope: string, ring: SignerKeyring = signerKeyring()): T {
  const a = envelope.indexOf(".");
  const b = envelope.indexOf(".", a + 1);
  const c = b < 0 ? -1 : envelope.indexOf(".", b + 1);
  const d = c < 0 ? -1 : envelope.indexOf(".", c + 1);
  if (
    d < 0 ||
    envelope.indexOf(".", d + 1) !== -1 ||
    envelope.slice(0, a) !== VERSION ||
    b === a + 1 ||
    c === b + 1 ||
    d === c + 1
  ) {
    throw new UnreadableSecret("not an envelope");
  }
  const keyId = envelope.slice(a + 1, b);
  const key = ring.current.id === keyId ? ring.current : ring.previous?.id === keyId ? ring.previous : null;
  if (!key) throw new UnreadableSecret(`sealed with an unknown key ${keyId} (set SIGNER_DATA_KEY_PREVIOUS?)`);
  const { secret, aad } = openerOf(key);
  const decipher = createDecipheriv("aes-256-gcm", secret, Buffer.from(envelope.slice(b + 1, c), "base64url"), {
    authTagLength: 16,
  });
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(envelope.slice(c + 1, d), "base64url"));
  const text = decipher.update(Buffer.from(envelope.slice(d + 1), "base64url"));
  decipher.final();
  return JSON.parse(text.toString("utf8")) as T;
}

/** The keyed hash of a canonical address under one key (dedup, "lost your link", search). */
export function emailHash(canonical: string, key: SignerKey = signerKeyring().current): string {
  return createHmac("sha256", key.hashing).update(canonical, "utf8").digest("base64url");
}

/** The address's hashes under every key in use (during a rotation a row may carry either). */
export function emailHashes(canonical: string, ring: SignerKeyring = signerKeyring()): string[] {
  return [ring.current, ...(ring.previous ? [ring.previous] : [])].map((k) => emailHash(canonical, k));
}
