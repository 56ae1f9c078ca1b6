import { expect, it } from "vitest";
import {
  changeVisibility,
  hideSignatures,
  invalidateSignatures,
  moveToGroup,
  releaseFromReview,
  repairCountDrift,
  unhideSignatures,
  verifySignature,
  withdrawSignature,
} from "~/models/signature-transitions.server";
import {
  countListedByGroup,
  countVerifiedByCountry,
  countVerifiedByGroup,
  countVerifiedRows,
  countVerifiedTotals,
} from "~/models/signature.server";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { describeEachDatabase } from "../setup/databases";

/**
 * The one module that moves signatures between states: every transition keeps the counter
 * shards equal to the rows, moves only rows in a state it starts from, and does nothing the
 * second time — on both databases.
 */
describeEachDatabase("signature transitions", (getDb) => {
  async function setup() {
    const db = getDb();
    const campaign = await createCampaign(db);
    const rows = [
      signatureRow(campaign, { state: "verified", country: "FR" }),
      signatureRow(campaign, { state: "verified", country: "RU" }),
      signatureRow(campaign, { state: "verified", country: "RU", group: "journalists" }),
      signatureRow(campaign, { state: "pending", country: "UA", verified_at: null }),
      signatureRow(campaign, { state: "hidden", country: "FR" }),
    ];
    await addSignatures(db, rows);
    const ids = (
      await db.selectFrom("signatures").select("id").where("campaign_id", "=", campaign.id).orderBy("id").execute()
    ).map((r) => r.id);
    return { db, campaign, ids: ids as [number, number, number, number, number] };
  }

  /** The counters say what the rows say, and repair finds nothing to repair. */
  async function expectExact(campaignId: number, total: number) {
    const db = getDb();
    expect(await countVerifiedRows(db, campaignId)).toBe(total);
    const byGroup = await countVerifiedByGroup(db, [campaignId]);
    expect(byGroup.reduce((n, g) => n + g.count, 0)).toBe(total);
    // "Counted only" signatures are in the total and apart from every per-group or per-country number.
    const counted = await db
      .selectFrom("signatures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("campaign_id", "=", campaignId)
      .where("state", "=", "verified")
      .where("visibility", "=", "counted")
      .executeTakeFirstOrThrow();
    const totals = (await countVerifiedTotals(db, [campaignId])).get(campaignId)!;
    expect(totals).toEqual({ total, unlisted: Number(counted.n) });
    const byCountry = await countVerifiedByCountry(db, campaignId);
    expect(byCountry.reduce((n, c) => n + c.count, 0)).toBe(total - totals.unlisted);
    const listedByGroup = await countListedByGroup(db, [campaignId]);
    expect(listedByGroup.reduce((n, g) => n + g.count, 0)).toBe(total - totals.unlisted);
    expect((await repairCountDrift(db)).filter((r) => r.campaign_id === campaignId)).toEqual([]);
  }

  it("hides, unhides and invalidates only what each may move, with exact counts", async () => {
    const { db, campaign, ids } = await setup();
    await expectExact(campaign.id, 3);
    const [a, b, , pending, hidden] = ids;

    // Hide two verified and ask for the hidden one too: only the verified move.
    const hid = await db.transaction().execute((trx) => hideSignatures(trx, campaign.id, [a, b, hidden]));
    expect(hid).toEqual([a, b]);
    await expectExact(campaign.id, 1);
    expect(await db.transaction().execute((trx) => hideSignatures(trx, campaign.id, [a, b]))).toEqual([]);
    await expectExact(campaign.id, 1);

    const shown = await db.transaction().execute((trx) => unhideSignatures(trx, campaign.id, [a, hidden, pending]));
    expect(shown).toEqual([a, hidden]);
    await expectExact(campaign.id, 3);

    // Invalidation reaches pending, verified (a) and hidden (b); only a was counted.
    const gone = await db.transaction().execute((trx) => invalidateSignatures(trx, campaign.id, [a, b, pending]));
    expect(gone).toEqual([a, b, pending]);
    await expectExact(campaign.id, 2);
    expect(await db.transaction().execute((trx) => invalidateSignatures(trx, campaign.id, [a, b, pending]))).toEqual(
      [],
    );
  });

  it("never moves another campaign's signatures", async () => {
    const { db, ids } = await setup();
    const other = await createCampaign(db);
    expect(await db.transaction().execute((trx) => hideSignatures(trx, other.id, ids))).toEqual([]);
  });

  it("leaves rows and counters untouched when the caller's transaction rolls back", async () => {
    const { db, campaign, ids } = await setup();
    await expect(
      db.transaction().execute(async (trx) => {
        await hideSignatures(trx, campaign.id, [ids[0], ids[1]]);
        throw new Error("the caller failed after the transition");
      }),
    ).rejects.toThrow("the caller failed");
    await expectExact(campaign.id, 3);
    const row = await db.selectFrom("signatures").select("state").where("id", "=", ids[0]).executeTakeFirstOrThrow();
    expect(row.state).toBe("verified");
  });

  it("verifies a pending signature once, even when asked twice at the same time", async () => {
    const { db, campaign, ids } = await setup();
    const pending = ids[3];
    const results = await Promise.all([
      db.transaction().execute((trx) => verifySignature(trx, pending)),
      db.transaction().execute((trx) => verifySignature(trx, pending)),
    ]);
    // One of the two moved it and answers the campaign's total with it in (the position); the other, null.
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toBe(4);
    await expectExact(campaign.id, 4);
  });

  it("releases a held signature only when its address was confirmed", async () => {
    const { db, campaign } = await setup();
    const [held, unconfirmed] = [
      signatureRow(campaign, {
        state: "pending",
        verified_at: null,
        review_reason: "captcha-unavailable",
        email_confirmed_at: new Date(),
      }),
      signatureRow(campaign, { state: "pending", verified_at: null, review_reason: "captcha-unavailable" }),
    ];
    await addSignatures(db, [held, unconfirmed]);
    const ids = (
      await db
        .selectFrom("signatures")
        .select("id")
        .where("campaign_id", "=", campaign.id)
        .where("review_reason", "is not", null)
        .orderBy("id")
        .execute()
    ).map((r) => r.id);
    const released = await db.transaction().execute((trx) => releaseFromReview(trx, campaign.id, ids));
    expect(released).toEqual([ids[0]]);
    await expectExact(campaign.id, 4);
    const row = await db
      .selectFrom("signatures")
      .select(["state", "review_reason"])
      .where("id", "=", ids[0]!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "verified", review_reason: null });
    expect(await db.transaction().execute((trx) => releaseFromReview(trx, campaign.id, ids))).toEqual([]);
  });

  it("withdraws: erases who it was, leaves the count, and does it once", async () => {
    const { db, campaign, ids } = await setup();
    expect(await db.transaction().execute((trx) => withdrawSignature(trx, ids[0]))).toEqual({
      campaignId: campaign.id,
    });
    await expectExact(campaign.id, 2);
    const row = await db
      .selectFrom("signatures")
      .select(["state", "full_name", "email", "title", "ip_hash"])
      .where("id", "=", ids[0])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "withdrawn", full_name: "", email: null, title: "", ip_hash: null });
    expect(await db.transaction().execute((trx) => withdrawSignature(trx, ids[0]))).toBeNull();
    await expectExact(campaign.id, 2);
  });

  it("moves a whole group with its counters; totals per country stay what they were", async () => {
    const { db, campaign } = await setup();
    const before = await countVerifiedByCountry(db, campaign.id);
    const moved = await db
      .transaction()
      .execute((trx) =>
        moveToGroup(trx, campaign.id, campaign.groupIds.journalists!, campaign.groupIds.mathematicians!),
      );
    expect(moved).toBe(1);
    expect(await countVerifiedByCountry(db, campaign.id)).toEqual(before);
    const byGroup = await countVerifiedByGroup(db, [campaign.id]);
    expect(byGroup.filter((g) => g.count > 0).map((g) => g.group_id)).toEqual([campaign.groupIds.mathematicians]);
    await expectExact(campaign.id, 3);
  });

  it("changes visibility without touching the total, moving the count out of (and back into) the breakdowns", async () => {
    const { db, campaign, ids } = await setup();
    expect(await db.transaction().execute((trx) => changeVisibility(trx, ids[0], "counted"))).toBe(true);
    await expectExact(campaign.id, 3);
    const row = await db.selectFrom("signatures").select("visibility").where("id", "=", ids[0]).executeTakeFirstOrThrow();
    expect(row.visibility).toBe("counted");
    expect(await countVerifiedByCountry(db, campaign.id)).toEqual([{ country: "RU", count: 2 }]);
    // Twice the same choice, and a pending or hidden signature's choice, move no counter.
    expect(await db.transaction().execute((trx) => changeVisibility(trx, ids[0], "counted"))).toBe(true);
    expect(await db.transaction().execute((trx) => changeVisibility(trx, ids[4], "counted"))).toBe(true);
    await expectExact(campaign.id, 3);
    expect(await db.transaction().execute((trx) => changeVisibility(trx, ids[0], "initials"))).toBe(true);
    await expectExact(campaign.id, 3);
    expect(await countVerifiedByCountry(db, campaign.id)).toEqual([
      { country: "RU", count: 2 },
      { country: "FR", count: 1 },
    ]);
    // A hidden signature that chose "counted only" counts apart once unhidden.
    await db.transaction().execute((trx) => unhideSignatures(trx, campaign.id, [ids[4]]));
    await expectExact(campaign.id, 4);
    await db.transaction().execute((trx) => withdrawSignature(trx, ids[4]));
    await expectExact(campaign.id, 3);
    expect(await db.transaction().execute((trx) => changeVisibility(trx, ids[4], "public"))).toBe(false);
  });
});
