import { failStalledExports } from "~/models/export.server";
import { deleteExpiredSessions, deleteOldLoginTokens } from "~/models/organizer.server";
import { repairCountDrift } from "~/models/signature-transitions.server";
import { deleteExpiredPending, forgetExpiredIpHashes } from "~/models/signature.server";
import { getDb, type DB } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { sendConfirmationReminders } from "~/services/confirmation-reminders.server";
import { sweepRateLimits } from "~/services/rate-limit.server";
import { sweepRetention } from "~/services/retention.server";

/**
 * Deletes unconfirmed signatures past their time, forgets old IP hashes, and repairs any
 * drift between the counters and the rows (there should be none; a bug or a manual edit
 * would show up here, in the log, and be corrected). Idempotent: every worker may run it.
 */
export async function runSweeps(
  db: DB = getDb(),
  now = new Date(),
): Promise<{ expired: number; ipHashes: number; countsRepaired: number }> {
  const days = getConfig().signatureConfirmDays;
  const expired = await deleteExpiredPending(db, new Date(now.getTime() - days * 86_400_000));
  const ipHashes = await forgetExpiredIpHashes(db, now);
  // One reminder, a day after signing, to signers who have not confirmed (never a second).
  const reminded = await sendConfirmationReminders(db, now);
  if (reminded) console.info(`[sweep] ${reminded} confirmation reminders queued`);
  // Retention: owners reminded a week before; the erasure of a campaign's signer data queued when due.
  const retention = await sweepRetention(db, now);
  if (retention.reminded || retention.queued) {
    console.info(
      `[sweep] retention: ${retention.reminded} campaigns' owners reminded, ${retention.queued} erasures queued`,
    );
  }
  const repaired = await repairCountDrift(db);
  // Sign-in links live 15 minutes; keep used and expired ones a day for the audit trail.
  await deleteOldLoginTokens(db, new Date(now.getTime() - 86_400_000));
  await deleteExpiredSessions(db, now);
  // Rate-limit windows that ended hold nothing a check still needs.
  await sweepRateLimits();
  // A running export writes progress every second; ten silent minutes mean its server died.
  const stalled = await failStalledExports(db, new Date(now.getTime() - 10 * 60_000));
  if (stalled) console.warn(`[sweep] ${stalled} interrupted exports marked failed`);
  if (expired || ipHashes)
    console.info(`[sweep] ${expired} expired signatures deleted, ${ipHashes} IP hashes forgotten`);
  if (repaired.length)
    console.warn(`[sweep] counter drift repaired for ${repaired.length} (campaign, group, country) keys`);
  return { expired, ipHashes, countsRepaired: repaired.length };
}
