import { maskEmail } from "~/domain/email";
import { can } from "~/domain/permissions";
import { parseUtcDateTime, toUtcDateTimeLocal } from "~/domain/dates";
import { INVALIDATABLE_STATES, type InvalidatableState } from "~/domain/vocab";
import { queueInvalidation } from "~/jobs/enqueue.server";
import { insertAudit } from "~/models/audit.server";
import {
  countMatchingByState,
  findInvalidationJob,
  finishInvalidationJob,
  insertInvalidationJob,
  listInvalidationJobs,
  lockMatchingBatch,
  recordInvalidationProgress,
  sampleMatching,
  type InvalidationCriteria,
} from "~/models/invalidation.server";
import { invalidateSignatures } from "~/models/signature-transitions.server";
import {
  type CriteriaErrors,
  type CriteriaValues,
  criteriaErrorsOf,
  criteriaSchema,
  CRITERIA_FIELDS,
} from "~/schemas/invalidation";
import { getDb } from "~/utils/db.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { openSigner } from "~/models/signature-secrets.server";

/**
 * Invalidation by criteria: a moderator previews what an email domain, an IP hash, a time
 * window, a name pattern (and optionally a state) would hit, then queues a background job
 * that invalidates the matches in batches, keeping the counters exact.
 */

export const INVALIDATION_BATCH = 500;
export const PREVIEW_SAMPLE = 20;
const JOBS_LISTED = 20;

/** The criteria as the form's schema reads them. */
export interface CriteriaInput {
  domain: string;
  ip: string;
  from: string;
  to: string;
  name: string;
  state: string;
}

/** Valid form values as stored criteria: ISO instants, the end made exclusive. */
export function toInvalidationCriteria(v: CriteriaInput): InvalidationCriteria {
  const criteria: InvalidationCriteria = {};
  if (v.domain) criteria.domain = v.domain;
  if (v.ip) criteria.ipHash = v.ip;
  if (v.from) criteria.from = parseUtcDateTime(v.from)!.toISOString();
  if (v.to) criteria.before = parseUtcDateTime(v.to, true)!.toISOString();
  if (v.name) criteria.name = v.name;
  if (v.state) criteria.state = v.state as InvalidatableState;
  return criteria;
}

/** Reads criteria (a form's or a link's values); at least one of domain, IP hash, time or name is required. */
export function parseCriteria(
  raw: Record<string, unknown>,
): { ok: true; criteria: InvalidationCriteria } | { ok: false; errors: CriteriaErrors } {
  const values = Object.fromEntries(CRITERIA_FIELDS.map((f) => [f, typeof raw[f] === "string" ? raw[f] : undefined]));
  const parsed = criteriaSchema.safeParse(values);
  if (!parsed.success) {
    const messages: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (messages[issue.path.join(".")] ??= []).push(issue.message);
    return { ok: false, errors: criteriaErrorsOf(messages) };
  }
  return { ok: true, criteria: toInvalidationCriteria(parsed.data) };
}

function criteriaValues(criteria: InvalidationCriteria): CriteriaValues {
  return {
    domain: criteria.domain,
    ip: criteria.ipHash,
    from: criteria.from ? toUtcDateTimeLocal(new Date(criteria.from)) : undefined,
    to: criteria.before ? toUtcDateTimeLocal(new Date(new Date(criteria.before).getTime() - 1000)) : undefined,
    name: criteria.name,
    state: criteria.state,
  };
}

/** The invalidation page: the form (pre-filled from `values`, e.g. from the signals page) and the campaign's jobs. */
export async function loadInvalidation(access: CampaignAccess, values: CriteriaValues) {
  const jobs = await listInvalidationJobs(getDb(), access.campaign.id, JOBS_LISTED);
  return {
    slug: access.campaign.slug,
    values,
    running: jobs.some((j) => j.state === "queued" || j.state === "running"),
    jobs: jobs.map((j) => ({
      id: j.id,
      state: j.state,
      total: j.total,
      done: j.done,
      criteria: criteriaValues(j.criteria),
      organizer: j.organizer_email,
      createdAt: j.created_at.toISOString(),
      finishedAt: j.finished_at?.toISOString() ?? null,
    })),
  };
}

const totalOf = (counts: Record<InvalidatableState, number>) =>
  INVALIDATABLE_STATES.reduce((sum, state) => sum + counts[state], 0);

export type PreviewResult =
  | {
      kind: "preview";
      counts: Record<InvalidatableState, number>;
      total: number;
      sample: { id: number; fullName: string; email: string; title: string; state: string; createdAt: string }[];
    }
  | { kind: "not-found" };

