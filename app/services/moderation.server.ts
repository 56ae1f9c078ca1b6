import { can } from "~/domain/permissions";
import { pickTranslation } from "~/domain/translation";
import type { Locale } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import {
  countModerationRows,
  findSignatureForResend,
  listModerationRows,
  lockSignature,
  setSignaturesNotable,
  type ModerationFilter,
} from "~/models/moderation.server";
import { totalForCampaign } from "~/models/signature.server";
import { openSigner, updateSignerDetails } from "~/models/signature-secrets.server";
import {
  hideSignatures,
  invalidateSignatures,
  rejectFromReview,
  releaseFromReview,
  unhideSignatures,
} from "~/models/signature-transitions.server";
import { listSignerGroups } from "~/models/signer-group.server";
import {
  parseIdList,
  type ModerationAction,
  type ModerationQuery,
  type SignaturesActionInput,
} from "~/schemas/moderation";
import { getDb, type Tx } from "~/utils/db.server";
import { campaignTitles } from "./campaign-overview.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { resendConfirmation } from "./signing.server";

/**
 * The signatures page: the moderation table, and what moderators do to signatures (hide,
 * unhide, invalidate, release, mark notable, correct an affiliation, send a new link).
 * State changes go through the signature transitions, which move the counters themselves.
 */

export const MODERATION_PAGE_SIZE = 50;
/** At most this many signatures per bulk action (a page holds 50). */
const MAX_BULK = 200;

type NotFound = { kind: "not-found" };

/** The moderation table: filtered, searched, 50 per page. Viewers see it read-only. */
export async function loadModeration(access: CampaignAccess, query: ModerationQuery, locale: Locale) {
  const db = getDb();
  const { campaign } = access;
  const groups = await listSignerGroups(db, campaign.id);
  const group = query.group ? groups.find((g) => g.key === query.group) : undefined;
  const filter: ModerationFilter = {
    campaignId: campaign.id,
    state: query.state,
    groupId: query.group ? (group?.id ?? -1) : undefined,
    country: query.country,
    visibility: query.visibility,
    notable: query.notable === undefined ? undefined : query.notable === "yes",
    search: query.q,
    ipHash: query.ip,
    domain: query.domain,
    ids: parseIdList(query.ids),
    heldForReview: query.review === "held",
  };
  const [rows, matching, total, title, held] = await Promise.all([
    listModerationRows(db, filter, MODERATION_PAGE_SIZE, (query.page - 1) * MODERATION_PAGE_SIZE),
    countModerationRows(db, filter),
    totalForCampaign(db, campaign.id),
    campaignTitles([campaign.id], locale),
    countModerationRows(db, { campaignId: campaign.id, heldForReview: true }),
  ]);
  const groupLabel = (id: number) => {
    const g = groups.find((x) => x.id === id);
    return g ? (pickTranslation(g.labels, locale, campaign.canonicalLocale)?.row.label ?? g.key) : "";
  };
  return {
    slug: campaign.slug,
    title: title(campaign.id, campaign.canonicalLocale, campaign.slug),
    role: access.role,
    canModerate: can(access.role, "moderate"),
    total,
    /** Signatures held for review in this campaign (the review queue's size). */
    held,
    query,
    matching,
    pages: Math.max(1, Math.ceil(matching / MODERATION_PAGE_SIZE)),
    groups: groups.map((g) => ({ key: g.key, label: groupLabel(g.id) })),
    rows: rows
      .map((r) => ({ r, details: openSigner(r) }))
      .map(({ r, details }) => ({
        id: r.id,
        fullName: details.fullName,
        email: details.email,
        title: details.title,
        country: r.country,
        group: groupLabel(r.group_id),
        visibility: r.visibility,
        state: r.state,
        notable: r.notable,
        /** Pending with a confirmed address and a reason: waits for an organizer to release it. */
        heldForReview: r.state === "pending" && r.review_reason !== null && r.email_confirmed_at !== null,
        /** Why it was held or flagged (a code, e.g. "captcha_unverified"). */
        reviewReason: r.review_reason,
        ipHash: r.ip_hash,
        createdAt: r.created_at.toISOString(),
      })),
  };
}

/** What each action does to the chosen signatures of one campaign; the ids that changed. */
const ACTIONS: Record<ModerationAction, (trx: Tx, campaignId: number, ids: readonly number[]) => Promise<number[]>> = {
  hide: hideSignatures,
  unhide: unhideSignatures,
  invalidate: invalidateSignatures,
  release: releaseFromReview,
  reject: rejectFromReview,
  notable: (trx, campaignId, ids) => setSignaturesNotable(trx, campaignId, ids, true),
  unnotable: (trx, campaignId, ids) => setSignaturesNotable(trx, campaignId, ids, false),
};

