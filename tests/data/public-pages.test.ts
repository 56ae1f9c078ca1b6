import { beforeAll, describe, expect, it } from "vitest";
import { decodeCountryList } from "~/components/campaign-view";
import type { MemberRole } from "~/domain/vocab";
import { addMember, insertSession, setSessionSecondFactor, upsertOrganizer } from "~/models/organizer.server";
import * as root from "~/root";
import * as campaignRoute from "~/routes/campaign";
import * as previewRoute from "~/routes/organizer-campaign-preview";
import * as organizerLayout from "~/routes/organizer-layout";
import { SESSION_COOKIE } from "~/http/organizer-access.server";
import {
  countryListFor,
  loadCampaignPage,
  loadCampaignView,
  loadHomePage,
  loadPrisonerPage,
  loadSignatoriesPage,
} from "~/services/public-pages.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, createPrisoner, signatureRow } from "../factories";

const APP = "http://localhost:3000";

function request(path: string, token?: string): Request {
  return new Request(`${APP}${path}`, { headers: token ? { Cookie: `${SESSION_COOKIE}=${token}` } : {} });
}

/** What a loader or service threw: a Response's status and Location, or 200 when it returned. */
async function outcome(promise: Promise<unknown>): Promise<{ status: number; location: string | null }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    throw error;
  }
  return { status: 200, location: null };
}

type LoaderArgs = Parameters<typeof root.loader>[0];
const args = (req: Request, params: Record<string, string>) => ({ request: req, params, context: {} }) as LoaderArgs;

