import { can } from "~/domain/permissions";
import {
  erasedSignature,
  isRetentionDays,
  RETENTION,
  retentionNoticeDue,
  retentionSchedule,
  type RetentionSchedule,
} from "~/domain/retention";
import { pickTranslation } from "~/domain/translation";
import { queueMail, queueSignerDataErasure } from "~/jobs/enqueue.server";
import { insertAudit } from "~/models/audit.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import {
  claimRetentionQueueing,
  claimRetentionReminder,
  eraseAuditedTitles,
  eraseSignatures,
  findCampaignRetention,
  listActiveOwners,
  listEndedCampaigns,
  lockErasureBatch,
  markRetentionRan,
  setRetentionDays,
  type CampaignRetentionRow,
} from "~/models/retention.server";
import { getDb, type DB } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { clearPageCache } from "./campaign-page.server";
import type { CampaignAccess } from "./organizer-sessions.server";

/**
 * Retention (issue 12, part 3): when a campaign has been closed or delivered for its
 * retention period, what identifies its signers is erased, in batches, by a queued job.
 * Owners are mailed a week before (the run never comes sooner after the mail), the overview
 * shows a notice two weeks before, and the run is audited. Counts, groups, countries and the
 * names people chose to publish stay: the campaign page and the delivered publication list
 * (and its SHA-256) are unchanged.
 */

const BATCH = 500;
/** A run queued this long ago without finishing (every retry failed) is queued again. */
const REQUEUE_AFTER_MS = 6 * 3600_000;

function schedule(row: CampaignRetentionRow, now: Date): RetentionSchedule {
  return retentionSchedule(
    {
      status: row.status,
      closedAt: row.closed_at,
      deliveredOn: row.delivered_on,
      retentionDays: row.retention_days,
      retentionRanAt: row.retention_ran_at,
      retentionRemindedAt: row.retention_reminded_at,
    },
    now,
  );
}

async function titleOf(db: DB, row: CampaignRetentionRow, locale: CampaignRetentionRow["canonical_locale"]) {
  const texts = await listCampaignTranslations(db, [row.id]);
  return pickTranslation(texts, locale, row.canonical_locale)?.row.title ?? row.slug;
}

/**
 * From the sweeps: mails the owners of campaigns whose erasure is a week away (once per
 * retention period), and queues the erasure of campaigns whose time has come (once; again
 * only if a queued run never finished). Idempotent: every worker may run it at once.
 */
export async function sweepRetention(
  db: DB = getDb(),
  now = new Date(),
): Promise<{ reminded: number; queued: number }> {
  let reminded = 0;
  let queued = 0;
  const base = getConfig().appUrl;
  for (const row of await listEndedCampaigns(db)) {
    const plan = schedule(row, now);
    if (plan.kind !== "scheduled") continue;
    if (plan.remindDue) {
      const owners = await listActiveOwners(db, row.id);
      const titles = new Map(
        await Promise.all(
          [...new Set(owners.map((o) => o.locale))].map(async (l) => [l, await titleOf(db, row, l)] as const),
        ),
      );
      const sent = await db.transaction().execute(async (trx) => {
        if (!(await claimRetentionReminder(trx, row.id, plan.since, now))) return false;
        // The run is a week after this mail at the earliest, whatever the period says.
        const runsAt = schedule({ ...row, retention_reminded_at: now }, now);
        const at = runsAt.kind === "scheduled" ? runsAt.runsAt : plan.runsAt;
        for (const owner of owners) {
          await queueMail(trx, {
            kind: "retention_reminder",
            locale: owner.locale,
            to: owner.email,
            data: {
              campaignTitle: titles.get(owner.locale) ?? row.slug,
              runsAt: at.toISOString(),
              retentionDays: row.retention_days,
              exportUrl: `${base}/organizer/campaigns/${row.slug}/export`,
              settingsUrl: `${base}/organizer/campaigns/${row.slug}/settings#retention`,
            },
          });
        }
        await insertAudit(trx, {
          organizerId: null,
          campaignId: row.id,
          action: "campaign.retention_reminded",
          subjectType: "campaign",
          subjectId: row.id,
          rowCount: owners.length,
          details: { runsAt: at.toISOString(), owners: owners.length },
        });
        return true;
      });
      if (sent) reminded++;
    }
    if (plan.runDue) {
      const claimed = await db.transaction().execute(async (trx) => {
        const staleBefore = new Date(now.getTime() - REQUEUE_AFTER_MS);
        if (!(await claimRetentionQueueing(trx, row.id, { since: plan.since, staleBefore, now }))) return false;
        await queueSignerDataErasure(trx, { campaignId: row.id });
        return true;
      });
      if (claimed) queued++;
    }
  }
  return { reminded, queued };
}

/**
 * Erases the signer data of every signature of a campaign, a batch of 500 per transaction,
 * rows locked while they change. Returns how many rows changed (0 when run again).
 */
export async function eraseCampaignSignerData(
  campaignId: number,
  { db = getDb(), batchSize = BATCH }: { db?: DB; batchSize?: number } = {},
): Promise<{ scanned: number; erased: number; batches: number }> {
  let after = 0;
  let scanned = 0;
  let erased = 0;
  let batches = 0;
  for (;;) {
    const step = await db.transaction().execute(async (trx) => {
      const rows = await lockErasureBatch(trx, campaignId, after, batchSize);
      const changes = rows.flatMap((row) => {
        const kept = erasedSignature(row);
        const same =
          !row.has_other &&
          kept.full_name === row.full_name &&
          kept.title === row.title &&
          row.city === null &&
          row.comment === null &&
          !row.updates_consent;
        return same ? [] : [{ id: row.id, full_name: kept.full_name, title: kept.title }];
      });
      const changed = await eraseSignatures(trx, campaignId, changes);
      return { count: rows.length, last: rows.at(-1)?.id ?? after, changed };
    });
    if (step.count === 0) break;
    batches++;
    scanned += step.count;
    erased += step.changed;
    after = step.last;
    if (step.count < batchSize) break;
  }
  return { scanned, erased, batches };
}

