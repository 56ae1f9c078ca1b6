import { sql } from "kysely";
import type { CampaignStatus, Locale, SignatureState, Visibility } from "~/domain/vocab";
import type { Executor, Tx } from "~/utils/db.server";

/**
 * Retention's SQL: the campaigns' retention facts, the claims that make each reminder and
 * each run happen once, and the erasure of signer data in batches. The erasure changes no
 * state, group, visibility or counter (those belong to signature-transitions.server.ts):
 * it only blanks what identifies a person.
 */

/** Marks a row whose sealed envelope was erased (neither sealed nor waiting to be sealed). */
export const ERASED_KEY_ID = "erased";

const retentionColumns = [
  "id",
  "slug",
  "status",
  "canonical_locale",
  "closed_at",
  "delivered_on",
  "retention_days",
  "retention_reminded_at",
  "retention_queued_at",
  "retention_ran_at",
] as const;

export type CampaignRetentionRow = {
  id: number;
  slug: string;
  status: CampaignStatus;
  canonical_locale: Locale;
  closed_at: Date | null;
  delivered_on: string | null;
  retention_days: number;
  retention_reminded_at: Date | null;
  retention_queued_at: Date | null;
  retention_ran_at: Date | null;
};

export async function findCampaignRetention(
  db: Executor,
  campaignId: number,
  opts: { forUpdate?: boolean } = {},
): Promise<CampaignRetentionRow | undefined> {
  let query = db.selectFrom("campaigns").select(retentionColumns).where("id", "=", campaignId);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Closed and delivered campaigns: the only ones retention may concern (a handful of rows). */
export async function listEndedCampaigns(db: Executor): Promise<CampaignRetentionRow[]> {
  return db.selectFrom("campaigns").select(retentionColumns).where("status", "in", ["closed", "delivered"]).execute();
}

export async function setRetentionDays(db: Executor, campaignId: number, days: number): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({ retention_days: days, updated_at: new Date() })
    .where("id", "=", campaignId)
    .execute();
}

/** Claims the owners' reminder for this retention period; false when it was claimed already (by another sweep). */
export async function claimRetentionReminder(db: Executor, campaignId: number, since: Date, now: Date) {
  const result = await db
    .updateTable("campaigns")
    .set({ retention_reminded_at: now })
    .where("id", "=", campaignId)
    .where((eb) => eb.or([eb("retention_reminded_at", "is", null), eb("retention_reminded_at", "<", since)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Claims the queueing of a run: false when a run was queued for this period less than
 * `staleBefore` ago (a job whose every retry failed is queued again after that).
 */
export async function claimRetentionQueueing(
  db: Executor,
  campaignId: number,
  { since, staleBefore, now }: { since: Date; staleBefore: Date; now: Date },
) {
  const result = await db
    .updateTable("campaigns")
    .set({ retention_queued_at: now })
    .where("id", "=", campaignId)
    .where((eb) =>
      eb.or([
        eb("retention_queued_at", "is", null),
        eb("retention_queued_at", "<", since),
        eb("retention_queued_at", "<", staleBefore),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markRetentionRan(db: Executor, campaignId: number, at: Date): Promise<void> {
  await db.updateTable("campaigns").set({ retention_ran_at: at }).where("id", "=", campaignId).execute();
}

/** The campaign's owners who can still sign in, with their language, for the reminder. */
export async function listActiveOwners(db: Executor, campaignId: number) {
  return db
    .selectFrom("campaign_members")
    .innerJoin("organizers", "organizers.id", "campaign_members.organizer_id")
    .select(["organizers.id", "organizers.email", "organizers.locale"])
    .where("campaign_members.campaign_id", "=", campaignId)
    .where("campaign_members.role", "=", "owner")
    .where("organizers.disabled_at", "is", null)
    .orderBy("organizers.id")
    .execute();
}

// ---------------------------------------------------------------------------------------
// The erasure

export interface ErasureRow {
  id: number;
  state: SignatureState;
  visibility: Visibility;
  full_name: string;
  title: string;
  city: string | null;
  comment: string | null;
  updates_consent: boolean;
  /** Whether anything beyond name, title, city, comment and consent is still there to erase. */
  has_other: boolean;
}

/**
 * The next `limit` signatures of a campaign after `afterId`, locked for the caller's
 * transaction (a signer changing their visibility waits, then sees the erased row).
 */
export async function lockErasureBatch(tx: Tx, campaignId: number, afterId: number, limit: number) {
  const { rows } = await sql<ErasureRow>`
    select id, state, visibility, full_name, title, city, comment, updates_consent,
           (email is not null or email_canonical is not null or email_hash is not null
            or email_domain is not null or sealed is not null or key_id is distinct from ${ERASED_KEY_ID}
            or ip_hash is not null or ip_hash_expires_at is not null or confirm_token_hash is not null
            or withdraw_token_hash is not null or link_seed is not null) as has_other
    from signatures
    where campaign_id = ${campaignId} and id > ${afterId}
    order by id
    limit ${limit}
    for update`.execute(tx);
  return rows;
}

/**
 * Erases the given rows: every address and its hashes, the sealed envelope, the IP hash, the
 * private links, and name, title, city, comment and consent as given (what may stay).
 */
export async function eraseSignatures(
  tx: Tx,
  campaignId: number,
  rows: readonly { id: number; full_name: string; title: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql`
    update signatures s set
      full_name = v.full_name, title = v.title, city = null, comment = null, updates_consent = false,
      email = null, email_canonical = null, email_hash = null, email_domain = null,
      sealed = null, key_id = ${ERASED_KEY_ID},
      ip_hash = null, ip_hash_expires_at = null,
      confirm_token_hash = null, withdraw_token_hash = null, link_seed = null
    from unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.full_name)}::text[],
                ${rows.map((r) => r.title)}::text[]) as v(id, full_name, title)
    where s.id = v.id and s.campaign_id = ${campaignId}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Title corrections of the campaign's signatures no longer listed by name keep no old or
 * new title in the audit log (the entry stays, saying a correction was made).
 */
export async function eraseAuditedTitles(db: Executor, campaignId: number): Promise<number> {
  const result = await sql`
    update audit_entries a set details = '{"erased":true}'::jsonb
    where a.campaign_id = ${campaignId} and a.action = 'signatures.title' and a.subject_type = 'signature'
      and not (a.details ? 'erased')
      and not exists (
        select 1 from signatures s
        where s.id::text = a.subject_id and s.campaign_id = ${campaignId}
          and s.state = 'verified' and s.visibility = 'public')`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
