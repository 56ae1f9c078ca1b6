import { afterAll, beforeAll, expect, it } from "vitest";
import { PUBLIC_PAGE_CACHE } from "~/http/responses";
import { insertCampaignUpdate } from "~/models/campaign-update.server";
import { parseLangParam, parseSignatoriesParams } from "~/http/open-data.server";
import * as campaignApi from "~/routes/api-campaign";
import * as campaignsApi from "~/routes/api-campaigns";
import * as signatoriesApi from "~/routes/api-campaign-signatories";
import * as feedRoute from "~/routes/feed";
import * as sitemapRoute from "~/routes/sitemap";
import { getOpenDataCampaign, listOpenDataCampaigns, listOpenDataSignatories } from "~/services/open-data-api.server";
import {
  buildRobotsTxt,
  buildSitemap,
  buildUpdatesFeed,
  embedSnippet,
  loadEmbedWidget,
} from "~/services/open-data.server";
import { setDb } from "~/utils/db.server";
import { describeEachDatabase } from "../setup/databases";
import { addSignatures, createCampaign, createPrisoner, signatureRow } from "../factories";

const SLUG = "free-open-data-test";

/** One signer of each kind, every detail distinctive so a leak is easy to spot. */
const SIGNERS = {
  public: { name: "Paulina Publicova", title: "Professor of Topology, Sorbonne" },
  journalist: { name: "Jules Journo", title: "Reporter, Le Monde" },
  initials: { name: "Ignatius Quillfeather", title: "Initials Secret Affiliation" },
  anonymous: { name: "Anastasia Anonymova", title: "Anonymous Secret Affiliation" },
  counted: { name: "Cornelius Countedsen", title: "Counted Secret Affiliation" },
  pending: { name: "Penelope Pendingham", title: "Pending Secret Affiliation" },
  hidden: { name: "Horatio Hiddenfield", title: "Hidden Secret Affiliation" },
  withdrawn: { name: "Wilhelmina Withdrawnova", title: "Withdrawn Secret Affiliation" },
} as const;
type Who = keyof typeof SIGNERS;

const details = (who: Who) => ({
  full_name: SIGNERS[who].name,
  title: SIGNERS[who].title,
  city: `Secretcity${who}`,
  comment: `Secret comment of ${who}`,
  email: `${who}.secret@mailbox.test`,
  email_canonical: `${who}.secret@mailbox.test`,
});

/** Everything that must never leave the server, whatever the endpoint. */
const SECRETS = [
  ...(["initials", "anonymous", "counted", "pending", "hidden", "withdrawn"] as const).flatMap((who) => [
    SIGNERS[who].name,
    SIGNERS[who].title,
  ]),
  ...(Object.keys(SIGNERS) as Who[]).flatMap((who) => [`Secretcity${who}`, `Secret comment of ${who}`]),
  "secret@mailbox.test",
  "Unpublished draft update",
  "Future update",
  "Update of a draft campaign",
  "Secret draft letter",
];

function expectNoSecrets(text: string) {
  for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
}

/**
 * A small well-formedness check for the XML we generate: tags balance, every `&` starts an
 * entity, no stray `<` or `>` in text or attribute values.
 */
function expectWellFormedXml(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.replace(/^<\?xml[^?]*\?>\n/, "");
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<>]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const match of body.matchAll(tag)) {
    const text = body.slice(last, match.index);
    expect(text, "text between tags").not.toMatch(/[<>]/);
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(body.slice(last).trim()).toBe("");
  expect(stack).toEqual([]);
  expect(xml.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, "")).not.toContain("&");
}

/** A page of the signatories API's operation, which must have found the campaign. */
async function signatoriesPage(...args: Parameters<typeof listOpenDataSignatories>) {
  const result = await listOpenDataSignatories(...args);
  if (result.kind !== "found") throw new Error(`expected a page, got ${result.kind}`);
  return result;
}

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

