import { can } from "~/domain/permissions";
import type { Locale, MemberRole } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import {
  deleteMember,
  findCampaignTitle,
  findOrCreateOrganizer,
  listCampaignMembers,
  setMemberRole,
} from "~/models/organizer-members.server";
import { addMember, findMembership } from "~/models/organizer.server";
import { getDb } from "~/utils/db.server";
import { type RefusalReason, resendRefusal, sendInvitation } from "./organizer-invitations.server";
import type { CampaignAccess } from "./organizer-sessions.server";

/**
 * Who works on a campaign: its owners (the "manage" ability, and platform admins) invite
 * members by mail, change their roles, remove them and re-send invitations. A campaign always
 * keeps at least one owner. Every operation takes the route's CampaignAccess, and answers
 * "not-found" (the one 404) to an access without the "manage" ability.
 */

/** A member's row on the members page. */
export interface MemberRow {
  id: number;
  email: string;
  role: MemberRole;
  /** Signed in at least once. */
  active: boolean;
  disabled: boolean;
  since: string;
}

export interface MembersPage {
  slug: string;
  title: string;
  me: number;
  members: MemberRow[];
}

/** The address already has a membership, or its account is disabled (shown at the email field). */
export type InviteFieldError = "alreadyMember" | "accountDisabled";

export type InviteMemberResult =
  | { kind: "invited"; email: string; created: boolean }
  | { kind: "invalid"; errors: { email: InviteFieldError } }
  | { kind: "not-found" };

export type ChangeRoleResult =
  | { kind: "roleChanged"; email: string; role: MemberRole }
  | { kind: "refused"; reason: "lastOwner" }
  | { kind: "not-found" };

export type RemoveMemberResult =
  { kind: "removed"; email: string } | { kind: "refused"; reason: "lastOwner" } | { kind: "not-found" };

export type ResendInvitationResult =
  | { kind: "resent"; email: string }
  | { kind: "refused"; reason: Extract<RefusalReason, "alreadyActive" | "accountDisabled"> }
  | { kind: "limited" }
  | { kind: "not-found" };

/** Only owners (and platform admins) manage a campaign's members. */
function mayManage(access: CampaignAccess): boolean {
  return can(access.role, "manage");
}

/** The members of the campaign, owners first, with the campaign's title in `uiLocale`; null without "manage". */
export async function loadMembersPage(access: CampaignAccess, uiLocale: Locale): Promise<MembersPage | null> {
  if (!mayManage(access)) return null;
  const db = getDb();
  const [members, title] = await Promise.all([
    listCampaignMembers(db, access.campaign.id),
    findCampaignTitle(db, access.campaign.id, uiLocale),
  ]);
  return {
    slug: access.campaign.slug,
    title: title ?? access.campaign.slug,
    me: access.organizer.id,
    members: members.map((m) => ({
      id: m.organizer_id,
      email: m.email,
      role: m.role,
      active: m.last_login_at !== null,
      disabled: m.disabled_at !== null,
      since: m.created_at.toISOString(),
    })),
  };
}

/**
 * Invites an address to the campaign with a role: creates the account when there is none
 * (in `locale`: the chosen language, else the inviter's), adds the membership and mails the link.
 */
export async function inviteMember(
  access: CampaignAccess,
  input: { email: string; role: MemberRole; locale: Locale },
): Promise<InviteMemberResult> {
  if (!mayManage(access)) return { kind: "not-found" };
  const campaign = access.campaign;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<InviteMemberResult> => {
      const invitee = await findOrCreateOrganizer(trx, { email: input.email, locale: input.locale, isAdmin: false });
      if (invitee.disabledAt) return { kind: "invalid", errors: { email: "accountDisabled" } };
      if (await findMembership(trx, campaign.id, invitee.id)) {
        return { kind: "invalid", errors: { email: "alreadyMember" } };
      }
      await addMember(trx, campaign.id, invitee.id, input.role);
      await sendInvitation(trx, invitee, access.organizer.email, campaign);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: campaign.id,
        action: "members.invited",
        subjectType: "organizer",
        subjectId: invitee.id,
        details: { role: input.role, newAccount: invitee.created },
      });
      return { kind: "invited", email: invitee.email, created: invitee.created };
    });
}

function ownersOf(members: { role: MemberRole }[]): number {
  return members.filter((m) => m.role === "owner").length;
}

/** A new role for a member; the campaign's last owner stays an owner. */
export async function changeMemberRole(
  access: CampaignAccess,
  input: { organizerId: number; role: MemberRole },
): Promise<ChangeRoleResult> {
  if (!mayManage(access)) return { kind: "not-found" };
  const campaignId = access.campaign.id;
  const { organizerId, role } = input;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<ChangeRoleResult> => {
      // Locking every member row serializes two owners demoting each other at once.
      const members = await listCampaignMembers(trx, campaignId, { forUpdate: true });
      const target = members.find((m) => m.organizer_id === organizerId);
      if (!target) return { kind: "not-found" };
      if (target.role === role) return { kind: "roleChanged", email: target.email, role };
      if (target.role === "owner" && ownersOf(members) <= 1) return { kind: "refused", reason: "lastOwner" };
      await setMemberRole(trx, campaignId, organizerId, role);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "members.role_changed",
        subjectType: "organizer",
        subjectId: organizerId,
        details: { from: target.role, to: role },
      });
      return { kind: "roleChanged", email: target.email, role };
    });
}

/** Takes a member off the campaign (their account stays); never the last owner. */
export async function removeMember(
  access: CampaignAccess,
  { organizerId }: { organizerId: number },
): Promise<RemoveMemberResult> {
  if (!mayManage(access)) return { kind: "not-found" };
  const campaignId = access.campaign.id;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<RemoveMemberResult> => {
      const members = await listCampaignMembers(trx, campaignId, { forUpdate: true });
      const target = members.find((m) => m.organizer_id === organizerId);
      if (!target) return { kind: "not-found" };
      if (target.role === "owner" && ownersOf(members) <= 1) return { kind: "refused", reason: "lastOwner" };
      await deleteMember(trx, campaignId, organizerId);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "members.removed",
        subjectType: "organizer",
        subjectId: organizerId,
        details: { role: target.role },
      });
      return { kind: "removed", email: target.email };
    });
}

/** A new invitation link for a member who has not signed in yet (rate-limited). */
export async function resendMemberInvitation(
  access: CampaignAccess,
  { organizerId }: { organizerId: number },
): Promise<ResendInvitationResult> {
  if (!mayManage(access)) return { kind: "not-found" };
  const campaign = access.campaign;
  const members = await listCampaignMembers(getDb(), campaign.id);
  const target = members.find((m) => m.organizer_id === organizerId);
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
      await sendInvitation(
        trx,
        { id: organizerId, email: target.email, locale: target.locale },
        access.organizer.email,
        campaign,
      );
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: campaign.id,
        action: "members.invitation_resent",
        subjectType: "organizer",
        subjectId: organizerId,
      });
    });
  return { kind: "resent", email: target.email };
}
