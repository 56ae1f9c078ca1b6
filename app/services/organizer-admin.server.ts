import type { Locale } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import {
  findOrCreateOrganizer,
  listOrganizersWithCampaignCounts,
  lockEnabledAdmins,
  setOrganizerDisabled,
} from "~/models/organizer-members.server";
import {
  deleteSessionsOf,
  deleteUnusedLoginTokensOf,
  findOrganizerById,
  upsertOrganizer,
} from "~/models/organizer.server";
import { getDb } from "~/utils/db.server";
import { type RefusalReason, resendRefusal, sendInvitation } from "./organizer-invitations.server";
import type { SignedInOrganizer } from "./organizer-sessions.server";

/**
 * The platform admins' administration of organizer accounts: the list of organizers,
 * invitations without a campaign (optionally as a platform admin), disabling and enabling
 * accounts, and the command line's `organizer:create`. The route lets only platform admins
 * in (requireAdmin); every operation also answers "not-found" to anyone else.
 */

export interface OrganizerRow {
  id: number;
  email: string;
  isAdmin: boolean;
  lastLoginAt: string | null;
  disabled: boolean;
  campaigns: number;
}

export interface OrganizersPage {
  me: number;
  organizers: OrganizerRow[];
}

export type InviteOrganizerResult =
  | { kind: "invited"; email: string; created: true }
  | { kind: "invalid"; errors: { email: "alreadyExists" } }
  | { kind: "not-found" };

export type DisableOrganizerResult =
  | { kind: "disabled"; email: string; sessionsEnded: number }
  | { kind: "refused"; reason: Extract<RefusalReason, "cannotDisableSelf" | "lastAdmin"> }
  | { kind: "not-found" };

export type EnableOrganizerResult = { kind: "enabled"; email: string } | { kind: "not-found" };

export type ResendOrganizerInvitationResult =
  | { kind: "resent"; email: string }
  | { kind: "refused"; reason: Extract<RefusalReason, "alreadyActive" | "accountDisabled"> }
  | { kind: "limited" }
  | { kind: "not-found" };

/** Every organizer, admins first; null for anyone but a platform admin. */
export async function loadOrganizersPage(admin: SignedInOrganizer): Promise<OrganizersPage | null> {
  if (!admin.isAdmin) return null;
  const rows = await listOrganizersWithCampaignCounts(getDb());
  return {
    me: admin.id,
    organizers: rows.map((r) => ({
      id: r.id,
      email: r.email,
      isAdmin: r.is_admin,
      lastLoginAt: r.last_login_at?.toISOString() ?? null,
      disabled: r.disabled_at !== null,
      campaigns: Number(r.campaigns),
    })),
  };
}

/** Invites a new organizer (optionally a platform admin) with the same mail, without a campaign. */
export async function inviteOrganizer(
  admin: SignedInOrganizer,
  input: { email: string; admin: boolean; locale: Locale },
): Promise<InviteOrganizerResult> {
  if (!admin.isAdmin) return { kind: "not-found" };
  return getDb()
    .transaction()
    .execute(async (trx): Promise<InviteOrganizerResult> => {
      const invitee = await findOrCreateOrganizer(trx, {
        email: input.email,
        locale: input.locale,
        isAdmin: input.admin,
      });
      if (!invitee.created) return { kind: "invalid", errors: { email: "alreadyExists" } };
      await sendInvitation(trx, invitee, admin.email, null);
      await insertAudit(trx, {
        organizerId: admin.id,
        campaignId: null,
        action: "organizers.invited",
        subjectType: "organizer",
        subjectId: invitee.id,
        details: { admin: input.admin },
      });
      return { kind: "invited", email: invitee.email, created: true };
    });
}

/**
 * Disables an account: it cannot sign in, its sessions end at once and its unused links
 * stop working. Never oneself, never the last admin who can still sign in.
 */
