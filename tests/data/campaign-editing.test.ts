import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { MemberRole } from "~/domain/vocab";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { listAudit } from "~/models/audit.server";
import { listCampaignTextVersions } from "~/models/campaign-editing.server";
import { listPublishedUpdates } from "~/models/campaign-update.server";
import * as textRoute from "~/routes/organizer-campaign-text";
import * as newsRoute from "~/routes/organizer-update-new";
import { campaignTextSchema, newsSchema } from "~/schemas/campaign-editing";
import { fieldErrorsOf } from "~/schemas/fields";
import { publishCampaignNews, saveCampaignText } from "~/services/campaign-editing.server";
import type { CampaignAccess } from "~/services/organizer-sessions.server";
import { loadCampaignPage } from "~/services/public-pages.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { get, post, run, type RouteFn, signedInMember } from "../organizer-helpers";

const textForm = (overrides: Record<string, string> = {}) => ({
  title: "Free the test prisoner",
  summary: "Summary.",
  body: "We ask.",
  target: "",
  status: "original",
  ...overrides,
});

/** The text form as the route hands it to the service, once parsed. */
const textInput = (overrides: Record<string, string> = {}) => campaignTextSchema.parse(textForm(overrides));

/** What a form's schema says about it: its errors by field, or its parsed value. */
function check<T extends z.ZodTypeAny>(schema: T, raw: unknown) {
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true as const, data: parsed.data as z.output<T> }
    : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
}

/** News fields as the form names them (`title.en`), as Conform hands them to zod. */
function newsFields(form: Record<string, string>) {
  const value: { title: Record<string, string>; body: Record<string, string> } = { title: {}, body: {} };
  for (const [name, v] of Object.entries(form)) {
    const [field, locale] = name.split(".") as ["title" | "body", string];
    if (v) value[field][locale] = v;
  }
  return value;
}

describe("campaign text validation", () => {
  it("requires title and body, limits lengths and knows the statuses", () => {
    const empty = check(campaignTextSchema, textForm({ title: "  ", body: "" }));
    expect(empty).toEqual({ ok: false, errors: { title: "required", body: "required" } });
    const long = check(
      campaignTextSchema,
      textForm({ title: "x".repeat(301), summary: "s".repeat(1001), body: "b".repeat(50_001), status: "bogus" }),
    );
    expect(long.ok).toBe(false);
    if (!long.ok) {
      expect(long.errors).toEqual({ title: "tooLong", summary: "tooLong", body: "tooLong", status: "invalid" });
    }
    const ok = check(campaignTextSchema, textForm({ title: "x".repeat(300), body: "a\r\nb", status: "machine" }));
    expect(ok).toMatchObject({ ok: true, data: { body: "a\nb", status: "machine" } });
    expect(check(campaignTextSchema, textForm({ title: "Two\nlines" }))).toEqual({
      ok: false,
      errors: { title: "lineBreak" },
    });
  });

  it("requires news in the original language, and both title and text in any other", () => {
    const schema = newsSchema("en");
    const missing = check(schema, newsFields({ "title.ru": "Новость", "body.ru": "" }));
    expect(missing).toEqual({
      ok: false,
      errors: { "title.en": "required", "body.en": "required", "body.ru": "required" },
    });
    const tooLong = check(schema, newsFields({ "title.en": "x".repeat(301), "body.en": "Text." }));
    expect(tooLong).toEqual({ ok: false, errors: { "title.en": "tooLong" } });
    expect(check(schema, {})).toMatchObject({ ok: false, errors: { "title.en": "required", "body.en": "required" } });
    const ok = check(schema, newsFields({ "title.en": " News ", "body.en": "a\r\nb", "title.fr": "", "body.fr": "" }));
    expect(ok).toEqual({ ok: true, data: { translations: [{ locale: "en", title: "News", body: "a\nb" }] } });
  });
});

