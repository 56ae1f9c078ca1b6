import { runInvalidationJob } from "~/services/invalidation.server";
import type { InvalidateSignaturesPayload } from "~/utils/queue.server";

export type { InvalidateSignaturesPayload };

/** "invalidate-signatures": runs an invalidation job in batches; the last attempt marks it failed. */
export async function handleInvalidateSignatures(
  payload: InvalidateSignaturesPayload,
  { lastAttempt }: { lastAttempt: boolean },
): Promise<void> {
  await runInvalidationJob(payload.jobId, { lastAttempt });
}
