import { can } from "~/domain/permissions";
import { today } from "~/domain/dates";
import { pickTranslation } from "~/domain/translation";
import type { Locale, Visibility } from "~/domain/vocab";
import { countryOptions } from "~/i18n/countries.server";
import { insertAudit } from "~/models/audit.server";
import {
  countVerifiedOnPaper,
  currentTextVersion,
  insertPaperBatch,
  listPaperBatches,
} from "~/models/campaign-outcome.server";
import { signerColumns } from "~/models/signature-secrets.server";
import { addPaperSignatures, type PaperLine } from "~/models/signature-transitions.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { OUTCOME_LIMITS, type PaperInput } from "~/schemas/campaign-outcome";
import { getDb } from "~/utils/db.server";
import { NOT_FOUND, type NotFound } from "./campaign-settings-common.server";
import type { CampaignAccess } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";

/**
 * Signatures gathered on paper (a conference, a union meeting): a batch of counts per group
 * and country, or named signatories typed from the sheets with the visibility they chose.
 * They count like any other (through the transitions module), are exported with their
 * batch, and every batch is audited. Owners and editors only.
 */

export async function paperPage(access: CampaignAccess, locale: Locale) {
  if (!can(access.role, "edit")) return null;
  const db = getDb();
  const { campaign } = access;
  const [groups, batches, onPaper] = await Promise.all([
    listSignerGroups(db, campaign.id),
    listPaperBatches(db, campaign.id, 50),
    countVerifiedOnPaper(db, campaign.id),
  ]);
  return {
    slug: campaign.slug,
    groups: groups.map((g) => ({
      key: g.key,
      label: pickTranslation(g.labels, locale, campaign.canonicalLocale)?.row.label ?? g.key,
    })),
    countries: countryOptions(locale),
    batches: batches.map((b) => ({
      id: b.id,
      kind: b.kind,
      source: b.source,
      collectedOn: b.collected_on,
      total: b.total,
      by: b.organizer_email,
      createdAt: b.created_at.toISOString(),
    })),
    onPaper,
    limits: OUTCOME_LIMITS,
    today: today(),
  };
}

export type PaperResult =
  { kind: "added"; batchId: number; total: number } | { kind: "invalid"; errors: Record<string, string> } | NotFound;

/** A named paper signatory: sealed like a signature from the form; in clear only what they chose to publish. */
function paperPerson(
  groupId: number,
  entry: { country: string; fullName: string; title: string; visibility: Visibility },
): PaperLine {
  const columns = signerColumns(
    entry.visibility,
    { email: "", fullName: entry.fullName, title: entry.title, city: null, comment: null },
    null,
  );
  return {
    groupId,
    country: entry.country,
    fullName: columns.full_name,
    title: columns.title,
    visibility: entry.visibility,
    sealed: { envelope: columns.sealed, keyId: columns.key_id },
  };
}

/** Adds one paper batch: its record, its signatures and the counters, and the audit entry, in one transaction. */
export async function recordPaperBatch(access: CampaignAccess, input: PaperInput): Promise<PaperResult> {
  if (!can(access.role, "edit")) return NOT_FOUND;
  const { campaign } = access;
  const db = getDb();
  const groups = new Map((await listSignerGroups(db, campaign.id)).map((g) => [g.key, g.id]));
  const entries = input.intent === "counts" ? input.lines : input.people;
  const field = input.intent === "counts" ? "line" : "person";
  const errors: Record<string, string> = {};
  const lines: PaperLine[] = [];
  entries.forEach((entry, i) => {
    const groupId = groups.get(entry.groupKey);
    if (groupId === undefined) {
      errors[`${field}[${i}].group`] = "unknownGroup";
      return;
    }
    lines.push(
      "count" in entry ? { groupId, country: entry.country, count: entry.count } : paperPerson(groupId, entry),
    );
  });
  if (Object.keys(errors).length) return { kind: "invalid", errors };
  const textVersion = await currentTextVersion(db, campaign.id, campaign.canonicalLocale);
  const result = await db.transaction().execute(async (trx) => {
    const batchId = await insertPaperBatch(trx, {
      campaignId: campaign.id,
      organizerId: access.organizer.id,
      kind: input.intent,
      source: input.source,
      collectedOn: input.collectedOn,
      total: input.total,
    });
    const total = await addPaperSignatures(
      trx,
      { campaignId: campaign.id, batchId, locale: campaign.canonicalLocale, textVersion },
      lines,
    );
    await insertAudit(trx, {
      organizerId: access.organizer.id,
      campaignId: campaign.id,
      action: "paper.batch_added",
      subjectType: "paper_batch",
      subjectId: batchId,
      rowCount: total,
      details: { kind: input.intent, source: input.source, collectedOn: input.collectedOn },
    });
    return { kind: "added" as const, batchId, total };
  });
  clearPageCache();
  return result;
}
