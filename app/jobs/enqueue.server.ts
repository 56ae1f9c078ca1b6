import { renderMailJob, type MailJob, type SignerMailJob } from "../../emails";
import type { Executor } from "~/utils/db.server";
import type { Queue } from "~/utils/queue.server";

/**
 * Putting work on the queue, inside the caller's transaction (the job commits or rolls back
 * with the rows it is about). This module imports only the queue and `emails/`; the worker
 * that runs the jobs is `worker.server.ts`, which imports services, so no service that
 * enqueues ever imports its own handler back (no import cycle).
 */

// On globalThis so development reloads reuse the running queue.
const holder = globalThis as typeof globalThis & { __undersignedQueue?: Queue };

/** The worker hands the started queue over here (and takes it back on stop). */
export function setRunningQueue(queue: Queue | undefined): void {
  holder.__undersignedQueue = queue;
}

export function runningQueue(): Queue | undefined {
  return holder.__undersignedQueue;
}

function queue(): Queue {
  const q = holder.__undersignedQueue;
  if (!q) throw new Error("the job queue is not started (startJobs)");
  return q;
}

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

/**
 * Queues a mail to a signer by their signature's id, in the caller's transaction: the queue
 * holds no address and no name (jobs/send-signer-mail.server.ts renders it).
 */
export async function queueSignerMail(
  executor: Executor,
  signatureId: number,
  mail: SignerMailJob,
  options: { headers?: Record<string, string>; startAfter?: Date } = {},
): Promise<void> {
  await queue().enqueue(
    executor,
    "send-signer-mail",
    { signatureId, mail, headers: options.headers },
    options.startAfter ? { startAfter: options.startAfter } : undefined,
  );
}

/** Queues the next batch of a campaign update's fan-out (handled by jobs/send-update.server.ts). */
export async function queueUpdateBatch(
  executor: Executor,
  payload: { updateId: number; afterSignatureId: number },
  startAfter?: Date,
): Promise<void> {
  await queue().enqueue(executor, "send-update", payload, startAfter ? { startAfter } : undefined);
}

/** Queues the background run of one invalidation job (handled by jobs/invalidate-signatures.server.ts). */
export async function queueInvalidation(executor: Executor, payload: { jobId: number }): Promise<void> {
  await queue().enqueue(executor, "invalidate-signatures", payload);
}

/** Queues the next batch of a follow-up's invitations (handled by jobs/send-follow-up.server.ts). */
export async function queueFollowUpBatch(
  executor: Executor,
  payload: { campaignId: number; afterSignatureId: number },
): Promise<void> {
  await queue().enqueue(executor, "send-follow-up", payload);
}

/** Queues the erasure of a campaign's signer data (handled by jobs/erase-signer-data.server.ts). */
export async function queueSignerDataErasure(executor: Executor, payload: { campaignId: number }): Promise<void> {
  await queue().enqueue(executor, "erase-signer-data", payload);
}
