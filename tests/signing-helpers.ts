import { parseWithZod } from "@conform-to/zod";
import { sql } from "kysely";
import { signatureErrorMap, signatureSchema } from "../app/schemas/signature";
import { canonicalEmail } from "../app/domain/email";
import { renderSignerMail } from "../app/jobs/send-signer-mail.server";
import { emailHashes } from "../app/utils/signer-crypto.server";
import type { DB } from "../app/utils/db.server";
import type { SendSignerMailPayload } from "../app/utils/queue.server";

export function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  }
  return data;
}

/** The sign form as the campaign page's action parses it before handing it to submitSignature. */
export function signatureForm(fields: Record<string, string | string[]>) {
  return parseWithZod(form(fields), { schema: signatureSchema, errorMap: signatureErrorMap });
}

/**
 * Distinct client addresses for sign requests (10.<block>.x.y), so the per-IP limits of one
 * test never refuse another's; give each test file its own block.
 */
export function freshIps(block: number): () => { ip: string } {
  let n = 0;
  return () => {
    n += 1;
    return { ip: `10.${block}.${Math.floor(n / 250)}.${n % 250}` };
  };
}

export const validFields = (overrides: Record<string, string | string[]> = {}) => ({
  fullName: "Emmy Noether",
  email: `emmy-${Math.random().toString(36).slice(2)}@example.org`,
  group: "mathematicians",
  title: "Professor, Example University",
  country: "DE",
  visibility: "public",
  ...overrides,
});

type QueuedMail = { to: string; subject: string; text: string; html: string };

/**
 * The mails waiting in the queue (pg-boss's own table), oldest first. Mails to signers are
 * queued by signature id (issue 12) and rendered here as the worker renders them.
 */
export async function queuedMails(db: DB): Promise<QueuedMail[]> {
  const { rows } = await sql<{ name: string; data: unknown }>`
    select name, data from pgboss.job where name in ('send-mail', 'send-signer-mail')
    order by created_on, id`.execute(db);
  const mails: QueuedMail[] = [];
  for (const r of rows) {
    if (r.name === "send-mail") mails.push(r.data as QueuedMail);
    else {
      const mail = await renderSignerMail(db, r.data as SendSignerMailPayload);
      if (mail) mails.push({ ...mail, html: mail.html ?? "" });
    }
  }
  return mails;
}

/** The keyed hashes an address is stored under (signatures.email_hash; issue 12): `.where("email_hash", "in", …)`. */
export function emailHashesOf(address: string): string[] {
  return emailHashes(canonicalEmail(address));
}

/** The confirmation and withdrawal links in a mail's text. */
export function linksIn(text: string): { confirm?: string; withdraw?: string } {
  const confirm = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const withdraw = /\/withdraw\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  return { confirm, withdraw };
}