/** What an open-data route answers to a GET (or another method) of `path`. */
async function fetchRoute(loader: Loader, path: string, params: Record<string, string> = {}, init: RequestInit = {}) {
  const response = await loader({ request: new Request(`http://localhost:3000${path}`, init), params, context: {} });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describeEachDatabase("open data", (getDb) => {
  let campaign: Awaited<ReturnType<typeof createCampaign>>;

  beforeAll(async () => {
    setDb(getDb());
    const prisoner = await createPrisoner(getDb(), { slug: "open-data-prisoner", name: "Olga Opendata" });
    campaign = await createCampaign(getDb(), {
      slug: SLUG,
      prisonerIds: [prisoner.id],
      canonicalLocale: "fr",
      goal: 100,
      translations: [
        { locale: "fr", status: "original", title: "Libérez Olga", body: "Nous exigeons." },
        { locale: "en", status: "reviewed", title: "Free Olga", body: "We demand." },
      ],
    });
    await addSignatures(getDb(), [
      signatureRow(campaign, { ...details("public"), visibility: "public", notable: true }),
      signatureRow(campaign, { ...details("journalist"), visibility: "public", group: "journalists", country: "DE" }),
      signatureRow(campaign, { ...details("initials"), visibility: "initials" }),
      signatureRow(campaign, { ...details("anonymous"), visibility: "anonymous", country: "RU" }),
      signatureRow(campaign, { ...details("counted"), visibility: "counted" }),
      signatureRow(campaign, { ...details("pending"), state: "pending", verified_at: null }),
      signatureRow(campaign, { ...details("hidden"), state: "hidden" }),
      signatureRow(campaign, { ...details("withdrawn"), state: "withdrawn" }),
    ]);
    const draft = await createCampaign(getDb(), {
      slug: "a-draft-campaign",
      status: "draft",
      translations: [{ locale: "en", status: "original", title: "Secret draft letter", body: "Not yet." }],
    });

    const day = 24 * 60 * 60 * 1000;
    await insertCampaignUpdate(getDb(), {
      campaignId: campaign.id,
      publishedAt: new Date(Date.now() - 2 * day),
      translations: [
        { locale: "fr", title: "Lettre remise", body: "Remise au **parquet**." },
        {
          locale: "en",
          title: 'Letter delivered <b>& signed</b> "today"',
          body: "Handed to the <script>alert(1)</script> prosecutor & more.",
        },
      ],
    });
    await insertCampaignUpdate(getDb(), {
      campaignId: campaign.id,
      publishedAt: null,
      translations: [{ locale: "en", title: "Unpublished draft update", body: "Not yet." }],
    });
    await insertCampaignUpdate(getDb(), {
      campaignId: campaign.id,
      publishedAt: new Date(Date.now() + 3 * day),
      translations: [{ locale: "en", title: "Future update", body: "Later." }],
    });
    await insertCampaignUpdate(getDb(), {
      campaignId: draft.id,
      publishedAt: new Date(Date.now() - day),
      translations: [{ locale: "en", title: "Update of a draft campaign", body: "Hidden." }],
    });
  });

  afterAll(() => setDb(undefined));

  it("lists public campaigns with titles per language, totals and prisoners", async () => {
    const all = await listOpenDataCampaigns();
    expect(all.campaigns.map((c) => c.slug)).toEqual([SLUG]);
    expect(all.campaigns[0]).toMatchObject({
      kind: "open_letter",
      status: "open",
      canonicalLocale: "fr",
      title: "Libérez Olga",
      titleLocale: "fr",
      titles: { fr: "Libérez Olga", en: "Free Olga" },
      total: 5,
      goal: 100,
      prisoners: [{ slug: "open-data-prisoner", name: "Olga Opendata", status: "sentenced" }],
      url: `http://localhost:3000/fr/campaigns/${SLUG}`,
    });
    const en = await listOpenDataCampaigns("en");
    expect(en.campaigns[0]).toMatchObject({ title: "Free Olga", titleLocale: "en" });
    const de = await listOpenDataCampaigns("de");
    expect(de.campaigns[0]).toMatchObject({ title: "Libérez Olga", titleLocale: "fr" });
    expectNoSecrets(JSON.stringify([all, en, de]));
  });

  it("gives one campaign's counts per group and per country, and nothing for drafts", async () => {
    const one = await getOpenDataCampaign(SLUG, "en");
    expect(one).toMatchObject({ total: 5, title: "Free Olga" });
    expect(one?.groups).toEqual([
      { key: "mathematicians", labels: { en: "Mathematicians", ru: "Математики" }, count: 3 },
      { key: "journalists", labels: { en: "Journalists" }, count: 1 },
    ]);
    // The "counted only" signer is in the total and `unlisted`, in no group or country count.
    expect(one?.countries).toEqual([
      { country: "FR", count: 2 },
      { country: "DE", count: 1 },
      { country: "RU", count: 1 },
    ]);
    expect(one?.unlisted).toBe(1);
    expect(one?.groups.reduce((sum, g) => sum + g.count, 0)).toBe(one!.total - one!.unlisted);
    expect(await getOpenDataCampaign("a-draft-campaign")).toBeNull();
    expect(await getOpenDataCampaign("no-such-campaign")).toBeNull();
    expectNoSecrets(JSON.stringify(one));
  });

  it("lists signatories exactly as visible as they chose, and never a hidden detail", async () => {
    const page = await signatoriesPage(SLUG, { page: 1 });
    expect(page).toMatchObject({ campaign: SLUG, total: 4, page: 1, pages: 1, pageSize: 100 });
    expect(page?.signatories).toEqual(
      expect.arrayContaining([
        {
          kind: "public",
          name: "Paulina Publicova",
          title: "Professor of Topology, Sorbonne",
          country: "FR",
          notable: true,
          group: "mathematicians",
        },
        {
          kind: "public",
          name: "Jules Journo",
          title: "Reporter, Le Monde",
          country: "DE",
          notable: false,
          group: "journalists",
        },
        { kind: "initials", initials: "I. Q.", country: "FR", group: "mathematicians" },
        { kind: "anonymous", country: "RU", group: "mathematicians" },
      ]),
    );
    expect(page?.signatories).toHaveLength(4);
    // Notable signers come first, as on the HTML page.
    expect(page?.signatories[0]).toMatchObject({ name: "Paulina Publicova" });
    for (const s of page?.signatories ?? []) {
      expect(Object.keys(s).sort()).toEqual(
        {
          public: ["country", "group", "kind", "name", "notable", "title"],
          initials: ["country", "group", "initials", "kind"],
          anonymous: ["country", "group", "kind"],
        }[s.kind],
      );
    }
    expectNoSecrets(JSON.stringify(page));
  });

  it("filters signatories by group and country, pages past the end are empty", async () => {
    const journalists = await signatoriesPage(SLUG, { group: "journalists", page: 1 });
    expect(journalists?.signatories.map((s) => s.kind === "public" && s.name)).toEqual(["Jules Journo"]);
    expect(journalists?.filter).toEqual({ group: "journalists", country: null });
    const russia = await signatoriesPage(SLUG, { country: "RU", page: 1 });
    expect(russia?.signatories).toEqual([{ kind: "anonymous", country: "RU", group: "mathematicians" }]);
    const nobody = await signatoriesPage(SLUG, { country: "JP", page: 1 });
    expect(nobody).toMatchObject({ total: 0, signatories: [] });
    const beyond = await signatoriesPage(SLUG, { page: 7 });
    expect(beyond).toMatchObject({ total: 4, page: 7, pages: 1, signatories: [] });
    expect(await listOpenDataSignatories(SLUG, { group: "astronauts", page: 1 })).toEqual({
      kind: "bad-request",
      details: ["group: one of mathematicians, journalists"],
    });
    expect(await listOpenDataSignatories("a-draft-campaign", { page: 1 })).toEqual({ kind: "not-found" });
  });

  it("rejects malformed query parameters as bad requests", () => {
    const parse = (query: string) => parseSignatoriesParams(new URLSearchParams(query));
    expect(parse("")).toEqual({ kind: "ok", value: { group: undefined, country: undefined, page: 1 } });
    expect(parse("group=journalists&country=de&page=3")).toEqual({
      kind: "ok",
      value: { group: "journalists", country: "DE", page: 3 },
    });
    for (const bad of ["page=0", "page=-1", "page=1.5", "page=abc", "page=99999999", "country=XYZ", "country=ZZ", "group=<x>"]) {
      expect(parse(bad), bad).toMatchObject({ kind: "bad-request", details: [expect.any(String)] });
    }
    expect(parseLangParam(new URLSearchParams("lang=uk"))).toEqual({ kind: "ok", value: "uk" });
    expect(parseLangParam(new URLSearchParams(""))).toEqual({ kind: "ok", value: undefined });
    expect(parseLangParam(new URLSearchParams("lang=xx"))).toMatchObject({ kind: "bad-request" });
  });

  it("gives the widget its title and count, and an escaped snippet", async () => {
    const widget = await loadEmbedWidget(SLUG, "en");
    expect(widget).toEqual({
      slug: SLUG,
      kind: "open_letter",
      status: "open",
      title: "Free Olga",
      titleLocale: "en",
      total: 5,
      goal: 100,
      signable: true,
    });
    expect(await loadEmbedWidget("a-draft-campaign", "en")).toBeNull();
    const snippet = embedSnippet({ locale: "en", slug: SLUG, title: 'Free "Olga" <now> & forever' });
    expect(snippet).toBe(
      `<iframe src="http://localhost:3000/embed/en/${SLUG}" title="Free &quot;Olga&quot; &lt;now&gt; &amp; forever" ` +
        `width="480" height="260" style="border:0;max-width:100%" loading="lazy"></iframe>`,
    );
  });

  it("puts published updates in the Atom feed in the reader's language, with the original as fallback", async () => {
    const en = await buildUpdatesFeed("en");
    expectWellFormedXml(en);
    expect(en).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(en).toContain("<title type=\"text\">Campaign updates — Undersigned</title>");
    expect(en).toContain(
      "<title type=\"text\">Letter delivered &lt;b&gt;&amp; signed&lt;/b&gt; &quot;today&quot;</title>",
    );
    expect(en).toContain(`href="http://localhost:3000/en/campaigns/${SLUG}"`);
    // Markdown is rendered with raw HTML escaped, then escaped again as XML text.
    expect(en).toContain("&amp;lt;script&amp;gt;");
    expect(en).not.toContain("<script");
    expect(en).not.toContain("Lettre remise");
    expect(en.match(/<entry/g)).toHaveLength(1);

    const de = await buildUpdatesFeed("de");
    expectWellFormedXml(de);
    expect(de).toContain("Neuigkeiten der Kampagnen — Undersigned");
    expect(de).toContain('<entry xml:lang="fr">');
    expect(de).toContain("Lettre remise");
    expect(de).toContain("&lt;strong&gt;parquet&lt;/strong&gt;");
    expect(de).toContain(`href="http://localhost:3000/de/campaigns/${SLUG}"`);

    const ru = await buildUpdatesFeed("ru");
    expect(ru).toContain("<title type=\"text\">Новости кампаний — Undersigned</title>");
    for (const feed of [en, de, ru]) expectNoSecrets(feed);
  });

  it("lists every public page in every language in the sitemap, with alternates", async () => {
    const xml = await buildSitemap();
    expectWellFormedXml(xml);
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    // home, one campaign, one prisoner — six languages each.
    expect(xml.match(/<url>/g)).toHaveLength(18);
    for (const lng of ["en", "ru", "fr", "de", "es", "uk"]) {
      expect(xml).toContain(`<loc>http://localhost:3000/${lng}</loc>`);
      expect(xml).toContain(`<loc>http://localhost:3000/${lng}/campaigns/${SLUG}</loc>`);
      expect(xml).toContain(`<loc>http://localhost:3000/${lng}/prisoners/open-data-prisoner</loc>`);
      expect(xml).toContain(
        `<xhtml:link rel="alternate" hreflang="${lng}" href="http://localhost:3000/${lng}/campaigns/${SLUG}"/>`,
      );
    }
    expect(xml).toContain(
      `<xhtml:link rel="alternate" hreflang="x-default" href="http://localhost:3000/campaigns/${SLUG}"/>`,
    );
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="x-default" href="http://localhost:3000/"/>');
    expect(xml).not.toContain("a-draft-campaign");
    expectNoSecrets(xml);
  });

  it("tells crawlers where the sitemap is and what to leave alone", () => {
    const robots = buildRobotsTxt();
    expect(robots).toContain("User-agent: *");
    expect(robots).toContain("Disallow: /dev/");
    expect(robots).toContain("Disallow: /api/");
    expect(robots).toContain("Disallow: /en/confirm/");
    expect(robots).toContain("Disallow: /uk/withdraw/");
    expect(robots).toContain("Sitemap: http://localhost:3000/sitemap.xml");
  });

  it("answers the JSON API with CORS, a minute of caching and JSON errors", async () => {
    const list = await fetchRoute(campaignsApi.loader as Loader, "/api/campaigns?lang=en");
    expect(list.status).toBe(200);
    expect(list.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(list.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(list.headers.get("Cache-Control")).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=300");
    expect(list.headers.get("X-Robots-Tag")).toBe("noindex");
    expect(JSON.parse(list.text).campaigns[0]).toMatchObject({ slug: SLUG, title: "Free Olga" });

    const badLang = await fetchRoute(campaignsApi.loader as Loader, "/api/campaigns?lang=xx");
    expect(badLang.status).toBe(400);
    expect(badLang.headers.get("Cache-Control")).toBe("no-store");
    expect(JSON.parse(badLang.text)).toEqual({ error: "bad_request", details: [expect.stringMatching(/^lang: /)] });

    const one = await fetchRoute(campaignApi.loader as Loader, `/api/campaigns/${SLUG}`, { slug: SLUG });
    expect(one.status).toBe(200);
    expect(JSON.parse(one.text)).toMatchObject({ slug: SLUG, total: 5 });
    const draft = await fetchRoute(campaignApi.loader as Loader, "/api/campaigns/a-draft-campaign", {
      slug: "a-draft-campaign",
    });
    expect(draft.status).toBe(404);
    expect(JSON.parse(draft.text)).toEqual({ error: "not_found" });

    const signatories = await fetchRoute(
      signatoriesApi.loader as Loader,
      `/api/campaigns/${SLUG}/signatories?group=journalists`,
      { slug: SLUG },
    );
    expect(signatories.status).toBe(200);
    const body = JSON.parse(signatories.text);
    expect(body).not.toHaveProperty("kind");
    expect(body).toMatchObject({ campaign: SLUG, total: 1, signatories: [{ name: "Jules Journo" }] });
    expectNoSecrets(signatories.text);
    const unknownGroup = await fetchRoute(
      signatoriesApi.loader as Loader,
      `/api/campaigns/${SLUG}/signatories?group=astronauts`,
      { slug: SLUG },
    );
    expect(unknownGroup.status).toBe(400);
    expect(JSON.parse(unknownGroup.text)).toEqual({
      error: "bad_request",
      details: ["group: one of mathematicians, journalists"],
    });
    const badPage = await fetchRoute(signatoriesApi.loader as Loader, `/api/campaigns/${SLUG}/signatories?page=0`, {
      slug: SLUG,
    });
    expect(badPage.status).toBe(400);
    const draftSignatories = await fetchRoute(
      signatoriesApi.loader as Loader,
      "/api/campaigns/a-draft-campaign/signatories",
      { slug: "a-draft-campaign" },
    );
    expect(draftSignatories.status).toBe(404);

    const preflight = await fetchRoute(campaignsApi.loader as Loader, "/api/campaigns", {}, {
      method: "OPTIONS",
      headers: { "Access-Control-Request-Headers": "X-Custom" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toBe("X-Custom");
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET, HEAD, OPTIONS");
  });

  it("serves the feed and the sitemap with their content types, cacheable as public pages", async () => {
    const feed = await fetchRoute(feedRoute.loader as Loader, "/feeds/en/updates.atom", { lang: "en" });
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    expect(feed.headers.get("Cache-Control")).toBe(PUBLIC_PAGE_CACHE);
    expect(feed.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    const sitemap = await fetchRoute(sitemapRoute.loader as Loader, "/sitemap.xml");
    expect(sitemap.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(sitemap.headers.get("Cache-Control")).toBe(PUBLIC_PAGE_CACHE);
    expect(sitemap.text).toContain("<urlset");
  });
});
