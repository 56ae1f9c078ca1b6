import { sql } from "kysely";
import type { SignatureState, Visibility } from "~/domain/vocab";
import { canonicalEmail } from "~/domain/email";
import type { Executor } from "~/utils/db.server";
import { emailHashes } from "~/utils/signer-crypto.server";
import { escapeLike } from "./like";

/** What organizers may filter the signatures of their campaign by. */
export interface ModerationFilter {
  campaignId: number;
  state?: SignatureState;
  groupId?: number;
  country?: string;
  visibility?: Visibility;
  notable?: boolean;
  /**
   * An exact address (found by its keyed hash), or words of a name or affiliation (found
   * where they are in clear: public signers; the others' are sealed, issue 12).
   */
  search?: string;
  /** The signer's keyed IP hash. */
  ipHash?: string;
  /** Email domain of the canonical address (lower case). */
  domain?: string;
  /** These signatures only (links from the signals page). */
  ids?: readonly number[];
  /** Only signatures held for review: pending with a reason, their address confirmed. */
  heldForReview?: boolean;
}

/** The address's domain: kept beside the sealed address, or (a row not sealed yet) from the clear one. */
const EMAIL_DOMAIN = sql<string>`coalesce(email_domain, split_part(email_canonical, '@', 2))`;

function filtered(db: Executor, filter: ModerationFilter) {
  let query = db.selectFrom("signatures").where("campaign_id", "=", filter.campaignId);
  if (filter.state) query = query.where("state", "=", filter.state);
  if (filter.groupId !== undefined) query = query.where("group_id", "=", filter.groupId);
  if (filter.country) query = query.where("country", "=", filter.country);
  if (filter.visibility) query = query.where("visibility", "=", filter.visibility);
  if (filter.notable !== undefined) query = query.where("notable", "=", filter.notable);
  if (filter.ipHash) query = query.where("ip_hash", "=", filter.ipHash);
  if (filter.domain) query = query.where(EMAIL_DOMAIN, "=", filter.domain);
  if (filter.ids) query = filter.ids.length ? query.where("id", "in", filter.ids) : query.where(sql<boolean>`false`);
  if (filter.heldForReview) {
    query = query
      .where("state", "=", "pending")
      .where("review_reason", "is not", null)
      .where("email_confirmed_at", "is not", null);
  }
  if (filter.search?.includes("@")) {
    const canonical = canonicalEmail(filter.search);
    query = query.where((eb) =>
      eb.or([eb("email_hash", "in", emailHashes(canonical)), eb("email_canonical", "=", canonical)]),
    );
  } else if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    query = query.where((eb) => eb.or([eb("full_name", "ilike", pattern), eb("title", "ilike", pattern)]));
  }
  return query;
}

export async function listModerationRows(db: Executor, filter: ModerationFilter, limit: number, offset: number) {
  return filtered(db, filter)
    .select([
      "id",
      "group_id",
      "full_name",
      "email",
      "sealed",
      "title",
      "country",
      "city",
      "comment",
      "visibility",
      "state",
      "notable",
      "review_reason",
      "email_confirmed_at",
      "created_at",
      "verified_at",
      "ip_hash",
    ])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countModerationRows(db: Executor, filter: ModerationFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Marks the chosen signatures of one campaign notable (or not); the ids that changed, in id
 * order. Not a state change: the count is the same either way.
 */
export async function setSignaturesNotable(
  db: Executor,
  campaignId: number,
  ids: readonly number[],
  notable: boolean,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable("signatures")
    .set({ notable, updated_at: new Date() })
    .where("campaign_id", "=", campaignId)
    .where("id", "in", ids)
    .where("notable", "<>", notable)
    .returning("id")
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** One signature of a campaign with what the single actions need, locked for their transaction. */
export async function lockSignature(db: Executor, campaignId: number, id: number) {
  return db
    .selectFrom("signatures")
    .select(["id", "state", "visibility", "sealed", "full_name", "title", "email", "locale"])
    .where("campaign_id", "=", campaignId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** A pending signature's address and language (for a new confirmation mail). */
export async function findSignatureForResend(db: Executor, campaignId: number, id: number) {
  return db
    .selectFrom("signatures")
    .select(["id", "state", "sealed", "full_name", "title", "email", "locale"])
    .where("campaign_id", "=", campaignId)
    .where("id", "=", id)
    .executeTakeFirst();
}
