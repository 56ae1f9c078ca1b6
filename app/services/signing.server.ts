import { createHmac } from "node:crypto";
import type { Submission, SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { canonicalEmail, maskEmail } from "~/domain/email";
import { pickTranslation } from "~/domain/translation";
import { SIGNABLE_CAMPAIGN_STATUSES, type Locale } from "~/domain/vocab";
import { findPublicCampaignBySlug, listCampaignTranslations } from "~/models/campaign.server";
import {
  findByToken,
  findSignatureByEmail,
  insertPendingSignature,
  setConfirmToken,
  setWithdrawToken,
} from "~/models/signature.server";
import {
  holdForReview,
  verifySignature,
  withdrawSignature as withdrawSignatureRow,
} from "~/models/signature-transitions.server";
import type { signatureSchema } from "~/schemas/signature";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { hashIp, hashToken, newToken } from "~/utils/tokens.server";
import { verifyCaptcha } from "~/utils/captcha.server";
import { queueSignerMail } from "~/jobs/enqueue.server";
import { signerColumns } from "~/models/signature-secrets.server";
import { emailHash, emailHashes } from "~/utils/signer-crypto.server";
import { consume, RateLimited, tryConsume, type LimitName } from "./rate-limit.server";
import { signingContext } from "./signing-context.server";

/** How long a hashed IP is kept for abuse review. */
const IP_HASH_DAYS = 30;

export type SubmitResult =
  | { kind: "invalid"; reply: SubmissionResult<string[]> }
  | { kind: "accepted" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "not-open" }
  | { kind: "not-found" };

/** Where a submission came from: the client's address, hashed before it is kept. */
export interface ClientInfo {
  ip: string | undefined;
}

/** The sign form as the route parsed it (Conform + app/schemas/signature.ts). */
export type SignatureFormSubmission = Submission<
  z.input<typeof signatureSchema>,
  string[],
  z.output<typeof signatureSchema>
>;

/**
 * The signer's private "manage my signature" token (stored as the withdrawal token's hash),
 * derived from the confirmation token: the mailed links and the thank-you page after
 * confirming then lead to the same page, and only a hash of either is kept.
 */
export function manageTokenFor(confirmToken: string): string {
  return createHmac("sha256", getConfig().sessionSecret).update(`manage:${confirmToken}`).digest("base64url");
}

/**
 * The confirmation token of a stored seed: the reminder mail can carry the same link as the
 * first one, while the database holds only the seed (useless without the secret) and the hash.
 */
export function confirmTokenFor(seed: string): string {
  return createHmac("sha256", getConfig().sessionSecret).update(`confirm:${seed}`).digest("base64url");
}

/** The links of a signature's mails, in the signer's language. */
export function signerLinks(locale: Locale, confirmToken: string) {
  return signatureUrls(locale, confirmToken, manageTokenFor(confirmToken));
}

function signatureUrls(locale: Locale, confirmToken: string | null, withdrawToken: string) {
  const base = getConfig().appUrl;
  return {
    confirmUrl: confirmToken ? `${base}/${locale}/confirm/${confirmToken}` : null,
    withdrawUrl: `${base}/${locale}/withdraw/${withdrawToken}`,
    manageUrl: `${base}/${locale}/manage/${withdrawToken}`,
  };
}

/**
 * A signer submits the form. Whatever happens to the address (new, already signed, over a
 * mail limit), the answer is the same "check your inbox": nobody can learn who signed.
 * The campaign is looked at first: a form sent to a closed or unknown campaign is answered
 * as such before its fields are.
 */
export async function submitSignature(
  slug: string,
  locale: Locale,
  submission: SignatureFormSubmission,
  client: ClientInfo,
): Promise<SubmitResult> {
  const db = getDb();
  const config = getConfig();
  const context = await signingContext(slug);
  if (!context) return { kind: "not-found" };
  const { campaign, groups, translations } = context;
  if (!(SIGNABLE_CAMPAIGN_STATUSES as readonly string[]).includes(campaign.status)) return { kind: "not-open" };

  if (submission.status !== "success") {
    return { kind: "invalid", reply: submission.reply() };
  }
  const form = submission.value;
  // What only this campaign and this site's settings can tell about an otherwise valid form.
  const fieldErrors: Record<string, string[]> = {};
  if (!groups.some((g) => g.key === form.group)) fieldErrors.group = ["groupRequired"];
  if (config.hcaptcha && !form["h-captcha-response"] && !form.website) fieldErrors.captcha = ["captchaRequired"];
  if (Object.keys(fieldErrors).length) return { kind: "invalid", reply: submission.reply({ fieldErrors }) };

  // Bots fill the hidden field: tell them it worked and store nothing.
  if (form.website) return { kind: "accepted" };

  const canonical = canonicalEmail(form.email);
  // Addresses are known by their keyed hash only (issue 12): rate-limit keys included.
  // [current key's hash, previous key's during a rotation]: computed once per request.
  const hashes = emailHashes(canonical);
  const email = hashes[0]!;
  const ipHash = client.ip ? hashIp(client.ip, config.sessionSecret) : null;
  try {
    await consume(
      ["signCampaign", String(campaign.id)],
      ...(ipHash
        ? [["signIpBurst", ipHash] as [LimitName, string], ["signIpDaily", ipHash] as [LimitName, string]]
        : []),
      ["signEmail", `${campaign.id}:${email}`],
    );
  } catch (error) {
    if (error instanceof RateLimited) return { kind: "rate-limited", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }

  let reviewReason: string | null = null;
  if (config.hcaptcha) {
    const outcome = await verifyCaptcha(form["h-captcha-response"] ?? "", client.ip);
    if (outcome === "failed") {
      return {
        kind: "invalid",
        reply: submission.reply({ fieldErrors: { captcha: ["captchaFailed"] } }),
      };
    }
    if (outcome === "unavailable") reviewReason = "captcha_unverified";
  }

  const group = groups.find((g) => g.key === form.group)!;
  const text = pickTranslation(translations, locale, campaign.canonical_locale)?.row;
  const title = text?.title ?? slug;
  const linkSeed = newToken();
  const confirmToken = confirmTokenFor(linkSeed);
  const withdrawToken = manageTokenFor(confirmToken);

  await db.transaction().execute(async (trx) => {
    const id = await insertPendingSignature(
      trx,
      {
        campaign_id: campaign.id,
        group_id: group.id,
        ...signerColumns(
          form.visibility,
          {
            email: form.email,
            fullName: form.fullName,
            title: form.title,
            city: form.city || null,
            comment: form.comment || null,
          },
          canonical,
        ),
        country: form.country,
        visibility: form.visibility,
        updates_consent: form.updatesConsent === "on",
        locale,
        text_version: text?.version ?? 1,
        confirm_token_hash: hashToken(confirmToken),
        withdraw_token_hash: hashToken(withdrawToken),
        link_seed: linkSeed,
        review_reason: reviewReason,
        ref: form.ref ?? null,
        ip_hash: ipHash,
        ip_hash_expires_at: ipHash ? new Date(Date.now() + IP_HASH_DAYS * 86_400_000) : null,
      },
      // During a key rotation the same person may still be stored under the previous key's hash.
      hashes.slice(1),
    );
    if (id !== undefined) {
      const urls = signatureUrls(locale, confirmToken, withdrawToken);
      await queueSignerMail(trx, id, {
        kind: "signature_confirmation",
        locale,
        data: {
          campaignTitle: title,
          confirmUrl: urls.confirmUrl!,
          withdrawUrl: urls.withdrawUrl,
          manageUrl: urls.manageUrl,
          expiresInDays: config.signatureConfirmDays,
        },
      });
      return;
    }
    // Already signed (or pending). A short note to the address, a few times a day at most;
    // its withdrawal link is new, since only hashes of the old one are kept.
    const existing = await findSignatureByEmail(trx, campaign.id, hashes);
    if (!existing || !(await tryConsume("mailPerAddress", email))) return;
    const freshWithdraw = newToken();
    await setWithdrawToken(trx, existing.id, hashToken(freshWithdraw));
    await queueSignerMail(trx, existing.id, {
      kind: "already_signed",
      locale,
      data: {
        campaignTitle: title,
        campaignUrl: `${config.appUrl}/${locale}/campaigns/${slug}`,
        withdrawUrl: signatureUrls(locale, null, freshWithdraw).withdrawUrl,
      },
    });
    console.info(`[sign] repeat signature attempt for ${maskEmail(canonical)} on campaign ${campaign.id}`);
  });
  return { kind: "accepted" };
}

/** `manageToken`: the signer's private link to change or withdraw their signature (null if it was replaced since). */
export type ConfirmResult =
  | { kind: "confirmed"; slug: string; position: number; manageToken: string | null }
  | { kind: "already-confirmed"; slug: string; manageToken: string | null }
  | { kind: "awaiting-review"; slug: string; manageToken: string | null }
  | { kind: "expired" }
  | { kind: "invalid" };

function isExpired(createdAt: Date): boolean {
  return Date.now() - createdAt.getTime() > getConfig().signatureConfirmDays * 86_400_000;
}

/**
 * The signer pressed Confirm. Under a row lock, so fifty simultaneous presses still make
 * one verified signature and one count.
 */
export async function confirmSignature(token: string): Promise<ConfirmResult> {
  const derived = manageTokenFor(token);
  // One transaction, and nothing read after it: the row (with its campaign's slug) under a
  // lock, the move to verified, and the position from the counter move itself.
  return getDb()
    .transaction()
    .execute(async (trx): Promise<ConfirmResult> => {
      const signature = await findByToken(trx, "confirm", hashToken(token), { forUpdate: true });
      if (!signature) return { kind: "invalid" };
      const slug = signature.campaign_slug;
      const manageToken = signature.withdraw_token_hash === hashToken(derived) ? derived : null;
      if (signature.state === "verified") return { kind: "already-confirmed", slug, manageToken };
      if (signature.state !== "pending") return { kind: "invalid" };
      if (isExpired(signature.created_at)) return { kind: "expired" };
      if (signature.review_reason) {
        await holdForReview(trx, signature.id);
        return { kind: "awaiting-review", slug, manageToken };
      }
      const position = await verifySignature(trx, signature.id);
      // Locked and pending a moment ago, so it moved; null would mean a rule changed under us.
      if (position === null) return { kind: "invalid" };
      return { kind: "confirmed", slug, position, manageToken };
    });
}

export type WithdrawResult = { kind: "withdrawn"; slug: string } | { kind: "invalid" };

export async function withdrawSignature(token: string): Promise<WithdrawResult> {
  const db = getDb();
  const withdrawn = await db.transaction().execute(async (trx) => {
    const signature = await findByToken(trx, "withdraw", hashToken(token));
    if (!signature) return null;
    return (await withdrawSignatureRow(trx, signature.id)) ? { slug: signature.campaign_slug } : null;
  });
  if (withdrawn === null) return { kind: "invalid" };
  return { kind: "withdrawn", slug: withdrawn.slug };
}

/** What the pages behind mailed links show before the button is pressed. */
export async function describeToken(kind: "confirm" | "withdraw", token: string, locale: Locale) {
  const db = getDb();
  const signature = await findByToken(db, kind, hashToken(token));
  if (!signature || signature.state === "withdrawn") return { status: "invalid" as const };
  const translations = await listCampaignTranslations(db, [signature.campaign_id]);
  const text = pickTranslation(translations, locale)?.row;
  const base = {
    campaignTitle: text?.title ?? "",
    slug: signature.campaign_slug,
  };
  if (kind === "confirm") {
    if (signature.state === "verified") return { status: "already-confirmed" as const, ...base };
    if (signature.state !== "pending") return { status: "invalid" as const };
    if (isExpired(signature.created_at)) return { status: "expired" as const, ...base };
  }
  return { status: "ready" as const, ...base };
}

/**
 * "Send me a new link": a pending signature of this address gets a fresh confirmation
 * token and mail. Same answer whether or not there is one.
 */
export async function resendConfirmation(slug: string, locale: Locale, address: string, client: ClientInfo) {
  const db = getDb();
  const config = getConfig();
  const canonical = canonicalEmail(address);
  const email = emailHash(canonical);
  const ipHash = client.ip ? hashIp(client.ip, config.sessionSecret) : "unknown";
  if (!(await tryConsume("resend", ipHash))) return { kind: "rate-limited" as const };
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return { kind: "accepted" as const };
  if (!(await tryConsume("mailPerAddress", email))) return { kind: "accepted" as const };
  const translations = await listCampaignTranslations(db, [campaign.id]);
  const title = pickTranslation(translations, locale, campaign.canonical_locale)?.row.title ?? slug;
  await db.transaction().execute(async (trx) => {
    const existing = await findSignatureByEmail(trx, campaign.id, emailHashes(canonical));
    if (!existing || existing.state !== "pending") return;
    const linkSeed = newToken();
    const confirmToken = confirmTokenFor(linkSeed);
    const withdrawToken = manageTokenFor(confirmToken);
    await setConfirmToken(trx, existing.id, hashToken(confirmToken), linkSeed);
    await setWithdrawToken(trx, existing.id, hashToken(withdrawToken));
    const urls = signatureUrls(existing.locale, confirmToken, withdrawToken);
    await queueSignerMail(trx, existing.id, {
      kind: "signature_confirmation",
      locale: existing.locale,
      data: {
        campaignTitle: title,
        confirmUrl: urls.confirmUrl!,
        withdrawUrl: urls.withdrawUrl,
        manageUrl: urls.manageUrl,
        expiresInDays: config.signatureConfirmDays,
      },
    });
  });
  return { kind: "accepted" as const };
}
