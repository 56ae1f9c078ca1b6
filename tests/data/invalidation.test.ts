import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { MemberRole } from "~/domain/vocab";
import { listAudit } from "~/models/audit.server";
import { findInvalidationJob, namePatternToLike } from "~/models/invalidation.server";
import { countVerifiedByGroup, countVerifiedRows, totalForCampaign } from "~/models/signature.server";
import * as route from "~/routes/organizer-invalidate";
import { parseUtcDateTime } from "~/domain/dates";
import { parseCriteria, runInvalidationJob } from "~/services/invalidation.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { get, post, reply, run, signedInMember } from "../organizer-helpers";

describe("invalidation criteria", () => {
  it("treats %, _ and \\ in name patterns literally and * as a wildcard", () => {
    expect(namePatternToLike("100%")).toBe("%100\\%%");
    expect(namePatternToLike("a_b")).toBe("%a\\_b%");
    expect(namePatternToLike("back\\slash")).toBe("%back\\\\slash%");
    expect(namePatternToLike("Iv*ov")).toBe("Iv%ov");
    expect(namePatternToLike("**x_*")).toBe("%x\\_%");
  });

  it("requires one criterion and refuses malformed values", () => {
    expect(parseCriteria({})).toEqual({ ok: false, errors: { form: "noCriteria" } });
    expect(parseCriteria({ state: "verified" })).toEqual({ ok: false, errors: { form: "noCriteria" } });
    expect(parseCriteria({ domain: "not a domain" })).toMatchObject({ ok: false, errors: { domain: "invalidDomain" } });
    expect(parseCriteria({ ip: "xyz" })).toMatchObject({ ok: false, errors: { ip: "invalidIpHash" } });
    expect(parseCriteria({ from: "2026-13-01T00:00" })).toMatchObject({ ok: false, errors: { from: "invalidDate" } });
    expect(parseCriteria({ from: "2026-11-02T10:00", to: "2026-11-01T10:00" })).toMatchObject({
      ok: false,
      errors: { to: "dateOrder" },
    });
    expect(parseCriteria({ name: "**a*" })).toMatchObject({ ok: false, errors: { name: "patternTooShort" } });
    expect(parseCriteria({ name: "Ann", state: "withdrawn" })).toMatchObject({ ok: false, errors: { state: "invalid" } });
    expect(parseCriteria({ domain: "@GoogleMail.com", from: "2026-11-01T10:00", to: "2026-11-01T10:05:30" })).toEqual({
      ok: true,
      criteria: {
        domain: "gmail.com",
        from: "2026-11-01T10:00:00.000Z",
        before: "2026-11-01T10:05:31.000Z",
      },
    });
    expect(parseUtcDateTime("2026-11-01T10:05", true)?.toISOString()).toBe("2026-11-01T10:06:00.000Z");
  });
});

