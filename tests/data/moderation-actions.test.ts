import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { MemberRole } from "~/domain/vocab";
import { listAudit } from "~/models/audit.server";
import { totalForCampaign } from "~/models/signature.server";
import * as route from "~/routes/organizer-signatures";
import { hashToken } from "~/utils/tokens.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { get, post, reply, run, signedInMember } from "../organizer-helpers";
import { linksIn, queuedMails } from "../signing-helpers";

describeEachDatabase("signature actions", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  // Everything written to the console during a test, to prove what is never logged.
  let logged: string[] = [];
  beforeEach(() => {
    logged = [];
    for (const method of ["log", "info", "warn", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
    }
  });
  afterEach(() => {
    for (const method of ["log", "info", "warn", "debug"] as const) vi.mocked(console[method]).mockRestore();
  });

  const member = (campaignId: number, role: MemberRole) => signedInMember(getDb(), campaignId, role);

  async function titleOf(id: number): Promise<string> {
    const row = await getDb().selectFrom("signatures").select("title").where("id", "=", id).executeTakeFirstOrThrow();
    return row.title;
  }

  async function idsOf(campaignId: number): Promise<number[]> {
    const rows = await getDb()
      .selectFrom("signatures")
      .select("id")
      .where("campaign_id", "=", campaignId)
      .orderBy("id")
      .execute();
    return rows.map((r) => r.id);
  }

  it("corrects an affiliation, audits old and new value, and never logs them", async () => {
    const campaign = await createCampaign(getDb());
    await addSignatures(getDb(), [signatureRow(campaign, { title: "Profesor, Secret Univercity" })]);
    const [id] = await idsOf(campaign.id);
    const token = await member(campaign.id, "moderator");
    const path = `/organizer/campaigns/${campaign.slug}/signatures`;

    const saved = await run(
      route.action,
      post(path, token, { intent: "title", id: String(id), title: "  Professor, Secret University " }),
      campaign.slug,
    );
    expect(reply(saved)).toEqual({ status: 200, body: { kind: "title", id, changed: true } });
    expect(await titleOf(id!)).toBe("Professor, Secret University");
    const same = await run(
      route.action,
      post(path, token, { intent: "title", id: String(id), title: "Professor, Secret University" }),
      campaign.slug,
    );
    expect(same.body).toMatchObject({ kind: "title", changed: false });

    const audit = (await listAudit(getDb(), campaign.id, 10)).filter((a) => a.action === "signatures.title");
    expect(audit).toHaveLength(1);
    const details = audit[0]!.details;
    expect(typeof details === "string" ? JSON.parse(details) : details).toEqual({
      old: "Profesor, Secret Univercity",
      new: "Professor, Secret University",
    });
    expect(audit[0]).toMatchObject({ subject_id: String(id), row_count: 1 });
    expect(logged.filter((l) => /Secret Univ/.test(l))).toEqual([]);
  });

  it("answers an invalid affiliation with a field error and 400, an unknown signature with 404", async () => {
    const campaign = await createCampaign(getDb());
    const foreign = await createCampaign(getDb());
    await addSignatures(getDb(), [signatureRow(campaign), signatureRow(foreign)]);
    const [id] = await idsOf(campaign.id);
    const [foreignId] = await idsOf(foreign.id);
    const token = await member(campaign.id, "editor");
    const path = `/organizer/campaigns/${campaign.slug}/signatures`;
    const attempt = (form: Record<string, string>) => run(route.action, post(path, token, form), campaign.slug);

    expect(reply(await attempt({ intent: "title", id: String(id), title: "=HYPERLINK(1)" }))).toEqual({
      status: 400,
      body: { kind: "invalid", id, errors: { title: "formulaStart" }, values: { title: "=HYPERLINK(1)" } },
    });
    expect(await attempt({ intent: "title", id: String(id), title: "x".repeat(201) })).toMatchObject({
      status: 400,
      body: { errors: { title: "tooLong" } },
    });
    expect(await attempt({ intent: "title", id: String(id), title: "Line\nbreak" })).toMatchObject({
      status: 400,
      body: { errors: { title: "lineBreak" } },
    });
    expect(await titleOf(id!)).toBe("Professor, Example University");
    expect((await attempt({ intent: "title", id: String(foreignId), title: "Hacked" })).status).toBe(404);
    expect((await attempt({ intent: "title", id: "999999999", title: "Hacked" })).status).toBe(404);
    expect((await attempt({ intent: "title", id: "abc", title: "Hacked" })).status).toBe(404);
    expect((await attempt({ intent: "resend", id: "999999999" })).status).toBe(404);
    expect((await attempt({ intent: "explode", id: String(id) })).status).toBe(400);
    expect(await titleOf(foreignId!)).toBe("Professor, Example University");
  });

  it("sends a pending signer a new confirmation link, within the resend limit", async () => {
    const campaign = await createCampaign(getDb());
    const pending = Array.from({ length: 6 }, () => signatureRow(campaign, { state: "pending", verified_at: null }));
    await addSignatures(getDb(), [...pending, signatureRow(campaign)]);
    const ids = await idsOf(campaign.id);
    const token = await member(campaign.id, "owner");
    const path = `/organizer/campaigns/${campaign.slug}/signatures`;
    const resend = (id: number) =>
      run(route.action, post(path, token, { intent: "resend", id: String(id) }), campaign.slug);

    const before = (await queuedMails(getDb())).length;
    expect(reply(await resend(ids[0]!))).toEqual({ status: 200, body: { kind: "resent", id: ids[0] } });
    const mails = await queuedMails(getDb());
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to).toBe(pending[0]!.email!);
    const link = linksIn(mail.text).confirm;
    expect(link).toBeDefined();
    const row = await getDb()
      .selectFrom("signatures")
      .select("confirm_token_hash")
      .where("id", "=", ids[0]!)
      .executeTakeFirstOrThrow();
    expect(row.confirm_token_hash).toBe(hashToken(link!));
    expect(logged.filter((l) => l.includes(pending[0]!.email!))).toEqual([]);

    // The verified signature gets no link.
    expect(await resend(ids[6]!)).toMatchObject({ status: 400, body: { kind: "invalid", errors: { resend: "notPending" } } });
    // Five resends an hour per organizer.
    for (const id of ids.slice(1, 5)) expect((await resend(id)).status).toBe(200);
    expect(reply(await resend(ids[5]!))).toEqual({ status: 429, body: { kind: "rate-limited", id: ids[5] } });
    expect(await queuedMails(getDb())).toHaveLength(before + 5);
    const audit = (await listAudit(getDb(), campaign.id, 20)).filter((a) => a.action === "signatures.resend");
    expect(audit).toHaveLength(5);
  });

  it("lets viewers and strangers change nothing, and refuses other origins", async () => {
    const campaign = await createCampaign(getDb());
    const foreign = await createCampaign(getDb());
    await addSignatures(getDb(), [signatureRow(campaign), signatureRow(campaign, { state: "pending", verified_at: null })]);
    const [verified, pending] = await idsOf(campaign.id);
    const path = `/organizer/campaigns/${campaign.slug}/signatures`;
    const before = (await queuedMails(getDb())).length;
    const viewer = await member(campaign.id, "viewer");
    const stranger = await member(foreign.id, "owner");
    for (const [who, token] of Object.entries({ viewer, stranger })) {
      const forms: Record<string, string>[] = [
        { intent: "title", id: String(verified), title: "Hacked" },
        { intent: "resend", id: String(pending) },
        { intent: "hide", id: String(verified) },
      ];
      for (const form of forms) {
        expect((await run(route.action, post(path, token, form), campaign.slug)).status, `${who} ${form.intent}`).toBe(404);
      }
    }
    expect((await run(route.loader, get(path, stranger), campaign.slug)).status).toBe(404);
    expect((await run(route.loader, get(path, viewer), campaign.slug)).status).toBe(200);
    const owner = await member(campaign.id, "owner");
    for (const origin of ["https://evil.example", null]) {
      const form = { intent: "title", id: String(verified), title: "Hacked" };
      expect((await run(route.action, post(path, owner, form, origin), campaign.slug)).status).toBe(403);
    }
    expect(await titleOf(verified!)).toBe("Professor, Example University");
    expect(await queuedMails(getDb())).toHaveLength(before);
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(1);
  });

  it("releases a signature held for review: it counts once, a second release changes nothing", async () => {
    const campaign = await createCampaign(getDb());
    const held = { state: "pending" as const, verified_at: null, review_reason: "captcha", email_confirmed_at: new Date() };
    await addSignatures(getDb(), [
      signatureRow(campaign),
      signatureRow(campaign, held),
      // Not held for review: never confirmed, or pending without a reason.
      signatureRow(campaign, { ...held, email_confirmed_at: null }),
      signatureRow(campaign, { state: "pending", verified_at: null }),
    ]);
    const [, heldId, unconfirmedId, pendingId] = await idsOf(campaign.id);
    const token = await member(campaign.id, "moderator");
    const path = `/organizer/campaigns/${campaign.slug}/signatures`;
    // Several ids in one form (the bulk form's checkboxes).
    const release = (ids: number[]) => {
      const body = new URLSearchParams([["intent", "release"], ...ids.map((id) => ["id", String(id)])]).toString();
      const signedIn = post(path, token, {});
      return run(route.action, new Request(signedIn.url, { method: "POST", headers: signedIn.headers, body }), campaign.slug);
    };

    // The page offers the release on the held row only.
    const page = await run(route.loader, get(path, token), campaign.slug);
    const rows = (page.body as { rows: { id: number; heldForReview: boolean }[] }).rows;
    expect(rows.filter((r) => r.heldForReview).map((r) => r.id)).toEqual([heldId]);

    expect(await totalForCampaign(getDb(), campaign.id)).toBe(1);
    expect(reply(await release([heldId!, unconfirmedId!, pendingId!]))).toEqual({
      status: 200,
      body: { kind: "moderated", action: "release", rowCount: 1 },
    });
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(2);
    const row = await getDb()
      .selectFrom("signatures")
      .select(["state", "review_reason", "verified_at"])
      .where("id", "=", heldId!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: "verified", review_reason: null });
    expect(row.verified_at).toBeInstanceOf(Date);

    expect(reply(await release([heldId!]))).toEqual({
      status: 200,
      body: { kind: "moderated", action: "release", rowCount: 0 },
    });
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(2);
    const audit = (await listAudit(getDb(), campaign.id, 10)).filter((a) => a.action === "signatures.release");
    expect(audit.map((a) => [a.row_count, a.subject_id])).toEqual([
      [0, null],
      [1, String(heldId)],
    ]);

    // Viewers may not release.
    const viewer = await member(campaign.id, "viewer");
    const refused = await run(route.action, post(path, viewer, { intent: "release", id: String(pendingId) }), campaign.slug);
    expect(refused.status).toBe(404);
  });

  it("filters the signatures page by IP hash, email domain and a list of ids", async () => {
    const campaign = await createCampaign(getDb());
    const ip = "9f".repeat(16);
    const row = (name: string, email: string, ipHash: string | null = null) =>
      signatureRow(campaign, { full_name: name, email, email_canonical: email, ip_hash: ipHash });
    await addSignatures(getDb(), [
      row("A One", "a@one.example", ip),
      row("B Two", "b@one.example", ip),
      row("C Three", "c@two.example"),
    ]);
    const ids = await idsOf(campaign.id);
    const token = await member(campaign.id, "viewer");
    const path = `/organizer/campaigns/${campaign.slug}/signatures`;
    const names = async (query: string) => {
      const page = await run(route.loader, get(`${path}?${query}`, token), campaign.slug);
      return (page.body as { rows: { fullName: string }[] }).rows.map((r) => r.fullName).sort();
    };
    expect(await names(`ip=${ip.toUpperCase()}`)).toEqual(["A One", "B Two"]);
    expect(await names("domain=TWO.example")).toEqual(["C Three"]);
    expect(await names(`ids=${ids[0]},${ids[2]},junk`)).toEqual(["A One", "C Three"]);
    expect(await names(`ids=${ids[0]}&domain=two.example`)).toEqual([]);
    // Malformed filters are ignored, not errors.
    expect(await names("ip=zz&domain=%25")).toEqual(["A One", "B Two", "C Three"]);
    const page = await run(route.loader, get(`${path}?ip=${ip}`, token), campaign.slug);
    expect((page.body as { rows: { ipHash: string | null }[] }).rows.map((r) => r.ipHash)).toEqual([ip, ip]);
  });
});
