import { addDays, parseDay } from "./dates";
import { initialsOf } from "./signatory";
import { LISTED_STATES, type CampaignStatus, type SignatureState, type Visibility } from "./vocab";

/**
 * Retention: how long a campaign keeps what identifies its signers after it is closed or
 * delivered, and what is erased when the time comes. Written once here; the sweep, the job,
 * the settings page, the overview notice and the privacy page all read these rules.
 */

export const RETENTION = {
  /** Days after the campaign is closed or delivered (the later of the two). */
  defaultDays: 90,
  minDays: 30,
  maxDays: 365,
  /** Owners are mailed this many days before the run; the run never comes sooner after the mail. */
  reminderDays: 7,
  /** The overview shows its notice this many days before the run. */
  noticeDays: 14,
} as const;

const DAY_MS = 86_400_000;

export interface RetentionFacts {
  status: CampaignStatus;
  closedAt: Date | null;
  /** YYYY-MM-DD */
  deliveredOn: string | null;
  retentionDays: number;
  retentionRanAt: Date | null;
  retentionRemindedAt: Date | null;
}

export type RetentionSchedule =
  /** Draft or open: nothing is scheduled. */
  | { kind: "not-scheduled" }
  /** Erased on `ranAt` (after the campaign's last close or delivery). */
  | { kind: "done"; ranAt: Date }
  /**
   * Will run at `runsAt`: the period after `since`, but never sooner than `reminderDays`
   * after the owners' reminder (a campaign closed long ago, or a period just shortened, gives
   * the owners their days to export all the same).
   */
  | { kind: "scheduled"; since: Date; runsAt: Date; reminded: boolean; remindDue: boolean; runDue: boolean };

/** When the retention period starts: the later of closing and delivery; null while the campaign runs. */
export function retentionSince(c: Pick<RetentionFacts, "status" | "closedAt" | "deliveredOn">): Date | null {
  if (c.status !== "closed" && c.status !== "delivered") return null;
  const delivered = c.status === "delivered" && c.deliveredOn ? parseDay(c.deliveredOn) : null;
  const times = [c.closedAt, delivered].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export function retentionSchedule(c: RetentionFacts, now: Date): RetentionSchedule {
  const since = retentionSince(c);
  if (!since) return { kind: "not-scheduled" };
  // A run or a reminder before the last close (the campaign was reopened since) does not count.
  if (c.retentionRanAt && c.retentionRanAt >= since) return { kind: "done", ranAt: c.retentionRanAt };
  const reminded = c.retentionRemindedAt !== null && c.retentionRemindedAt >= since;
  const nominal = addDays(since, c.retentionDays);
  const earliest = new Date(
    (reminded ? c.retentionRemindedAt!.getTime() : now.getTime()) + RETENTION.reminderDays * DAY_MS,
  );
  const runsAt = nominal > earliest ? nominal : earliest;
  return {
    kind: "scheduled",
    since,
    runsAt,
    reminded,
    remindDue: !reminded && now.getTime() >= nominal.getTime() - RETENTION.reminderDays * DAY_MS,
    runDue: reminded && now >= runsAt,
  };
}

/** Whether the overview shows its "export before the erasure" notice. */
export function retentionNoticeDue(schedule: RetentionSchedule, now: Date): boolean {
  return schedule.kind === "scheduled" && now.getTime() >= schedule.runsAt.getTime() - RETENTION.noticeDays * DAY_MS;
}

/** A period an organizer may choose. */
export function isRetentionDays(days: number): boolean {
  return Number.isInteger(days) && days >= RETENTION.minDays && days <= RETENTION.maxDays;
}

/**
 * A name reduced to what its initials are made of: the first letter of each part, so that
 * `initialsOf` gives exactly the same initials as from the full name (the publication list
 * and its SHA-256 stay the same) while the name itself is gone.
 */
export function initialsSource(fullName: string): string {
  const parts = fullName
    .normalize("NFC")
    .split(/[\s\-‐]+/u)
    .filter(Boolean)
    .map((p) => Array.from(p)[0] ?? "")
    .filter((c) => /\p{L}/u.test(c.toLocaleUpperCase()));
  const reduced = parts.join(" ");
  // By construction the initials are the same; should any script ever disagree, keep the initials themselves.
  return initialsOf(reduced) === initialsOf(fullName) ? reduced : initialsOf(fullName);
}

/** The columns retention reads and may change. */
export interface ErasableSignature {
  state: SignatureState;
  visibility: Visibility;
  full_name: string;
  title: string;
  city: string | null;
  comment: string | null;
  updates_consent: boolean;
}

/**
 * What a signature keeps after retention. Listed by full name (verified, "public"): the name
 * and title stay, as published. Listed by initials: only the letters of the initials. Anyone
 * else (anonymous, counted only, and every signature not listed at all): no name, no title.
 * Nobody keeps a city, a comment or news consent. (The email, IP hash and private links are
 * erased for everyone by the model.) The group, country, state and visibility stay: counts
 * and the publication list are unchanged.
 */
export function erasedSignature(
  row: ErasableSignature,
): Pick<ErasableSignature, "full_name" | "title" | "city" | "comment" | "updates_consent"> {
  const listed = (LISTED_STATES as readonly string[]).includes(row.state);
  const byName = listed && row.visibility === "public";
  const byInitials = listed && row.visibility === "initials";
  return {
    full_name: byName ? row.full_name : byInitials ? initialsSource(row.full_name) : "",
    title: byName ? row.title : "",
    city: null,
    comment: null,
    updates_consent: false,
  };
}
