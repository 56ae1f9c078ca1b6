import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, MIFTAKHOV_LETTER, test } from "./fixtures";

const SLUG = MIFTAKHOV_LETTER.replace("/campaigns/", "");

/** Another website: a plain server on another origin whose page carries the snippet. */
async function startOtherSite(snippet: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Friends of Azat</title>
<link rel="icon" href="data:,"></head><body><h1>Friends of Azat</h1><p>Please sign:</p>${snippet}</body></html>`;
  const server = http.createServer((req, res) => {
    if (req.url === "/") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(html);
    } else {
      res.writeHead(204);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test("another website embeds the widget: count, progress and a Sign link to the campaign", async ({
  page,
  baseURL,
}) => {
  // The organizer copies the snippet from the embed-code page, which previews it too.
  await page.goto(`/en${MIFTAKHOV_LETTER}/embed-code`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Put this campaign on your website");
  const snippet = await page.getByLabel("Code to copy").inputValue();
  expect(snippet).toMatch(
    new RegExp(`^<iframe src="${baseURL}/embed/en/${SLUG}" title="[^"]+" width="\\d+" height="\\d+" [^>]*></iframe>$`),
  );
  await expect(
    page.frameLocator("iframe").getByRole("link", { name: /^Sign the letter/ }),
    "the preview shows the widget",
  ).toBeVisible();

  const site = await startOtherSite(snippet);
  try {
    await page.goto(site.url);
    const widget = page.frameLocator("iframe");
    await expect(widget.getByRole("heading", { level: 1 })).toContainText("Azat Miftakhov");
    await expect(widget.getByText(/\d+ signatures/)).toBeVisible();
    await expect(widget.getByRole("progressbar")).toBeVisible();
    // No site header or footer inside the frame.
    await expect(widget.locator("header, footer")).toHaveCount(0);
    const sign = widget.getByRole("link", { name: /^Sign the letter/ });
    await expect(sign).toHaveAttribute("target", "_blank");
    await expect(sign).toHaveAttribute("href", `/en${MIFTAKHOV_LETTER}?ref=embed`);

    // The count in the widget is the campaign's total.
    const shown = Number((await widget.locator(".progress__count strong").innerText()).replace(/\D/g, ""));
    const api = await page.request.get(`/api/campaigns/${SLUG}`);
    expect(shown).toBe((await api.json()).total);

    // Signing opens the campaign in a new tab, tagged as coming from the widget.
    const [campaignTab] = await Promise.all([page.context().waitForEvent("page"), sign.click()]);
    await campaignTab.waitForLoadState();
    expect(campaignTab.url()).toBe(`${baseURL}/en${MIFTAKHOV_LETTER}?ref=embed`);
    await expect(campaignTab.getByRole("heading", { level: 1 })).toContainText("Azat Miftakhov");
    await campaignTab.close();

    // The API answers scripts on other sites (CORS).
    const fromOtherSite = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, body: (await response.json()) as { slug: string; total: number } };
    }, `${baseURL}/api/campaigns/${SLUG}`);
    expect(fromOtherSite.status).toBe(200);
    expect(fromOtherSite.body.slug).toBe(SLUG);
  } finally {
    await site.close();
  }
});

