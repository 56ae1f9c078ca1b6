import { sendDailyDigests } from "~/services/daily-digest.server";
import type { DailyDigestPayload } from "~/utils/queue.server";

export type { DailyDigestPayload };

/** "daily-digest": mails today's digests to owners who asked for them (scheduled in worker.server.ts). */
export async function handleDailyDigest(): Promise<{ sent: number }> {
  return { sent: await sendDailyDigests() };
}
