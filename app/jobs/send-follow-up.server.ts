import { sendFollowUpBatch } from "~/services/follow-up.server";
import type { SendFollowUpPayload } from "~/utils/queue.server";

export type { SendFollowUpPayload };

/** "send-follow-up": invites one batch of an earlier campaign's signers to its follow-up and queues the next. */
export async function handleSendFollowUp(payload: SendFollowUpPayload): Promise<void> {
  await sendFollowUpBatch(payload);
}
