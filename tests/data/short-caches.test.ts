import { afterAll, beforeAll, expect, it } from "vitest";
import { changeCampaignStatus } from "~/models/campaign-settings.server";
import { upsertOrganizer } from "~/models/organizer.server";
import { changeStatus } from "~/services/campaign-settings.server";
import { getOpenDataCampaign, listOpenDataCampaigns, OPEN_DATA_TTL_MS } from "~/services/open-data-api.server";
import { loadEmbedWidget } from "~/services/open-data.server";
import type { CampaignAccess } from "~/services/organizer-sessions.server";
import { campaignCardPng } from "~/services/share-images.server";
import { SIGNING_CONTEXT_TTL_MS } from "~/services/signing-context.server";
import { submitSignature } from "~/services/signing.server";
import { resetConfig } from "~/utils/env.server";
import { clearShortCaches } from "~/utils/short-cache.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { freshIps, signatureForm, validFields } from "../signing-helpers";

/**
 * The companions of the data tests that run with NODE_ENV=test (where every short cache is
 * bypassed): here the caches are on, as in production, and what the README promises of them
 * holds — counts at most about a second old and then right, and a campaign closed a moment
 * ago refusing signatures. Waits are for staleness to expire; nothing asserts a speed.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freshIp = freshIps(77);

describeEachDatabase("short caches, on as in production", (getDb, kind, info) => {
  useAppServices(getDb, info);

  beforeAll(() => {
    process.env.NODE_ENV = "development";
    resetConfig();
    clearShortCaches();
  });

  afterAll(() => {
    process.env.NODE_ENV = "test";
    resetConfig();
    clearShortCaches();
  });

  it("the API, the widget and the card show a count at most about a second old, then the new one", async () => {
    const campaign = await createCampaign(getDb(), { slug: `cached-counts-${kind}` });
    await addSignatures(getDb(), [signatureRow(campaign), signatureRow(campaign), signatureRow(campaign)]);

    const api = await getOpenDataCampaign(campaign.slug);
    const readAt = performance.now();
    const listed = await listOpenDataCampaigns();
    const widget = await loadEmbedWidget(campaign.slug, "en");
    const card = await campaignCardPng(campaign.slug, "en");
    expect(api?.total).toBe(3);
    expect(listed.campaigns.find((c) => c.slug === campaign.slug)?.total).toBe(3);
    expect(widget?.total).toBe(3);

    // Two more verified signatures (the counters follow in the same step).
    await addSignatures(getDb(), [signatureRow(campaign), signatureRow(campaign)]);
    const soon = {
      api: (await getOpenDataCampaign(campaign.slug))?.total,
      widget: (await loadEmbedWidget(campaign.slug, "en"))?.total,
      card: await campaignCardPng(campaign.slug, "en"),
    };
    // Within the second, every reader shares the answer already loaded (a machine too slow
    // to ask again within it can only check the second half).
    if (performance.now() - readAt < OPEN_DATA_TTL_MS * 0.8) {
      expect(soon.api).toBe(3);
      expect(soon.widget).toBe(3);
      expect(soon.card?.equals(card!)).toBe(true);
    }

    // Once the second has passed, the next reader gets the new count everywhere.
    await sleep(OPEN_DATA_TTL_MS + 100);
    expect((await getOpenDataCampaign(campaign.slug))?.total).toBe(5);
    expect((await listOpenDataCampaigns()).campaigns.find((c) => c.slug === campaign.slug)?.total).toBe(5);
    expect((await loadEmbedWidget(campaign.slug, "en"))?.total).toBe(5);
    const fresh = await campaignCardPng(campaign.slug, "en");
    expect(fresh?.equals(card!)).toBe(false);
  });

  it("a campaign closed a moment ago refuses signatures in the process that closed it", async () => {
    const campaign = await createCampaign(getDb(), { slug: `closing-now-${kind}` });
    const organizer = await upsertOrganizer(getDb(), { email: `closer-${kind}@example.org`, isAdmin: false });
    const access: CampaignAccess = {
      organizer: { id: organizer.id, email: `closer-${kind}@example.org`, locale: "en", isAdmin: false },
      campaign: { id: campaign.id, slug: campaign.slug, canonicalLocale: "en" },
      role: "owner",
    };
    const sign = () => submitSignature(campaign.slug, "en", signatureForm(validFields()), freshIp());

    // A first signature loads the campaign into this process's signing context.
    expect(await sign()).toEqual({ kind: "accepted" });
    expect(await changeStatus(access, "closed")).toMatchObject({ kind: "statusChanged", to: "closed" });
    expect(await sign()).toEqual({ kind: "not-open" });

    // Reopened here: accepted again at once.
    expect(await changeStatus(access, "open")).toMatchObject({ kind: "statusChanged", to: "open" });
    expect(await sign()).toEqual({ kind: "accepted" });
  });

  it("closed by another process, it refuses signatures here within the signing context's 5 seconds", async () => {
    const campaign = await createCampaign(getDb(), { slug: `closed-elsewhere-${kind}` });
    const sign = () => submitSignature(campaign.slug, "en", signatureForm(validFields()), freshIp());
    expect(await sign()).toEqual({ kind: "accepted" });
    const loadedAt = performance.now();

    // Another instance closes it: this process is not told (README, "Performance").
    expect(await changeCampaignStatus(getDb(), campaign.id, "open", "closed")).toBeTruthy();
    const meanwhile = await sign();
    if (performance.now() - loadedAt < SIGNING_CONTEXT_TTL_MS * 0.8) expect(meanwhile).toEqual({ kind: "accepted" });

    await sleep(SIGNING_CONTEXT_TTL_MS + 100);
    expect(await sign()).toEqual({ kind: "not-open" });
  });
});
