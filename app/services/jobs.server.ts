import { renderMailJob, type MailJob } from "../../emails";
import { maskEmail } from "~/domain/email";
import { deleteExpiredPending, forgetExpiredIpHashes, repairCountDrift } from "~/models/signature.server";
import { deleteExpiredSessions, deleteOldLoginTokens } from "~/models/organizer.server";
import { getDb, type DB } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { InvalidMailError, isPermanentSmtpError, sendMail } from "~/utils/mailer.server";
import { failStalledExports } from "~/models/export.server";
import { createQueue, PermanentJobError, QUEUE_SETTINGS, type JobPayloads, type Queue } from "~/utils/queue.server";

/**
 * Background work: mail goes through the pg-boss queue (retries with backoff, each job
 * taken by one worker even with several app instances); sweeps run on a timer in every
 * worker and are idempotent.
 */

const SWEEP_INTERVAL_MS = 15 * 60 * 1000;

interface Jobs {
  queue: Queue;
  sweepTimer: NodeJS.Timeout | undefined;
}

// On globalThis so development reloads reuse the running queue.
const holder = globalThis as typeof globalThis & { __undersignedJobs?: Jobs };

function queue(): Queue {
  const jobs = holder.__undersignedJobs;
  if (!jobs) throw new Error("the job queue is not started (startJobs)");
  return jobs.queue;
}

type Executor = Parameters<Queue["enqueue"]>[0];

/** Renders a mail in its reader's language and queues it in the caller's transaction. */
export async function queueMail(
  executor: Executor,
  job: MailJob,
  options: { headers?: Record<string, string>; startAfter?: Date } = {},
): Promise<void> {
  const mail = renderMailJob(job);
  await queue().enqueue(
    executor,
    "send-mail",
    { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: options.headers },
    options.startAfter ? { startAfter: options.startAfter } : undefined,
  );
}

/** Queues the next batch of a campaign update's fan-out (see services/updates.server.ts). */
export async function queueUpdateBatch(
  executor: Executor,
  payload: { updateId: number; afterSignatureId: number },
  startAfter?: Date,
): Promise<void> {
  await queue().enqueue(executor, "send-update", payload, startAfter ? { startAfter } : undefined);
}

/** Queues the background invalidation of one invalidation job (see services/invalidation.server.ts). */
export async function queueInvalidation(executor: Executor, payload: { jobId: number }): Promise<void> {
  await queue().enqueue(executor, "invalidate-signatures", payload);
}

async function deliver(payload: {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}): Promise<void> {
  try {
    await sendMail({
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      html: payload.html ?? "",
      headers: payload.headers,
    });
  } catch (error) {
    if (error instanceof InvalidMailError || isPermanentSmtpError(error)) {
      console.warn(`[mail] permanent failure for ${maskEmail(payload.to)}: ${(error as Error).message}`);
      throw new PermanentJobError((error as Error).message, { cause: error });
    }
    throw error;
  }
}

/**
 * Deletes unconfirmed signatures past their time, forgets old IP hashes, and repairs any
 * drift between the counters and the rows (there should be none; a bug or a manual edit
 * would show up here, in the log, and be corrected).
 */
export async function runSweeps(
  db: DB = getDb(),
  now = new Date(),
): Promise<{ expired: number; ipHashes: number; countsRepaired: number }> {
  const days = getConfig().signatureConfirmDays;
  const expired = await deleteExpiredPending(db, new Date(now.getTime() - days * 86_400_000));
  const ipHashes = await forgetExpiredIpHashes(db, now);
  const repaired = await repairCountDrift(db);
  // Sign-in links live 15 minutes; keep used and expired ones a day for the audit trail.
  await deleteOldLoginTokens(db, new Date(now.getTime() - 86_400_000));
  await deleteExpiredSessions(db, now);
  // A running export writes progress every second; ten silent minutes mean its server died.
  const stalled = await failStalledExports(db, new Date(now.getTime() - 10 * 60_000));
  if (stalled) console.warn(`[sweep] ${stalled} interrupted exports marked failed`);
  if (expired || ipHashes)
    console.info(`[sweep] ${expired} expired signatures deleted, ${ipHashes} IP hashes forgotten`);
  if (repaired.length)
    console.warn(`[sweep] counter drift repaired for ${repaired.length} (campaign, group, country) keys`);
  return { expired, ipHashes, countsRepaired: repaired.length };
}

export async function startJobs({
  work,
  databaseUrl = getConfig().databaseUrl,
  pollingIntervalSeconds = 1,
}: {
  work: boolean;
  /** The queue's own connection on PostgreSQL (tests pass their per-file database). */
  databaseUrl?: string;
  pollingIntervalSeconds?: number;
}): Promise<void> {
  if (holder.__undersignedJobs) return;
  const mailRetryDelay = getConfig().mailRetryDelaySeconds;
  const q = createQueue<JobPayloads>(getDb(), {
    databaseUrl,
    logger: console,
    queues: { ...QUEUE_SETTINGS, "send-mail": { ...QUEUE_SETTINGS["send-mail"], retryDelaySeconds: mailRetryDelay } },
  });
  await q.start();
  holder.__undersignedJobs = { queue: q, sweepTimer: undefined };
  if (!work) return;
  await q.work("send-mail", (job) => deliver(job.data), { batchSize: 5, pollingIntervalSeconds });
  // Imported lazily: updates.server.ts queues through this module.
  const { sendUpdateBatch } = await import("./updates.server");
  await q.work("send-update", (job) => sendUpdateBatch(job.data), { batchSize: 1, pollingIntervalSeconds });
  const { runInvalidationJob } = await import("./invalidation.server");
  await q.work(
    "invalidate-signatures",
    (job) => runInvalidationJob(job.data.jobId, { lastAttempt: job.retryCount >= job.retryLimit }),
    { batchSize: 1, pollingIntervalSeconds },
  );
  const sweep = () => runSweeps().catch((error) => console.warn(`[sweep] failed: ${(error as Error).message}`));
  void sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  holder.__undersignedJobs.sweepTimer = timer;
}

/** Stops taking work; running jobs finish first (graceful shutdown). */
export async function stopJobs(): Promise<void> {
  const jobs = holder.__undersignedJobs;
  holder.__undersignedJobs = undefined;
  if (!jobs) return;
  if (jobs.sweepTimer) clearInterval(jobs.sweepTimer);
  await jobs.queue.stop({ graceful: true, timeoutMs: 10_000 });
}
