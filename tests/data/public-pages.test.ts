import { afterAll, beforeAll, expect, it } from "vitest";
import {
  loadCampaignPage,
  loadHomePage,
  loadPrisonerPage,
  loadSignatoriesPage,
} from "~/services/public-pages.server";
import { setDb } from "~/utils/db.server";
import { describeEachDatabase } from "../setup/databases";
import { addSignatures, createCampaign, createPrisoner, signatureRow } from "../factories";

describeEachDatabase("public pages", (getDb) => {
  let campaign: Awaited<ReturnType<typeof createCampaign>>;

  beforeAll(async () => {
    setDb(getDb());
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

  afterAll(() => setDb(undefined));

  it("counts only verified signatures, per group and in total", async () => {
    const page = await loadCampaignPage("free-azat-test", "fr");
    expect(page?.campaign.total).toBe(5);
    expect(page?.groups.map((g) => [g.key, g.count, g.listedCount])).toEqual([
      ["mathematicians", 4, 3],
      ["journalists", 1, 1],
    ]);
    expect(page?.countries).toEqual([
      { country: "FR", count: 3 },
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
    expect(russia?.signatories).toEqual([{ kind: "anonymous", country: "RU", group: "Mathematicians" }]);
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
    expect(page?.events).toEqual([{ on: "2019-02-01", text: "Arrested." }]);
    expect(page?.campaigns.map((c) => c.slug)).toEqual(["free-azat-test"]);
    expect(await loadPrisonerPage("nobody", "en")).toBeNull();
  });
});
