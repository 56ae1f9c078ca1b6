import { expect, it } from "vitest";
import * as route from "~/routes/organizer-signals";
import {
  DEMO_BURST_IP_HASH,
  DEMO_BURST_SIZE,
  DEMO_LOOKALIKE_NAME,
  DEMO_NOTABLE_NAME,
} from "../../db/seeds/demo-signals";
import { seedDemo } from "../../db/seeds/demo";
import { demoCampaigns } from "../../db/seeds/demo-content";
import { get, run, signedInMember } from "../organizer-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";

/** The demo shows what the abuse-signals page is for: a burst, a look-alike, a claim, a throwaway domain. */
describeEachDatabase("demo abuse signals", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  it("seeds a burst from one IP hash and a look-alike of a notable name that the signals page finds", async () => {
    await seedDemo(getDb());
    const slug = demoCampaigns[0]!.slug;
    const campaign = await getDb().selectFrom("campaigns").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    const token = await signedInMember(getDb(), campaign.id, "moderator");
    const page = await run<Awaited<ReturnType<typeof route.loader>>>(
      route.loader,
      get(`/organizer/campaigns/${slug}/signals`, token),
      slug,
    );
    expect(page.status).toBe(200);
    const signals = page.body;
    // Fourteen within seven minutes from one IP hash: above the default threshold of 10.
    expect(signals.ipBursts).toEqual([
      expect.objectContaining({ key: DEMO_BURST_IP_HASH, peak: DEMO_BURST_SIZE, total: DEMO_BURST_SIZE }),
    ]);
    expect(signals.imitations).toEqual([expect.objectContaining({ fullName: DEMO_LOOKALIKE_NAME, match: DEMO_NOTABLE_NAME })]);
    expect(signals.claims.map((c) => c.match)).toEqual(["fields medal"]);
    expect(signals.disposable).toEqual([{ domain: "mailinator.com", count: DEMO_BURST_SIZE }]);
    // The look-alike is not the real name: a Cyrillic letter hides in it.
    expect(DEMO_LOOKALIKE_NAME).not.toBe(DEMO_NOTABLE_NAME);

    // The other demo campaigns stay clean.
    for (const other of demoCampaigns.slice(1)) {
      const id = (await getDb().selectFrom("campaigns").select("id").where("slug", "=", other.slug).executeTakeFirstOrThrow()).id;
      const otherToken = await signedInMember(getDb(), id, "moderator");
      const quiet = await run<Awaited<ReturnType<typeof route.loader>>>(
        route.loader,
        get(`/organizer/campaigns/${other.slug}/signals`, otherToken),
        other.slug,
      );
      expect(quiet.body.ipBursts).toEqual([]);
      expect(quiet.body.imitations).toEqual([]);
    }
  }, 120_000);
});
