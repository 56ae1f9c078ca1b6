import { z } from "zod";
import { maskEmail } from "~/domain/email";
import { LOCALES, MEMBER_ROLES, type Locale, type MemberRole } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import {
  deleteMember,
  findCampaignTitle,
  findOrCreateOrganizer,
  listCampaignMembers,
  listOrganizersWithCampaignCounts,
  lockEnabledAdmins,
  setMemberRole,
  setOrganizerDisabled,
} from "~/models/organizer-members.server";
import {
  addMember,
  deleteSessionsOf,
  deleteUnusedLoginTokensOf,
  findMembership,
  findOrganizerById,
} from "~/models/organizer.server";
import { getDb } from "~/utils/db.server";
import { type FieldErrors, fieldErrorsOf, formValues, readForm } from "~/http/forms.server";
import { queueMail } from "~/jobs/enqueue.server";
import { createLoginLink, INVITATION_DAYS } from "./organizer-auth.server";
import { requireCampaignAccess, requireOrganizer } from "~/http/organizer-access.server";
import { tryConsume } from "./rate-limit.server";

/**
 * Who organizes what: a campaign's owners invite, re-role and remove members; platform
 * admins invite organizers and disable accounts. Invitations are a one-time sign-in link
 * valid 7 days that lands on the campaign (after setting up TOTP, for a new account).
 */

/** Only owners (and platform admins) manage a campaign's members; everyone else gets a 404. */
export const MEMBER_ADMIN_ROLES = ["owner"] as const satisfies readonly MemberRole[];

type Executor = Parameters<typeof addMember>[0];
type CampaignAccess = Awaited<ReturnType<typeof requireCampaignAccess>>;

/** Field → error code, translated under orgMembers `errors`. */
export type { FieldErrors };

export type MembersResult =
  | { kind: "invited"; email: string; created: boolean }
  | { kind: "roleChanged"; email: string; role: MemberRole }
  | { kind: "removed"; email: string }
  | { kind: "resent"; email: string }
  | { kind: "disabled"; email: string; sessionsEnded: number }
  | { kind: "enabled"; email: string }
  | { kind: "invalid"; errors: FieldErrors; values: Record<string, string> }
  /** A rule said no (a clear 400): the last owner, the last admin, oneself, an active or disabled account. */
  | {
      kind: "refused";
      reason: "lastOwner" | "lastAdmin" | "cannotDisableSelf" | "alreadyActive" | "accountDisabled";
    }
  | { kind: "limited" };

/** The HTTP status a result is answered with. */
export function membersResultStatus(result: MembersResult): number {
  if (result.kind === "invalid" || result.kind === "refused") return 400;
  if (result.kind === "limited") return 429;
  return 200;
}

// ---------------------------------------------------------------------------------------
// Forms

const emailField = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v) => (v ?? "").trim().toLowerCase())
  .pipe(z.string().min(1, "required").max(254, "tooLong").email("invalidEmail"));

const localeField = z
  .string()
  .optional()
  .refine((v) => !v || (LOCALES as readonly string[]).includes(v), "invalid")
  .transform((v) => (v ? (v as Locale) : null));

const memberInviteSchema = z.object({
  email: emailField,
  role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: "invalid" }) }),
  locale: localeField,
});

const organizerInviteSchema = z.object({
  email: emailField,
  admin: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
  locale: localeField,
});

const roleSchema = z.enum(MEMBER_ROLES, { errorMap: () => ({ message: "invalid" }) });

/** An organizer id from a form; anything else names nobody we know (404). */
function organizerIdOf(value: string | undefined): number {
  const id = Number(value);
  if (!value || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
    throw new Response("Not found", { status: 404 });
  }
  return id;
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

// ---------------------------------------------------------------------------------------
// Invitations

/** Creates the 7-day link and queues the invitation in the invitee's language. */
async function sendInvitation(
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
  });
  await queueMail(trx, {
    kind: "organizer_invitation",
    locale: invitee.locale,
    to: invitee.email,
    data: { loginUrl, expiresInDays: INVITATION_DAYS, inviterEmail, campaignTitle },
  });
}

/** Re-sending is limited per invitee (the `resend` limit: 5 an hour). */
async function invitationAllowed(organizerId: number, email: string): Promise<boolean> {
  if (await tryConsume("resend", `invitation:${organizerId}`)) return true;
  console.info(`[organizer] invitation resend limit reached for ${maskEmail(email)}`);
  return false;
}

