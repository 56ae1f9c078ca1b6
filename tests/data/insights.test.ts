import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { iterateExportBatches } from "~/models/export.server";
import { countVerifiedRows, totalForCampaign } from "~/models/signature.server";
import * as overviewRoute from "~/routes/organizer-campaign";
import * as deliveryRoute from "~/routes/organizer-campaign-delivery";
import * as followUpRoute from "~/routes/organizer-campaign-follow-up";
import * as paperRoute from "~/routes/organizer-campaign-paper";
import * as publicFollowUp from "~/routes/follow-up";
import { loadCampaignCharts } from "~/services/campaign-insights.server";
import { sendDailyDigests } from "~/services/daily-digest.server";
import { sendFollowUpBatch } from "~/services/follow-up.server";
import { loadCampaignPage } from "~/services/public-pages.server";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { addMember, upsertOrganizer } from "~/models/organizer.server";
import { request, run, signedIn, signedInMember, type RouteFn } from "../organizer-helpers";
import { queuedMails } from "../signing-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { readSignerDetails } from "~/models/signature-secrets.server";

/**
 * Issue 15: the overview's aggregates against plain counts over the rows, paper batches in
 * the counts and the exports, the answer's news to consenting signers, the daily digest, and
 * follow-up letters signed with one button (exactly one verified signature, a second press none).
 */

const HOUR = 3_600_000;
const LABELS = { other: "Other", direct: "Direct", paper: "Paper" };

function post(route: { action: unknown }, path: string, slug: string, token: string, form: Record<string, string>) {
  return run(route.action as RouteFn, request(path, { token, form }), { slug });
}

