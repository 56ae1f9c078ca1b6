import { can } from "~/domain/permissions";
import { type CampaignStatus, DELIVERABLE_CAMPAIGN_STATUSES } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import { findCampaignSettings, markCampaignDelivered, updateDeliveryResponse } from "~/models/campaign-settings.server";
import { SETTINGS_LIMITS } from "~/schemas/campaign-settings";
import { today } from "~/domain/dates";
import { getDb } from "~/utils/db.server";
import { NOT_FOUND, type NotFound } from "./campaign-settings-common.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";
import { deliveryEvidence } from "./publication.server";

/**
 * The record of a campaign's delivery: when, to whom, the SHA-256 and size of the publication
 * list handed over (in the campaign's original language), and the authorities' response.
 * Owners, editors and platform admins only; audited.
 */

const deliverable = (status: CampaignStatus) =>
  (DELIVERABLE_CAMPAIGN_STATUSES as readonly CampaignStatus[]).includes(status);

/** The delivery page: the record once there is one, else whether one may be made. */
export async function deliveryPage(access: CampaignAccess) {
  if (!can(access.role, "edit")) return null;
  const campaign = await findCampaignSettings(getDb(), access.campaign.id);
  if (!campaign) return null;
  const delivered = campaign.status === "delivered";
  return {
    slug: campaign.slug,
    status: campaign.status,
    canRecord: deliverable(campaign.status),
    record: delivered
      ? {
          on: campaign.delivered_on,
          to: campaign.delivered_to,
          response: campaign.delivery_response,
          sha256: campaign.delivered_list_sha256,
          rows: campaign.delivered_list_rows,
        }
      : null,
    limits: SETTINGS_LIMITS,
    values: {
      deliveredOn: today(),
      deliveredTo: "",
      response: campaign.delivery_response ?? "",
    } as Record<string, string>,
  };
}

export type DeliveryResult =
  | { kind: "delivered"; sha256: string; rows: number }
  | { kind: "responseSaved" }
  | { kind: "refused"; status: CampaignStatus }
  | NotFound;

/**
 * Marks an open or closed campaign delivered, storing the date, the addressee, the response
 * and the SHA-256 and size of the publication list as it is now. Audited as campaign.delivered.
 */
export async function recordCampaignDelivery(
  access: CampaignAccess,
  input: { deliveredOn: string; deliveredTo: string; response: string },
): Promise<DeliveryResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const campaignId = access.campaign.id;
  // One transaction under the campaign's row lock: two people recording at once give one
  // delivery, and the record, its evidence and the audit entry commit together.
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<DeliveryResult> => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) return NOT_FOUND;
      if (!deliverable(current.status)) return { kind: "refused", status: current.status };
      const evidence = await deliveryEvidence({ campaignId, locale: current.canonical_locale, db: trx });
      await markCampaignDelivered(trx, campaignId, {
        on: input.deliveredOn,
        to: input.deliveredTo,
        response: input.response || null,
        sha256: evidence.sha256,
        rows: evidence.rows,
      });
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.delivered",
        subjectType: "campaign",
        subjectId: campaignId,
        rowCount: evidence.rows,
        details: { on: input.deliveredOn, sha256: evidence.sha256, from: current.status },
      });
      return { kind: "delivered", sha256: evidence.sha256, rows: evidence.rows };
    });
  if (result.kind === "delivered") clearPageCache();
  return result;
}

/** The authorities' answer, added or corrected after delivery. Audited as campaign.delivery_response_saved. */
export async function saveDeliveryResponse(
  access: CampaignAccess,
  input: { response: string },
): Promise<DeliveryResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<DeliveryResult> => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) return NOT_FOUND;
      if (current.status !== "delivered") return { kind: "refused", status: current.status };
      await updateDeliveryResponse(trx, campaignId, input.response || null);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.delivery_response_saved",
        subjectType: "campaign",
        subjectId: campaignId,
      });
      return { kind: "responseSaved" };
    });
  if (result.kind === "responseSaved") clearPageCache();
  return result;
}
