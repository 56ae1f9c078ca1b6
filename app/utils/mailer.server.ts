import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SentMessageInfo, type Transporter } from "nodemailer";
import { getConfig } from "./env.server";

/**
 * Outgoing mail. With SMTP_URL set, mails go through a pooled SMTP connection; without it
 * ("capture" mode, the demo and development) each mail is written as JSON under
 * DATA_DIR/mail, where the development mailbox (/dev/mailbox) shows it.
 */

export interface OutgoingMail {
  /** One address: mails from this application always go to exactly one person. */
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

export interface SendResult {
  mode: "smtp" | "capture";
  /** The Message-ID given by nodemailer (smtp) or the captured file's id (capture). */
  id: string;
}

export interface CapturedMail {
  id: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  /** ISO 8601, UTC. */
  date: string;
  headers: Record<string, string>;
}

export type CapturedMailSummary = Pick<CapturedMail, "id" | "to" | "subject" | "date">;

export type MailTransport = Transporter<SentMessageInfo>;

/** A server that does not connect, greet or answer within this long is treated as down; the queue retries later. */
export const SMTP_TIMEOUT_MS = 10_000;

/** Headers every automated mail carries: no vacation replies or auto-forwards in return (RFC 3834). */
const DEFAULT_HEADERS: Record<string, string> = {
  "Auto-Submitted": "auto-generated",
  "X-Auto-Response-Suppress": "All",
};

/** A mail that can never be sent as it is (bad address, bad header): retrying will not help. */
export class InvalidMailError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = "InvalidMailError";
  }
}

/** A captured-mail id that is not one this module writes (e.g. "../etc/passwd"). */
export class InvalidMailIdError extends RangeError {
  constructor() {
    super("Invalid captured mail id");
    this.name = "InvalidMailIdError";
  }
}

// ---------------------------------------------------------------------------------------
// Validation and privacy

const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

function checkMail(mail: OutgoingMail): void {
  if (typeof mail.to !== "string" || mail.to.length > 320 || !ADDRESS.test(mail.to)) {
    throw new InvalidMailError(`Invalid recipient address ${maskAddress(String(mail.to))}`);
  }
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!HEADER_NAME.test(name) || /[\r\n]/.test(value)) throw new InvalidMailError(`Invalid mail header ${name}`);
  }
}

/** One header line: a subject never carries line breaks. */
function flatSubject(subject: string): string {
  return subject.replace(/\s+/g, " ").trim();
}

/** "alice@example.org" → "a***@example.org", for logs: never log a full address. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${address[0]}***${address.slice(at)}`;
}

// ---------------------------------------------------------------------------------------
// SMTP

/** A pooled SMTP transport for an smtp:// or smtps://user:pass@host:port URL. */
export function createTransportFromUrl(url: string): MailTransport {
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 3,
    maxMessages: 100,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    dnsTimeout: SMTP_TIMEOUT_MS,
    // Close idle connections politely before the socket timeout would cut them.
    idleTimeout: SMTP_TIMEOUT_MS / 2,
  });
}

/** Sends one mail through the given transport, with the same checks and headers as sendMail. */
export async function sendWithTransport(
  transport: MailTransport,
  mail: OutgoingMail,
  from: string = getConfig().mailFrom,
): Promise<SentMessageInfo> {
  checkMail(mail);
  return transport.sendMail({
    from,
    to: mail.to,
    subject: flatSubject(mail.subject),
    text: mail.text,
    html: mail.html,
    headers: { ...DEFAULT_HEADERS, ...mail.headers },
  });
}

let pooled: { url: string; transport: MailTransport } | undefined;

function sharedTransport(url: string): MailTransport {
  if (pooled?.url !== url) {
    pooled?.transport.close();
    pooled = { url, transport: createTransportFromUrl(url) };
  }
  return pooled.transport;
}

/** Closes the pooled SMTP connections (at shutdown). */
export function closeMailer(): void {
  pooled?.transport.close();
  pooled = undefined;
}

/**
 * Whether a failed send should be given up rather than retried. Permanent: a 5xx reply
 * (550 no such mailbox, 553 address refused, 552 too big…) except 503, which only says the
 * session was in the wrong state, and mails refused before sending (bad address).
 * Temporary: 4xx replies, refused or dropped connections, timeouts, DNS failures, and
 * authentication or configuration problems (they are ours, not the recipient's: once the
 * configuration is fixed, the retry goes through).
 */
