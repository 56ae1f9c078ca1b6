import { can } from "~/domain/permissions";
import { pickTranslation } from "~/domain/translation";
import type { Locale, Visibility } from "~/domain/vocab";
import { countryOptions } from "~/i18n/countries.server";
import { canonicalEmail } from "~/domain/email";
import { queueFollowUpBatch, queueSignerMail } from "~/jobs/enqueue.server";
import { openSigner, signerColumns } from "~/models/signature-secrets.server";
import { insertAudit } from "~/models/audit.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import { findCampaignOutcome, followUpChain, setFollowUpOf } from "~/models/campaign-outcome.server";
import {
  countFollowUpInvitations,
  findFollowUpInvitation,
  insertFollowUpInvitation,
  listFollowUpRecipients,
  markFollowUpUsed,
} from "~/models/follow-up.server";
import { listOrganizerCampaigns } from "~/models/organizer.server";
import { addConfirmedSignature } from "~/models/signature-transitions.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { NOT_FOUND, type NotFound } from "./campaign-settings-common.server";
import { campaignTitles } from "./campaign-overview.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";
import { unsubscribeToken } from "./updates.server";

/**
 * Follow-up letters: an organizer links a campaign as the follow-up of an earlier one and
 * invites the earlier signers who agreed to news. Each gets a mail in their language with a
 * private link to a page showing the new text and their previous details; only the button on
 * that page signs, and the signature it makes is confirmed by that same act (one per person).
 */

const BATCH_SIZE = 100;
const MAILS_PER_SECOND = 10;

export async function followUpPage(access: CampaignAccess, locale: Locale) {
  if (!can(access.role, "edit")) return null;
  const db = getDb();
  const [outcome, mine, invitations] = await Promise.all([
    findCampaignOutcome(db, access.campaign.id),
    listOrganizerCampaigns(db, access.organizer.id, access.organizer.isAdmin),
    countFollowUpInvitations(db, access.campaign.id),
  ]);
  if (!outcome) return null;
  const title = await campaignTitles(
    mine.map((c) => c.id),
    locale,
  );
  const candidates = mine
    .filter((c) => c.id !== access.campaign.id)
    .map((c) => ({ slug: c.slug, title: title(c.id, c.canonical_locale, c.slug) }));
  const earlier = mine.find((c) => c.id === outcome.follow_up_of);
  return {
    slug: access.campaign.slug,
    status: outcome.status,
    earlier: earlier ? { slug: earlier.slug, title: title(earlier.id, earlier.canonical_locale, earlier.slug) } : null,
    candidates,
    invitations,
  };
}

export type FollowUpResult =
  | { kind: "linked"; earlier: string | null }
  | { kind: "inviting" }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "refused"; reason: "notLinked" | "notOpen" }
  | NotFound;

/** Links (or unlinks, with "") the earlier campaign; never itself, never a cycle, only one the organizer can see. */
export async function linkFollowUp(access: CampaignAccess, earlierSlug: string): Promise<FollowUpResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const db = getDb();
  let earlierId: number | null = null;
  if (earlierSlug) {
    if (earlierSlug === access.campaign.slug) return { kind: "invalid", errors: { earlier: "followUpSelf" } };
    const mine = await listOrganizerCampaigns(db, access.organizer.id, access.organizer.isAdmin);
    const earlier = mine.find((c) => c.slug === earlierSlug);
    if (!earlier) return { kind: "invalid", errors: { earlier: "followUpUnknown" } };
    const chain = await followUpChain(db, earlier.id);
    if (chain.includes(access.campaign.id)) return { kind: "invalid", errors: { earlier: "followUpCycle" } };
    earlierId = earlier.id;
  }
  await db.transaction().execute(async (trx) => {
    await setFollowUpOf(trx, access.campaign.id, earlierId);
    await insertAudit(trx, {
      organizerId: access.organizer.id,
      campaignId: access.campaign.id,
      action: "campaign.follow_up_linked",
      subjectType: "campaign",
      subjectId: access.campaign.id,
      details: { earlier: earlierSlug || null },
    });
  });
  return { kind: "linked", earlier: earlierSlug || null };
}

/** Starts mailing the earlier campaign's consenting signers (an open follow-up only); a repeat invites nobody twice. */
export async function inviteFollowUpSigners(access: CampaignAccess): Promise<FollowUpResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<FollowUpResult> => {
      const campaign = await findCampaignOutcome(trx, access.campaign.id, { forUpdate: true });
      if (!campaign) return NOT_FOUND;
      if (!campaign.follow_up_of) return { kind: "refused", reason: "notLinked" };
      if (campaign.status !== "open") return { kind: "refused", reason: "notOpen" };
      await queueFollowUpBatch(trx, { campaignId: campaign.id, afterSignatureId: 0 });
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: campaign.id,
        action: "campaign.follow_up_invited",
        subjectType: "campaign",
        subjectId: campaign.id,
      });
      return { kind: "inviting" };
    });
}

