import { sql } from "kysely";
import { LIVE_STATES, type Locale } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

/** A 10-minute bucket of a signature's time: bursts are counted per address hash and bucket. */
const BUCKET_SECONDS = 600;

export interface CampaignProgressRow {
  campaign_id: number;
  held: number;
  has_signals: boolean;
  answered: boolean;
  text_locales: Locale[];
}

/**
 * What the dashboard needs to suggest each campaign's next step, for every card in one query:
 * signatures held for review (pending with a reason, address confirmed: the review queue's
 * filter), whether one address hash signed more than `burstThreshold` times within one
 * 10-minute bucket since `since` (a cheap look-out for the signals page's bursts, which
 * slide their window: a burst split across two buckets shows here from twice the
 * threshold), whether an answer is recorded, and the languages of the letter's texts.
 */
export async function listCampaignProgress(
  db: Executor,
  campaignIds: readonly number[],
  opts: { since: Date; burstThreshold: number },
): Promise<CampaignProgressRow[]> {
  if (campaignIds.length === 0) return [];
  const { rows } = await sql<CampaignProgressRow>`
    select c.id as campaign_id,
      (select count(*)::int from signatures s
        where s.campaign_id = c.id and s.state = 'pending'
          and s.review_reason is not null and s.email_confirmed_at is not null) as held,
      exists (
        select 1 from signatures s
        where s.campaign_id = c.id and s.created_at >= ${opts.since}
          and s.state in (${sql.join(LIVE_STATES)})
          and s.ip_hash is not null and s.ip_hash <> ''
        group by s.ip_hash, floor(extract(epoch from s.created_at) / ${BUCKET_SECONDS})
        having count(*) > ${opts.burstThreshold}
      ) as has_signals,
      (c.answered_on is not null or coalesce(c.delivery_response, '') <> ''
        or exists (select 1 from campaign_answer_translations a where a.campaign_id = c.id)) as answered,
      array(select t.locale from campaign_translations t where t.campaign_id = c.id order by t.locale) as text_locales
    from campaigns c
    where c.id in (${sql.join(campaignIds)})`.execute(db);
  return rows.map((r) => ({ ...r, held: Number(r.held), text_locales: [...(r.text_locales ?? [])] }));
}
