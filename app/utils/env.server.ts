import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

/** hCaptcha's documented public test keys: fine for development, refused in production. */
export const HCAPTCHA_TEST_SITEKEY = "10000000-ffff-ffff-ffff-000000000001";
export const HCAPTCHA_TEST_SECRET = "0x0000000000000000000000000000000000000000";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

/** Express's names for address ranges, usable in TRUST_PROXY besides addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address (`10.0.0.5`, `::1`), a CIDR range (`10.0.0.0/24`) or one of PROXY_RANGE_NAMES. */
function isProxyAddress(item: string): boolean {
  if (PROXY_RANGE_NAMES.has(item)) return true;
  const [address = "", bits, ...rest] = item.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: the proxies whose X-Forwarded-For the app believes (comma-separated), or
 * `none`. Only a request whose peer is one of them has its client address taken from the
 * header; anyone else's header is ignored, so nobody dodges the rate limits by writing it.
 */
const trustProxy = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default("loopback")
    .transform((value) => value.split(",").map((item) => item.trim().toLowerCase()))
    .refine(
      (items) => (items.length === 1 && items[0] === "none") || items.every((item) => isProxyAddress(item)),
      "must be `none` or a comma-separated list of proxy addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal",
    )
    .transform((items) => (items[0] === "none" ? [] : items)),
);

/** A 256-bit key, base64 (`openssl rand -base64 32`). */
const signerDataKey = z
  .string()
  .trim()
  .refine(
    (v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32,
    "must be 32 random bytes in base64 (try: openssl rand -base64 32)",
  )
  .transform((v) => Buffer.from(v, "base64"));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: optional(z.string()),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  APP_URL: optional(z.string().url("must be an absolute URL such as https://undersigned.example.org")),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// (leave it unset for the embedded database)"),
  ),
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(["auto", "always", "never"]).default("auto")),
  SESSION_SECRET: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -hex 32)")),
  // Encrypts what identifies a signer (issue 12); the previous one only while `keys:rotate` runs.
  SIGNER_DATA_KEY: optional(signerDataKey),
  SIGNER_DATA_KEY_PREVIOUS: optional(signerDataKey),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Undersigned <no-reply@localhost>")),
  HCAPTCHA_SITEKEY: optional(z.string()),
  HCAPTCHA_SECRET: optional(z.string()),
  HCAPTCHA_VERIFY_URL: z.preprocess(emptyToUndefined, z.string().url().default("https://api.hcaptcha.com/siteverify")),
  ALLOW_HCAPTCHA_TEST_KEYS: z.preprocess(emptyToUndefined, z.enum(["0", "1", "true", "false"]).default("0")),
  RATE_LIMIT_SCALE: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(1_000_000).default(1)),
  BENCHMARK_MODE: z.preprocess(emptyToUndefined, z.enum(["0", "1", "true", "false"]).default("0")),
  // Who runs this instance, for the privacy page (issue 12).
  OPERATOR_NAME: optional(z.string().max(200, "must be at most 200 characters")),
  OPERATOR_CONTACT: optional(
    z
      .string()
      .max(300)
      .refine(
        (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || /^https:\/\/[^\s]+$/.test(v),
        "must be an email address or an https:// address",
      ),
  ),
  OPERATOR_ADDRESS: optional(z.string().max(500, "must be at most 500 characters")),
  SIGNATURE_CONFIRM_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(14)),
  MAIL_RETRY_DELAY_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3600).default(30)),
  RUN_WORKER: z.preprocess(emptyToUndefined, z.enum(["0", "1", "true", "false"]).default("1")),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
  TRUST_PROXY: trustProxy,
});

/**
 * Rules across variables. They read the raw values, so they are reported together with
 * the per-variable problems even when those exist.
 */
function crossProblems(source: Record<string, string | undefined>): string[] {
  const get = (name: string) => {
    const v = source[name];
    return v === undefined || v.trim() === "" ? undefined : v;
  };
  const problems: string[] = [];
  const production = get("NODE_ENV") === "production";
  const database = get("DATABASE_URL");
  // The embedded demo (`npm start`) keeps a generated secret under DATA_DIR instead.
  if (production && database && !get("SESSION_SECRET")) {
    problems.push("SESSION_SECRET is required when NODE_ENV=production with DATABASE_URL");
  }
  if (production && database && !get("SIGNER_DATA_KEY")) {
    problems.push(
      "SIGNER_DATA_KEY is required when NODE_ENV=production with DATABASE_URL (signers' details are encrypted with it)",
    );
  }
  if (get("SIGNER_DATA_KEY_PREVIOUS") && !get("SIGNER_DATA_KEY")) {
    problems.push("SIGNER_DATA_KEY_PREVIOUS is only meaningful beside a new SIGNER_DATA_KEY (key rotation)");
  }
  if (get("SIGNER_DATA_KEY_PREVIOUS") && get("SIGNER_DATA_KEY_PREVIOUS") === get("SIGNER_DATA_KEY")) {
    problems.push("SIGNER_DATA_KEY_PREVIOUS must differ from SIGNER_DATA_KEY");
  }
  if (production && database && !get("SMTP_URL")) {
    problems.push("SMTP_URL is required in production with DATABASE_URL (mail would only be written to files)");
  }
  if (production && database && !get("APP_URL")) problems.push("APP_URL is required in production (links in mails)");
  if (production && database && (!get("OPERATOR_NAME") || !get("OPERATOR_CONTACT"))) {
    problems.push(
      "OPERATOR_NAME and OPERATOR_CONTACT are required in production with DATABASE_URL (the privacy page says who runs this site and how to reach them)",
    );
  }
  const sitekey = get("HCAPTCHA_SITEKEY");
  const secret = get("HCAPTCHA_SECRET");
  if (Boolean(sitekey) !== Boolean(secret)) {
    problems.push(
      `${sitekey ? "HCAPTCHA_SECRET" : "HCAPTCHA_SITEKEY"} is missing: HCAPTCHA_SITEKEY and HCAPTCHA_SECRET go together`,
    );
  }
  // Loosened limits (the five-attempt TOTP limit among them) are for tests and load tests only.
  const scale = get("RATE_LIMIT_SCALE");
  const benchmark = ["1", "true"].includes(get("BENCHMARK_MODE") ?? "");
  if (scale !== undefined && Number(scale) !== 1 && get("NODE_ENV") !== "test" && !benchmark) {
    problems.push("RATE_LIMIT_SCALE loosens every rate limit: it is refused unless NODE_ENV=test or BENCHMARK_MODE=1");
  }
  const allowTestKeys = ["1", "true"].includes(get("ALLOW_HCAPTCHA_TEST_KEYS") ?? "");
  if (production && (sitekey === HCAPTCHA_TEST_SITEKEY || secret === HCAPTCHA_TEST_SECRET) && !allowTestKeys) {
    problems.push(
      "HCAPTCHA_SITEKEY is hCaptcha's public test key, which lets every bot through; set ALLOW_HCAPTCHA_TEST_KEYS=1 to insist",
    );
  }
  return problems;
}

