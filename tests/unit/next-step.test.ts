import { describe, expect, it } from "vitest";
import { nextStep, nextStepPath, type CampaignProgress } from "~/domain/next-step";
import { LOCALES } from "~/domain/vocab";

/** An open campaign with nothing pending: every language, no queue, no signals, goal far away. */
const calm: CampaignProgress = {
  status: "open",
  goal: 1000,
  total: 10,
  heldForReview: 0,
  hasSignals: false,
  answered: false,
  textLocales: [...LOCALES],
};

describe("a campaign's next step", () => {
  it("is to share when nothing else is pending", () => {
    expect(nextStep(calm, "owner")).toEqual({ kind: "share" });
  });

  it("is to finish and publish a draft, before anything else", () => {
    expect(nextStep({ ...calm, status: "draft", heldForReview: 3, textLocales: ["en"] }, "owner")).toEqual({
      kind: "publish",
    });
  });

  it("puts signatures held for review before signals, delivery and translation", () => {
    const busy = { ...calm, heldForReview: 2, hasSignals: true, total: 2000, textLocales: ["en" as const] };
    expect(nextStep(busy, "editor").kind).toBe("review");
    expect(nextStep({ ...busy, heldForReview: 0 }, "editor").kind).toBe("signals");
    expect(nextStep({ ...busy, heldForReview: 0, hasSignals: false }, "editor").kind).toBe("deliver");
  });

  it("asks to deliver a closed letter, or an open one whose goal is reached", () => {
    expect(nextStep({ ...calm, status: "closed" }, "owner").kind).toBe("deliver");
    expect(nextStep({ ...calm, total: 1000 }, "owner").kind).toBe("deliver");
    expect(nextStep({ ...calm, total: 999 }, "owner").kind).toBe("share");
    expect(nextStep({ ...calm, goal: null, total: 5000 }, "owner").kind).toBe("share");
  });

  it("asks for the answer of a delivered letter until one is recorded", () => {
    expect(nextStep({ ...calm, status: "delivered" }, "owner").kind).toBe("answer");
    expect(nextStep({ ...calm, status: "delivered", answered: true }, "owner").kind).toBe("share");
    // Old signals no longer matter once the letter is delivered.
    expect(nextStep({ ...calm, status: "delivered", answered: true, hasSignals: true }, "owner").kind).toBe("share");
  });

  it("asks for the first language without a text, on an open campaign only", () => {
    expect(nextStep({ ...calm, textLocales: ["ru", "en", "fr"] }, "owner")).toEqual({
      kind: "translate",
      locale: "de",
    });
    expect(nextStep({ ...calm, status: "delivered", answered: true, textLocales: ["ru"] }, "owner").kind).toBe("share");
  });

  it("skips what the role may not do", () => {
    const draft = { ...calm, status: "draft" as const, heldForReview: 1 };
    expect(nextStep(draft, "moderator").kind).toBe("review");
    expect(nextStep(draft, "viewer").kind).toBe("share");
    expect(nextStep({ ...calm, status: "closed", hasSignals: true }, "moderator").kind).toBe("signals");
    expect(nextStep({ ...calm, status: "closed" }, "moderator").kind).toBe("share");
    expect(nextStep({ ...calm, status: "closed" }, "admin").kind).toBe("deliver");
  });

  it("leads to the page where the step is done", () => {
    const slug = "free-someone";
    expect(nextStepPath({ kind: "review" }, slug, "en")).toBe(`/organizer/campaigns/${slug}/signatures?review=held`);
    expect(nextStepPath({ kind: "translate", locale: "uk" }, slug, "en")).toBe(`/organizer/campaigns/${slug}/texts/uk`);
    expect(nextStepPath({ kind: "answer" }, slug, "en")).toBe(`/organizer/campaigns/${slug}/delivery`);
    expect(nextStepPath({ kind: "share" }, slug, "ru")).toBe(`/ru/campaigns/${slug}`);
  });
});