describeEachDatabase("insights", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  describe("charts", () => {
    it("over time, by group, country and channel, each equal to a plain count over the rows", async () => {
      const db = getDb();
      const campaign = await createCampaign(db);
      const now = Date.now();
      const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
      await addSignatures(db, [
        signatureRow(campaign, { verified_at: at(24 * 20), ref: "telegram", country: "FR" }),
        signatureRow(campaign, { verified_at: at(24 * 20 + 1), ref: "telegram", country: "DE" }),
        signatureRow(campaign, { verified_at: at(24 * 5), ref: null, country: "FR", group: "journalists" }),
        signatureRow(campaign, { verified_at: at(3), ref: "x", country: "RU", visibility: "counted" }),
        signatureRow(campaign, { verified_at: at(1), ref: "telegram", country: "FR" }),
        signatureRow(campaign, { state: "pending", verified_at: null, ref: "x" }),
        signatureRow(campaign, { state: "hidden", ref: "telegram" }),
      ]);
      const charts = await loadCampaignCharts({ id: campaign.id, canonicalLocale: "en" }, "en", LABELS);
      const rows = await db
        .selectFrom("signatures")
        .select(["group_id", "country", "ref", "verified_at"])
        .where("campaign_id", "=", campaign.id)
        .where("state", "=", "verified")
        .execute();
      expect(charts.overTime.reduce((n, p) => n + p.value, 0)).toBe(rows.length);
      expect(charts.overTime.filter((p) => p.hourly).reduce((n, p) => n + p.value, 0)).toBe(
        rows.filter((r) => r.verified_at! >= at(48)).length,
      );
      // The days between the first and the last signature are all there, as zeros.
      expect(charts.overTime.filter((p) => !p.hourly).length).toBeGreaterThanOrEqual(19);
      const plain = (key: (r: (typeof rows)[number]) => string) => {
        const m: Record<string, number> = {};
        for (const r of rows) m[key(r)] = (m[key(r)] ?? 0) + 1;
        return m;
      };
      expect(Object.fromEntries(charts.byCountry.map((p) => [p.key, p.value]))).toEqual(plain((r) => r.country));
      expect(Object.fromEntries(charts.byChannel.map((p) => [p.key, p.value]))).toEqual(
        plain((r) => r.ref ?? "_direct"),
      );
      expect(Object.fromEntries(charts.byGroup.map((p) => [p.key, p.value]))).toEqual({
        mathematicians: rows.filter((r) => r.group_id === campaign.groupIds.mathematicians).length,
        journalists: rows.filter((r) => r.group_id === campaign.groupIds.journalists).length,
      });
      expect(charts.funnel).toMatchObject({ started: 7, confirmed: 0, counted: 5, waiting: 1, held: 0 });
    });

    it("shows the charts and the digest switch on the overview; owners turn the digest on", async () => {
      const db = getDb();
      const campaign = await createCampaign(db);
      await addSignatures(db, [signatureRow(campaign)]);
      const owner = await signedInMember(db, campaign.id, "owner");
      const viewer = await signedInMember(db, campaign.id, "viewer");
      const path = `/organizer/campaigns/${campaign.slug}`;
      const page = await run<{ digest: { on: boolean } | null; charts: { byGroup: unknown[] } }>(
        overviewRoute.loader as RouteFn,
        request(path, { token: owner }),
        { slug: campaign.slug },
      );
      expect(page.body.digest).toEqual({ on: false });
      expect(page.body.charts.byGroup).toHaveLength(2);
      const asViewer = await run<{ digest: unknown }>(overviewRoute.loader as RouteFn, request(path, { token: viewer }), {
        slug: campaign.slug,
      });
      expect(asViewer.body.digest).toBeNull();
      expect(await post(overviewRoute, path, campaign.slug, owner, { intent: "digest", digest: "maybe" })).toMatchObject({
        status: 400,
      });
      expect(await post(overviewRoute, path, campaign.slug, owner, { intent: "digest", digest: "on" })).toMatchObject({
        status: 200,
        body: { kind: "digestSaved", on: true },
      });
      expect((await post(overviewRoute, path, campaign.slug, viewer, { intent: "digest", digest: "on" })).status).toBe(404);
    });
  });

  describe("paper signatures", () => {
    it("adds counted and named batches to the counts and the export, audited; refuses bad batches storing nothing", async () => {
      const db = getDb();
      const campaign = await createCampaign(db);
      await addSignatures(db, [signatureRow(campaign)]);
      const editor = await signedInMember(db, campaign.id, "editor");
      const path = `/organizer/campaigns/${campaign.slug}/paper`;
      const send = (form: Record<string, string>) => post(paperRoute, path, campaign.slug, editor, form);
      const base = { source: "Union congress, Lyon", collectedOn: "2026-03-01" };

      for (const [form, field, code] of [
        [{ "line[0].group": "mathematicians", "line[0].country": "FR", "line[0].count": "-5" }, "line[0].count", "countPositive"],
        [{ "line[0].group": "mathematicians", "line[0].country": "FR", "line[0].count": "999999" }, "line[0].count", "countAbsurd"],
        [{ "line[0].group": "astronauts", "line[0].country": "FR", "line[0].count": "5" }, "line[0].group", "unknownGroup"],
        [{ "line[0].group": "mathematicians", "line[0].country": "ZZ", "line[0].count": "5" }, "line[0].country", "country"],
        [{}, "line[0].count", "noLines"],
      ] as const) {
        const answer = await send({ intent: "counts", ...base, ...form });
        expect(answer.status, JSON.stringify(form)).toBe(400);
        expect((answer.body as { errors: Record<string, string> }).errors[field]).toBe(code);
      }
      expect(
        (await send({ intent: "counts", source: "", collectedOn: "2999-01-01", "line[0].group": "mathematicians", "line[0].country": "FR", "line[0].count": "3" }))
          .body,
      ).toMatchObject({ errors: { source: "required", collectedOn: "future" } });
      expect(await totalForCampaign(db, campaign.id)).toBe(1);
      expect(await db.selectFrom("paper_batches").select("id").where("campaign_id", "=", campaign.id).execute()).toEqual([]);

      const counts = await send({
        intent: "counts",
        ...base,
        "line[0].group": "journalists",
        "line[0].country": "FR",
        "line[0].count": "40",
        "line[1].group": "mathematicians",
        "line[1].country": "DE",
        "line[1].count": "2",
      });
      expect(counts).toMatchObject({ status: 200, body: { kind: "added", total: 42 } });
      const named = await send({
        intent: "named",
        ...base,
        "person[0].name": "Marie Durand",
        "person[0].title": "Teacher",
        "person[0].group": "mathematicians",
        "person[0].country": "FR",
        "person[0].visibility": "public",
      });
      expect(named).toMatchObject({ status: 200, body: { kind: "added", total: 1 } });

      expect(await totalForCampaign(db, campaign.id)).toBe(44);
      expect(await countVerifiedRows(db, campaign.id)).toBe(44);
      const exported: { full_name: string }[] = [];
      for await (const batch of iterateExportBatches(db, { campaignId: campaign.id })) exported.push(...batch);
      expect(exported).toHaveLength(44);
      expect(exported.map((r) => r.full_name)).toContain("Marie Durand");
      const audit = await db
        .selectFrom("audit_entries")
        .select(["action", "row_count"])
        .where("campaign_id", "=", campaign.id)
        .orderBy("id")
        .execute();
      expect(audit).toEqual([
        { action: "paper.batch_added", row_count: 42 },
        { action: "paper.batch_added", row_count: 1 },
      ]);
      const page = await loadCampaignPage(campaign.slug, "en");
      expect(page?.outcome?.onPaper).toBe(43);
      const charts = await loadCampaignCharts({ id: campaign.id, canonicalLocale: "en" }, "en", LABELS);
      expect(charts.byChannel.find((c) => c.key === "paper")?.value).toBe(43);
    });
  });

  describe("delivery, answer and news", () => {
    it("records the answer due and the answer; consenting signers get the news; the public timeline shows it", async () => {
      const db = getDb();
      const campaign = await createCampaign(db, { status: "closed" });
      await addSignatures(db, [
        signatureRow(campaign, { email: "news-fr@example.org", email_canonical: "news-fr@example.org", updates_consent: true, locale: "fr" }),
        signatureRow(campaign, { updates_consent: false }),
      ]);
      const owner = await signedInMember(db, campaign.id, "owner");
      const path = `/organizer/campaigns/${campaign.slug}/delivery`;
      const send = (form: Record<string, string>) => post(deliveryRoute, path, campaign.slug, owner, form);

      expect(await send({ intent: "record", deliveredOn: "2026-05-10", deliveredTo: "The Prosecutor", dueOn: "2026-05-01" })).toMatchObject({
        status: 400,
        body: { errors: { dueOn: "dueBeforeDelivery" } },
      });
      expect(await send({ intent: "answer", answeredOn: "2026-05-20", "text.en": "No." })).toMatchObject({
        status: 400,
        body: { kind: "refused" },
      });
      expect(await send({ intent: "record", deliveredOn: "2026-05-10", deliveredTo: "The Prosecutor", dueOn: "2026-06-10" })).toMatchObject({
        status: 200,
        body: { kind: "delivered" },
      });
      expect(await send({ intent: "due", dueOn: "2026-05-09" })).toMatchObject({ status: 400, body: { errors: { dueOn: "dueBeforeDelivery" } } });
      expect(await send({ intent: "answer", answeredOn: "2026-05-01", "text.en": "No." })).toMatchObject({
        status: 400,
        body: { errors: { answeredOn: "answerBeforeDelivery" } },
      });
      expect(await send({ intent: "answer", answeredOn: "2026-05-20", documentUrl: "javascript:alert(1)", "text.en": "No." })).toMatchObject({
        status: 400,
        body: { errors: { documentUrl: "url" } },
      });
      expect(await send({ intent: "answer", answeredOn: "2026-05-20" })).toMatchObject({ status: 400, body: { errors: { "text.en": "answerText" } } });
      expect((await db.selectFrom("campaigns").select("answered_on").where("id", "=", campaign.id).executeTakeFirst())?.answered_on).toBeNull();

      const mailsBefore = (await queuedMails(db)).length;
      const answered = await send({
        intent: "answer",
        answeredOn: "2026-05-20",
        "text.en": "The complaint was dismissed.",
        "text.fr": "La plainte a été rejetée.",
        documentUrl: "https://example.org/answer.pdf",
        notify: "on",
      });
      expect(answered).toMatchObject({ status: 200, body: { kind: "answerSaved", notified: true } });
      // The answer is a published update; its fan-out mails each consenting signer in their language.
      const { rows } = await sql<{ data: { updateId: number; afterSignatureId: number } }>`
        select data from pgboss.job where name = 'send-update' order by created_on desc limit 1`.execute(db);
      const { sendUpdateBatch } = await import("~/services/updates.server");
      await sendUpdateBatch(rows[0]!.data);
      const mails = (await queuedMails(db)).slice(mailsBefore);
      expect(mails.map((m) => m.to)).toEqual(["news-fr@example.org"]);
      expect(mails[0]!.subject).toContain("a répondu");
      expect(mails[0]!.text).toContain("La plainte a été rejetée.");

      // Corrected later: no second round of news.
      expect(await send({ intent: "answer", answeredOn: "2026-05-21", "text.en": "Dismissed.", notify: "on" })).toMatchObject({
        body: { kind: "answerSaved", notified: false },
      });
      const page = await loadCampaignPage(campaign.slug, "fr");
      expect(page?.outcome?.steps.map((s) => s.kind).slice(-2)).toEqual(["delivered", "answered"]);
      expect(page?.outcome?.answer).toMatchObject({ locale: "en", text: "Dismissed." });
    });
  });

  describe("daily digest", () => {
    it("mails each owner who asked, in their language, once a day", async () => {
      const db = getDb();
      const campaign = await createCampaign(db);
      await addSignatures(db, [signatureRow(campaign, { country: "DE" }), signatureRow(campaign, { notable: true, full_name: "Famous Person" })]);
      const email = `digest-${campaign.slug}@example.org`;
      const organizer = await upsertOrganizer(db, { email, isAdmin: false });
      await db.updateTable("organizers").set({ locale: "de" }).where("id", "=", organizer.id).execute();
      await addMember(db, campaign.id, organizer.id, "owner");
      const owner = await signedIn(db, organizer.id);
      await post(overviewRoute, `/organizer/campaigns/${campaign.slug}`, campaign.slug, owner, { intent: "digest", digest: "on" });
      const before = (await queuedMails(db)).length;
      await sendDailyDigests();
      await sendDailyDigests();
      const mails = (await queuedMails(db)).slice(before).filter((m) => m.to === email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toMatch(/2 neue Unterschriften/);
      expect(mails[0]!.text).toContain("Famous Person");
    });
  });

  describe("follow-up letters", () => {
    it("links without self or cycles, invites consenting signers, and one press makes exactly one verified signature", async () => {
      const db = getDb();
      const earlier = await createCampaign(db, { status: "closed" });
      const next = await createCampaign(db);
      await addSignatures(db, [
        signatureRow(earlier, { full_name: "Elena Example", email: "elena@example.org", email_canonical: "elena@example.org", updates_consent: true, locale: "ru", group: "journalists", visibility: "initials", country: "RU" }),
        signatureRow(earlier, { updates_consent: false }),
      ]);
      const admin = await signedInMember(db, next.id, "admin");
      const path = (slug: string) => `/organizer/campaigns/${slug}/follow-up`;
      const link = (slug: string, earlierSlug: string) => post(followUpRoute, path(slug), slug, admin, { intent: "link", earlier: earlierSlug });

      expect(await link(next.slug, next.slug)).toMatchObject({ status: 400, body: { errors: { earlier: "followUpSelf" } } });
      expect(await link(next.slug, "no-such-campaign")).toMatchObject({ status: 400, body: { errors: { earlier: "followUpUnknown" } } });
      expect(await post(followUpRoute, path(next.slug), next.slug, admin, { intent: "invite" })).toMatchObject({
        status: 400,
        body: { kind: "refused", reason: "notLinked" },
      });
      expect(await link(next.slug, earlier.slug)).toMatchObject({ status: 200, body: { kind: "linked" } });
      expect(await link(earlier.slug, next.slug)).toMatchObject({ status: 400, body: { errors: { earlier: "followUpCycle" } } });
      expect((await db.selectFrom("campaigns").select("follow_up_of").where("id", "=", earlier.id).executeTakeFirst())?.follow_up_of).toBeNull();

      expect(await post(followUpRoute, path(next.slug), next.slug, admin, { intent: "invite" })).toMatchObject({ body: { kind: "inviting" } });
      const before = (await queuedMails(db)).length;
      await sendFollowUpBatch({ campaignId: next.id, afterSignatureId: 0 });
      await sendFollowUpBatch({ campaignId: next.id, afterSignatureId: 0 }); // a retried batch invites nobody twice
      const mails = (await queuedMails(db)).slice(before);
      expect(mails.map((m) => m.to)).toEqual(["elena@example.org"]);
      const token = /\/ru\/follow-up\/([A-Za-z0-9_-]{43})/.exec(mails[0]!.text)?.[1];
      expect(token).toBeDefined();

      const followPath = `/ru/follow-up/${token}`;
      const shown = await run<{ status: string; signer: { fullName: string; visibility: string } }>(
        publicFollowUp.loader as RouteFn,
        request(followPath),
        { lang: "ru", token: token! },
      );
      expect(shown.body).toMatchObject({ status: "open", signer: { fullName: "Elena Example", visibility: "initials" } });
      // Opening the page signed nothing.
      expect(await countVerifiedRows(db, next.id)).toBe(0);

      const press = () =>
        run(publicFollowUp.action as RouteFn, request(followPath, { form: {} }), { lang: "ru", token: token! });
      const [first, second] = await Promise.all([press(), press()]);
      expect([first.status, second.status].sort()).toEqual([302, 409]);
      expect((await press()).status).toBe(409);
      const signed = await db
        .selectFrom("signatures")
        .select(["id", "full_name", "state", "visibility", "country", "email_confirmed_at", "group_id"])
        .where("campaign_id", "=", next.id)
        .execute();
      expect(signed).toHaveLength(1);
      // In clear only the initials she chose to show; her name and address sealed (issue 12).
      expect(signed[0]).toMatchObject({ full_name: "E. E.", state: "verified", visibility: "initials", country: "RU", group_id: next.groupIds.journalists });
      expect(await readSignerDetails(db, signed[0]!.id)).toMatchObject({ fullName: "Elena Example", email: "elena@example.org" });
      expect(signed[0]!.email_confirmed_at).not.toBeNull();
      expect(await totalForCampaign(db, next.id)).toBe(1);
    });
  });
});