describeEachDatabase("campaign editing", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  const member = (campaignId: number, role: MemberRole | "admin") => signedInMember(getDb(), campaignId, role);

  async function ownerAccess(slug: string, campaignId: number): Promise<CampaignAccess> {
    const token = await member(campaignId, "owner");
    return requireCampaignAccess(get(`/organizer/campaigns/${slug}`, token), slug, "manage");
  }

  const textPath = (slug: string, locale: string) => `/organizer/campaigns/${slug}/texts/${locale}`;
  const newsPath = (slug: string) => `/organizer/campaigns/${slug}/updates/new`;

  it("bumps the version only when title or body change, keeps history and old signatures' versions", async () => {
    const campaign = await createCampaign(getDb());
    await addSignatures(getDb(), [signatureRow(campaign)]);
    const access = await ownerAccess(campaign.slug, campaign.id);

    const same = await saveCampaignText(access, "en", textInput({ summary: "A new summary.", status: "original" }));
    expect(same).toEqual({ kind: "saved", version: 1, newVersion: false });
    expect((await loadCampaignPage(campaign.slug, "en"))?.text.summary).toBe("A new summary.");

    const edited = await saveCampaignText(access, "en", textInput({ body: "We demand **now**." }));
    expect(edited).toEqual({ kind: "saved", version: 2, newVersion: true });
    const page = await loadCampaignPage(campaign.slug, "en");
    expect(page?.text.bodyHtml).toContain("<strong>now</strong>");

    const retitled = await saveCampaignText(access, "en", textInput({ title: "Free them all", body: "We demand **now**." }));
    expect(retitled).toMatchObject({ version: 3, newVersion: true });
    expect((await loadCampaignPage(campaign.slug, "en"))?.text.title).toBe("Free them all");

    const history = await listCampaignTextVersions(getDb(), campaign.id, "en");
    expect(history.map((h) => [h.version, h.title, h.body])).toEqual([
      [3, "Free them all", "We demand **now**."],
      [2, "Free the test prisoner", "We demand **now**."],
      [1, "Free the test prisoner", "We ask."],
    ]);
    const signatures = await getDb()
      .selectFrom("signatures")
      .select("text_version")
      .where("campaign_id", "=", campaign.id)
      .execute();
    expect(signatures.map((s) => s.text_version)).toEqual([1]);

    const audit = await listAudit(getDb(), campaign.id, 10);
    const entries = audit.filter((a) => a.action === "text.update");
    expect(entries).toHaveLength(3);
    const details = entries[0]?.details;
    expect(typeof details === "string" ? JSON.parse(details) : details).toMatchObject({ locale: "en", version: 3 });
  });

  it("creates a translation for a language that has none, through the form", async () => {
    const campaign = await createCampaign(getDb());
    const token = await member(campaign.id, "editor");
    const path = textPath(campaign.slug, "de");
    const params = { slug: campaign.slug, locale: "de" };
    const editor = await run(textRoute.loader as RouteFn, get(path, token), params);
    expect(editor).toMatchObject({ status: 200, body: { exists: false, version: null, locale: "de" } });
    const saved = await run(
      textRoute.action as RouteFn,
      post(path, token, textForm({ title: "Freiheit", body: "Wir fordern.", status: "reviewed" })),
      params,
    );
    expect(saved).toMatchObject({ status: 200, body: { kind: "saved", version: 1, newVersion: true } });
    const page = await loadCampaignPage(campaign.slug, "de");
    expect(page?.text).toMatchObject({ locale: "de", title: "Freiheit", status: "reviewed", fallback: false });
    const unknown = { slug: campaign.slug, locale: "xx" };
    expect((await run(textRoute.loader as RouteFn, get(textPath(campaign.slug, "xx"), token), unknown)).status).toBe(404);
    expect(
      (await run(textRoute.action as RouteFn, post(textPath(campaign.slug, "xx"), token, textForm()), unknown)).status,
    ).toBe(404);
  });

  it("answers invalid forms with field errors and the typed values, and changes nothing", async () => {
    const campaign = await createCampaign(getDb());
    const token = await member(campaign.id, "owner");
    const result = await run<{ kind: string; result: { error: Record<string, string[]>; initialValue: unknown } }>(
      textRoute.action as RouteFn,
      post(textPath(campaign.slug, "en"), token, textForm({ title: "", body: "b".repeat(50_001) })),
      { slug: campaign.slug, locale: "en" },
    );
    expect(result.status).toBe(400);
    expect(result.body.kind).toBe("invalid");
    expect(result.body.result.error).toMatchObject({ title: ["required"], body: ["tooLong"] });
    // The page shows the form again as it was sent (no JavaScript needed).
    expect(result.body.result.initialValue).toMatchObject({ summary: "Summary.", body: "b".repeat(50_001) });
    expect((await loadCampaignPage(campaign.slug, "en"))?.text.title).toBe("Free the test prisoner");
    expect(await listCampaignTextVersions(getDb(), campaign.id, "en")).toHaveLength(1);
  });

  it("lets no viewer, moderator or foreign organizer edit", async () => {
    const campaign = await createCampaign(getDb());
    const foreign = await createCampaign(getDb());
    const tokens = {
      viewer: await member(campaign.id, "viewer"),
      moderator: await member(campaign.id, "moderator"),
      foreign: await member(foreign.id, "owner"),
    };
    const text = { slug: campaign.slug, locale: "en" };
    for (const token of Object.values(tokens)) {
      expect((await run(textRoute.loader as RouteFn, get(textPath(campaign.slug, "en"), token), text)).status).toBe(404);
      const hacked = post(textPath(campaign.slug, "en"), token, textForm({ body: "Hacked." }));
      expect((await run(textRoute.action as RouteFn, hacked, text)).status).toBe(404);
      expect((await run(newsRoute.loader as RouteFn, get(newsPath(campaign.slug), token), campaign.slug)).status).toBe(
        404,
      );
      const news = post(newsPath(campaign.slug), token, { "title.en": "Hacked", "body.en": "Hacked." });
      expect((await run(newsRoute.action as RouteFn, news, campaign.slug)).status).toBe(404);
    }
    // The operations themselves find nothing for a role that may not edit.
    const viewerAccess = await requireCampaignAccess(
      get(textPath(campaign.slug, "en"), tokens.viewer),
      campaign.slug,
      "view",
    );
    expect(await saveCampaignText(viewerAccess, "en", textInput({ body: "Hacked." }))).toEqual({ kind: "not-found" });
    const hackedNews = { translations: [{ locale: "en" as const, title: "Hacked", body: "Hacked." }] };
    expect(await publishCampaignNews({ ...viewerAccess, role: "moderator" }, hackedNews)).toEqual({
      kind: "not-found",
    });
    expect((await loadCampaignPage(campaign.slug, "en"))?.text.bodyHtml).not.toContain("Hacked");
    expect(await listPublishedUpdates(getDb(), { limit: 10, campaignId: campaign.id })).toHaveLength(0);
  });

  it("publishes news that the public lists, and audits it", async () => {
    const campaign = await createCampaign(getDb());
    const token = await member(campaign.id, "owner");
    const publish = (form: Record<string, string>) =>
      run<{ kind: string; result: { error: Record<string, string[]> } | null }>(
        newsRoute.action as RouteFn,
        post(newsPath(campaign.slug), token, form),
        campaign.slug,
      );

    const editor = await run(newsRoute.loader as RouteFn, get(newsPath(campaign.slug), token), campaign.slug);
    expect(editor.body).toMatchObject({ canonicalLocale: "en", locales: ["en", "ru", "fr", "de", "es", "uk"] });

    const missing = await publish({ "title.ru": "Новость", "body.ru": "" });
    expect(missing.status).toBe(400);
    expect(missing.body.result?.error).toEqual({
      "title.en": ["required"],
      "body.en": ["required"],
      "body.ru": ["required"],
    });
    const tooLong = await publish({ "title.en": "x".repeat(301), "body.en": "Text." });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.result?.error).toMatchObject({ "title.en": ["tooLong"] });
    expect(await listPublishedUpdates(getDb(), { limit: 10, campaignId: campaign.id })).toHaveLength(0);

    const result = await publish({
      "title.en": "Letter delivered",
      "body.en": "We delivered it.",
      "title.ru": "Письмо передано",
      "body.ru": "Мы его передали.",
    });
    expect(result).toMatchObject({ status: 200, body: { kind: "published" } });
    const updates = await listPublishedUpdates(getDb(), { limit: 10, campaignId: campaign.id });
    expect(updates).toHaveLength(1);
    expect(updates[0]?.texts.map((t) => t.locale).sort()).toEqual(["en", "ru"]);
    expect((await loadCampaignPage(campaign.slug, "ru"))?.updates[0]?.title).toBe("Письмо передано");
    const audit = await listAudit(getDb(), campaign.id, 10);
    expect(audit.map((a) => a.action)).toContain("update.publish");
  });
});