describeEachDatabase("invalidation by criteria", (getDb, _kind, info) => {
  let seq = 0;
  useAppServices(getDb, info);

  const member = (campaignId: number, role: MemberRole | "admin") => signedInMember(getDb(), campaignId, role);

  async function exactCounts(campaignId: number) {
    const total = await totalForCampaign(getDb(), campaignId);
    expect(total).toBe(await countVerifiedRows(getDb(), campaignId));
    const byGroup = await countVerifiedByGroup(getDb(), [campaignId]);
    const rows = await getDb()
      .selectFrom("signatures")
      .select(["group_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("campaign_id", "=", campaignId)
      .where("state", "=", "verified")
      .groupBy("group_id")
      .execute();
    const expected = Object.fromEntries(rows.map((r) => [r.group_id, Number(r.n)]));
    const actual = Object.fromEntries(byGroup.filter((g) => g.count !== 0).map((g) => [g.group_id, g.count]));
    expect(actual).toEqual(expected);
    return total;
  }

  async function queuedJobIds(): Promise<number[]> {
    const { rows } = await sql<{ data: { jobId: number } }>`
      select data from pgboss.job where name = 'invalidate-signatures' order by created_on`.execute(getDb());
    return rows.map((r) => r.data.jobId);
  }

  it("previews, queues a job in the same transaction, and the job invalidates exactly what was previewed", async () => {
    const campaign = await createCampaign(getDb());
    const ip = "ab".repeat(16);
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute, 30));
    const spam = (state: "verified" | "pending" | "hidden", group: string, minute: number, country = "FR") =>
      signatureRow(campaign, {
        state,
        group,
        country,
        ip_hash: ip,
        created_at: at(minute),
        email: `bot${++seq}@spam.example`,
        email_canonical: `bot${seq}@spam.example`,
      });
    await addSignatures(getDb(), [
      ...Array.from({ length: 7 }, (_, i) => spam("verified", i % 2 ? "journalists" : "mathematicians", i, i % 3 ? "FR" : "DE")),
      spam("pending", "mathematicians", 3),
      spam("hidden", "journalists", 4),
      // Same IP, outside the window; same window, another IP; already invalidated: all untouched.
      spam("verified", "mathematicians", 40),
      signatureRow(campaign, { created_at: at(5), ip_hash: "cd".repeat(16) }),
      { ...spam("verified", "mathematicians", 2), state: "invalidated" },
      signatureRow(campaign),
    ]);
    const before = await exactCounts(campaign.id);
    expect(before).toBe(10);
    const token = await member(campaign.id, "moderator");
    const path = `/organizer/campaigns/${campaign.slug}/invalidate`;
    const criteria = { ip, from: "2026-11-20T12:00", to: "2026-11-20T12:10" };

    const preview = await run(route.action, post(path, token, { ...criteria, intent: "preview" }), campaign.slug);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ kind: "preview", total: 9, counts: { verified: 7, pending: 1, hidden: 1 } });
    const sample = (preview.body as { sample: { email: string }[] }).sample;
    expect(sample).toHaveLength(9);
    for (const s of sample) expect(s.email).toMatch(/^b•••@spam\.example$/);
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(10);
    expect(await queuedJobIds()).toEqual([]);

    const queued = await run(route.action, post(path, token, { ...criteria, intent: "invalidate" }), campaign.slug);
    expect(queued).toMatchObject({ status: 200, body: { kind: "queued", total: 9 } });
    const jobId = (queued.body as { jobId: number }).jobId;
    expect(await queuedJobIds()).toEqual([jobId]);
    expect(await findInvalidationJob(getDb(), jobId)).toMatchObject({ state: "queued", total: 9, done: 0 });

    const page = await run(route.loader, get(path, token), campaign.slug);
    expect(page.body).toMatchObject({ running: true, jobs: [{ id: jobId, state: "queued", total: 9, done: 0 }] });

    // A crash after the first batch of 4, then the retry finishes.
    expect(await runInvalidationJob(jobId, { batchSize: 4, maxBatches: 1 })).toEqual({ done: 4, finished: false });
    expect(await findInvalidationJob(getDb(), jobId)).toMatchObject({ state: "running", done: 4 });
    await exactCounts(campaign.id);
    expect(await runInvalidationJob(jobId, { batchSize: 4 })).toEqual({ done: 9, finished: true });
    expect(await exactCounts(campaign.id)).toBe(3);
    // Run again (a retried job after completion): nothing moves.
    expect(await runInvalidationJob(jobId, { batchSize: 4 })).toEqual({ done: 9, finished: true });
    expect(await exactCounts(campaign.id)).toBe(3);
    const job = await findInvalidationJob(getDb(), jobId);
    expect(job).toMatchObject({ state: "done", total: 9, done: 9 });
    expect(job?.finished_at).toBeInstanceOf(Date);

    const states = await getDb()
      .selectFrom("signatures")
      .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
      .where("campaign_id", "=", campaign.id)
      .groupBy("state")
      .execute();
    expect(Object.fromEntries(states.map((s) => [s.state, Number(s.n)]))).toEqual({ invalidated: 10, verified: 3 });

    const audit = await listAudit(getDb(), campaign.id, 10);
    expect(audit.filter((a) => a.action.startsWith("invalidation.")).map((a) => [a.action, a.row_count])).toEqual([
      ["invalidation.completed", 9],
      ["invalidation.requested", 9],
    ]);
    const after = await run(route.loader, get(path, token), campaign.slug);
    expect(after.body).toMatchObject({ running: false, jobs: [{ id: jobId, state: "done", done: 9 }] });
  });

  it("a job queued twice for the same criteria never invalidates or decrements twice", async () => {
    const campaign = await createCampaign(getDb());
    await addSignatures(getDb(), [
      ...Array.from({ length: 5 }, () => signatureRow(campaign, { full_name: "Spam Bot" })),
      signatureRow(campaign, { full_name: "Spam Bot", state: "pending" }),
      signatureRow(campaign, { full_name: "Real Person" }),
    ]);
    const token = await member(campaign.id, "owner");
    const path = `/organizer/campaigns/${campaign.slug}/invalidate`;
    const first = await run(route.action, post(path, token, { name: "spam bot", intent: "invalidate" }), campaign.slug);
    const second = await run(route.action, post(path, token, { name: "SPAM BOT", intent: "invalidate" }), campaign.slug);
    const [a, b] = [first.body, second.body] as { jobId: number; total: number }[];
    expect([a!.total, b!.total]).toEqual([6, 6]);
    await Promise.all([runInvalidationJob(a!.jobId), runInvalidationJob(b!.jobId)]);
    expect(await exactCounts(campaign.id)).toBe(1);
    const jobs = await Promise.all([findInvalidationJob(getDb(), a!.jobId), findInvalidationJob(getDb(), b!.jobId)]);
    expect(jobs.map((j) => j?.state)).toEqual(["done", "done"]);
    expect(jobs.reduce((sum, j) => sum + (j?.done ?? 0), 0)).toBe(6);

    const nothing = await run(route.action, post(path, token, { name: "spam bot", intent: "invalidate" }), campaign.slug);
    expect(nothing).toMatchObject({ status: 200, body: { kind: "nothing" } });
  });

  it("matches % and _ in name patterns literally, domains exactly, and states when asked", async () => {
    const campaign = await createCampaign(getDb());
    const row = (full_name: string, email: string, state: "verified" | "pending" = "verified") =>
      signatureRow(campaign, { full_name, email, email_canonical: email.toLowerCase(), state });
    await addSignatures(getDb(), [
      row("100% Real", "a1@example.org"),
      row("1000 Real", "a2@example.org"),
      row("Anna_Maria", "a3@example.org"),
      row("AnnaXMaria", "a4@example.org"),
      row("Bob", "b1@Mail.Example.ORG"),
      row("Bob", "b2@sub.mail.example.org"),
      row("Carol", "c1@mail.example.org", "pending"),
    ]);
    const token = await member(campaign.id, "editor");
    const path = `/organizer/campaigns/${campaign.slug}/invalidate`;
    const total = async (form: Record<string, string>) => {
      const result = await run(route.action, post(path, token, { ...form, intent: "preview" }), campaign.slug);
      expect(result.status).toBe(200);
      return (result.body as { total: number }).total;
    };
    expect(await total({ name: "100%" })).toBe(1);
    expect(await total({ name: "0% r" })).toBe(1);
    expect(await total({ name: "anna_maria" })).toBe(1);
    expect(await total({ name: "Ann*Maria" })).toBe(2);
    expect(await total({ name: "*maria" })).toBe(2);
    expect(await total({ name: "Anna*" })).toBe(2);
    expect(await total({ name: "nna*" })).toBe(0);
    expect(await total({ domain: "MAIL.example.org" })).toBe(2);
    expect(await total({ domain: "mail.example.org", state: "pending" })).toBe(1);
    expect(await total({ domain: "mail.example.org", state: "verified" })).toBe(1);
    expect(await total({ domain: "example.org" })).toBe(4);
  });

  it("answers bad input with field errors and 400, refuses viewers, strangers and other origins", async () => {
    const campaign = await createCampaign(getDb());
    const foreign = await createCampaign(getDb());
    await addSignatures(getDb(), [signatureRow(campaign, { full_name: "Target Person" })]);
    const path = `/organizer/campaigns/${campaign.slug}/invalidate`;
    const moderator = await member(campaign.id, "moderator");

    const empty = await run(route.action, post(path, moderator, { intent: "preview", state: "verified" }), campaign.slug);
    expect(reply(empty)).toEqual({
      status: 400,
      body: { kind: "invalid", errors: { form: "noCriteria" }, values: { state: "verified" } },
    });
    const bad = await run(
      route.action,
      post(path, moderator, { intent: "invalidate", domain: "no domain", name: "Target" }),
      campaign.slug,
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { kind: "invalid", errors: { domain: "invalidDomain" }, values: { domain: "no domain", name: "Target" } },
    });
    const noIntent = await run(route.action, post(path, moderator, { name: "Target" }), campaign.slug);
    expect(noIntent.status).toBe(400);

    const refused = {
      viewer: await member(campaign.id, "viewer"),
      foreign: await member(foreign.id, "owner"),
    };
    for (const [who, token] of Object.entries(refused)) {
      expect((await run(route.loader, get(path, token), campaign.slug)).status, who).toBe(404);
      const attempt = await run(route.action, post(path, token, { name: "Target", intent: "invalidate" }), campaign.slug);
      expect(attempt.status, who).toBe(404);
    }
    expect((await run(route.loader, get(path, moderator), "no-such-campaign")).status).toBe(404);
    const crossSite = await run(
      route.action,
      post(path, moderator, { name: "Target", intent: "invalidate" }, "https://evil.example"),
      campaign.slug,
    );
    expect(crossSite.status).toBe(403);
    const noOrigin = await run(route.action, post(path, moderator, { name: "Target", intent: "invalidate" }, null), campaign.slug);
    expect(noOrigin.status).toBe(403);

    expect(await totalForCampaign(getDb(), campaign.id)).toBe(1);
    expect(await getDb().selectFrom("invalidation_jobs").select("id").where("campaign_id", "=", campaign.id).execute()).toEqual(
      [],
    );

    const admin = await member(campaign.id, "admin");
    const allowed = await run(route.action, post(path, admin, { name: "Target", intent: "preview" }), campaign.slug);
    expect(allowed).toMatchObject({ status: 200, body: { kind: "preview", total: 1 } });
  });
});
