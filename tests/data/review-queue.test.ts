import { expect, it } from "vitest";
import { listAudit } from "~/models/audit.server";
import { countVerifiedRows, totalForCampaign } from "~/models/signature.server";
import { repairCountDrift } from "~/models/signature-transitions.server";
import * as route from "~/routes/organizer-signatures";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { get, post, reply, run, signedInMember } from "../organizer-helpers";

/**
 * The review queue (issue 12): signatures held for review (the captcha could not be checked)
 * have their own filter with the reason shown; moderators release or reject them, one by one
 * or in bulk, audited, and the counts stay exact under fifty concurrent clicks.
 */
describeEachDatabase("review queue", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  const held = {
    state: "pending" as const,
    verified_at: null,
    review_reason: "captcha_unverified",
    email_confirmed_at: new Date(),
  };

  async function campaignWithQueue(heldCount: number) {
    const campaign = await createCampaign(getDb());
    await addSignatures(getDb(), [
      signatureRow(campaign, { full_name: "Already Verified" }),
      ...Array.from({ length: heldCount }, (_, i) => signatureRow(campaign, { ...held, full_name: `Held ${i}` })),
      signatureRow(campaign, { ...held, full_name: "Never Confirmed", email_confirmed_at: null }),
      signatureRow(campaign, { state: "pending", verified_at: null, full_name: "Plain Pending" }),
    ]);
    const rows = await getDb()
      .selectFrom("signatures")
      .select(["id", "full_name"])
      .where("campaign_id", "=", campaign.id)
      .orderBy("id")
      .execute();
    const heldIds = rows.filter((r) => r.full_name.startsWith("Held")).map((r) => r.id);
    const others = rows.filter((r) => !r.full_name.startsWith("Held")).map((r) => r.id);
    const token = await signedInMember(getDb(), campaign.id, "moderator");
    const path = `/organizer/campaigns/${campaign.slug}/signatures`;
    const act = (intent: string, ids: number[]) => {
      const body = new URLSearchParams([["intent", intent], ...ids.map((id) => ["id", String(id)])]).toString();
      const signedIn = post(path, token, {});
      return run(
        route.action,
        new Request(signedIn.url, { method: "POST", headers: signedIn.headers, body }),
        campaign.slug,
      );
    };
    return { campaign, heldIds, others, token, path, act };
  }

  async function stateOf(id: number) {
    return (await getDb().selectFrom("signatures").select("state").where("id", "=", id).executeTakeFirstOrThrow())
      .state;
  }

  it("lists held signatures under their own filter, with why they were held", async () => {
    const { campaign, heldIds, token, path } = await campaignWithQueue(2);
    const all = (await run(route.loader, get(path, token), campaign.slug)).body as { held: number };
    expect(all.held).toBe(2);
    const queue = (await run(route.loader, get(`${path}?review=held`, token), campaign.slug)).body as {
      matching: number;
      rows: { id: number; heldForReview: boolean; reviewReason: string | null }[];
    };
    expect(queue.matching).toBe(2);
    expect(queue.rows.map((r) => r.id).sort()).toEqual([...heldIds].sort());
    expect(queue.rows.every((r) => r.heldForReview && r.reviewReason === "captcha_unverified")).toBe(true);
  });

  it("rejects held signatures in bulk, audited; nothing else moves and nothing counts", async () => {
    const { campaign, heldIds, others, act } = await campaignWithQueue(3);
    expect(reply(await act("reject", [...heldIds.slice(0, 2), ...others]))).toEqual({
      status: 200,
      body: { kind: "moderated", action: "reject", rowCount: 2 },
    });
    expect(await stateOf(heldIds[0]!)).toBe("invalidated");
    expect(await stateOf(heldIds[2]!)).toBe("pending");
    expect(await Promise.all(others.map(stateOf))).toEqual(["verified", "pending", "pending"]);
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(1);
    // A rejected signature cannot be released afterwards.
    expect(reply(await act("release", [heldIds[0]!])).body).toMatchObject({ rowCount: 0 });
    const audit = (await listAudit(getDb(), campaign.id, 10)).filter((a) => a.action === "signatures.reject");
    expect(audit.map((a) => a.row_count)).toEqual([2]);
  });

  it("counts a held signature once under fifty concurrent release clicks", async () => {
    const { campaign, heldIds, act } = await campaignWithQueue(1);
    const results = await Promise.all(Array.from({ length: 50 }, () => act("release", heldIds)));
    const moved = results.map((r) => (r.body as { rowCount: number }).rowCount);
    expect(moved.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(2);
    expect(await countVerifiedRows(getDb(), campaign.id)).toBe(2);
    expect((await repairCountDrift(getDb())).filter((r) => r.campaign_id === campaign.id)).toEqual([]);
    const audit = (await listAudit(getDb(), campaign.id, 100)).filter((a) => a.action === "signatures.release");
    expect(audit).toHaveLength(50);
    expect(audit.filter((a) => a.row_count === 1)).toHaveLength(1);
  });

  it("releases many at once in bulk while others reject them, every signature counted at most once", async () => {
    const { campaign, heldIds, act } = await campaignWithQueue(10);
    await Promise.all([
      ...Array.from({ length: 25 }, () => act("release", heldIds)),
      ...Array.from({ length: 25 }, () => act("reject", heldIds)),
    ]);
    const states = await Promise.all(heldIds.map(stateOf));
    expect(states.every((s) => s === "verified" || s === "invalidated")).toBe(true);
    const released = states.filter((s) => s === "verified").length;
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(1 + released);
    expect((await repairCountDrift(getDb())).filter((r) => r.campaign_id === campaign.id)).toEqual([]);
  });
});