describeEachDatabase("public pages", (getDb, _kind, info) => {
  let campaign: Awaited<ReturnType<typeof createCampaign>>;

  useAppServices(getDb, info);

  beforeAll(async () => {
    const prisoner = await createPrisoner(getDb(), { name: "Azat Test" });
    campaign = await createCampaign(getDb(), {
      slug: "free-azat-test",
      prisonerIds: [prisoner.id],
      canonicalLocale: "fr",
      translations: [
        { locale: "fr", status: "original", title: "Libérez Azat", summary: "Résumé", body: "Nous **exigeons**.", target: "Aux autorités" },
        { locale: "ru", status: "machine", title: "Свободу Азату", body: "Мы требуем." },
      ],
    });
    await addSignatures(getDb(), [
      signatureRow(campaign, { full_name: "Public Person", visibility: "public" }),
      signatureRow(campaign, { full_name: "Initials Person", visibility: "initials" }),
      signatureRow(campaign, { full_name: "Anonymous Person", visibility: "anonymous", country: "RU" }),
      signatureRow(campaign, { full_name: "Counted Person", visibility: "counted" }),
      signatureRow(campaign, { full_name: "Journalist Person", group: "journalists", country: "DE" }),
      signatureRow(campaign, { full_name: "Pending Person", state: "pending", verified_at: null }),
      signatureRow(campaign, { full_name: "Hidden Person", state: "hidden" }),
      signatureRow(campaign, { full_name: "Withdrawn Person", state: "withdrawn" }),
    ]);
    await createCampaign(getDb(), { slug: "a-draft", status: "draft" });
  });

  it("counts only verified signatures, per group and in total", async () => {
    const page = await loadCampaignPage("free-azat-test", "fr");
    expect(page?.campaign.total).toBe(5);
    // The "counted only" signer is in the total and the unlisted number, never per group or country.
    expect(page?.unlisted).toBe(1);
    expect(page?.groups.map((g) => [g.key, g.count, g.listedCount])).toEqual([
      ["mathematicians", 3, 3],
      ["journalists", 1, 1],
    ]);
    expect(page?.countries).toEqual([
      { country: "FR", count: 2 },
      { country: "DE", count: 1 },
      { country: "RU", count: 1 },
    ]);
  });

  it("never lets a hidden detail into the page data", async () => {
    const json = JSON.stringify(await loadCampaignPage("free-azat-test", "en"));
    expect(json).toContain("Public Person");
    expect(json).toContain("I. P.");
    for (const secret of ["Initials Person", "Anonymous Person", "Counted Person", "Pending Person", "Hidden Person", "Withdrawn Person", "@example.org"]) {
      expect(json).not.toContain(secret);
    }
  });

  it("shows the requested translation, or the canonical text with a fallback flag", async () => {
    const ru = await loadCampaignPage("free-azat-test", "ru");
    expect(ru?.text).toMatchObject({ locale: "ru", status: "machine", fallback: false, title: "Свободу Азату" });
    const de = await loadCampaignPage("free-azat-test", "de");
    expect(de?.text).toMatchObject({ locale: "fr", fallback: true, title: "Libérez Azat" });
    expect(de?.text.bodyHtml).toContain("<strong>exigeons</strong>");
    expect(de?.availableLocales.sort()).toEqual(["fr", "ru"]);
    expect(de?.groups[0]?.label).toBe("Mathematicians");
    expect(ru?.groups[0]?.label).toBe("Математики");
  });

  it("searches only signers listed by name, so hidden ones cannot be found by name", async () => {
    const byPublicName = await loadSignatoriesPage("free-azat-test", "en", { q: "public person" });
    expect(byPublicName?.signatories).toEqual([
      expect.objectContaining({ kind: "public", name: "Public Person", group: "Mathematicians" }),
    ]);
    for (const hidden of ["Initials Person", "Anonymous Person", "Counted Person", "Pending"]) {
      const page = await loadSignatoriesPage("free-azat-test", "en", { q: hidden });
      expect(page?.total, hidden).toBe(0);
    }
    // LIKE wildcards are plain characters here.
    expect((await loadSignatoriesPage("free-azat-test", "en", { q: "%" }))?.total).toBe(0);
  });

  it("filters by group and country and clamps pages", async () => {
    const journalists = await loadSignatoriesPage("free-azat-test", "en", { group: "journalists" });
    expect(journalists?.signatories.map((s) => s.kind === "public" && s.name)).toEqual(["Journalist Person"]);
    const russia = await loadSignatoriesPage("free-azat-test", "en", { country: "RU" });
    expect(russia?.signatories).toEqual([
      { kind: "anonymous", country: "RU", group: "Mathematicians", groupKey: "mathematicians" },
    ]);
    const unknown = await loadSignatoriesPage("free-azat-test", "en", { country: "ZZ", group: "nope", page: 99_999 });
    expect(unknown).toMatchObject({ total: 4, page: 1, pages: 1, filter: { group: "", country: "", q: "" } });
  });

  it("hides drafts and unknown campaigns", async () => {
    expect(await loadCampaignPage("a-draft", "en")).toBeNull();
    expect(await loadCampaignPage("no-such-campaign", "en")).toBeNull();
    const home = await loadHomePage("en");
    expect(home.campaigns.map((c) => c.slug)).toEqual(["free-azat-test"]);
    expect(home.campaigns[0]).toMatchObject({ total: 5, goal: 1000, title: "Libérez Azat" });
    expect(home.prisoners.map((p) => p.name)).toEqual(["Azat Test"]);
  });

  it("builds the prisoner page with timeline and campaigns", async () => {
    const home = await loadHomePage("en");
    const slug = home.prisoners[0]!.slug;
    const page = await loadPrisonerPage(slug, "en");
    expect(page?.prisoner).toMatchObject({ name: "Azat Test", status: "sentenced", detainedOn: "2019-02-01" });
    expect(page?.events).toEqual([{ on: "2019-02-01", text: "Arrested.", locale: "en" }]);
    expect(page?.campaigns.map((c) => c.slug)).toEqual(["free-azat-test"]);
    expect(await loadPrisonerPage("nobody", "en")).toBeNull();
  });

  describe("what the public page ships", () => {
    it("sends each reader only the public namespaces, organizers theirs, nobody the mail strings", async () => {
      // A campaign page (the page most readers land on) carries only what it shows.
      const campaignData = await root.loader(args(request("/ru/campaigns/free-azat-test"), { lang: "ru", slug: "x" }));
      expect(Object.keys(campaignData.resources).sort()).toEqual(["common", "manage", "sign"]);
      expect(campaignData.locale).toBe("ru");
      const publicData = await root.loader(
        args(request("/ru/campaigns/free-azat-test/poster"), { lang: "ru", slug: "x" }),
      );
      expect(Object.keys(publicData.resources).sort()).toEqual(["common", "embed", "letters", "manage", "poster", "sign"]);
      const organizerData = await root.loader(args(request("/organizer/campaigns/free-azat-test"), { slug: "x" }));
      expect(Object.keys(organizerData.resources)).toEqual(expect.arrayContaining(["common", "organizer", "exports"]));
      expect(Object.keys(organizerData.resources)).not.toContain("emails");
      const home = await root.loader(args(request("/"), {}));
      expect(Object.keys(home.resources)).not.toContain("organizer");
    });

    it("refetches the strings when a navigation crosses between scopes (campaign page, public, organizer)", () => {
      const revalidate = (from: string, to: string, defaultShouldRevalidate = false) =>
        root.shouldRevalidate({
          currentUrl: new URL(`${APP}${from}`),
          nextUrl: new URL(`${APP}${to}`),
          defaultShouldRevalidate,
        } as Parameters<typeof root.shouldRevalidate>[0]);
      expect(revalidate("/en/campaigns/a", "/organizer/campaigns/a")).toBe(true);
      expect(revalidate("/organizer", "/en/campaigns/a")).toBe(true);
      // The campaign page's strings are a subset of the other public pages': moving off it refetches.
      expect(revalidate("/en/campaigns/a", "/en/campaigns/a/poster")).toBe(true);
      expect(revalidate("/en/campaigns/a/poster", "/en/campaigns/a/signatories")).toBe(false);
      expect(revalidate("/en/campaigns/a", "/fr/campaigns/b")).toBe(false);
      expect(revalidate("/organizer", "/organizer/campaigns/a")).toBe(false);
      expect(revalidate("/organizer", "/organizer/campaigns/a", true)).toBe(true);
    });

    it("sends the country names once, compactly, in the reader's order, and the ref tag only when sane", async () => {
      const ru = decodeCountryList(countryListFor("ru"));
      expect(ru.length).toBeGreaterThan(240);
      expect(ru).toContainEqual({ code: "FR", name: "Франция" });
      expect(ru.every((c) => /^[A-Z]{2}$/.test(c.code) && c.name.length > 0)).toBe(true);
      expect(decodeCountryList(countryListFor("en")).slice(0, 1)).toEqual([{ code: "AF", name: "Afghanistan" }]);

      const page = await campaignRoute.loader(
        args(request("/fr/campaigns/free-azat-test?ref=telegram"), { lang: "fr", slug: "free-azat-test" }),
      );
      expect(page.ref).toBe("telegram");
      expect(page.preview).toBe(false);
      expect(page.shareUrl).toBe(`${APP}/fr/campaigns/free-azat-test`);
      expect(page).not.toHaveProperty("countryOptions");
      // Title and summary travel once (in `text`), prisoners without their biographies.
      expect(page.campaign).not.toHaveProperty("title");
      expect(page.campaign.prisoners).toEqual([{ slug: expect.any(String), name: "Azat Test", photoUrl: null }]);
      const hostile = await loadCampaignView("free-azat-test", "fr", { ref: "<script>" });
      expect(hostile?.ref).toBeNull();
    });

    it("answers 404 for a draft or unknown campaign on the public route", async () => {
      expect((await outcome(campaignRoute.loader(args(request("/en/campaigns/a-draft"), { lang: "en", slug: "a-draft" })))).status).toBe(404);
      expect((await outcome(campaignRoute.loader(args(request("/en/campaigns/nope"), { lang: "en", slug: "nope" })))).status).toBe(404);
    });
  });

  describe("organizer preview", () => {
    let seq = 0;
    let draft: Awaited<ReturnType<typeof createCampaign>>;
    let other: Awaited<ReturnType<typeof createCampaign>>;

    /** A signed-in organizer (second factor done), member of `campaignId` with `role` when given. */
    async function organizer(opts: { campaignId?: number; role?: MemberRole; admin?: boolean } = {}) {
      const o = await upsertOrganizer(getDb(), {
        email: `preview-${++seq}-${Math.random().toString(36).slice(2, 8)}@example.org`,
        isAdmin: opts.admin ?? false,
      });
      if (opts.campaignId && opts.role) await addMember(getDb(), opts.campaignId, o.id, opts.role);
      const token = newToken();
      await insertSession(getDb(), { idHash: hashToken(token), organizerId: o.id, expiresAt: new Date(Date.now() + 3600_000) });
      await setSessionSecondFactor(getDb(), hashToken(token), new Date());
      return token;
    }

    const path = (slug: string, locale: string) => `/organizer/campaigns/${slug}/preview/${locale}`;
    const preview = (token: string | undefined, slug: string, locale: string) =>
      previewRoute.loader(args(request(path(slug, locale), token), { slug, locale }));

    beforeAll(async () => {
      draft = await createCampaign(getDb(), {
        slug: "draft-preview",
        status: "draft",
        canonicalLocale: "fr",
        translations: [
          { locale: "fr", status: "original", title: "Brouillon secret", summary: "", body: "Pas encore **public**." },
          { locale: "ru", status: "reviewed", title: "Тайный черновик", summary: "", body: "Ещё не опубликовано." },
        ],
      });
      other = await createCampaign(getDb(), { slug: "someone-elses" });
      await addSignatures(getDb(), [signatureRow(draft, { full_name: "Early Signer", visibility: "public" })]);
    });

    it("shows a draft to its owner exactly as readers of the language will see it, read live", async () => {
      const token = await organizer({ campaignId: draft.id, role: "owner" });
      const ru = await preview(token, draft.slug, "ru");
      expect(ru.locale).toBe("ru");
      expect(ru.view).toMatchObject({
        preview: true,
        ref: null,
        signable: false,
        campaign: { slug: "draft-preview", status: "draft", total: 1 },
        text: { locale: "ru", title: "Тайный черновик", fallback: false },
      });
      expect(ru.view.groups[0]?.label).toBe("Математики");
      expect(JSON.stringify(ru.view.groups)).toContain("Early Signer");
      // The page body's strings are the previewed language's public ones, not the back office's.
      expect(Object.keys(ru.resources).sort()).toEqual(["common", "embed", "letters", "manage", "poster", "sign"]);
      expect((ru.resources.sign as { title: string }).title).toBe(
        (await import("../../locales/ru/sign.json")).default.title,
      );
      const de = await preview(token, draft.slug, "de");
      expect(de.view.text).toMatchObject({ locale: "fr", fallback: true, title: "Brouillon secret" });
      expect(de.view.text.bodyHtml).toContain("<strong>public</strong>");

      // Meanwhile the public sees nothing.
      expect(await loadCampaignPage(draft.slug, "ru")).toBeNull();
      expect(await loadCampaignView(draft.slug, "ru")).toBeNull();
    });

    it("lets owners, editors and platform admins in; moderators, viewers and strangers get 404", async () => {
      for (const role of ["owner", "editor"] as const) {
        const token = await organizer({ campaignId: draft.id, role });
        expect((await outcome(preview(token, draft.slug, "fr"))).status, role).toBe(200);
      }
      expect((await outcome(preview(await organizer({ admin: true }), draft.slug, "fr"))).status).toBe(200);
      for (const role of ["moderator", "viewer"] as const) {
        const token = await organizer({ campaignId: draft.id, role });
        expect((await outcome(preview(token, draft.slug, "fr"))).status, role).toBe(404);
      }
      // An owner of another campaign, an unknown campaign, an unknown language.
      const foreign = await organizer({ campaignId: other.id, role: "owner" });
      expect((await outcome(preview(foreign, draft.slug, "fr"))).status).toBe(404);
      expect((await outcome(preview(foreign, other.slug, "fr"))).status).toBe(200);
      expect((await outcome(preview(foreign, "no-such-campaign", "fr"))).status).toBe(404);
      expect((await outcome(preview(foreign, other.slug, "xx"))).status).toBe(404);
      // Not signed in: to the login page, and back here afterwards.
      const anonymous = await outcome(preview(undefined, draft.slug, "fr"));
      expect(anonymous.status).toBe(302);
      expect(anonymous.location).toBe(`/organizer/login?next=${encodeURIComponent(path(draft.slug, "fr"))}`);
    });

    it("answers through the route with no-store and the same 404s", async () => {
      const token = await organizer({ campaignId: draft.id, role: "editor" });
      const loaded = await previewRoute.loader(
        args(request(path(draft.slug, "fr"), token), { slug: draft.slug, locale: "fr" }),
      );
      expect(loaded.view.text.title).toBe("Brouillon secret");
      const moderator = await organizer({ campaignId: draft.id, role: "moderator" });
      const refused = await outcome(
        previewRoute.loader(args(request(path(draft.slug, "fr"), moderator), { slug: draft.slug, locale: "fr" })),
      );
      expect(refused.status).toBe(404);
      // No-store comes from the organizer layout around it (app/routes.ts); noindex from both
      // the layout and the page's own meta (its tab title, utils/organizer-title.ts).
      expect(previewRoute).not.toHaveProperty("headers");
      const headers = organizerLayout.headers({} as Parameters<typeof organizerLayout.headers>[0]);
      expect(new Headers(headers).get("Cache-Control")).toBe("no-store");
      for (const meta of [organizerLayout.meta, previewRoute.meta]) {
        const descriptors = meta({ data: undefined, matches: [] } as unknown as Parameters<typeof meta>[0]);
        expect(descriptors).toContainEqual({ name: "robots", content: "noindex, nofollow" });
      }
    });
  });
});
