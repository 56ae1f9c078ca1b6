import { createHash } from "node:crypto";
import { can } from "~/domain/permissions";
import { insertAudit } from "~/models/audit.server";
import { listLettersForExport } from "~/models/letters.server";
import { getDb } from "~/utils/db.server";
import { type Cell, CONTENT_TYPES, encodeRows } from "./export-encoders.server";
import type { CampaignAccess } from "./organizer-sessions.server";

/**
 * The letters of a campaign's prisoners (or of one) as CSV or XLSX, with the signatory
 * exports' encoders: formula-safe cells, an optional BOM, and an audit entry with the row
 * count and the SHA-256 of the bytes. Writers' addresses are in the file only for owners and
 * editors; an export a translator or moderator downloads has no address column at all.
 */

const BASE_COLUMNS = [
  "id",
  "prisoner",
  "state",
  "language",
  "written_at",
  "writer_name",
  "writer_country",
  "flags",
  "translation_kind",
  "reject_reason",
  "batch",
  "posting_method",
  "posted_on",
  "body",
  "translation",
] as const;
const ADDRESS_COLUMNS = ["writer_email", "email_confirmed"] as const;

export interface LetterExportFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  rows: number;
  sha256: string;
}

export async function exportLetters(
  access: CampaignAccess,
  input: { format: "csv" | "xlsx"; bom: boolean; prisonerId: number | null },
): Promise<LetterExportFile> {
  const db = getDb();
  const withAddresses = can(access.role, "edit");
  const rows = await listLettersForExport(db, access.campaign.id, input.prisonerId);
  const header = [...BASE_COLUMNS, ...(withAddresses ? ADDRESS_COLUMNS : [])];
  const cells: Cell[][] = rows.map((r) => [
    r.id,
    r.prisoner,
    r.state,
    r.language,
    r.created_at.toISOString(),
    r.writer_name,
    r.writer_country,
    r.flags.join(", "),
    r.translation_kind,
    r.reject_reason,
    r.batch_id,
    r.method,
    r.posted_on,
    r.body,
    r.translation,
    ...(withAddresses ? [r.writer_email, r.writer_email ? Boolean(r.email_confirmed_at) : null] : []),
  ]);
  async function* batches() {
    yield cells;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of encodeRows(input.format, header, batches(), { bom: input.bom })) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  }
  const bytes = Buffer.concat(chunks);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await insertAudit(db, {
    organizerId: access.organizer.id,
    campaignId: access.campaign.id,
    action: "letters.exported",
    subjectType: "letters",
    subjectId: input.prisonerId,
    rowCount: rows.length,
    details: { format: input.format, bom: input.bom, addresses: withAddresses, sha256 },
  });
  const day = new Date().toISOString().slice(0, 10);
  return {
    fileName: `letters-${access.campaign.slug}-${day}.${input.format}`,
    contentType: CONTENT_TYPES[input.format],
    bytes,
    rows: rows.length,
    sha256,
  };
}
