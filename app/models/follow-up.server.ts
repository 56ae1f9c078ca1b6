import type { Executor } from "~/utils/db.server";

/** Invitations to sign a follow-up campaign with one button, one per earlier signature. */

/** The next consenting, counted signers of the earlier campaign after a cursor, in id order. */
export async function listFollowUpRecipients(db: Executor, earlierId: number, afterId: number, limit: number) {
  return (
    db
      .selectFrom("signatures")
      .select(["id", "locale"])
      .where("campaign_id", "=", earlierId)
      .where("state", "=", "verified")
      .where("updates_consent", "=", true)
      // Someone to write to: an address sealed (keyed hash) or, not sealed yet, in clear.
      .where((eb) => eb.or([eb("email_hash", "is not", null), eb("email", "<>", "")]))
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(limit)
      .execute()
  );
}

/** Records one invitation; false when this signer was invited to this follow-up before. */
export async function insertFollowUpInvitation(
  db: Executor,
  row: { tokenHash: string; campaignId: number; signatureId: number },
): Promise<boolean> {
  const inserted = await db
    .insertInto("follow_up_invitations")
    .values({ token_hash: row.tokenHash, campaign_id: row.campaignId, signature_id: row.signatureId })
    .onConflict((oc) => oc.columns(["campaign_id", "signature_id"]).doNothing())
    .returning("token_hash")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** An invitation with the earlier signature's details; with `forUpdate`, locked until commit. */
export async function findFollowUpInvitation(db: Executor, tokenHash: string, opts: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("follow_up_invitations as i")
    .innerJoin("signatures as s", "s.id", "i.signature_id")
    .innerJoin("signer_groups as g", "g.id", "s.group_id")
    .select([
      "i.campaign_id",
      "i.signature_id",
      "i.used_at",
      "s.state",
      "s.full_name",
      "s.email",
      "s.sealed",
      "s.title",
      "s.country",
      "s.city",
      "s.visibility",
      "s.locale",
      "g.key as group_key",
    ])
    .where("i.token_hash", "=", tokenHash);
  if (opts.forUpdate) query = query.forUpdate(["i"]);
  return query.executeTakeFirst();
}

export async function markFollowUpUsed(db: Executor, tokenHash: string, newSignatureId: number | null) {
  await db
    .updateTable("follow_up_invitations")
    .set({ used_at: new Date(), new_signature_id: newSignatureId })
    .where("token_hash", "=", tokenHash)
    .execute();
}

export async function countFollowUpInvitations(db: Executor, campaignId: number) {
  const row = await db
    .selectFrom("follow_up_invitations")
    .select([(eb) => eb.fn.countAll<number>().as("sent"), (eb) => eb.fn.count<number>("used_at").as("used")])
    .where("campaign_id", "=", campaignId)
    .executeTakeFirstOrThrow();
  return { sent: Number(row.sent), used: Number(row.used) };
}
