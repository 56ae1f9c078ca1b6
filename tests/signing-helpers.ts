import { parseWithZod } from "@conform-to/zod";
import { sql } from "kysely";
import { signatureErrorMap, signatureSchema } from "../app/schemas/signature";
import type { DB } from "../app/utils/db.server";

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

export const validFields = (overrides: Record<string, string | string[]> = {}) => ({
  fullName: "Emmy Noether",
  email: `emmy-${Math.random().toString(36).slice(2)}@example.org`,
  group: "mathematicians",
  title: "Professor, Example University",
  country: "DE",
  visibility: "public",
  ...overrides,
});

/** The mails waiting in the queue (pg-boss's own table), oldest first. */
export async function queuedMails(db: DB): Promise<{ to: string; subject: string; text: string; html: string }[]> {
  const { rows } = await sql<{ data: { to: string; subject: string; text: string; html: string } }>`
    select data from pgboss.job where name = 'send-mail' order by created_on, id`.execute(db);
  return rows.map((r) => r.data);
}

/** The confirmation and withdrawal links in a mail's text. */
export function linksIn(text: string): { confirm?: string; withdraw?: string } {
  const confirm = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const withdraw = /\/withdraw\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  return { confirm, withdraw };
}
