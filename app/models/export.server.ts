import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { LISTED_STATES, LISTED_VISIBILITIES, type Locale, type SignatureState, type Visibility } from "~/domain/vocab";

type Executor = Kysely<Database> | Transaction<Database>;

/** Rows fetched per query: a million-row export never sits in memory at once. */
export const EXPORT_BATCH_SIZE = 2_000;

export interface ExportFilter {
  campaignId: number;
  /** Default: verified only. */
  states?: readonly SignatureState[];
  groupIds?: readonly number[];
  /** ISO 3166-1 alpha-2 codes. */
  countries?: readonly string[];
  /** verified_at >= verifiedFrom */
  verifiedFrom?: Date;
  /** verified_at < verifiedBefore */
  verifiedBefore?: Date;
}

export interface ExportRow {
  id: number;
  group_id: number;
  full_name: string;
  email: string;
  title: string;
  country: string;
  city: string | null;
  comment: string | null;
  visibility: Visibility;
  state: SignatureState;
  notable: boolean;
  locale: Locale;
  verified_at: Date | null;
  text_version: number;
}

const exportColumns = [
  "id",
  "group_id",
  "full_name",
  "email",
  "title",
  "country",
  "city",
  "comment",
  "visibility",
  "state",
  "notable",
  "locale",
  "verified_at",
  "text_version",
] as const;

/**
 * A campaign's signatures matching a filter, in id order, one batch per query (keyset
 * pagination on the primary key: each query starts after the last id seen, so neither
 * OFFSET scans nor a held cursor; works the same on PGlite and PostgreSQL). Rows changed
 * while an export runs appear as they are when their batch is read.
 */
export async function* iterateExportBatches(
  db: Executor,
  filter: ExportFilter,
  { batchSize = EXPORT_BATCH_SIZE }: { batchSize?: number } = {},
): AsyncGenerator<ExportRow[], void, undefined> {
  const states = filter.states?.length ? filter.states : (["verified"] as const);
  if (filter.groupIds && filter.groupIds.length === 0) return;
  if (filter.countries && filter.countries.length === 0) return;
  let after = 0;
  for (;;) {
    let query = db
      .selectFrom("signatures")
      .select(exportColumns)
      .where("campaign_id", "=", filter.campaignId)
      .where("state", "in", states)
      .where("id", ">", after);
    if (filter.groupIds) query = query.where("group_id", "in", filter.groupIds);
    if (filter.countries) query = query.where("country", "in", filter.countries);
    if (filter.verifiedFrom) query = query.where("verified_at", ">=", filter.verifiedFrom);
    if (filter.verifiedBefore) query = query.where("verified_at", "<", filter.verifiedBefore);
    const rows = await query.orderBy("id").limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** What a publication list may know of a listed signature: no email, city or comment. */
export interface PublicationRow {
  id: number;
  group_id: number;
  full_name: string;
  title: string;
  country: string;
  visibility: Visibility;
  notable: boolean;
}

/**
 * Listed signatures (verified, visibility public / initials / anonymous) in publication
 * order within each group: notable first, then in the order they were confirmed. Keyset
 * batches on (group_id, notable, verified_at, id) would need a composite cursor; the list
 * is built whole anyway (it becomes one text), so it is read in one query.
 */
export async function listPublicationRows(db: Executor, campaignId: number): Promise<PublicationRow[]> {
  return db
    .selectFrom("signatures")
    .select(["id", "group_id", "full_name", "title", "country", "visibility", "notable"])
    .where("campaign_id", "=", campaignId)
    .where("state", "in", LISTED_STATES)
    .where("visibility", "in", LISTED_VISIBILITIES)
    .orderBy("group_id")
    .orderBy("notable", "desc")
    .orderBy("verified_at")
    .orderBy("id")
    .execute();
}

/** Counted but unlisted signatures ("counted only") per group, straight from the rows. */
export async function countUnlistedByGroup(db: Executor, campaignId: number) {
  const rows = await db
    .selectFrom("signatures")
    .select(["group_id", (eb) => eb.fn.countAll<number>().as("count")])
    .where("campaign_id", "=", campaignId)
    .where("state", "in", LISTED_STATES)
    .where("visibility", "not in", LISTED_VISIBILITIES)
    .groupBy("group_id")
    .execute();
  return new Map(rows.map((r) => [r.group_id, Number(r.count)]));
}

export async function findCampaignForExport(db: Executor, campaignId: number) {
  return db
    .selectFrom("campaigns")
    .select([
      "id",
      "slug",
      "status",
      "canonical_locale",
      "delivered_on",
      "delivered_to",
      "delivery_response",
      "delivered_list_sha256",
      "delivered_list_rows",
    ])
    .where("id", "=", campaignId)
    .executeTakeFirst();
}

/**
 * Marks a campaign delivered and keeps the evidence of what was delivered: the SHA-256 of
 * the publication text handed over and its number of listed signatories.
 */
export async function markDelivered(
  db: Executor,
  campaignId: number,
  evidence: { on: string; to: string; response?: string | null; sha256: string; rows: number },
): Promise<void> {
  await db
    .updateTable("campaigns")
    .set({
      status: "delivered",
      delivered_on: evidence.on,
      delivered_to: evidence.to,
      delivery_response: evidence.response ?? null,
      delivered_list_sha256: evidence.sha256,
      delivered_list_rows: evidence.rows,
      updated_at: new Date(),
    })
    .where("id", "=", campaignId)
    .execute();
}