export type RawEnv = z.infer<typeof schema>;

export interface AppConfig {
  nodeEnv: RawEnv["NODE_ENV"];
  host: string | undefined;
  port: number;
  appUrl: string;
  /** Absent: the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  embedded: boolean;
  dataDir: string;
  seedDemo: RawEnv["SEED_DEMO"];
  sessionSecret: string;
  /** Encrypts signers' details at rest (32 bytes); the previous key only during a rotation. */
  signerDataKey: Buffer;
  signerDataKeyPrevious: Buffer | null;
  smtpUrl: string | undefined;
  mailFrom: string;
  hcaptcha: { sitekey: string; secret: string; verifyUrl: string } | null;
  logLevel: RawEnv["LOG_LEVEL"];
  /** Multiplies every rate limit (load tests from one address). */
  rateLimitScale: number;
  /** Unconfirmed signatures are deleted after this many days. */
  signatureConfirmDays: number;
  /** First wait before a failed mail is retried (it then grows exponentially). */
  mailRetryDelaySeconds: number;
  /** Whether this process works the job queue (mail, sweeps) besides serving HTTP. */
  runWorker: boolean;
  /** Who runs this instance (the privacy page); null fields are unset (the demo). */
  operator: { name: string | null; contact: string | null; address: string | null };
  /** Proxies whose X-Forwarded-For is believed (Express "trust proxy" list); empty: none. */
  trustProxy: string[];
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee README.md, "Configuration".`);
    this.name = "ConfigError";
  }
}

/** Reads a secret kept under DATA_DIR, creating it on first use (embedded and development only). */
function persistentSecret(dataDir: string, name = "session-secret"): string {
  const file = path.join(dataDir, name);
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not created yet
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** Validates the environment; throws ConfigError listing every problem at once. */
export function parseConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const result = schema.safeParse(source);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`)),
    ...crossProblems(source),
  ];
  if (!result.success || problems.length) throw new ConfigError(problems);
  const env = result.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const port = env.PORT;
  return {
    nodeEnv: env.NODE_ENV,
    host: env.HOST,
    port,
    appUrl: (env.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    embedded: !env.DATABASE_URL,
    dataDir,
    seedDemo: env.SEED_DEMO,
    sessionSecret: env.SESSION_SECRET ?? persistentSecret(dataDir),
    // The demo keeps a generated key beside the session secret (hex, 32 bytes).
    signerDataKey:
      env.SIGNER_DATA_KEY ?? Buffer.from(persistentSecret(dataDir, "signer-data-key"), "hex").subarray(0, 32),
    signerDataKeyPrevious: env.SIGNER_DATA_KEY_PREVIOUS ?? null,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    hcaptcha:
      env.HCAPTCHA_SITEKEY && env.HCAPTCHA_SECRET
        ? { sitekey: env.HCAPTCHA_SITEKEY, secret: env.HCAPTCHA_SECRET, verifyUrl: env.HCAPTCHA_VERIFY_URL }
        : null,
    logLevel: env.LOG_LEVEL,
    rateLimitScale: env.RATE_LIMIT_SCALE,
    signatureConfirmDays: env.SIGNATURE_CONFIRM_DAYS,
    runWorker: env.RUN_WORKER === "1" || env.RUN_WORKER === "true",
    mailRetryDelaySeconds: env.MAIL_RETRY_DELAY_SECONDS,
    operator: {
      name: env.OPERATOR_NAME?.trim() ?? null,
      contact: env.OPERATOR_CONTACT?.trim() ?? null,
      address: env.OPERATOR_ADDRESS?.trim() ?? null,
    },
    trustProxy: env.TRUST_PROXY,
  };
}

let cached: AppConfig | undefined;

/** Forgets the parsed configuration (tests change the environment between suites). */
export function resetConfig(): void {
  cached = undefined;
}

/** The validated configuration of this process. */
export function getConfig(): AppConfig {
  cached ??= parseConfig();
  return cached;
}
