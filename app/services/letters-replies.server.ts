import sharp from "sharp";
import { pickTranslation } from "~/domain/translation";
import { queueMail } from "~/jobs/enqueue.server";
import { insertAudit } from "~/models/audit.server";
import { findBatchForCampaign, findReplyScan, insertReply, setRepliesNotified } from "~/models/letter-batches.server";
import { findPrisonerSlug } from "~/models/letter-settings.server";
import { findLetterForCampaign, listWritersToTell, moveBatchLetters, moveLetter } from "~/models/letters.server";
import { listPrisonerTranslations } from "~/models/prisoner.server";
import { MAX_SCAN_BYTES, type ReplyInput } from "~/schemas/letters";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";

/**
 * The prisoner answered. An editor records the reply to a batch or to one letter: its text
 * and, optionally, a scan. The scan is decoded, turned upright, fitted in 2000 px and written
 * again as WebP, so no metadata survives, and kept in the database (served to organizers
 * only). The letters answered move to "answered", and their writers who confirmed an address
 * get a mail in their language: that the prisoner answered, and the text if the organizers
 * chose to pass it on.
 */

/** A handwritten page stays legible at this size. */
const SCAN_MAX_SIDE = 2000;
const MAX_INPUT_PIXELS = 80_000_000;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif", "heif", "tiff"]);

export interface ScanUpload {
  bytes: Uint8Array;
  size: number;
}

/** Error codes of the scan field, translated under orgLetters `errors.*`. */
export type ScanError = "scanTooLarge" | "scanNotImage";

/** A metadata-free, upright WebP of at most 2000×2000, or null when the bytes are not an image we take. */
export async function normalizeScan(
  input: Uint8Array,
): Promise<{ data: Buffer; width: number; height: number } | null> {
  const options = { failOn: "error" as const, limitInputPixels: MAX_INPUT_PIXELS };
  try {
    const meta = await sharp(input, options).metadata();
    if (!meta.format || !ACCEPTED_FORMATS.has(meta.format)) return null;
    const { data, info } = await sharp(input, options)
      .rotate()
      .resize(SCAN_MAX_SIDE, SCAN_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return null;
  }
}

export type RecordReplyResult =
  | { kind: "recorded"; replyId: number; answered: number; notified: number }
  | { kind: "invalid"; error: ScanError }
  | { kind: "refused"; reason: "state" }
  | { kind: "not-found" };

/** Records a reply to `target` (a batch that left, or a letter that did) and tells the writers. */
export async function recordReply(
  access: CampaignAccess,
  target: { batchId: number } | { letterId: number },
  input: ReplyInput,
  upload: ScanUpload | null,
): Promise<RecordReplyResult> {
  let scan: { data: Buffer; width: number; height: number } | null = null;
  if (upload && upload.size > 0) {
    if (upload.size > MAX_SCAN_BYTES || upload.bytes.byteLength > MAX_SCAN_BYTES) {
      return { kind: "invalid", error: "scanTooLarge" };
    }
    scan = await normalizeScan(upload.bytes);
    if (!scan) return { kind: "invalid", error: "scanNotImage" };
  }
  const config = getConfig();
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<RecordReplyResult> => {
      let prisonerId: number;
      let answered: number[];
      if ("batchId" in target) {
        const batch = await findBatchForCampaign(trx, access.campaign.id, target.batchId, { forUpdate: true });
        if (!batch) return { kind: "not-found" };
        if (batch.state !== "posted" && batch.state !== "delivered") return { kind: "refused", reason: "state" };
        prisonerId = batch.prisoner_id;
        answered = [
          ...(await moveBatchLetters(trx, batch.id, "posted", "answered")),
          ...(await moveBatchLetters(trx, batch.id, "delivered", "answered")),
        ];
      } else {
        const letter = await findLetterForCampaign(trx, access.campaign.id, target.letterId, { forUpdate: true });
        if (!letter) return { kind: "not-found" };
        prisonerId = letter.prisoner_id;
        if (letter.state !== "answered") {
          if (!(await moveLetter(trx, letter.id, ["posted", "delivered"], "answered"))) {
            return { kind: "refused", reason: "state" };
          }
          answered = [letter.id];
        } else answered = [];
      }
      const replyId = await insertReply(trx, {
        prisonerId,
        batchId: "batchId" in target ? target.batchId : null,
        letterId: "letterId" in target ? target.letterId : null,
        receivedOn: input.receivedOn!,
        text: input.text,
        passOn: input.passOn && input.text.length > 0,
        scan,
        createdBy: access.organizer.id,
      });
      const writers = await listWritersToTell(trx, answered);
      const [translations, slug] = await Promise.all([
        listPrisonerTranslations(trx, [prisonerId]),
        findPrisonerSlug(trx, prisonerId),
      ]);
      for (const writer of writers) {
        await queueMail(trx, {
          kind: "letter_reply",
          locale: writer.locale,
          to: writer.writer_email!,
          data: {
            writerName: writer.writer_name,
            prisonerName: pickTranslation(translations, writer.locale)?.row.name ?? "",
            replyText: input.passOn && input.text ? input.text : null,
            prisonerUrl: `${config.appUrl}/${writer.locale}/prisoners/${slug ?? ""}`,
          },
        });
      }
      await setRepliesNotified(trx, replyId, writers.length);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: access.campaign.id,
        action: "letters.reply_recorded",
        subjectType: "letter_reply",
        subjectId: replyId,
        rowCount: answered.length,
        details: { ...target, notified: writers.length, passOn: input.passOn, scan: scan !== null },
      });
      return { kind: "recorded", replyId, answered: answered.length, notified: writers.length };
    });
  if (result.kind === "recorded") clearPageCache();
  return result;
}

/** A reply's scan for the organizers of one of the prisoner's campaigns; null otherwise. */
export async function findScan(access: CampaignAccess, replyId: number): Promise<Buffer | null> {
  return findReplyScan(getDb(), access.campaign.id, replyId);
}
