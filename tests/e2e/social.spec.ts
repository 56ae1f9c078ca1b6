import { expect, MIFTAKHOV_LETTER, test } from "./fixtures";

const LANGUAGES = ["en", "ru", "fr", "de", "es", "uk"] as const;
const OG_LOCALES: Record<(typeof LANGUAGES)[number], string> = {
  en: "en_US",
  ru: "ru_RU",
  fr: "fr_FR",
  de: "de_DE",
  es: "es_ES",
  uk: "uk_UA",
};

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The <meta> tags of the document head, by property or name (all values, in order). */
function headMeta(html: string): Map<string, string[]> {
  const head = html.slice(0, html.indexOf("</head>"));
  const tags = new Map<string, string[]>();
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/g)) {
    const attributes = Object.fromEntries(
      [...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [name, decodeEntities(value ?? "")]),
    );
    const key = attributes.property ?? attributes.name;
    if (key && attributes.content !== undefined) tags.set(key, [...(tags.get(key) ?? []), attributes.content]);
  }
  return tags;
}

function h1Text(html: string): string {
  const inner = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "";
  return decodeEntities(inner.replace(/<[^>]+>/g, "")).trim();
}

for (const lng of LANGUAGES) {
  test(`the ${lng} campaign page shares a large card in ${lng}`, async ({ request }) => {
    const response = await request.get(`/${lng}${MIFTAKHOV_LETTER}`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    const meta = headMeta(html);
    const one = (key: string) => {
      const values = meta.get(key) ?? [];
      expect(values, key).toHaveLength(1);
      return values[0]!;
    };

    const title = h1Text(html);
    expect(title.length).toBeGreaterThan(0);
    expect(one("og:title")).toBe(title);
    expect(one("twitter:title")).toBe(title);
    expect(one("og:locale")).toBe(OG_LOCALES[lng]);
    expect((meta.get("og:locale:alternate") ?? []).sort()).toEqual(
      LANGUAGES.filter((l) => l !== lng)
        .map((l) => OG_LOCALES[l])
        .sort(),
    );
    expect(one("twitter:card")).toBe("summary_large_image");
    expect(one("og:image:width")).toBe("1200");
    expect(one("og:image:height")).toBe("630");
    expect(one("og:image:alt").length).toBeGreaterThan(0);

    const image = one("og:image");
    expect(new URL(image).pathname).toBe(`/${lng}${MIFTAKHOV_LETTER}/card.png`);
    expect(one("twitter:image")).toBe(image);
    const png = await request.get(image);
    expect(png.status()).toBe(200);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect(png.headers()["cache-control"]).toContain("max-age=300");
    const body = await png.body();
    expect(body.subarray(1, 4).toString("latin1")).toBe("PNG");
  });
}

test("an unknown campaign has no card and no QR code", async ({ request }) => {
  for (const path of ["card.png", "qr.svg", "qr.png"]) {
    expect((await request.get(`/en/campaigns/no-such-campaign/${path}`)).status(), path).toBe(404);
  }
});

test("the poster shows a QR code that loads and a print button", async ({ page, request }) => {
  const qr = await request.get(`/ru${MIFTAKHOV_LETTER}/qr.svg`);
  expect(qr.status()).toBe(200);
  expect(qr.headers()["content-type"]).toContain("image/svg+xml");

  await page.goto(`/ru${MIFTAKHOV_LETTER}/poster`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Мифтахов");
  const image = page.locator(".poster__qr img");
  await expect(image).toHaveAttribute("src", `/ru${MIFTAKHOV_LETTER}/qr.svg`);
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(page.getByText("Отсканируйте, чтобы подписать")).toBeVisible();
  await expect(page.getByRole("button", { name: "Распечатать плакат" })).toBeVisible();

  // On paper, only the poster: no site header, footer or print button.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Распечатать плакат" })).toBeHidden();
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator(".site-footer")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(image).toBeVisible();
});
