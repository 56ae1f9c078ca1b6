import { maskEmail } from "~/domain/email";
import type { Locale } from "~/domain/vocab";
import { queueMail } from "~/jobs/enqueue.server";
import { findCampaignTitle } from "~/models/organizer-members.server";
import type { Executor } from "~/utils/db.server";
import { createLoginLink, INVITATION_DAYS } from "./organizer-auth.server";
import { tryConsume } from "./rate-limit.server";

/**
 * Invitations, for a campaign's members and for new organizers alike: a one-time sign-in link
 * valid 7 days that lands on the campaign (after setting up TOTP, for a new account), mailed
 * in the invitee's language.
 */

/** A rule said no (answered with a clear 400). */
export type RefusalReason = "lastOwner" | "lastAdmin" | "cannotDisableSelf" | "alreadyActive" | "accountDisabled";

/** Creates the 7-day link and queues the invitation in the invitee's language. */
export async function sendInvitation(
  trx: Executor,
  invitee: { id: number; email: string; locale: Locale },
  inviterEmail: string,
  campaign: { id: number; slug: string } | null,
): Promise<void> {
  const campaignTitle = campaign
    ? ((await findCampaignTitle(trx, campaign.id, invitee.locale)) ?? campaign.slug)
    : null;
  const loginUrl = await createLoginLink(trx, invitee.id, {
    kind: "invitation",
    next: campaign ? `/organizer/campaigns/${campaign.slug}` : null,
    locale: invitee.locale,
  });
  await queueMail(trx, {
    kind: "organizer_invitation",
    locale: invitee.locale,
    to: invitee.email,
    data: { loginUrl, expiresInDays: INVITATION_DAYS, inviterEmail, campaignTitle },
  });
}

/**
 * Why an invitation may not be sent again, or null: a disabled account gets none, someone who
 * has signed in needs none, and re-sending is limited per invitee.
 */
export async function resendRefusal(target: {
  organizerId: number;
  email: string;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
}): Promise<{ kind: "refused"; reason: "accountDisabled" | "alreadyActive" } | { kind: "limited" } | null> {
  if (target.disabledAt) return { kind: "refused", reason: "accountDisabled" };
  if (target.lastLoginAt) return { kind: "refused", reason: "alreadyActive" };
  if (!(await invitationAllowed(target.organizerId, target.email))) return { kind: "limited" };
  return null;
}

/** Re-sending is limited per invitee (the `resend` limit: 5 an hour). */
export async function invitationAllowed(organizerId: number, email: string): Promise<boolean> {
  if (await tryConsume("resend", `invitation:${organizerId}`)) return true;
  console.info(`[organizer] invitation resend limit reached for ${maskEmail(email)}`);
  return false;
}