// ---------------------------------------------------------------------------------------
// A campaign's members

export async function loadMembersPage(request: Request, slug: string, uiLocale: Locale) {
  const access = await requireCampaignAccess(request, slug, MEMBER_ADMIN_ROLES);
  const db = getDb();
  const [members, title] = await Promise.all([
    listCampaignMembers(db, access.campaign.id),
    findCampaignTitle(db, access.campaign.id, uiLocale),
  ]);
  return {
    slug: access.campaign.slug,
    title: title ?? access.campaign.slug,
    me: access.organizer.id,
    uiLocale,
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
 * (in the chosen language, else the inviter's), adds the membership and mails the link.
 */
export async function inviteMember(
  access: CampaignAccess,
  raw: Record<string, string>,
  uiLocale: Locale,
): Promise<MembersResult> {
  const parsed = memberInviteSchema.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", errors: fieldErrorsOf(parsed.error), values: raw };
  const { email, role } = parsed.data;
  const campaign = access.campaign;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<MembersResult> => {
      const invitee = await findOrCreateOrganizer(trx, {
        email,
        locale: parsed.data.locale ?? uiLocale,
        isAdmin: false,
      });
      if (invitee.disabledAt) return { kind: "invalid", errors: { email: "accountDisabled" }, values: raw };
      if (await findMembership(trx, campaign.id, invitee.id)) {
        return { kind: "invalid", errors: { email: "alreadyMember" }, values: raw };
      }
      await addMember(trx, campaign.id, invitee.id, role);
      await sendInvitation(trx, invitee, access.organizer.email, campaign);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: campaign.id,
        action: "members.invited",
        subjectType: "organizer",
        subjectId: invitee.id,
        details: { role, newAccount: invitee.created },
      });
      return { kind: "invited", email: invitee.email, created: invitee.created };
    });
}

function ownersOf(members: { role: MemberRole }[]): number {
  return members.filter((m) => m.role === "owner").length;
}

/** A new role for a member; the campaign's last owner stays an owner. */
export async function changeMemberRole(access: CampaignAccess, raw: Record<string, string>): Promise<MembersResult> {
  const organizerId = organizerIdOf(raw.organizerId);
  const role = roleSchema.safeParse(raw.role);
  if (!role.success) return { kind: "invalid", errors: { role: "invalid" }, values: raw };
  const campaignId = access.campaign.id;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<MembersResult> => {
      // Locking every member row serializes two owners demoting each other at once.
      const members = await listCampaignMembers(trx, campaignId, { forUpdate: true });
      const target = members.find((m) => m.organizer_id === organizerId) ?? notFound();
      if (target.role === role.data) return { kind: "roleChanged", email: target.email, role: role.data };
      if (target.role === "owner" && ownersOf(members) <= 1) return { kind: "refused", reason: "lastOwner" };
      await setMemberRole(trx, campaignId, organizerId, role.data);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "members.role_changed",
        subjectType: "organizer",
        subjectId: organizerId,
        details: { from: target.role, to: role.data },
      });
      return { kind: "roleChanged", email: target.email, role: role.data };
    });
}

