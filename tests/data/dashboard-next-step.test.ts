import { expect, it } from "vitest";
import { LOCALES, type CampaignStatus, type MemberRole } from "~/domain/vocab";
import { addMember, upsertOrganizer } from "~/models/organizer.server";
import * as route from "~/routes/organizer-dashboard";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { get, run, signedIn } from "../organizer-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";

type Dashboard = Awaited<ReturnType<typeof route.loader>>;

/**
 * The dashboard's "next step" (issue 16) comes from each campaign's state, read for every
 * card at once: held signatures, a burst from one address hash, delivery, the answer, the
 * languages of the letter.
 */
describeEachDatabase("dashboard next step", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  const held = { state: "pending" as const, verified_at: null, review_reason: "captcha_unverified", email_confirmed_at: new Date() };

  async function campaign(status: CampaignStatus, opts: { everyLanguage?: boolean } = {}) {
    return createCampaign(getDb(), {
      status,
      translations: (opts.everyLanguage ? LOCALES : (["en"] as const)).map((locale) => ({
        locale,
        status: locale === "en" ? ("original" as const) : ("reviewed" as const),
        title: `Free the test prisoner (${locale})`,
        summary: "Summary.",
        body: "We ask.",
      })),
    });
  }

  it("suggests, card by card, what the campaign's state asks for", async () => {
    const db = getDb();
    const translate = await campaign("open");
    const review = await campaign("open", { everyLanguage: true });
    const signals = await campaign("open", { everyLanguage: true });
    const oldBurst = await campaign("open", { everyLanguage: true });
    const deliver = await campaign("closed", { everyLanguage: true });
    const answer = await campaign("delivered", { everyLanguage: true });
    const share = await campaign("open", { everyLanguage: true });
    const draft = await campaign("draft");

    // Eleven from one address hash within 200 seconds, at the start of a 10-minute bucket.
    const anHourAgo = new Date(Math.floor((Date.now() - 3_600_000) / 600_000) * 600_000);
    const burst = (c: typeof signals, at: Date) =>
      Array.from({ length: 11 }, (_, i) =>
        signatureRow(c, { ip_hash: "burst-hash", created_at: new Date(at.getTime() + i * 20_000) }),
      );
    await addSignatures(db, [
      ...Array.from({ length: 3 }, () => signatureRow(review, held)),
      // Held but never confirmed: not in the review queue yet.
      signatureRow(share, { ...held, email_confirmed_at: null }),
      ...burst(signals, anHourAgo),
      ...burst(oldBurst, new Date(Date.now() - 8 * 86_400_000)),
      // Ten from one hash is the threshold, not above it.
      ...burst(share, anHourAgo).slice(1),
    ]);

    const organizer = await upsertOrganizer(db, { email: `next-step-${Date.now()}@example.org`, isAdmin: false });
    const all = { translate, review, signals, oldBurst, deliver, answer, share };
    for (const c of Object.values(all)) await addMember(db, c.id, organizer.id, "owner");
    await addMember(db, draft.id, organizer.id, "moderator" satisfies MemberRole);

    const page = await run<Dashboard>(route.loader, get("/organizer", await signedIn(db, organizer.id)));
    expect(page.status).toBe(200);
    const bySlug = new Map(page.body.campaigns.map((c) => [c.slug, c]));
    const next = (c: { slug: string }) => bySlug.get(c.slug)?.next;

    expect(next(translate)).toEqual({ kind: "translate", locale: "ru" });
    expect(next(review)).toEqual({ kind: "review" });
    expect(bySlug.get(review.slug)?.heldForReview).toBe(3);
    // Each card's count is its own campaign's verified total (held and pending ones not counted).
    expect(bySlug.get(signals.slug)?.total).toBe(11);
    expect(bySlug.get(share.slug)?.total).toBe(10);
    expect(bySlug.get(review.slug)?.total).toBe(0);
    expect(next(signals)).toEqual({ kind: "signals" });
    expect(next(oldBurst)).toEqual({ kind: "share" });
    expect(next(deliver)).toEqual({ kind: "deliver" });
    expect(next(answer)).toEqual({ kind: "answer" });
    expect(next(share)).toEqual({ kind: "share" });
    // A moderator of a draft cannot publish it: the next step that is theirs.
    expect(next(draft)).toEqual({ kind: "share" });
  });
});
