import type { Executor } from "~/utils/db.server";

export interface AuditInput {
  organizerId: number | null;
  campaignId: number | null;
  action: string;
  subjectType?: string | null;
  subjectId?: string | number | null;
  rowCount?: number | null;
  details?: Record<string, unknown>;
}

/** Appends one entry to the audit log (in the caller's transaction, with the change it records). */
export async function insertAudit(db: Executor, entry: AuditInput): Promise<void> {
  await db
    .insertInto("audit_entries")
    .values({
      organizer_id: entry.organizerId,
      campaign_id: entry.campaignId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
      row_count: entry.rowCount ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** The latest entries of a campaign, newest first, with the acting organizer's address. */
export async function listAudit(db: Executor, campaignId: number, limit: number) {
  return db
    .selectFrom("audit_entries as a")
    .leftJoin("organizers as o", "o.id", "a.organizer_id")
    .select([
      "a.id",
      "a.action",
      "a.subject_type",
      "a.subject_id",
      "a.row_count",
      "a.details",
      "a.created_at",
      "o.email as organizer_email",
    ])
    .where("a.campaign_id", "=", campaignId)
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .limit(Math.max(1, Math.min(limit, 500)))
    .execute();
}
