import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaignCardPng, campaignQr } from "~/services/share-images.server";
import { setDb } from "~/utils/db.server";
import { describeEachDatabase } from "../setup/databases";
import { addSignatures, createCampaign, createPrisoner, signatureRow } from "../factories";

function decode(png: Buffer) {
  return PNG.sync.read(png);
}

describeEachDatabase("share images", (getDb, kind) => {
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  // Rendered cards are cached per process: each database gets slugs of its own, so both really render.
  const slug = `free-azat-card-${kind}`;
  const draft = `a-draft-card-${kind}`;

  beforeAll(async () => {
    setDb(getDb());
    const prisoner = await createPrisoner(getDb(), { name: "Azat Test" });
    campaign = await createCampaign(getDb(), {
      slug,
      prisonerIds: [prisoner.id],
      goal: 100,
      translations: [
        { locale: "en", status: "original", title: "Free Azat", summary: "Summary.", body: "We ask." },
        { locale: "ru", status: "machine", title: "Свободу Азату", summary: "", body: "Мы требуем." },
      ],
    });
    await addSignatures(getDb(), [signatureRow(campaign), signatureRow(campaign)]);
    await createCampaign(getDb(), { slug: draft, status: "draft" });
  });

  afterAll(() => setDb(undefined));

  it("renders a 1200×630 PNG per language, falling back to the canonical title", async () => {
    const en = await campaignCardPng(slug, "en");
    const ru = await campaignCardPng(slug, "ru");
    // German has no translation: the card falls back to the canonical English title.
    const de = await campaignCardPng(slug, "de");
    for (const png of [en, ru, de]) {
      expect(png).not.toBeNull();
      const image = decode(png!);
      expect([image.width, image.height]).toEqual([1200, 630]);
    }
    expect(decode(ru!).data.equals(decode(en!).data)).toBe(false);
  });

  it("serves the same render while the count stays, and a new one when it moves", async () => {
    const before = await campaignCardPng(slug, "en");
    expect(await campaignCardPng(slug, "en")).toBe(before);

    await addSignatures(getDb(), [signatureRow(campaign), signatureRow(campaign, { group: "journalists" })]);
    const after = await campaignCardPng(slug, "en");
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    const [a, b] = [decode(before!), decode(after!)];
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    expect(b.data.equals(a.data)).toBe(false);
  });

  it("has no card and no QR code for unknown campaigns or drafts", async () => {
    expect(await campaignCardPng("no-such-campaign", "en")).toBeNull();
    expect(await campaignCardPng(draft, "en")).toBeNull();
    expect(await campaignQr("no-such-campaign", "en", "png")).toBeNull();
    expect(await campaignQr(draft, "fr", "svg")).toBeNull();
  });

  it("makes a QR code that scans back to the campaign page in that language, tagged ref=qr", async () => {
    for (const locale of ["en", "ru"] as const) {
      const png = await campaignQr(slug, locale, "png");
      expect(png).not.toBeNull();
      const image = decode(png!);
      const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      expect(code?.data).toBe(`http://localhost:3000/${locale}/campaigns/${slug}?ref=qr`);
    }
    const svg = await campaignQr(slug, "en", "svg");
    expect(svg?.trimStart()).toMatch(/^<svg[\s>]/);
    expect(svg).toContain("</svg>");
  });
});