test("only the widget may be framed by other sites", async ({ request }) => {
  const embed = await request.get(`/embed/en/${SLUG}`);
  expect(embed.status()).toBe(200);
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(embed.headers()["content-security-policy"]).not.toContain("frame-ancestors 'none'");

  for (const path of [`/en${MIFTAKHOV_LETTER}`, `/en${MIFTAKHOV_LETTER}/embed-code`, "/en"]) {
    const response = await request.get(path);
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
  expect((await request.get("/embed/en/no-such-campaign")).status()).toBe(404);
});

test("the open-data API answers JSON with CORS and cache headers", async ({ request }) => {
  const one = await request.get(`/api/campaigns/${SLUG}`);
  expect(one.status()).toBe(200);
  expect(one.headers()["access-control-allow-origin"]).toBe("*");
  expect(one.headers()["content-type"]).toMatch(/^application\/json/);
  expect(one.headers()["cache-control"]).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=300");
  const campaign = await one.json();
  expect(campaign).toMatchObject({ slug: SLUG, kind: "open_letter" });
  expect(campaign.total).toBeGreaterThan(0);
  // Signers counted without being listed are in the total, never in a group or a country.
  expect(campaign.unlisted).toBeGreaterThan(0);
  expect(campaign.groups.reduce((sum: number, g: { count: number }) => sum + g.count, 0) + campaign.unlisted).toBe(
    campaign.total,
  );
  expect(campaign.countries.reduce((sum: number, c: { count: number }) => sum + c.count, 0) + campaign.unlisted).toBe(
    campaign.total,
  );
  expect(campaign.groups[0]).toMatchObject({ key: "mathematicians", labels: { en: "Mathematicians" } });

  const list = await (await request.get("/api/campaigns?lang=ru")).json();
  expect(list.campaigns.map((c: { slug: string }) => c.slug)).toContain(SLUG);

  const signatories = await request.get(`/api/campaigns/${SLUG}/signatories?group=mathematicians&page=1`);
  expect(signatories.status()).toBe(200);
  const body = await signatories.text();
  expect(body).not.toMatch(/@example\.org/);
  const parsed = JSON.parse(body);
  expect(parsed.signatories.length).toBeGreaterThan(0);
  expect(parsed.signatories.length).toBeLessThanOrEqual(parsed.pageSize);
  expect(parsed.signatories.every((s: { group: string }) => s.group === "mathematicians")).toBe(true);

  const missing = await request.get("/api/campaigns/no-such-campaign");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["access-control-allow-origin"]).toBe("*");
  expect(await missing.json()).toEqual({ error: "not_found" });
  expect((await request.get("/api/campaigns/no-such-campaign/signatories")).status()).toBe(404);

  for (const query of ["page=abc", "page=0", "country=XYZ", "group=nope"]) {
    const bad = await request.get(`/api/campaigns/${SLUG}/signatories?${query}`);
    expect(bad.status(), query).toBe(400);
    expect((await bad.json()).error, query).toBe("bad_request");
  }
  expect((await request.get("/api/campaigns?lang=xx")).status()).toBe(400);

  const preflight = await request.fetch(`/api/campaigns/${SLUG}`, {
    method: "OPTIONS",
    headers: { Origin: "https://friends.example", "Access-Control-Request-Method": "GET" },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-origin"]).toBe("*");
  expect(preflight.headers()["access-control-allow-methods"]).toContain("GET");
});

test("sitemap, robots.txt and the updates feed are served as what they are", async ({ page, request, baseURL }) => {
  await page.goto("/en");
  const parses = (xml: string) =>
    page.evaluate(
      (text) => new DOMParser().parseFromString(text, "application/xml").getElementsByTagName("parsererror").length,
      xml,
    );

  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  expect(sitemap.headers()["content-type"]).toMatch(/^application\/xml/);
  const xml = await sitemap.text();
  expect(await parses(xml)).toBe(0);
  expect(xml).toContain(`<loc>${baseURL}/fr${MIFTAKHOV_LETTER}</loc>`);
  expect(xml).toContain(`<loc>${baseURL}/uk/prisoners/azat-miftakhov</loc>`);
  expect(xml).toContain(`hreflang="x-default" href="${baseURL}${MIFTAKHOV_LETTER}"`);

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
  const text = await robots.text();
  expect(text).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  expect(text).toContain("Disallow: /api/");

  const feed = await request.get("/feeds/fr/updates.atom");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
  const atom = await feed.text();
  expect(await parses(atom)).toBe(0);
  expect(atom).toContain("Nouvelles des campagnes — Undersigned");
  expect((await request.get("/feeds/xx/updates.atom")).status()).toBe(404);
  // Pages name the feed of their language.
  await expect(page.locator('head link[type="application/atom+xml"]')).toHaveAttribute(
    "href",
    "/feeds/en/updates.atom",
  );
});
