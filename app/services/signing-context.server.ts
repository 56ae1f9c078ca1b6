import { findPublicCampaignBySlug, listCampaignTranslations } from "~/models/campaign.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";
import { shortCache } from "~/utils/short-cache.server";

/**
 * What signing needs to know about a campaign (status, groups, texts), kept 5 seconds per
 * process: during a spike every submission would otherwise read the same rows again.
 *
 * The rule for a campaign an organizer closes (or pauses, or whose groups change): the
 * process that made the change forgets the context at once (clearSigningContext, called
 * through clearPageCache by every organizer change of public data), so its next submission
 * is refused. Other processes — the other workers of a cluster, other instances — keep
 * their copy at most SIGNING_CONTEXT_TTL_MS more: a signature that arrives there in that
 * window is accepted as if it came just before the closing (README, "Performance").
 */
export const SIGNING_CONTEXT_TTL_MS = 5_000;

async function loadSigningContext(slug: string) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return null;
  const [groups, translations] = await Promise.all([
    listSignerGroups(db, campaign.id),
    listCampaignTranslations(db, [campaign.id]),
  ]);
  return { campaign, groups, translations };
}

const contexts = shortCache({ max: 200, ttlMs: SIGNING_CONTEXT_TTL_MS, load: loadSigningContext });

/** The campaign a submission is for, with its groups and texts; null for unknown or draft. */
export async function signingContext(slug: string) {
  return contexts.get(slug);
}

/** Forgets every campaign's signing context in this process. */
export function clearSigningContext(): void {
  contexts.clear();
}
