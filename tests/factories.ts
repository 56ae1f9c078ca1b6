import { randomBytes } from "node:crypto";
import type { NewSignature } from "../db/schema";
import type { CampaignStatus, Locale, SignatureState, Visibility } from "../app/domain/vocab";
import { insertCampaign, insertPrisoner, type CampaignInput } from "../app/models/content.server";
import { insertSignatures } from "../app/models/signature.server";
import { rebuildCounts } from "../app/models/signature-transitions.server";
import type { DB } from "../app/utils/db.server";

const unique = () => randomBytes(4).toString("hex");

export async function createPrisoner(db: DB, overrides: { slug?: string; name?: string } = {}) {
  const slug = overrides.slug ?? `prisoner-${unique()}`;
  const id = await insertPrisoner(db, {
    slug,
    status: "sentenced",
    detainedOn: "2019-02-01",
    translations: [
      {
        locale: "en",
        status: "original",
        name: overrides.name ?? "Test Prisoner",
        summary: "A test profile.",
        bio: "Bio.",
      },
    ],
    events: [{ on: "2019-02-01", texts: [{ locale: "en", text: "Arrested." }] }],
  });
  return { id, slug };
}

export async function createCampaign(
  db: DB,
  overrides: Partial<Omit<CampaignInput, "status">> & { status?: CampaignStatus } = {},
) {
  const slug = overrides.slug ?? `campaign-${unique()}`;
  const input: CampaignInput = {
    slug,
    kind: "open_letter",
    status: "open",
    canonicalLocale: "en",
    goal: 1000,
    translations: [
      { locale: "en", status: "original", title: "Free the test prisoner", summary: "Summary.", body: "We ask." },
    ],
    groups: [
      {
        key: "mathematicians",
        labels: [
          { locale: "en", label: "Mathematicians" },
          { locale: "ru", label: "Математики" },
        ],
      },
      { key: "journalists", labels: [{ locale: "en", label: "Journalists" }] },
    ],
    ...overrides,
  };
  const created = await insertCampaign(db, input);
  return { ...created, slug };
}

let emailCounter = 0;

export function signatureRow(
  campaign: { id: number; groupIds: Record<string, number> },
  overrides: Partial<NewSignature> & {
    group?: string;
    state?: SignatureState;
    visibility?: Visibility;
    locale?: Locale;
  } = {},
): NewSignature {
  const { group, ...rest } = overrides;
  const email = `signer-${++emailCounter}-${unique()}@example.org`;
  const groupId = campaign.groupIds[group ?? "mathematicians"];
  if (groupId === undefined) throw new Error(`no group ${group}`);
  return {
    campaign_id: campaign.id,
    group_id: groupId,
    full_name: "Ada Example",
    email,
    email_canonical: email,
    title: "Professor, Example University",
    country: "FR",
    visibility: "public",
    state: "verified",
    locale: "en",
    text_version: 1,
    verified_at: new Date(),
    ...rest,
  };
}

/** Inserts rows as they are and brings the counters in line, as an import would. */
export async function addSignatures(db: DB, rows: NewSignature[]) {
  const count = await insertSignatures(db, rows);
  await rebuildCounts(db, [...new Set(rows.map((r) => r.campaign_id))]);
  return count;
}
