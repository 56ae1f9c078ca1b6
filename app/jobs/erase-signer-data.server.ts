import { runRetention } from "~/services/retention.server";
import type { EraseSignerDataPayload } from "~/utils/queue.server";

export type { EraseSignerDataPayload };

/** "erase-signer-data": erases a campaign's signer data in batches once its retention period is over. */
export async function handleEraseSignerData(payload: EraseSignerDataPayload): Promise<void> {
  const result = await runRetention(payload.campaignId);
  if (result.kind === "erased") {
    console.info(`[retention] campaign ${payload.campaignId}: ${result.erased} signatures erased`);
  }
}