export async function disableOrganizer(
  admin: SignedInOrganizer,
  { organizerId }: { organizerId: number },
): Promise<DisableOrganizerResult> {
  if (!admin.isAdmin) return { kind: "not-found" };
  if (organizerId === admin.id) return { kind: "refused", reason: "cannotDisableSelf" };
  return getDb()
    .transaction()
    .execute(async (trx): Promise<DisableOrganizerResult> => {
      const admins = await lockEnabledAdmins(trx);
      const target = await findOrganizerById(trx, organizerId, { forUpdate: true });
      if (!target) return { kind: "not-found" };
      if (target.disabled_at) return { kind: "disabled", email: target.email, sessionsEnded: 0 };
      if (target.is_admin && admins.filter((id) => id !== organizerId).length === 0) {
        return { kind: "refused", reason: "lastAdmin" };
      }
      await setOrganizerDisabled(trx, organizerId, new Date());
      const sessionsEnded = await deleteSessionsOf(trx, organizerId);
      const linksDropped = await deleteUnusedLoginTokensOf(trx, organizerId);
      await insertAudit(trx, {
        organizerId: admin.id,
        campaignId: null,
        action: "organizers.disabled",
        subjectType: "organizer",
        subjectId: organizerId,
        details: { sessionsEnded, linksDropped },
      });
      return { kind: "disabled", email: target.email, sessionsEnded };
    });
}

/** Lets a disabled account sign in again (it asks for a new link). */
export async function enableOrganizer(
  admin: SignedInOrganizer,
  { organizerId }: { organizerId: number },
): Promise<EnableOrganizerResult> {
  if (!admin.isAdmin) return { kind: "not-found" };
  return getDb()
    .transaction()
    .execute(async (trx): Promise<EnableOrganizerResult> => {
      const target = await findOrganizerById(trx, organizerId, { forUpdate: true });
      if (!target) return { kind: "not-found" };
      if (!target.disabled_at) return { kind: "enabled", email: target.email };
      await setOrganizerDisabled(trx, organizerId, null);
      await insertAudit(trx, {
        organizerId: admin.id,
        campaignId: null,
        action: "organizers.enabled",
        subjectType: "organizer",
        subjectId: organizerId,
      });
      return { kind: "enabled", email: target.email };
    });
}

/** A new invitation link (to the dashboard) for an organizer who has never signed in (rate-limited). */
export async function resendOrganizerInvitation(
  admin: SignedInOrganizer,
  { organizerId }: { organizerId: number },
): Promise<ResendOrganizerInvitationResult> {
  if (!admin.isAdmin) return { kind: "not-found" };
  const target = await findOrganizerById(getDb(), organizerId);
  if (!target) return { kind: "not-found" };
  const refusal = await resendRefusal({
    organizerId,
    email: target.email,
    disabledAt: target.disabled_at,
    lastLoginAt: target.last_login_at,
  });
  if (refusal) return refusal;
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await sendInvitation(trx, { id: target.id, email: target.email, locale: target.locale }, admin.email, null);
      await insertAudit(trx, {
        organizerId: admin.id,
        campaignId: null,
        action: "organizers.invitation_resent",
        subjectType: "organizer",
        subjectId: organizerId,
      });
    });
  return { kind: "resent", email: target.email };
}

// ---------------------------------------------------------------------------------------
// Command line

/** `npm run organizer:create -- <email> [--admin]`: creates an organizer or promotes one. */
export async function createOrganizerFromCli(args: string[]): Promise<number> {
  const isAdmin = args.includes("--admin");
  const email = args.find((a) => !a.startsWith("--"))?.trim() ?? "";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    console.error("Usage: organizer-create <email> [--admin]");
    return 2;
  }
  const result = await upsertOrganizer(getDb(), { email, isAdmin });
  if (result.created) {
    console.info(`Created organizer ${email}${isAdmin ? " (platform admin)" : ""}. Sign in at /organizer/login.`);
  } else if (result.promoted) {
    console.info(`Promoted existing organizer ${email} to platform admin.`);
  } else {
    console.info(`Organizer ${email} already exists; nothing changed.`);
  }
  return 0;
}
