import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { createQueue, QUEUE_SETTINGS, type JobPayloads } from "~/utils/queue.server";
import { runningQueue, setRunningQueue } from "./enqueue.server";
import { handleInvalidateSignatures } from "./invalidate-signatures.server";
import { handleSendMail } from "./send-mail.server";
import { handleSendSignerMail } from "./send-signer-mail.server";
import { handleSendUpdate } from "./send-update.server";
import { handleDailyDigest } from "./daily-digest.server";
import { handleSendFollowUp } from "./send-follow-up.server";
import { handleEraseSignerData } from "./erase-signer-data.server";
import { DIGEST_CRON } from "~/services/daily-digest.server";
import { runSweeps } from "./sweeps.server";

/**
 * The worker: starts the pg-boss queue (every instance, so each can enqueue) and, where
 * `work` is set, takes jobs — each job by one worker even with several app instances — and
 * runs the sweeps on a timer.
 */

const SWEEP_INTERVAL_MS = 15 * 60 * 1000;

const holder = globalThis as typeof globalThis & { __undersignedSweepTimer?: NodeJS.Timeout };

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
  if (runningQueue()) return;
  const mailRetryDelay = getConfig().mailRetryDelaySeconds;
  const q = createQueue<JobPayloads>(getDb(), {
    databaseUrl,
    logger: console,
    queues: {
      ...QUEUE_SETTINGS,
      "send-mail": { ...QUEUE_SETTINGS["send-mail"], retryDelaySeconds: mailRetryDelay },
      "send-signer-mail": { ...QUEUE_SETTINGS["send-signer-mail"], retryDelaySeconds: mailRetryDelay },
    },
    // The daily digest runs on pg-boss's clock where jobs are worked (not in data tests, which call it directly).
    cron: work && getConfig().nodeEnv !== "test",
  });
  await q.start();
  setRunningQueue(q);
  if (!work) return;
  await q.work("send-mail", (job) => handleSendMail(job.data), { batchSize: 5, pollingIntervalSeconds });
  await q.work("send-signer-mail", (job) => handleSendSignerMail(job.data), { batchSize: 5, pollingIntervalSeconds });
  await q.work("send-update", (job) => handleSendUpdate(job.data), { batchSize: 1, pollingIntervalSeconds });
  await q.work(
    "invalidate-signatures",
    (job) => handleInvalidateSignatures(job.data, { lastAttempt: job.retryCount >= job.retryLimit }),
    { batchSize: 1, pollingIntervalSeconds },
  );
  await q.work("send-follow-up", (job) => handleSendFollowUp(job.data), { batchSize: 1, pollingIntervalSeconds });
  await q.work("daily-digest", () => handleDailyDigest(), { batchSize: 1, pollingIntervalSeconds });
  await q.work("erase-signer-data", (job) => handleEraseSignerData(job.data), { batchSize: 1, pollingIntervalSeconds });
  if (getConfig().nodeEnv !== "test") await q.schedule("daily-digest", DIGEST_CRON, {});
  const sweep = () => runSweeps().catch((error) => console.warn(`[sweep] failed: ${(error as Error).message}`));
  void sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  holder.__undersignedSweepTimer = timer;
}

/** Stops taking work; running jobs finish first (graceful shutdown). */
export async function stopJobs(): Promise<void> {
  const queue = runningQueue();
  setRunningQueue(undefined);
  if (holder.__undersignedSweepTimer) clearInterval(holder.__undersignedSweepTimer);
  holder.__undersignedSweepTimer = undefined;
  if (!queue) return;
  await queue.stop({ graceful: true, timeoutMs: 10_000 });
}
