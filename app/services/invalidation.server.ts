import { z } from "zod";
import { canonicalEmail, maskEmail } from "~/domain/email";
import { insertAudit } from "~/models/audit.server";
import {
  countMatchingByState,
  findInvalidationJob,
  finishInvalidationJob,
  insertInvalidationJob,
  INVALIDATABLE_STATES,
  listInvalidationJobs,
  lockMatchingBatch,
  recordInvalidationProgress,
  sampleMatching,
  type InvalidatableState,
  type InvalidationCriteria,
} from "~/models/invalidation.server";
import { setSignatureState } from "~/models/moderation.server";
import { bumpCount } from "~/models/signature.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/http/forms.server";
import { queueInvalidation } from "~/jobs/enqueue.server";
import { MODERATE_ROLES } from "./moderation.server";
import { assertSameOrigin, requireCampaignAccess } from "~/http/organizer-access.server";

/**
 * Invalidation by criteria: a moderator previews what an email domain, an IP hash, a time
 * window, a name pattern (and optionally a state) would hit, then queues a background job
 * that invalidates the matches in batches, keeping the counters exact.
 */

export const INVALIDATION_BATCH = 500;
export const PREVIEW_SAMPLE = 20;
const JOBS_LISTED = 20;

/** The form's fields (also the invalidation page's query parameters, to pre-fill it). */
export const CRITERIA_FIELDS = ["domain", "ip", "from", "to", "name", "state"] as const;
export type CriteriaField = (typeof CRITERIA_FIELDS)[number];
export type CriteriaValues = Partial<Record<CriteriaField, string>>;
/** Field (or "form") → error code, translated under orgModeration `errors`. */
export type FieldErrors = Partial<Record<CriteriaField | "form", string>>;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z?$/;

/** A `datetime-local` value read as UTC; `end` gives the first instant after the minute (or second) named. */
export function parseUtcDateTime(value: string, end = false): Date | null {
  const m = DATETIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second ?? 0));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month! - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute
  ) {
    return null;
  }
  if (end) date.setTime(date.getTime() + (second === undefined ? 60_000 : 1000));
  return date;
}

/** An instant as a `datetime-local` value in UTC, to the second. */
export function toUtcDateTimeLocal(date: Date): string {
  return date.toISOString().slice(0, 19);
}

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").trim())
    .pipe(z.string().max(max, "tooLong"));

const criteriaSchema = z
  .object({
    domain: optionalText(260)
      .transform((v) => v.toLowerCase().replace(/^@/, "").replace(/\.$/, ""))
      .refine((v) => !v || DOMAIN.test(v), "invalidDomain")
      // The same aliases as stored addresses (googlemail.com is gmail.com).
      .transform((v) => (v ? canonicalEmail(`x@${v}`).slice(2) : "")),
    ip: optionalText(64)
      .transform((v) => v.toLowerCase())
      .refine((v) => !v || /^[0-9a-f]{32}$/.test(v), "invalidIpHash"),
    from: optionalText(40).refine((v) => !v || parseUtcDateTime(v) !== null, "invalidDate"),
    to: optionalText(40).refine((v) => !v || parseUtcDateTime(v, true) !== null, "invalidDate"),
    name: optionalText(100).refine((v) => !v || v.replace(/\*/g, "").trim().length >= 2, "patternTooShort"),
    state: optionalText(20).refine((v) => !v || (INVALIDATABLE_STATES as readonly string[]).includes(v), "invalid"),
  })
  .superRefine((v, ctx) => {
    if (!v.domain && !v.ip && !v.from && !v.to && !v.name) {
      ctx.addIssue({ code: "custom", path: ["form"], message: "noCriteria" });
    }
    const from = v.from ? parseUtcDateTime(v.from) : null;
    const before = v.to ? parseUtcDateTime(v.to, true) : null;
    if (from && before && from.getTime() >= before.getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "dateOrder" });
    }
  });

