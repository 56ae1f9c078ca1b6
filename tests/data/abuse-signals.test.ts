import { describe, expect, it } from "vitest";
import type { MemberRole } from "~/domain/vocab";
import * as invalidateRoute from "~/routes/organizer-invalidate";
import * as route from "~/routes/organizer-signals";
import { claimedTitle, isDisposableDomain, normalizeName, withinOneEdit } from "~/services/abuse-signals.server";
import { parseCriteria } from "~/services/invalidation.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { get, post, run, thrown, signedInMember } from "../organizer-helpers";

describe("name normalization", () => {
  it("maps look-alike letters, case, accents and spacing away", () => {
    const notable = normalizeName("Terence Tao");
    expect(notable).toBe("terence tao");
    expect(normalizeName("Terence Тао")).toBe(notable); // Cyrillic Т, а, о
    expect(normalizeName("  TERÉNCE\u00a0\u00a0tao ")).toBe(notable);
    expect(normalizeName("Ｔｅｒｅｎｃｅ Tao")).toBe(notable); // fullwidth, folded by NFKC
    expect(normalizeName("Terence-Tao.")).toBe(notable);
    expect(withinOneEdit(normalizeName("Terrence Tao"), notable)).toBe(true);
    expect(withinOneEdit(normalizeName("Terence Tae"), notable)).toBe(true);
    expect(withinOneEdit(normalizeName("Terence Ta"), notable)).toBe(true);
    expect(withinOneEdit(normalizeName("Terrence Taoo"), notable)).toBe(false);
    expect(withinOneEdit(normalizeName("Terence Smith"), notable)).toBe(false);
  });

  it("recognizes famous titles and disposable domains", () => {
    expect(claimedTitle("Fields Medal 2006, UCLA")).toBe("fields medal");
    expect(claimedTitle("Nobel laureate")).toBe("nobel");
    expect(claimedTitle("Winner of the ABEL PRIZE")).toBe("abel prize");
    expect(claimedTitle("Turing Award")).toBe("turing award");
    expect(claimedTitle("Professor, Example University")).toBeUndefined();
    expect(claimedTitle("Fabel Prize")).toBeUndefined();
    expect(isDisposableDomain("mailinator.com")).toBe(true);
    expect(isDisposableDomain("x.mailinator.com")).toBe(true);
    expect(isDisposableDomain("example.org")).toBe(false);
    expect(isDisposableDomain("gmail.com")).toBe(false);
  });
});