/** What the criteria would hit: counts per state and the newest 20 (addresses masked). */
export async function previewInvalidation(
  access: CampaignAccess,
  criteria: InvalidationCriteria,
): Promise<PreviewResult> {
  if (!can(access.role, "moderate")) return { kind: "not-found" };
  const db = getDb();
  const campaignId = access.campaign.id;
  const [counts, sample] = await Promise.all([
    countMatchingByState(db, campaignId, criteria),
    sampleMatching(db, campaignId, criteria, PREVIEW_SAMPLE),
  ]);
  return {
    kind: "preview",
    counts,
    total: totalOf(counts),
    sample: sample
      .map((s) => ({ s, details: openSigner(s) }))
      .map(({ s, details }) => ({
        id: s.id,
        fullName: details.fullName,
        email: maskEmail(details.email),
        title: details.title,
        state: s.state,
        createdAt: s.created_at.toISOString(),
      })),
  };
}

export type RequestInvalidationResult =
  { kind: "queued"; jobId: number; total: number } | { kind: "nothing" } | { kind: "not-found" };

/** Queues the invalidation of what the criteria hit now, in one transaction with its job row and audit entry. */
export async function requestInvalidation(
  access: CampaignAccess,
  criteria: InvalidationCriteria,
): Promise<RequestInvalidationResult> {
  if (!can(access.role, "moderate")) return { kind: "not-found" };
  const campaignId = access.campaign.id;
  const queued = await getDb()
    .transaction()
    .execute(async (trx) => {
      const counts = await countMatchingByState(trx, campaignId, criteria);
      const total = totalOf(counts);
      if (total === 0) return null;
      const jobId = await insertInvalidationJob(trx, { campaignId, organizerId: access.organizer.id, criteria, total });
      await queueInvalidation(trx, { jobId });
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "invalidation.requested",
        subjectType: "invalidation_job",
        subjectId: jobId,
        rowCount: total,
        details: { criteria, counts },
      });
      return { jobId, total };
    });
  return queued ? { kind: "queued", ...queued } : { kind: "nothing" };
}

/**
 * The worker: invalidates the job's matches in batches, each in its own transaction with
 * the job row locked, the batch's signatures locked and moved by the signature transitions
 * (which move the counters) and the progress recorded. The criteria are read again for every
 * batch, and the transition only moves what is still invalidatable, so a retried or repeated
 * job finds only what is left and never moves a counter twice. The last batch marks the job
 * done and audits the total.
 */
export async function runInvalidationJob(
  jobId: number,
  opts: { batchSize?: number; maxBatches?: number; lastAttempt?: boolean } = {},
): Promise<{ done: number; finished: boolean }> {
  const batchSize = opts.batchSize ?? INVALIDATION_BATCH;
  const db = getDb();
  let batches = 0;
  let afterId = 0;
  try {
    for (;;) {
      const step = await db.transaction().execute(async (trx) => {
        const job = await findInvalidationJob(trx, jobId, { forUpdate: true });
        if (!job || job.state === "done" || job.state === "failed") {
          return { done: job?.done ?? 0, finished: true, already: true };
        }
        const rows = await lockMatchingBatch(trx, job.campaign_id, job.criteria, batchSize, afterId);
        afterId = rows.at(-1)?.id ?? afterId;
        const moved = await invalidateSignatures(
          trx,
          job.campaign_id,
          rows.map((r) => r.id),
        );
        const done = await recordInvalidationProgress(trx, jobId, moved.length);
        if (rows.length < batchSize) {
          await finishInvalidationJob(trx, jobId, "done");
          await insertAudit(trx, {
            organizerId: job.organizer_id,
            campaignId: job.campaign_id,
            action: "invalidation.completed",
            subjectType: "invalidation_job",
            subjectId: jobId,
            rowCount: done,
          });
          return { done, finished: true, already: false };
        }
        return { done, finished: false, already: false };
      });
      batches += 1;
      if (step.finished || (opts.maxBatches !== undefined && batches >= opts.maxBatches)) {
        if (step.finished && !step.already) {
          console.info(`[invalidation] job ${jobId}: ${step.done} signatures invalidated`);
        }
        return { done: step.done, finished: step.finished };
      }
    }
  } catch (error) {
    if (opts.lastAttempt) await finishInvalidationJob(db, jobId, "failed").catch(() => undefined);
    throw error;
  }
}
