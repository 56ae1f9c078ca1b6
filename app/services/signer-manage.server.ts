import { canonicalEmail } from "~/domain/email";
import { pickTranslation } from "~/domain/translation";
import { type Locale, type Visibility } from "~/domain/vocab";
import { findPublicCampaignBySlug, listCampaignTranslations } from "~/models/campaign.server";
import {
  findManagedSignature,
  findSignatureByEmail,
  setUpdatesConsent,
  setWithdrawToken,
} from "~/models/signature.server";
import { openSigner, updateSignerDetails } from "~/models/signature-secrets.server";
import { emailHash, emailHashes } from "~/utils/signer-crypto.server";
import { changeVisibility, withdrawSignature } from "~/models/signature-transitions.server";
import type { ManageActionInput } from "~/schemas/manage";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { hashIp, hashToken, newToken } from "~/utils/tokens.server";
import { queueSignerMail } from "~/jobs/enqueue.server";
import { tryConsume } from "./rate-limit.server";

/**
 * "Manage my signature": the signer, holding the private link from their mails or the
 * thank-you page, changes how they appear (through the transitions module, which moves the
 * counters), corrects their title and city, changes their news consent, or withdraws. And
 * "lost your link?": a fresh link by mail, with the same answer whether or not they signed.
 */

export type ManagePage = NonNullable<Awaited<ReturnType<typeof loadManagePage>>>;

/** What the signer's page shows; null for an unknown, replaced or withdrawn link. */
export async function loadManagePage(token: string, locale: Locale) {
  const db = getDb();
  const row = await findManagedSignature(db, hashToken(token));
  if (!row) return null;
  const translations = await listCampaignTranslations(db, [row.campaign_id]);
  const details = openSigner(row);
  return {
    campaign: {
      slug: row.slug,
      title: pickTranslation(translations, locale, row.canonical_locale)?.row.title ?? row.slug,
      status: row.campaign_status,
      deliveredOn: row.delivered_on,
    },
    signature: {
      fullName: details.fullName,
      title: details.title,
      city: details.city ?? "",
      visibility: row.visibility,
      updatesConsent: row.updates_consent && !row.unsubscribed_at,
      /** pending: not confirmed yet; held: confirmed, waiting for the organizers; counted. */
      status:
        row.state === "verified"
          ? ("counted" as const)
          : row.state === "hidden"
            ? ("hidden" as const)
            : row.email_confirmed_at
              ? ("held" as const)
              : ("pending" as const),
    },
  };
}

export type ManageResult =
  | { kind: "saved"; what: "visibility" | "details" | "news"; visibility?: Visibility }
  | { kind: "withdrawn"; slug: string }
  | { kind: "not-found" };

/** One change the signer asked for, in one transaction under a row lock. */
export async function manageSignature(token: string, input: ManageActionInput): Promise<ManageResult> {
  return getDb()
    .transaction()
    .execute(async (trx): Promise<ManageResult> => {
      const row = await findManagedSignature(trx, hashToken(token), { forUpdate: true });
      if (!row) return { kind: "not-found" };
      switch (input.intent) {
        case "visibility":
          if (!(await changeVisibility(trx, row.id, input.visibility))) return { kind: "not-found" };
          return { kind: "saved", what: "visibility", visibility: input.visibility };
        case "details":
          await updateSignerDetails(trx, row.id, { title: input.title, city: input.city || null });
          return { kind: "saved", what: "details" };
        case "news":
          await setUpdatesConsent(trx, row.id, input.updatesConsent === "on");
          return { kind: "saved", what: "news" };
        case "withdraw":
          return (await withdrawSignature(trx, row.id)) ? { kind: "withdrawn", slug: row.slug } : { kind: "not-found" };
      }
    });
}

/**
 * "Lost your link?": a signature of this address on this campaign gets a fresh private link
 * by mail (the old one stops working). The answer is the same whether or not the address
 * signed; only the per-IP limit is ever told.
 */
export async function requestManageLink(
  slug: string,
  locale: Locale,
  address: string,
  client: { ip: string | undefined },
): Promise<{ kind: "accepted" } | { kind: "rate-limited" } | { kind: "not-found" }> {
  const db = getDb();
  const config = getConfig();
  const campaign = await findPublicCampaignBySlug(db, slug);
  if (!campaign) return { kind: "not-found" };
  const ipHash = client.ip ? hashIp(client.ip, config.sessionSecret) : "unknown";
  if (!(await tryConsume("resend", ipHash))) return { kind: "rate-limited" };
  const canonical = canonicalEmail(address);
  const email = emailHash(canonical);
  if (!(await tryConsume("mailPerAddress", email))) return { kind: "accepted" };
  const translations = await listCampaignTranslations(db, [campaign.id]);
  await db.transaction().execute(async (trx) => {
    const existing = await findSignatureByEmail(trx, campaign.id, emailHashes(canonical));
    if (!existing || !["pending", "verified", "hidden"].includes(existing.state)) return;
    const token = newToken();
    await setWithdrawToken(trx, existing.id, hashToken(token));
    const mailLocale = existing.locale;
    await queueSignerMail(trx, existing.id, {
      kind: "manage_link",
      locale: mailLocale,
      data: {
        campaignTitle: pickTranslation(translations, mailLocale, campaign.canonical_locale)?.row.title ?? slug,
        manageUrl: `${config.appUrl}/${mailLocale}/manage/${token}`,
      },
    });
  });
  return { kind: "accepted" };
}