export function isPermanentSmtpError(err: unknown): boolean {
  if (err instanceof InvalidMailError) return true;
  if (!err || typeof err !== "object") return false;
  const { code, responseCode, command } = err as { code?: unknown; responseCode?: unknown; command?: unknown };
  if (code === "EAUTH" || code === "ENOAUTH" || code === "EOAUTH2" || code === "ECONFIG" || code === "ETLS")
    return false;
  if (typeof responseCode === "number") return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  // nodemailer refused the envelope itself (an address it cannot encode) before talking to the server.
  return code === "EENVELOPE" && command === "API";
}

// ---------------------------------------------------------------------------------------
// Capture mode

/** Ids are `<UTC timestamp>-<random hex>`: they sort by time and cannot name another path. */
const CAPTURED_ID = /^\d{8}T\d{9}Z-[0-9a-f]{12}$/;

export function isCapturedMailId(id: unknown): id is string {
  return typeof id === "string" && CAPTURED_ID.test(id);
}

/** Mail is captured to files, not sent, when no SMTP server is configured. */
export function isCaptureMode(): boolean {
  return !getConfig().smtpUrl;
}

export function captureDirectory(): string {
  return path.join(getConfig().dataDir, "mail");
}

function newCapturedId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, "")}-${randomBytes(6).toString("hex")}`;
}

/** Writes the mail to `<dir>/<id>.json`: a temporary file first, then a rename, so readers never see half a mail. */
async function captureMail(mail: OutgoingMail, from: string, dir: string): Promise<CapturedMail> {
  checkMail(mail);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const now = new Date();
  const record: CapturedMail = {
    id: newCapturedId(now),
    to: mail.to,
    from,
    subject: flatSubject(mail.subject),
    html: mail.html,
    text: mail.text,
    date: now.toISOString(),
    headers: { ...DEFAULT_HEADERS, ...mail.headers },
  };
  const file = path.join(dir, `${record.id}.json`);
  const temporary = path.join(dir, `.${record.id}.${process.pid}.tmp`);
  try {
    // Mails hold confirmation links: readable by this user only.
    await fs.writeFile(temporary, JSON.stringify(record, null, 2) + "\n", { mode: 0o600, flag: "wx" });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return record;
}

function isCapturedMail(value: unknown): value is CapturedMail {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    ["id", "to", "from", "subject", "html", "text", "date"].every((key) => typeof v[key] === "string") &&
    (v.headers === undefined || (typeof v.headers === "object" && v.headers !== null))
  );
}

/** One captured mail, or null when there is none with this id. Throws InvalidMailIdError for a malformed id. */
export async function readCapturedMail(id: string, dir: string = captureDirectory()): Promise<CapturedMail | null> {
  if (!isCapturedMailId(id)) throw new InvalidMailIdError();
  let raw: string;
  try {
    raw = await fs.readFile(path.join(dir, `${id}.json`), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isCapturedMail(parsed) || parsed.id !== id) return null;
  return { ...parsed, headers: parsed.headers ?? {} };
}

/** The most recent captured mails, newest first. */
export async function listCapturedMails(limit = 50, dir: string = captureDirectory()): Promise<CapturedMailSummary[]> {
  const max = Math.max(1, Math.min(500, Math.floor(limit) || 1));
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const ids = names
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .filter(isCapturedMailId)
    .sort()
    .reverse()
    .slice(0, max);
  const mails = await Promise.all(ids.map((id) => readCapturedMail(id, dir)));
  return mails
    .filter((mail): mail is CapturedMail => mail !== null)
    .map(({ id, to, subject, date }) => ({ id, to, subject, date }));
}

// ---------------------------------------------------------------------------------------

/**
 * Sends one mail: through SMTP when SMTP_URL is set, else into DATA_DIR/mail. Throws on
 * failure; isPermanentSmtpError tells whether a retry can help.
 */
export async function sendMail(mail: OutgoingMail): Promise<SendResult> {
  const config = getConfig();
  if (config.smtpUrl) {
    const info = await sendWithTransport(sharedTransport(config.smtpUrl), mail, config.mailFrom);
    return { mode: "smtp", id: String(info.messageId ?? "") };
  }
  const captured = await captureMail(mail, config.mailFrom, captureDirectory());
  if (config.nodeEnv !== "test" && (config.logLevel === "debug" || config.logLevel === "info")) {
    console.info(`[mail] not sent (no SMTP_URL), captured for ${maskAddress(mail.to)}: ${config.appUrl}/dev/mailbox`);
  }
  return { mode: "capture", id: captured.id };
}
