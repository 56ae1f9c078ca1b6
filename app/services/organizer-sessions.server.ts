import { type CampaignAbility, type CampaignRole, rolesWith } from "~/domain/permissions";
import { isLocale, type Locale } from "~/domain/vocab";
import {
  deleteSession,
  findCampaignForOrganizer,
  findMembership,
  findSession,
  touchSession,
} from "~/models/organizer.server";
import { getDb } from "~/utils/db.server";
import { hashToken, looksLikeToken } from "~/utils/tokens.server";

/**
 * Organizer sessions and what a signed-in organizer may open. The session id lives only in
 * the browser's cookie; the database keeps its hash. The HTTP side (cookies, Origin,
 * redirects) is app/http/organizer-access.server.ts.
 */

export const SESSION_IDLE_MS = 2 * 3600_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** last_seen_at is written at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedInOrganizer {
  id: number;
  email: string;
  locale: Locale;
  isAdmin: boolean;
}

export interface OrganizerSession {
  idHash: string;
  secondFactorAt: Date | null;
  organizer: SignedInOrganizer & { totpEnabled: boolean };
}

/** Who is acting on a campaign, and as what: what every campaign operation takes first. */
export interface CampaignAccess {
  organizer: SignedInOrganizer;
  campaign: { id: number; slug: string; canonicalLocale: Locale };
  role: CampaignRole;
}

/** The session a token opens, if it is still valid (idle 2 h, absolute 12 h); expired ones are deleted. */
export async function findValidSession(token: string | null, now = new Date()): Promise<OrganizerSession | null> {
  if (!token || !looksLikeToken(token)) return null;
  const db = getDb();
  const idHash = hashToken(token);
  const row = await findSession(db, idHash);
  if (!row) return null;
  const idle = now.getTime() - row.last_seen_at.getTime() > SESSION_IDLE_MS;
  if (idle || row.expires_at.getTime() <= now.getTime() || row.disabled_at) {
    await deleteSession(db, idHash);
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) await touchSession(db, idHash, now);
  return {
    idHash,
    secondFactorAt: row.second_factor_at,
    organizer: {
      id: row.organizer_id,
      email: row.email,
      locale: isLocale(row.locale) ? row.locale : "en",
      isAdmin: row.is_admin,
      totpEnabled: Boolean(row.totp_enabled_at),
    },
  };
}

/** Signs out: the session row is gone, whatever the cookie still says. */
export async function endSession(token: string | null): Promise<void> {
  if (token && looksLikeToken(token)) await deleteSession(getDb(), hashToken(token));
}

/**
 * The campaign as this organizer may act on it, or null. Unknown campaigns and campaigns
 * the organizer may not open are the same null, so nobody learns which campaigns exist.
 */
export async function findCampaignAccess(
  organizer: SignedInOrganizer,
  slug: string,
  ability: CampaignAbility,
): Promise<CampaignAccess | null> {
  const db = getDb();
  const campaign = await findCampaignForOrganizer(db, slug);
  if (!campaign) return null;
  let role: CampaignRole;
  if (organizer.isAdmin) role = "admin";
  else {
    const membership = await findMembership(db, campaign.id, organizer.id);
    if (!membership || !rolesWith(ability).includes(membership)) return null;
    role = membership;
  }
  return {
    organizer: { id: organizer.id, email: organizer.email, locale: organizer.locale, isAdmin: organizer.isAdmin },
    campaign: { id: campaign.id, slug: campaign.slug, canonicalLocale: campaign.canonical_locale },
    role,
  };
}
