import { can, type CampaignAbility, type CampaignRole } from "./permissions";
import { LOCALES, type CampaignStatus, type Locale } from "./vocab";

/**
 * The next thing to do on a campaign, as the dashboard's card suggests it: the first of these
 * that applies and that the organizer's role may do.
 *
 * 1. publish   — a draft: finish the text and settings, then open it.
 * 2. review    — confirmed signatures held for review: their signers are waiting.
 * 3. signals   — an address hash or mail domain busier than usual: check before the count grows.
 * 4. deliver   — closed, or the goal reached, and not delivered yet: hand the letter over.
 * 5. answer    — delivered, no answer recorded yet: record it (or the deadline for one).
 * 6. translate — open, and a language of the site has no text of the letter yet.
 * 7. share     — nothing pressing: bring more signers.
 *
 * People waiting (2) and the count's honesty (3) come before the milestones (4, 5); reach
 * (6, 7) comes last. A step the role may not do is skipped, so a moderator of a draft or a
 * viewer is pointed to the next step that is theirs (sharing is everyone's).
 */
export const NEXT_STEP_KINDS = ["publish", "review", "signals", "deliver", "answer", "translate", "share"] as const;
export type NextStepKind = (typeof NEXT_STEP_KINDS)[number];

export interface CampaignProgress {
  status: CampaignStatus;
  goal: number | null;
  total: number;
  /** Confirmed signatures held for review. */
  heldForReview: number;
  /** Whether some address hash or mail domain signed more than the burst threshold lately. */
  hasSignals: boolean;
  /** Whether an answer (or its date) is recorded for a delivered letter. */
  answered: boolean;
  /** The languages the letter has a text in. */
  textLocales: readonly Locale[];
}

export type NextStep =
  | { kind: Exclude<NextStepKind, "translate"> }
  | {
      kind: "translate";
      /** The first language without a text, in the site's order. */
      locale: Locale;
    };

const ABILITY: Record<NextStepKind, CampaignAbility> = {
  publish: "edit",
  review: "moderate",
  signals: "moderate",
  deliver: "edit",
  answer: "edit",
  translate: "edit",
  share: "view",
};

function applicable(p: CampaignProgress): NextStep[] {
  const steps: NextStep[] = [];
  if (p.status === "draft") steps.push({ kind: "publish" });
  if (p.heldForReview > 0) steps.push({ kind: "review" });
  if (p.hasSignals && p.status !== "delivered") steps.push({ kind: "signals" });
  const goalReached = p.goal !== null && p.goal > 0 && p.total >= p.goal;
  if (p.status === "closed" || (p.status === "open" && goalReached)) steps.push({ kind: "deliver" });
  if (p.status === "delivered" && !p.answered) steps.push({ kind: "answer" });
  const missing = p.status === "open" ? LOCALES.find((l) => !p.textLocales.includes(l)) : undefined;
  if (missing) steps.push({ kind: "translate", locale: missing });
  steps.push({ kind: "share" });
  return steps;
}

/** The campaign's next step for someone in `role`. */
export function nextStep(progress: CampaignProgress, role: CampaignRole): NextStep {
  return applicable(progress).find((step) => can(role, ABILITY[step.kind])) ?? { kind: "share" };
}

/** Where a step is done, as a path under /organizer/campaigns/<slug>/ (share: the public page). */
export function nextStepPath(step: NextStep, slug: string, uiLocale: Locale): string {
  const base = `/organizer/campaigns/${slug}`;
  switch (step.kind) {
    case "publish":
      return `${base}/settings`;
    case "review":
      return `${base}/signatures?review=held`;
    case "signals":
      return `${base}/signals`;
    case "deliver":
    case "answer":
      return `${base}/delivery`;
    case "translate":
      return `${base}/texts/${step.locale}`;
    case "share":
      return `/${uiLocale}/campaigns/${slug}`;
  }
}