/** Takes a member off the campaign (their account stays); never the last owner. */
export async function removeMember(access: CampaignAccess, raw: Record<string, string>): Promise<MembersResult> {
  const organizerId = organizerIdOf(raw.organizerId);
  const campaignId = access.campaign.id;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<MembersResult> => {
      const members = await listCampaignMembers(trx, campaignId, { forUpdate: true });
      const target = members.find((m) => m.organizer_id === organizerId) ?? notFound();
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
  raw: Record<string, string>,
): Promise<MembersResult> {
  const organizerId = organizerIdOf(raw.organizerId);
  const campaign = access.campaign;
  const members = await listCampaignMembers(getDb(), campaign.id);
  const target = members.find((m) => m.organizer_id === organizerId) ?? notFound();
  if (target.disabled_at) return { kind: "refused", reason: "accountDisabled" };
  if (target.last_login_at) return { kind: "refused", reason: "alreadyActive" };
  if (!(await invitationAllowed(organizerId, target.email))) return { kind: "limited" };
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

/** The members page's POST (the route has checked the origin): one of invite, role, remove, resend. */
export async function membersActionFromRequest(
  request: Request,
  slug: string,
  uiLocale: Locale,
): Promise<MembersResult> {
  const access = await requireCampaignAccess(request, slug, MEMBER_ADMIN_ROLES);
  const raw = formValues(await readForm(request));
  switch (raw.intent) {
    case "invite":
      return inviteMember(access, raw, uiLocale);
    case "role":
      return changeMemberRole(access, raw);
    case "remove":
      return removeMember(access, raw);
    case "resend":
      return resendMemberInvitation(access, raw);
    default:
      return { kind: "invalid", errors: { intent: "invalid" }, values: raw };
  }
}

// ---------------------------------------------------------------------------------------
// Platform administration

/** Platform admins only; everyone else gets the 404 a missing page gets. */
export async function requirePlatformAdmin(request: Request) {
  const organizer = await requireOrganizer(request);
  if (!organizer.isAdmin) notFound();
  return organizer;
}

export async function loadOrganizersAdmin(request: Request, uiLocale: Locale) {
  const me = await requirePlatformAdmin(request);
  const rows = await listOrganizersWithCampaignCounts(getDb());
  return {
    me: me.id,
    uiLocale,
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

type Admin = Awaited<ReturnType<typeof requirePlatformAdmin>>;

/** Invites a new organizer (optionally a platform admin) with the same mail, without a campaign. */
export async function inviteOrganizer(
  admin: Admin,
  raw: Record<string, string>,
  uiLocale: Locale,
): Promise<MembersResult> {
  const parsed = organizerInviteSchema.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", errors: fieldErrorsOf(parsed.error), values: raw };
  const { email, admin: asAdmin } = parsed.data;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<MembersResult> => {
      const invitee = await findOrCreateOrganizer(trx, {
        email,
        locale: parsed.data.locale ?? uiLocale,
        isAdmin: asAdmin,
      });
      if (!invitee.created) return { kind: "invalid", errors: { email: "alreadyExists" }, values: raw };
      await sendInvitation(trx, invitee, admin.email, null);
      await insertAudit(trx, {
        organizerId: admin.id,
        campaignId: null,
        action: "organizers.invited",
        subjectType: "organizer",
        subjectId: invitee.id,
        details: { admin: asAdmin },
      });
      return { kind: "invited", email: invitee.email, created: true };
    });
}

/**
 * Disables an account: it cannot sign in, its sessions end at once and its unused links
 * stop working. Never oneself, never the last admin who can still sign in.
 */
export async function disableOrganizer(admin: Admin, raw: Record<string, string>): Promise<MembersResult> {
  const organizerId = organizerIdOf(raw.organizerId);
  if (organizerId === admin.id) return { kind: "refused", reason: "cannotDisableSelf" };
  return getDb()
    .transaction()
    .execute(async (trx): Promise<MembersResult> => {
      const admins = await lockEnabledAdmins(trx);
      const target = (await findOrganizerById(trx, organizerId, { forUpdate: true })) ?? notFound();
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

export async function enableOrganizer(admin: Admin, raw: Record<string, string>): Promise<MembersResult> {
  const organizerId = organizerIdOf(raw.organizerId);
  return getDb()
    .transaction()
    .execute(async (trx): Promise<MembersResult> => {
      const target = (await findOrganizerById(trx, organizerId, { forUpdate: true })) ?? notFound();
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

/** A new invitation link (to the dashboard) for an organizer who has never signed in. */
export async function resendOrganizerInvitation(admin: Admin, raw: Record<string, string>): Promise<MembersResult> {
  const organizerId = organizerIdOf(raw.organizerId);
  const target = (await findOrganizerById(getDb(), organizerId)) ?? notFound();
  if (target.disabled_at) return { kind: "refused", reason: "accountDisabled" };
  if (target.last_login_at) return { kind: "refused", reason: "alreadyActive" };
  if (!(await invitationAllowed(organizerId, target.email))) return { kind: "limited" };
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

/** The organizers page's POST (the route has checked the origin): invite, disable, enable, resend. */
export async function organizersAdminActionFromRequest(request: Request, uiLocale: Locale): Promise<MembersResult> {
  const admin = await requirePlatformAdmin(request);
  const raw = formValues(await readForm(request));
  switch (raw.intent) {
    case "invite":
      return inviteOrganizer(admin, raw, uiLocale);
    case "disable":
      return disableOrganizer(admin, raw);
    case "enable":
      return enableOrganizer(admin, raw);
    case "resend":
      return resendOrganizerInvitation(admin, raw);
    default:
      return { kind: "invalid", errors: { intent: "invalid" }, values: raw };
  }
}
