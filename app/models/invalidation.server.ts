import { sql } from "kysely";
import { INVALIDATABLE_STATES, type InvalidatableState } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

export const INVALIDATION_JOB_STATES = ["queued", "running", "done", "failed"] as const;
export type InvalidationJobState = (typeof INVALIDATION_JOB_STATES)[number];

/** What an invalidation matches, as stored in invalidation_jobs.criteria (all optional, ANDed). */
export interface InvalidationCriteria {
  /** Email domain, lower case, compared with the canonical address's domain. */
  domain?: string;
  /** The signer's keyed IP hash (32 hex characters). */
  ipHash?: string;
  /** ISO instants: created_at >= from and created_at < before. */
  from?: string;
  before?: string;
  /** Case-insensitive substring, or a whole-name pattern with `*` wildcards. */
  name?: string;
  state?: InvalidatableState;
}

/** A name pattern as an ILIKE pattern: `%`, `_` and `\` stand for themselves, `*` for anything. */
export function namePatternToLike(pattern: string): string {
  const escaped = pattern.replace(/[\\%_]/g, (c) => `\\${c}`);
  return pattern.includes("*") ? escaped.replace(/\*+/g, "%") : `%${escaped}%`;
}

function matching(db: Executor, campaignId: number, criteria: InvalidationCriteria) {
  let query = db
    .selectFrom("signatures")
    .where("campaign_id", "=", campaignId)
    .where("state", "in", criteria.state ? [criteria.state] : INVALIDATABLE_STATES);
  if (criteria.domain) {
    query = query.where(sql<string>`coalesce(email_domain, split_part(email_canonical, '@', 2))`, "=", criteria.domain);
  }
  if (criteria.ipHash) query = query.where("ip_hash", "=", criteria.ipHash);
  if (criteria.from) query = query.where("created_at", ">=", new Date(criteria.from));
  if (criteria.before) query = query.where("created_at", "<", new Date(criteria.before));
  // Names are in clear only where published (public; initials): a pattern matches those (issue 12).
  if (criteria.name) query = query.where("full_name", "ilike", namePatternToLike(criteria.name));
  return query;
}

/** How many signatures the criteria hit, per state. */
export async function countMatchingByState(
  db: Executor,
  campaignId: number,
  criteria: InvalidationCriteria,
): Promise<Record<InvalidatableState, number>> {
  const rows = await matching(db, campaignId, criteria)
    .select(["state", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("state")
    .execute();
  const counts = Object.fromEntries(INVALIDATABLE_STATES.map((s) => [s, 0])) as Record<InvalidatableState, number>;
  for (const r of rows) if (r.state in counts) counts[r.state as InvalidatableState] = Number(r.count);
  return counts;
}

/** The newest matching signatures, for the preview. */
export async function sampleMatching(db: Executor, campaignId: number, criteria: InvalidationCriteria, limit: number) {
  return matching(db, campaignId, criteria)
    .select(["id", "full_name", "email", "sealed", "title", "state", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/**
 * The next matching signatures after id `afterId`, locked for the batch's transaction (lowest
 * ids first). The cursor only saves re-reading; the criteria alone decide what matches.
 */
export async function lockMatchingBatch(
  db: Executor,
  campaignId: number,
  criteria: InvalidationCriteria,
  limit: number,
  afterId = 0,
) {
  return matching(db, campaignId, criteria)
    .where("id", ">", afterId)
    .select("id")
    .orderBy("id")
    .limit(limit)
    .forUpdate()
    .execute();
}

export async function insertInvalidationJob(
  db: Executor,
  row: { campaignId: number; organizerId: number; criteria: InvalidationCriteria; total: number },
): Promise<number> {
  const inserted = await db
    .insertInto("invalidation_jobs")
    .values({
      campaign_id: row.campaignId,
      organizer_id: row.organizerId,
      criteria: JSON.stringify(row.criteria),
      total: row.total,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return inserted.id;
}

function parseCriteria(value: unknown): InvalidationCriteria {
  return (typeof value === "string" ? JSON.parse(value) : value) as InvalidationCriteria;
}

export async function findInvalidationJob(db: Executor, id: number, opts: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("invalidation_jobs")
    .select(["id", "campaign_id", "organizer_id", "criteria", "state", "total", "done", "created_at", "finished_at"])
    .where("id", "=", id);
  if (opts.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { ...row, criteria: parseCriteria(row.criteria) } : undefined;
}

/** Records a batch: `added` more signatures invalidated (the total grows if new matches appeared). */
export async function recordInvalidationProgress(db: Executor, id: number, added: number): Promise<number> {
  const row = await db
    .updateTable("invalidation_jobs")
    .set((eb) => ({
      state: "running",
      done: eb("done", "+", added),
      total: sql<number>`greatest(total, done + ${added})`,
    }))
    .where("id", "=", id)
    .returning("done")
    .executeTakeFirstOrThrow();
  return row.done;
}

export async function finishInvalidationJob(db: Executor, id: number, state: "done" | "failed"): Promise<void> {
  await db
    .updateTable("invalidation_jobs")
    .set({ state, finished_at: new Date() })
    .where("id", "=", id)
    .where("state", "in", ["queued", "running"])
    .execute();
}

/** A campaign's latest invalidation jobs, newest first, with the requesting organizer's address. */
export async function listInvalidationJobs(db: Executor, campaignId: number, limit: number) {
  const rows = await db
    .selectFrom("invalidation_jobs as j")
    .leftJoin("organizers as o", "o.id", "j.organizer_id")
    .select([
      "j.id",
      "j.criteria",
      "j.state",
      "j.total",
      "j.done",
      "j.created_at",
      "j.finished_at",
      "o.email as organizer_email",
    ])
    .where("j.campaign_id", "=", campaignId)
    .orderBy("j.created_at", "desc")
    .orderBy("j.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, criteria: parseCriteria(r.criteria) }));
}