/** Reads the criteria form; at least one of domain, IP hash, time or name is required. */
export function parseCriteria(
  raw: Record<string, unknown>,
): { ok: true; criteria: InvalidationCriteria } | { ok: false; errors: FieldErrors } {
  const values = Object.fromEntries(CRITERIA_FIELDS.map((f) => [f, typeof raw[f] === "string" ? raw[f] : undefined]));
  const parsed = criteriaSchema.safeParse(values);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form") as CriteriaField | "form";
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  const criteria: InvalidationCriteria = {};
  if (v.domain) criteria.domain = v.domain;
  if (v.ip) criteria.ipHash = v.ip;
  if (v.from) criteria.from = parseUtcDateTime(v.from)!.toISOString();
  if (v.to) criteria.before = parseUtcDateTime(v.to, true)!.toISOString();
  if (v.name) criteria.name = v.name;
  if (v.state) criteria.state = v.state as InvalidatableState;
  return { ok: true, criteria };
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

function formValues(form: FormData | URLSearchParams): CriteriaValues {
  const values: CriteriaValues = {};
  for (const f of CRITERIA_FIELDS) {
    const v = form.get(f);
    if (typeof v === "string" && v) values[f] = v.slice(0, 300);
  }
  return values;
}

async function requireModerator(request: Request, slug: string) {
  return requireCampaignAccess(request, slug, MODERATE_ROLES);
}

/** The invalidation page: the form (pre-filled from the query, e.g. from the signals page) and the campaign's jobs. */
export async function loadInvalidation(request: Request, slug: string) {
  const access = await requireModerator(request, slug);
  const jobs = await listInvalidationJobs(getDb(), access.campaign.id, JOBS_LISTED);
  return {
    slug: access.campaign.slug,
    values: formValues(new URL(request.url).searchParams),
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

export type InvalidationActionResult =
  | { kind: "invalid"; errors: FieldErrors; values: CriteriaValues }
  | {
      kind: "preview";
      values: CriteriaValues;
      counts: Record<InvalidatableState, number>;
      total: number;
      sample: { id: number; fullName: string; email: string; title: string; state: string; createdAt: string }[];
    }
  | { kind: "nothing"; values: CriteriaValues }
  | { kind: "queued"; jobId: number; total: number };

/** What the criteria would hit: counts per state and the newest 20 (addresses masked). */
export async function previewInvalidation(campaignId: number, criteria: InvalidationCriteria) {
  const db = getDb();
  const [counts, sample] = await Promise.all([
    countMatchingByState(db, campaignId, criteria),
    sampleMatching(db, campaignId, criteria, PREVIEW_SAMPLE),
  ]);
  return {
    counts,
    total: counts.pending + counts.verified + counts.hidden,
    sample: sample.map((s) => ({
      id: s.id,
      fullName: s.full_name,
      email: maskEmail(s.email),
      title: s.title,
      state: s.state,
      createdAt: s.created_at.toISOString(),
    })),
  };
}

/** The invalidation form's POST: `intent` preview or invalidate (the route has checked the origin). */
export async function invalidationAction(request: Request, slug: string): Promise<InvalidationActionResult> {
  assertSameOrigin(request);
  const access = await requireModerator(request, slug);
  const form = await readForm(request);
  const values = formValues(form);
  const intent = form.get("intent");
  if (intent !== "preview" && intent !== "invalidate") {
    return { kind: "invalid", errors: { form: "invalid" }, values };
  }
  const parsed = parseCriteria(values);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, values };
  const campaignId = access.campaign.id;
  if (intent === "preview")
    return { kind: "preview", values, ...(await previewInvalidation(campaignId, parsed.criteria)) };

  const queued = await getDb()
    .transaction()
    .execute(async (trx) => {
      const counts = await countMatchingByState(trx, campaignId, parsed.criteria);
      const total = counts.pending + counts.verified + counts.hidden;
      if (total === 0) return null;
      const jobId = await insertInvalidationJob(trx, {
        campaignId,
        organizerId: access.organizer.id,
        criteria: parsed.criteria,
        total,
      });
      await queueInvalidation(trx, { jobId });
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "invalidation.requested",
        subjectType: "invalidation_job",
        subjectId: jobId,
        rowCount: total,
        details: { criteria: parsed.criteria, counts },
      });
      return { jobId, total };
    });
  return queued ? { kind: "queued", ...queued } : { kind: "nothing", values };
}

/**
 * The worker: invalidates the job's matches in batches, each in its own transaction with
 * the job row locked, the signatures locked, the counters moved (a verified signature leaves
 * the count; pending and hidden ones were not in it) and the progress recorded. The criteria
 * are read again for every batch, so a retried or repeated job finds only what is left and
 * never moves a counter twice. The last batch marks the job done and audits the total.
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
        await setSignatureState(
          trx,
          rows.map((r) => r.id),
          "invalidated",
        );
        const deltas = new Map<string, { groupId: number; country: string; delta: number }>();
        for (const r of rows) {
          if (r.state !== "verified") continue;
          const key = `${r.group_id}:${r.country}`;
          const entry = deltas.get(key) ?? { groupId: r.group_id, country: r.country, delta: 0 };
          entry.delta -= 1;
          deltas.set(key, entry);
        }
        for (const d of deltas.values()) {
          await bumpCount(trx, { campaignId: job.campaign_id, groupId: d.groupId, country: d.country }, d.delta);
        }
        const done = await recordInvalidationProgress(trx, jobId, rows.length);
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
