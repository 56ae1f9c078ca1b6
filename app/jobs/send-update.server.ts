import { sendUpdateBatch } from "~/services/updates.server";
import type { SendUpdatePayload } from "~/utils/queue.server";

export type { SendUpdatePayload };

/** "send-update": mails one batch of a published campaign update and queues the next. */
export async function handleSendUpdate(payload: SendUpdatePayload): Promise<void> {
  await sendUpdateBatch(payload);
}