/** One batch of invitations (the "send-follow-up" job): each invitation and its mail commit together. */
export async function sendFollowUpBatch(payload: { campaignId: number; afterSignatureId: number }) {
  const db = getDb();
  const campaign = await findCampaignOutcome(db, payload.campaignId);
  if (!campaign?.follow_up_of || campaign.status !== "open") return { queued: 0, done: true };
  const earlierId = campaign.follow_up_of;
  const texts = await listCampaignTranslations(db, [campaign.id, earlierId]);
  const earlier = await findCampaignOutcome(db, earlierId);
  const titleOf = (id: number, locale: Locale, canonical: Locale) =>
    pickTranslation(
      texts.filter((t) => t.campaign_id === id),
      locale,
      canonical,
    )?.row.title ?? "";
  const recipients = await listFollowUpRecipients(db, earlierId, payload.afterSignatureId, BATCH_SIZE);
  const start = Date.now();
  const base = getConfig().appUrl;
  let queued = 0;
  for (const r of recipients) {
    const locale = r.locale as Locale;
    const token = newToken();
    const sent = await db.transaction().execute(async (trx) => {
      if (
        !(await insertFollowUpInvitation(trx, {
          tokenHash: hashToken(token),
          campaignId: campaign.id,
          signatureId: r.id,
        }))
      ) {
        return false;
      }
      const unsubscribeUrl = `${base}/${locale}/unsubscribe/${unsubscribeToken(r.id)}`;
      await queueSignerMail(
        trx,
        r.id,
        {
          kind: "follow_up_invitation",
          locale,
          data: {
            earlierTitle: titleOf(earlierId, locale, earlier?.canonical_locale ?? "en"),
            newTitle: titleOf(campaign.id, locale, campaign.canonical_locale),
            signUrl: `${base}/${locale}/follow-up/${token}`,
            unsubscribeUrl,
          },
        },
        {
          headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
          startAfter: new Date(start + Math.floor(queued / MAILS_PER_SECOND) * 1000),
        },
      );
      return true;
    });
    if (sent) queued++;
  }
  const last = recipients.at(-1);
  if (recipients.length === BATCH_SIZE && last) {
    await queueFollowUpBatch(db, { campaignId: campaign.id, afterSignatureId: last.id });
    return { queued, done: false };
  }
  return { queued, done: true };
}

// ---------------------------------------------------------------------------------------
// The signer's side

/** What the invitation page shows: the new text and the signer's previous details, or why it cannot be signed. */
export async function describeFollowUp(token: string, locale: Locale) {
  const db = getDb();
  const invitation = await findFollowUpInvitation(db, hashToken(token));
  if (!invitation || invitation.state !== "verified") return { status: "invalid" as const };
  const campaign = await findCampaignOutcome(db, invitation.campaign_id);
  if (!campaign) return { status: "invalid" as const };
  const details = openSigner(invitation);
  const [texts, groups] = await Promise.all([
    listCampaignTranslations(db, [campaign.id]),
    listSignerGroups(db, campaign.id),
  ]);
  const text = pickTranslation(texts, locale, campaign.canonical_locale)?.row;
  const group =
    groups.find((g) => g.key === invitation.group_key) ?? groups.find((g) => g.key === "other") ?? groups[0];
  return {
    status: invitation.used_at
      ? ("used" as const)
      : campaign.status === "open"
        ? ("open" as const)
        : ("closed" as const),
    slug: campaign.slug,
    title: text?.title ?? campaign.slug,
    textLocale: text?.locale ?? campaign.canonical_locale,
    bodyHtml: renderMarkdown(text?.body ?? ""),
    signer: {
      fullName: details.fullName,
      title: details.title,
      country: invitation.country,
      countryName: countryOptions(locale).find((c) => c.code === invitation.country)?.name ?? invitation.country,
      visibility: invitation.visibility as Visibility,
      group: group ? (pickTranslation(group.labels, locale, campaign.canonical_locale)?.row.label ?? group.key) : "",
    },
  };
}

export type FollowUpSignResult =
  | { kind: "signed"; slug: string; manageToken: string }
  | { kind: "already"; slug: string }
  | { kind: "closed"; slug: string }
  | { kind: "invalid" };

/**
 * The button: under the invitation's row lock, one new verified signature with the earlier
 * details (through the transitions module, counted at once), and the invitation used. A
 * second press, or a press after the person signed another way, signs nothing.
 */
export async function signFollowUp(token: string): Promise<FollowUpSignResult> {
  const tokenHash = hashToken(token);
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<FollowUpSignResult> => {
      const invitation = await findFollowUpInvitation(trx, tokenHash, { forUpdate: true });
      if (!invitation || invitation.state !== "verified") return { kind: "invalid" };
      const campaign = await findCampaignOutcome(trx, invitation.campaign_id);
      if (!campaign) return { kind: "invalid" };
      if (invitation.used_at) return { kind: "already", slug: campaign.slug };
      if (campaign.status !== "open") return { kind: "closed", slug: campaign.slug };
      const groups = await listSignerGroups(trx, campaign.id);
      const group =
        groups.find((g) => g.key === invitation.group_key) ?? groups.find((g) => g.key === "other") ?? groups[0];
      if (!group) return { kind: "closed", slug: campaign.slug };
      const version = (await listCampaignTranslations(trx, [campaign.id])).find(
        (t) => t.locale === campaign.canonical_locale,
      );
      const manageToken = newToken();
      const details = openSigner(invitation);
      const id = await addConfirmedSignature(trx, {
        campaign_id: campaign.id,
        group_id: group.id,
        ...signerColumns(invitation.visibility, { ...details, comment: null }, canonicalEmail(details.email)),
        country: invitation.country,
        visibility: invitation.visibility,
        updates_consent: true,
        locale: invitation.locale,
        text_version: version?.version ?? 1,
        withdraw_token_hash: hashToken(manageToken),
        ref: "follow-up",
      });
      await markFollowUpUsed(trx, tokenHash, id);
      return id === null
        ? { kind: "already", slug: campaign.slug }
        : { kind: "signed", slug: campaign.slug, manageToken };
    });
  if (result.kind === "signed") clearPageCache();
  return result;
}
