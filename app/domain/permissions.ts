import type { MemberRole } from "./vocab";

/**
 * Who may do what on a campaign: the one list per ability. Routes ask the access guard for
 * an ability, links on the overview show only what the role may open, models filter by the
 * same lists. Platform admins may do everything on every campaign.
 */
export const CAMPAIGN_ABILITIES = {
  /** The overview, the signatures table (read-only for viewers), the publication list. */
  view: ["owner", "editor", "moderator", "viewer"],
  /** Hide, unhide, invalidate, mark notable, correct, resend; signals; invalidation by criteria. */
  moderate: ["owner", "editor", "moderator"],
  /** Letter texts, news, settings, groups, preview, delivery, exports; prisoners linked to the campaign. */
  edit: ["owner", "editor"],
  /** Members and invitations; every recent export of the campaign. */
  manage: ["owner"],
  /**
   * The letter queue of the campaign's prisoners: read letters, translate them, check machine
   * translations, export them without writers' addresses. Translators have this ability only;
   * approving and rejecting letters asks for "moderate", batches and replies for "edit".
   */
  translate: ["owner", "editor", "moderator", "translator"],
} as const satisfies Record<string, readonly MemberRole[]>;

export type CampaignAbility = keyof typeof CAMPAIGN_ABILITIES;

/** A member's role on one campaign, or "admin" for a platform admin who is not a member. */
export type CampaignRole = MemberRole | "admin";

export function rolesWith(ability: CampaignAbility): readonly MemberRole[] {
  return CAMPAIGN_ABILITIES[ability];
}

export function can(role: CampaignRole, ability: CampaignAbility): boolean {
  return role === "admin" || (CAMPAIGN_ABILITIES[ability] as readonly string[]).includes(role);
}