export type RetentionRunResult =
  { kind: "erased"; scanned: number; erased: number } | { kind: "not-due" } | { kind: "not-found" };

/**
 * The job: erases a campaign's signer data if its time has come (checked again here: the
 * campaign may have been reopened or the period lengthened since the job was queued), then
 * records the run and audits it.
 */
export async function runRetention(
  campaignId: number,
  { now = new Date(), batchSize = BATCH }: { now?: Date; batchSize?: number } = {},
): Promise<RetentionRunResult> {
  const db = getDb();
  const row = await findCampaignRetention(db, campaignId);
  if (!row) return { kind: "not-found" };
  const plan = schedule(row, now);
  if (plan.kind !== "scheduled" || !plan.runDue) return { kind: "not-due" };
  const result = await eraseCampaignSignerData(campaignId, { db, batchSize });
  const recorded = await db.transaction().execute(async (trx) => {
    const current = await findCampaignRetention(trx, campaignId, { forUpdate: true });
    // Reopened while the batches ran: what was erased stays erased, but the period starts again.
    if (!current || schedule(current, now).kind !== "scheduled") return false;
    const titles = await eraseAuditedTitles(trx, campaignId);
    await markRetentionRan(trx, campaignId, new Date());
    await insertAudit(trx, {
      organizerId: null,
      campaignId,
      action: "campaign.retention_ran",
      subjectType: "campaign",
      subjectId: campaignId,
      rowCount: result.erased,
      details: {
        retentionDays: current.retention_days,
        signatures: result.scanned,
        erased: result.erased,
        batches: result.batches,
        auditTitlesErased: titles,
      },
    });
    return true;
  });
  clearPageCache();
  return recorded ? { kind: "erased", scanned: result.scanned, erased: result.erased } : { kind: "not-due" };
}

// ---------------------------------------------------------------------------------------
// What organizers see and change

export interface RetentionView {
  days: number;
  minDays: number;
  maxDays: number;
  /** "running": draft or open; "scheduled": runsAt; "done": ranAt. */
  state: "running" | "scheduled" | "done";
  runsAt: string | null;
  ranAt: string | null;
  reminderDays: number;
}

function view(row: CampaignRetentionRow, now: Date): RetentionView {
  const plan = schedule(row, now);
  return {
    days: row.retention_days,
    minDays: RETENTION.minDays,
    maxDays: RETENTION.maxDays,
    state: plan.kind === "scheduled" ? "scheduled" : plan.kind === "done" ? "done" : "running",
    runsAt: plan.kind === "scheduled" ? plan.runsAt.toISOString() : null,
    ranAt: plan.kind === "done" ? plan.ranAt.toISOString() : null,
    reminderDays: RETENTION.reminderDays,
  };
}

/** The settings page's retention section (owners and editors). */
export async function retentionSettings(access: CampaignAccess, now = new Date()): Promise<RetentionView | null> {
  if (!can(access.role, "edit")) return null;
  const row = await findCampaignRetention(getDb(), access.campaign.id);
  return row ? view(row, now) : null;
}

/** The overview's notice: shown from two weeks before the erasure until it has run. */
export async function retentionNotice(
  campaignId: number,
  now = new Date(),
): Promise<{ runsAt: string; days: number } | null> {
  const row = await findCampaignRetention(getDb(), campaignId);
  if (!row) return null;
  const plan = schedule(row, now);
  if (plan.kind !== "scheduled" || !retentionNoticeDue(plan, now)) return null;
  return { runsAt: plan.runsAt.toISOString(), days: row.retention_days };
}

export type RetentionChangeResult =
  | { kind: "retentionSaved"; retention: RetentionView }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "not-found" };

/**
 * Sets the campaign's retention period (within RETENTION's bounds). Refused once the erasure
 * has run for the current close. A shorter period never brings the run sooner than a week
 * after the owners' reminder. Audited as campaign.retention_changed.
 */
export async function changeRetentionDays(
  access: CampaignAccess,
  days: number,
  now = new Date(),
): Promise<RetentionChangeResult> {
  if (!can(access.role, "edit")) return { kind: "not-found" };
  if (!isRetentionDays(days)) return { kind: "invalid", errors: { days: "retentionDays" } };
  const campaignId = access.campaign.id;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<RetentionChangeResult> => {
      const row = await findCampaignRetention(trx, campaignId, { forUpdate: true });
      if (!row) return { kind: "not-found" };
      if (schedule(row, now).kind === "done") return { kind: "invalid", errors: { days: "retentionDone" } };
      if (row.retention_days !== days) {
        await setRetentionDays(trx, campaignId, days);
        await insertAudit(trx, {
          organizerId: access.organizer.id,
          campaignId,
          action: "campaign.retention_changed",
          subjectType: "campaign",
          subjectId: campaignId,
          details: { from: row.retention_days, to: days },
        });
      }
      return { kind: "retentionSaved", retention: view({ ...row, retention_days: days }, now) };
    });
}
