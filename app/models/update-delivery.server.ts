import type { Executor } from "~/utils/db.server";

/** Mailing campaign updates once to each consenting signer (writing them: campaign-update.server.ts). */

export async function markUpdatePublished(db: Executor, id: number): Promise<void> {
  await db
    .updateTable("campaign_updates")
    .set({ published_at: new Date() })
    .where("id", "=", id)
    .where("published_at", "is", null)
    .execute();
}

export async function markUpdateMailed(db: Executor, id: number): Promise<void> {
  await db.updateTable("campaign_updates").set({ mailed_at: new Date() }).where("id", "=", id).execute();
}

/** A published update with its texts and its campaign's slug and canonical language. */
export async function findPublishedUpdate(db: Executor, id: number) {
  const update = await db
    .selectFrom("campaign_updates")
    .innerJoin("campaigns", "campaigns.id", "campaign_updates.campaign_id")
    .select(["campaign_updates.id", "campaign_updates.campaign_id", "campaigns.slug", "campaigns.canonical_locale"])
    .where("campaign_updates.id", "=", id)
    .where("campaign_updates.published_at", "is not", null)
    .executeTakeFirst();
  if (!update) return undefined;
  const texts = await db
    .selectFrom("campaign_update_translations")
    .select(["locale", "title", "body"])
    .where("update_id", "=", id)
    .execute();
  return { ...update, texts };
}

/** The next consenting, verified signers of a campaign after a cursor, in id order. */
export async function listUpdateRecipients(db: Executor, campaignId: number, afterId: number, limit: number) {
  return db
    .selectFrom("signatures")
    .select(["id", "locale"])
    .where("campaign_id", "=", campaignId)
    .where("state", "=", "verified")
    .where("updates_consent", "=", true)
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Records that this signer gets this update; false when it was recorded before. */
export async function recordDelivery(db: Executor, updateId: number, signatureId: number): Promise<boolean> {
  const row = await db
    .insertInto("update_deliveries")
    .values({ update_id: updateId, signature_id: signatureId })
    .onConflict((oc) => oc.columns(["update_id", "signature_id"]).doNothing())
    .returning("signature_id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Stops update mails to a signer at once. Their signature itself is untouched. */
export async function unsubscribeSignature(db: Executor, id: number): Promise<boolean> {
  const result = await db
    .updateTable("signatures")
    .set({ updates_consent: false, unsubscribed_at: new Date(), updated_at: new Date() })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