describeEachDatabase("abuse signals", (getDb, _kind, info) => {
  let seq = 0;
  useAppServices(getDb, info);

  const member = (campaignId: number, role: MemberRole) => signedInMember(getDb(), campaignId, role);

  /** The status the signals page answers with: 200, or that of the Response it threw. */
  const status = async (request: Request, slug: string) =>
    (await thrown(route.loader({ request, params: { slug }, context: {} }))).status;

  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

  type SignalsPage = Awaited<ReturnType<typeof route.loader>>;
  /** The signals page as the route answers it (200 expected). */
  const loadSignals = async (request: Request, slug: string): Promise<SignalsPage> => {
    const page = await run<SignalsPage>(route.loader, request, slug);
    expect(page.status).toBe(200);
    return page.body;
  };

  it("finds bursts above the threshold within 10 minutes of the last 7 days, and links to their invalidation", async () => {
    const campaign = await createCampaign(getDb());
    const burstIp = "1".repeat(32);
    const belowIp = "2".repeat(32);
    const spreadIp = "3".repeat(32);
    const oldIp = "4".repeat(32);
    const row = (ip: string, at: Date, domain = "example.org") => {
      const email = `s${++seq}@${domain}`;
      return signatureRow(campaign, { ip_hash: ip, created_at: at, email, email_canonical: email });
    };
    await addSignatures(getDb(), [
      // 11 within 9 minutes (an earlier one an hour before): more than 10.
      ...Array.from({ length: 11 }, (_, i) => row(burstIp, minutesAgo(100 - i * 0.9), "burst.example")),
      row(burstIp, minutesAgo(160), "burst.example"),
      // Exactly 10 within 10 minutes: not more than 10.
      ...Array.from({ length: 10 }, (_, i) => row(belowIp, minutesAgo(300 - i))),
      // 11, but 15 minutes apart.
      ...Array.from({ length: 11 }, (_, i) => row(spreadIp, minutesAgo(1000 - i * 15))),
      // 11 within 5 minutes, 8 days ago.
      ...Array.from({ length: 11 }, (_, i) => row(oldIp, minutesAgo(8 * 1440 + i * 0.5))),
    ]);
    const token = await member(campaign.id, "moderator");
    const path = `/organizer/campaigns/${campaign.slug}/signals`;
    const page = await loadSignals(get(path, token), campaign.slug);
    expect(page.threshold).toBe(10);
    expect(page.ipBursts.map((b) => [b.key, b.peak, b.total])).toEqual([[burstIp, 11, 12]]);
    expect(page.domainBursts.map((b) => [b.key, b.peak, b.total])).toEqual([["burst.example", 11, 12]]);

    // The link's criteria hit the burst's signatures of the period.
    const linked = Object.fromEntries(new URLSearchParams(page.ipBursts[0]!.invalidate));
    const criteria = parseCriteria(linked);
    if (!criteria.ok) throw new Error(JSON.stringify(criteria.errors));
    const preview = await run(
      invalidateRoute.action,
      post(`/organizer/campaigns/${campaign.slug}/invalidate`, token, { ...linked, intent: "preview" }),
      campaign.slug,
    );
    expect(preview).toMatchObject({ status: 200, body: { kind: "preview", total: 12 } });

    const lower = await loadSignals(get(`${path}?threshold=9`, token), campaign.slug);
    expect(lower.ipBursts.map((b) => b.key).sort()).toEqual([burstIp, belowIp].sort());
    expect(lower.domainBursts.map((b) => [b.key, b.peak])).toEqual([
      ["burst.example", 11],
      ["example.org", 10],
    ]);

    // Invalidated signatures no longer count.
    await getDb().updateTable("signatures").set({ state: "invalidated" }).where("ip_hash", "=", burstIp).execute();
    expect((await loadSignals(get(path, token), campaign.slug)).ipBursts).toEqual([]);
  });

  it("flags imitations of notable names, famous-title claims and disposable domains, by non-notable signers only", async () => {
    const campaign = await createCampaign(getDb());
    const other = await createCampaign(getDb());
    const named = (full_name: string, extra: Parameters<typeof signatureRow>[1] = {}) =>
      signatureRow(campaign, { full_name, ...extra });
    const disposableEmail = `x${++seq}@mailinator.com`;
    const rows = [
      named("Terence Tao", { notable: true, title: "Fields Medal 2006, UCLA" }),
      named("Terence Тао", { title: "UCLA" }),
      named("Terrence Tao", { state: "pending" }),
      named("Terence Smith"),
      named("Terence Tao", { state: "invalidated" }),
      named("Jane Doe", { title: "Nobel Prize in Physics" }),
      named("John Roe", { title: "Professor, Example University" }),
      named("Mail Tester", { email: disposableEmail, email_canonical: disposableEmail }),
      // Another campaign's signatures are not this campaign's business.
      signatureRow(other, { full_name: "Terence Tao", title: "Turing Award" }),
    ];
    await addSignatures(getDb(), rows);
    const token = await member(campaign.id, "editor");
    const page = await loadSignals(get(`/organizer/campaigns/${campaign.slug}/signals`, token), campaign.slug);
    expect(page.imitations.map((f) => [f.fullName, f.match]).sort()).toEqual([
      ["Terence Тао", "Terence Tao"],
      ["Terrence Tao", "Terence Tao"],
    ]);
    expect(page.claims.map((f) => [f.fullName, f.match])).toEqual([["Jane Doe", "nobel"]]);
    expect(page.disposable).toEqual([{ domain: "mailinator.com", count: 1 }]);
    expect(page.capped).toBe(false);

    // Marked notable by a moderator: no longer a signal.
    const imitation = page.imitations.find((f) => f.fullName === "Terrence Tao")!;
    await getDb().updateTable("signatures").set({ notable: true }).where("id", "=", imitation.id).execute();
    const again = await loadSignals(get(`/organizer/campaigns/${campaign.slug}/signals`, token), campaign.slug);
    expect(again.imitations.map((f) => f.fullName)).toEqual(["Terence Тао"]);
  });

  it("is for owners, editors and moderators of the campaign only", async () => {
    const campaign = await createCampaign(getDb());
    const foreign = await createCampaign(getDb());
    const path = `/organizer/campaigns/${campaign.slug}/signals`;
    for (const role of ["owner", "editor", "moderator"] as const) {
      expect(await status(get(path, await member(campaign.id, role)), campaign.slug), role).toBe(200);
    }
    expect(await status(get(path, await member(campaign.id, "viewer")), campaign.slug)).toBe(404);
    expect(await status(get(path, await member(foreign.id, "owner")), campaign.slug)).toBe(404);
    const owner = await member(campaign.id, "owner");
    expect(await status(get(path, owner), "no-such-campaign")).toBe(404);
    expect(await status(get(`${path}?threshold=-5`, owner), campaign.slug)).toBe(200);
  });
});
