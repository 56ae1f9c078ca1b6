import { createHmac, timingSafeEqual } from "node:crypto";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { listCampaignTranslations } from "~/models/campaign.server";
import {
  findPublishedUpdate,
  listUpdateRecipients,
  markUpdateMailed,
  markUpdatePublished,
  recordDelivery,
  unsubscribeSignature,
} from "~/models/update-delivery.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { markdownToPlainText } from "~/utils/markdown.server";
import { queueSignerMail, queueUpdateBatch } from "~/jobs/enqueue.server";

/** Signers per fan-out job, and how fast their mails may leave (per second). */
const BATCH_SIZE = 100;
const MAILS_PER_SECOND = 10;

/**
 * One-click unsubscribe links carry the signature id and a keyed MAC of it: nothing to
 * store, nothing to guess, and they keep working however often they are clicked.
 */
export function unsubscribeToken(signatureId: number): string {
  const mac = createHmac("sha256", getConfig().sessionSecret).update(`unsubscribe:${signatureId}`).digest("base64url");
  return `${signatureId}.${mac.slice(0, 32)}`;
}

function signatureIdFromToken(token: string): number | null {
  const match = /^(\d{1,10})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(unsubscribeToken(id));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** Stops update mails for the signer behind a link. Works without logging in, at once. */
export async function unsubscribe(token: string): Promise<boolean> {
  const id = signatureIdFromToken(token);
  if (id === null) return false;
  return unsubscribeSignature(getDb(), id);
}

export function isValidUnsubscribeToken(token: string): boolean {
  return signatureIdFromToken(token) !== null;
}

/** Publishes an update and starts mailing it, in one transaction. */
export async function publishUpdate(updateId: number): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await markUpdatePublished(trx, updateId);
      await queueUpdateBatch(trx, { updateId, afterSignatureId: 0 });
    });
}

/**
 * One batch of the fan-out: each recipient's delivery row and mail job are written in one
 * transaction, so a retried batch skips those already done. Mails are spread over time
 * (MAILS_PER_SECOND), and the next batch is queued to start when this one's mails are due.
 */
export async function sendUpdateBatch({
  updateId,
  afterSignatureId,
}: {
  updateId: number;
  afterSignatureId: number;
}): Promise<{ queued: number; done: boolean }> {
  const db = getDb();
  const config = getConfig();
  const update = await findPublishedUpdate(db, updateId);
  if (!update) return { queued: 0, done: true };
  const campaignTexts = await listCampaignTranslations(db, [update.campaign_id]);
  const recipients = await listUpdateRecipients(db, update.campaign_id, afterSignatureId, BATCH_SIZE);
  const start = Date.now();
  let queued = 0;
  for (const recipient of recipients) {
    const locale = recipient.locale as Locale;
    const text = pickTranslation(update.texts, locale, update.canonical_locale)?.row;
    const campaignTitle = pickTranslation(campaignTexts, locale, update.canonical_locale)?.row.title ?? update.slug;
    if (!text) continue;
    const unsubscribeUrl = `${config.appUrl}/${locale}/unsubscribe/${unsubscribeToken(recipient.id)}`;
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await recordDelivery(trx, updateId, recipient.id))) return false;
      await queueSignerMail(
        trx,
        recipient.id,
        {
          kind: "campaign_update",
          locale,
          data: {
            campaignTitle,
            updateTitle: text.title,
            updateBody: text.body
              .split(/\n\s*\n/)
              .map((p) => markdownToPlainText(p))
              .join("\n\n"),
            campaignUrl: `${config.appUrl}/${locale}/campaigns/${update.slug}?ref=update`,
            unsubscribeUrl,
          },
        },
        {
          // RFC 8058: mail clients offer a one-click "unsubscribe" that POSTs to this URL.
          headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
          startAfter: new Date(start + Math.floor(queued / MAILS_PER_SECOND) * 1000),
        },
      );
      return true;
    });
    if (sent) queued++;
  }
  const last = recipients.at(-1);
  if (recipients.length === BATCH_SIZE && last) {
    await queueUpdateBatch(
      db,
      { updateId, afterSignatureId: last.id },
      new Date(start + Math.ceil(queued / MAILS_PER_SECOND) * 1000),
    );
    return { queued, done: false };
  }
  await markUpdateMailed(db, updateId);
  return { queued, done: true };
}
