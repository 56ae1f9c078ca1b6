import { describe, expect, it } from "vitest";
import type { MemberRole } from "~/domain/vocab";
import { listAudit } from "~/models/audit.server";
import { listCampaignTextVersions } from "~/models/campaign-editing.server";
import { listPublishedUpdates } from "~/models/campaign-update.server";
import { addMember, insertSession, upsertOrganizer } from "~/models/organizer.server";
import {
  assertCanEdit,
  type CampaignAccess,
  loadTextEditor,
  parseCampaignText,
  publishCampaignNews,
  publishCampaignNewsFromRequest,
  saveCampaignText,
  saveCampaignTextFromRequest,
} from "~/services/campaign-editing.server";
import { requireCampaignAccess, SESSION_COOKIE } from "~/http/organizer-access.server";
import { loadCampaignPage } from "~/services/public-pages.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";

const APP = "http://localhost:3000";

function request(path: string, opts: { token: string; form?: Record<string, string> }): Request {
  const headers = new Headers({ Cookie: `${SESSION_COOKIE}=${opts.token}` });
  if (!opts.form) return new Request(`${APP}${path}`, { headers });
  headers.set("Origin", APP);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`${APP}${path}`, { method: "POST", headers, body: new URLSearchParams(opts.form).toString() });
}

async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  return 200;
}

const textForm = (overrides: Record<string, string> = {}) => ({
  title: "Free the test prisoner",
  summary: "Summary.",
  body: "We ask.",
  target: "",
  status: "original",
  ...overrides,
});

describe("campaign text validation", () => {
  it("requires title and body, limits lengths and knows the statuses", () => {
    const empty = parseCampaignText(textForm({ title: "  ", body: "" }));
    expect(empty).toEqual({ ok: false, errors: { title: "required", body: "required" } });
    const long = parseCampaignText(
      textForm({ title: "x".repeat(301), summary: "s".repeat(1001), body: "b".repeat(50_001), status: "bogus" }),
    );
    expect(long.ok).toBe(false);
    if (!long.ok) {
      expect(long.errors).toEqual({ title: "tooLong", summary: "tooLong", body: "tooLong", status: "invalid" });
    }
    const ok = parseCampaignText(textForm({ title: "x".repeat(300), body: "a\r\nb", status: "machine" }));
    expect(ok).toMatchObject({ ok: true, data: { body: "a\nb", status: "machine" } });
  });
});

