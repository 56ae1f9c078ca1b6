import { pickTranslation } from "~/domain/translation";
import { isLocale } from "~/domain/vocab";
import { listCampaignTranslations } from "~/models/campaign.server";
import { claimReminders } from "~/models/signature.server";
import { getDb, type DB } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { hashToken } from "~/utils/tokens.server";
import { queueSignerMail } from "~/jobs/enqueue.server";
import { confirmTokenFor, signerLinks } from "./signing.server";

/** A signer who has not confirmed after this long gets one reminder. */
export const REMINDER_AFTER_MS = 24 * 3600 * 1000;
const BATCH = 200;

/**
 * One reminder per unconfirmed signature, a day after signing, in the signer's language and
 * with the same link as the first mail; never a second (the row is marked in the claiming
 * statement, so concurrent sweeps and retries cannot send twice). Signatures about to expire
 * (less than a day left) get none. Returns how many reminders were queued.
 */
export async function sendConfirmationReminders(db: DB = getDb(), now = new Date()): Promise<number> {
  const config = getConfig();
  const lifetimeMs = config.signatureConfirmDays * 86_400_000;
  let queued = 0;
  for (;;) {
    const sent = await db.transaction().execute(async (trx) => {
      const rows = await claimReminders(
        trx,
        {
          before: new Date(now.getTime() - REMINDER_AFTER_MS),
          notBefore: new Date(now.getTime() - lifetimeMs + 86_400_000),
        },
        BATCH,
      );
      const translations = await listCampaignTranslations(trx, [...new Set(rows.map((r) => r.campaign_id))]);
      let n = 0;
      for (const row of rows) {
        if (!row.link_seed || !isLocale(row.locale)) continue;
        const confirmToken = confirmTokenFor(row.link_seed);
        // The link was replaced since (the secret changed): a reminder would carry a dead link.
        if (hashToken(confirmToken) !== row.confirm_token_hash) continue;
        const links = signerLinks(row.locale, confirmToken);
        const campaignTexts = translations.filter((t) => t.campaign_id === row.campaign_id);
        await queueSignerMail(trx, row.id, {
          kind: "signature_reminder",
          locale: row.locale,
          data: {
            campaignTitle: pickTranslation(campaignTexts, row.locale)?.row.title ?? "",
            confirmUrl: links.confirmUrl!,
            withdrawUrl: links.withdrawUrl,
            daysLeft: Math.max(1, Math.floor((row.created_at.getTime() + lifetimeMs - now.getTime()) / 86_400_000)),
          },
        });
        n++;
      }
      return { claimed: rows.length, n };
    });
    queued += sent.n;
    if (sent.claimed < BATCH) return queued;
  }
}