export type ModerationResult = { kind: "moderated"; action: ModerationAction; rowCount: number } | NotFound;

/**
 * Hide, unhide, invalidate, release, mark or unmark notable: one signature or many, in one
 * transaction with the counters and an audit entry. Signatures of other campaigns, and those
 * already where the action would take them, are left alone (a double click changes nothing).
 */
export async function moderateSignatures(
  access: CampaignAccess,
  input: { action: ModerationAction; ids: readonly number[] },
): Promise<ModerationResult> {
  if (!can(access.role, "moderate")) return { kind: "not-found" };
  const wanted = [...new Set(input.ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_BULK);
  const campaignId = access.campaign.id;
  const rowCount = await getDb()
    .transaction()
    .execute(async (trx) => {
      const changed = await ACTIONS[input.action](trx, campaignId, wanted);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: `signatures.${input.action}`,
        subjectType: "signature",
        subjectId: changed.length === 1 ? changed[0]! : null,
        rowCount: changed.length,
        details: { ids: changed },
      });
      return changed.length;
    });
  return { kind: "moderated", action: input.action, rowCount };
}

// ---------------------------------------------------------------------------------------
// Single actions: correct an affiliation, send a new confirmation link

/** Error codes under orgModeration `errors`. */
export type SignatureFieldErrors = Partial<Record<"title" | "resend", string>>;

export type TitleResult = { kind: "title"; id: number; changed: boolean } | NotFound;

/**
 * Corrects a typo in a signer's affiliation (the route validated it as the sign form does).
 * Audited with the old and the new value; neither is ever logged.
 */
export async function correctSignatureTitle(
  access: CampaignAccess,
  input: { id: number; title: string },
): Promise<TitleResult> {
  if (!can(access.role, "moderate")) return { kind: "not-found" };
  const { id, title } = input;
  const campaignId = access.campaign.id;
  const changed = await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await lockSignature(trx, campaignId, id);
      if (!row || row.state === "withdrawn") return null;
      const old = openSigner(row).title;
      if (old === title) return false;
      await updateSignerDetails(trx, id, { title });
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "signatures.title",
        subjectType: "signature",
        subjectId: id,
        rowCount: 1,
        // A title the signer did not publish stays out of the audit log (it is sealed).
        details: row.visibility === "public" ? { old, new: title } : {},
      });
      return true;
    });
  return changed === null ? { kind: "not-found" } : { kind: "title", id, changed };
}

export type ResendResult =
  | { kind: "resent"; id: number }
  | { kind: "rate-limited"; id: number }
  | { kind: "invalid"; id: number; errors: SignatureFieldErrors; values: Record<string, string> }
  | NotFound;

/**
 * Sends a pending signer a new confirmation link, through the signing service's own resend
 * path (same mail, same per-address limit); the "resend" limit counts per organizer here.
 */
export async function resendSignatureConfirmation(
  access: CampaignAccess,
  input: { id: number },
): Promise<ResendResult> {
  if (!can(access.role, "moderate")) return { kind: "not-found" };
  const { id } = input;
  const db = getDb();
  const row = await findSignatureForResend(db, access.campaign.id, id);
  if (!row) return { kind: "not-found" };
  if (row.state !== "pending") return { kind: "invalid", id, errors: { resend: "notPending" }, values: {} };
  const result = await resendConfirmation(access.campaign.slug, row.locale, openSigner(row).email, {
    // Keyed (and hashed like an IP) by the organizer's address: unique, and stable across databases.
    ip: `organizer:${access.organizer.email}`,
  });
  if (result.kind === "rate-limited") return { kind: "rate-limited", id };
  await insertAudit(db, {
    organizerId: access.organizer.id,
    campaignId: access.campaign.id,
    action: "signatures.resend",
    subjectType: "signature",
    subjectId: id,
    rowCount: 1,
  });
  return { kind: "resent", id };
}

export type SignaturesActionResult = ModerationResult | TitleResult | ResendResult;

/** The signatures page's POST, as parsed by its schema: one operation per intent. */
export async function signaturesAction(
  access: CampaignAccess,
  input: SignaturesActionInput,
): Promise<SignaturesActionResult> {
  switch (input.intent) {
    case "title":
      return correctSignatureTitle(access, input);
    case "resend":
      return resendSignatureConfirmation(access, input);
    default:
      return moderateSignatures(access, { action: input.intent, ids: input.id });
  }
}