describeEachDatabase("campaign editing", (getDb, _kind, info) => {
  let seq = 0;
  const email = (name: string) => `${name}-${++seq}-${Math.random().toString(36).slice(2, 8)}@example.org`;

  useAppServices(getDb, info);

  async function member(campaignId: number, role: MemberRole): Promise<string> {
    const o = await upsertOrganizer(getDb(), { email: email(role), isAdmin: false });
    await addMember(getDb(), campaignId, o.id, role);
    const token = newToken();
    await insertSession(getDb(), {
      idHash: hashToken(token),
      organizerId: o.id,
      expiresAt: new Date(Date.now() + 3600_000),
      secondFactorAt: new Date(),
    });
    return token;
  }

  async function ownerAccess(slug: string, campaignId: number): Promise<CampaignAccess> {
    const token = await member(campaignId, "owner");
    return requireCampaignAccess(request(`/organizer/campaigns/${slug}`, { token }), slug, ["owner"]);
  }

  it("bumps the version only when title or body change, keeps history and old signatures' versions", async () => {
    const campaign = await createCampaign(getDb());
    await addSignatures(getDb(), [signatureRow(campaign)]);
    const access = await ownerAccess(campaign.slug, campaign.id);

    const same = await saveCampaignText(access, "en", textForm({ summary: "A new summary.", status: "original" }));
    expect(same).toEqual({ kind: "saved", version: 1, newVersion: false });
    expect((await loadCampaignPage(campaign.slug, "en"))?.text.summary).toBe("A new summary.");

    const edited = await saveCampaignText(access, "en", textForm({ body: "We demand **now**." }));
    expect(edited).toEqual({ kind: "saved", version: 2, newVersion: true });
    const page = await loadCampaignPage(campaign.slug, "en");
    expect(page?.text.bodyHtml).toContain("<strong>now</strong>");

    const retitled = await saveCampaignText(access, "en", textForm({ title: "Free them all", body: "We demand **now**." }));
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
    const path = `/organizer/campaigns/${campaign.slug}/texts/de`;
    const editor = await loadTextEditor(request(path, { token }), campaign.slug, "de");
    expect(editor).toMatchObject({ exists: false, version: null, locale: "de" });
    const saved = await saveCampaignTextFromRequest(
      request(path, { token, form: textForm({ title: "Freiheit", body: "Wir fordern.", status: "reviewed" }) }),
      campaign.slug,
      "de",
    );
    expect(saved).toEqual({ kind: "saved", version: 1, newVersion: true });
    const page = await loadCampaignPage(campaign.slug, "de");
    expect(page?.text).toMatchObject({ locale: "de", title: "Freiheit", status: "reviewed", fallback: false });
    expect(await thrownStatus(loadTextEditor(request(path, { token }), campaign.slug, "xx"))).toBe(404);
  });

  it("answers invalid forms with field errors and changes nothing", async () => {
    const campaign = await createCampaign(getDb());
    const access = await ownerAccess(campaign.slug, campaign.id);
    const result = await saveCampaignText(access, "en", textForm({ title: "", body: "b".repeat(50_001) }));
    expect(result).toMatchObject({ kind: "invalid", errors: { title: "required", body: "tooLong" } });
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
    const textPath = `/organizer/campaigns/${campaign.slug}/texts/en`;
    const newsPath = `/organizer/campaigns/${campaign.slug}/updates/new`;
    for (const token of Object.values(tokens)) {
      expect(await thrownStatus(loadTextEditor(request(textPath, { token }), campaign.slug, "en"))).toBe(404);
      expect(
        await thrownStatus(
          saveCampaignTextFromRequest(request(textPath, { token, form: textForm({ body: "Hacked." }) }), campaign.slug, "en"),
        ),
      ).toBe(404);
      expect(
        await thrownStatus(
          publishCampaignNewsFromRequest(
            request(newsPath, { token, form: { "title.en": "Hacked", "body.en": "Hacked." } }),
            campaign.slug,
          ),
        ),
      ).toBe(404);
    }
    const viewerAccess = await requireCampaignAccess(request(textPath, { token: tokens.viewer }), campaign.slug, [
      "viewer",
    ]);
    expect(() => assertCanEdit(viewerAccess)).toThrow(Response);
    expect(await thrownStatus(saveCampaignText(viewerAccess, "en", textForm({ body: "Hacked." })))).toBe(404);
    expect(await thrownStatus(publishCampaignNews({ ...viewerAccess, role: "moderator" }, {}))).toBe(404);
    expect((await loadCampaignPage(campaign.slug, "en"))?.text.bodyHtml).not.toContain("Hacked");
    expect(await listPublishedUpdates(getDb(), { limit: 10, campaignId: campaign.id })).toHaveLength(0);
  });

  it("publishes news that the public lists, and audits it", async () => {
    const campaign = await createCampaign(getDb());
    const access = await ownerAccess(campaign.slug, campaign.id);

    const missing = await publishCampaignNews(access, { "title.ru": "Новость", "body.ru": "" });
    expect(missing).toMatchObject({
      kind: "invalid",
      errors: { "title.en": "required", "body.en": "required", "body.ru": "required" },
    });
    const tooLong = await publishCampaignNews(access, { "title.en": "x".repeat(301), "body.en": "Text." });
    expect(tooLong).toMatchObject({ kind: "invalid", errors: { "title.en": "tooLong" } });
    expect(await listPublishedUpdates(getDb(), { limit: 10, campaignId: campaign.id })).toHaveLength(0);

    const result = await publishCampaignNews(access, {
      "title.en": "Letter delivered",
      "body.en": "We delivered it.",
      "title.ru": "Письмо передано",
      "body.ru": "Мы его передали.",
    });
    expect(result.kind).toBe("published");
    const updates = await listPublishedUpdates(getDb(), { limit: 10, campaignId: campaign.id });
    expect(updates).toHaveLength(1);
    expect(updates[0]?.texts.map((t) => t.locale).sort()).toEqual(["en", "ru"]);
    expect((await loadCampaignPage(campaign.slug, "ru"))?.updates[0]?.title).toBe("Письмо передано");
    const audit = await listAudit(getDb(), campaign.id, 10);
    expect(audit.map((a) => a.action)).toContain("update.publish");
  });
});
