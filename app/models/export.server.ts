import { sql } from "kysely";
import type { ExportState } from "../../db/schema";
import { LISTED_STATES, LISTED_VISIBILITIES, type Locale, type SignatureState, type Visibility } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";
import { openSigner } from "./signature-secrets.server";

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
  /** verified_at as ISO 8601 in UTC with milliseconds (formatted by the database: cheaper than a Date per row). */
  signed_at: string | null;
  text_version: number;
}

/**
 * A signer's details in clear only for a row not sealed yet (legacy): a sealed row sends
 * nulls there instead of the published name and title its envelope holds anyway.
 */
const legacy = (column: "full_name" | "title" | "email" | "city" | "comment") =>
  sql<string | null>`case when sealed is null then ${sql.ref(column)} end`.as(column);

const exportColumns = [
  "id",
  "group_id",
  "sealed",
  "country",
  "visibility",
  "state",
  "notable",
  "locale",
  "text_version",
] as const;

interface SealedExportRow extends Omit<ExportRow, "full_name" | "email" | "title" | "city" | "comment"> {
  sealed: string | null;
  full_name: string | null;
  email: string | null;
  title: string | null;
  city: string | null;
  comment: string | null;
}

/**
 * An exported row carries the signer's details opened from their envelope (issue 12), never
 * the envelope: a new object of one fixed shape (no spread: a million rows).
 */
function opened(row: SealedExportRow): ExportRow {
  const d = openSigner(
    row.sealed
      ? { sealed: row.sealed, full_name: "", title: "" }
      : {
          sealed: null,
          full_name: row.full_name ?? "",
          title: row.title ?? "",
          email: row.email,
          city: row.city,
          comment: row.comment,
        },
  );
  return {
    id: row.id,
    group_id: row.group_id,
    full_name: d.fullName,
    email: d.email,
    title: d.title,
    country: row.country,
    city: d.city,
    comment: d.comment,
    visibility: row.visibility,
    state: row.state,
    notable: row.notable,
    locale: row.locale,
    signed_at: row.signed_at,
    text_version: row.text_version,
  };
}

const signedAt = sql<string | null>`to_char(verified_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The signatures an export filter selects (states already defaulted). */
function filtered(db: Executor, filter: ExportFilter, states: readonly SignatureState[]) {
  let query = db.selectFrom("signatures").where("campaign_id", "=", filter.campaignId).where("state", "in", states);
  if (filter.groupIds) query = query.where("group_id", "in", filter.groupIds);
  if (filter.countries) query = query.where("country", "in", filter.countries);
  if (filter.verifiedFrom) query = query.where("verified_at", ">=", filter.verifiedFrom);
  if (filter.verifiedBefore) query = query.where("verified_at", "<", filter.verifiedBefore);
  return query;
}

/** How many rows an export with this filter will have (one count query, when it is asked for). */
export async function countExportRows(db: Executor, filter: ExportFilter): Promise<number> {
  const states = filter.states?.length ? filter.states : (["verified"] as const);
  if (filter.groupIds && filter.groupIds.length === 0) return 0;
  if (filter.countries && filter.countries.length === 0) return 0;
  const row = await filtered(db, filter, states)
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

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
  const states = [...new Set<SignatureState>(filter.states?.length ? filter.states : ["verified"])];
  if (filter.groupIds && filter.groupIds.length === 0) return;
  if (filter.countries && filter.countries.length === 0) return;
  // One query per state, each a range scan of the (campaign_id, state, id) index that stops
  // after a batch: a plan that cannot turn into sorting the campaign's remaining rows for
  // every batch (what one query with `state in (…)` did on a million rows). Several states
  // are merged by id.
  const fetchState = async (state: SignatureState, after: number): Promise<ExportRow[]> =>
    (
      await filtered(db, filter, [state])
        .select(exportColumns)
        .select([legacy("full_name"), legacy("email"), legacy("title"), legacy("city"), legacy("comment")])
        .select(signedAt.as("signed_at"))
        .where("id", ">", after)
        .orderBy("id")
        .limit(batchSize)
        .execute()
    ).map(opened);
  const fetch = async (after: number): Promise<ExportRow[]> => {
    if (states.length === 1) return fetchState(states[0]!, after);
    const parts = await Promise.all(states.map((state) => fetchState(state, after)));
    return parts
      .flat()
      .sort((a, b) => a.id - b.id)
      .slice(0, batchSize);
  };
  // The next batch is asked for while the caller works on this one.
  let next: Promise<ExportRow[]> | null = fetch(0);
  try {
    while (next) {
      const rows: ExportRow[] = await next;
      next = rows.length === batchSize ? fetch(rows[rows.length - 1]!.id) : null;
      if (rows.length === 0) return;
      yield rows;
    }
  } finally {
    // Stopped early (the reader went away): the query in flight must not fail unheard.
    next?.catch(() => undefined);
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

// ---------------------------------------------------------------------------------------
// Export records: what was asked for, by whom, and how far its single download got.

export interface NewExportRecord {
  campaignId: number;
  organizerId: number;
  format: "csv" | "xlsx" | "json";
  filters: Record<string, unknown>;
  columns: readonly string[];
  locale: Locale;
  bom: boolean;
  rowsTotal: number;
}

export async function insertExport(db: Executor, input: NewExportRecord): Promise<number> {
  const row = await db
    .insertInto("exports")
    .values({
      campaign_id: input.campaignId,
      organizer_id: input.organizerId,
      format: input.format,
      filters: JSON.stringify(input.filters),
      columns: [...input.columns],
      locale: input.locale,
      bom: input.bom,
      rows_total: input.rowsTotal,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const recordColumns = [
  "e.id",
  "e.campaign_id",
  "e.organizer_id",
  "e.format",
  "e.filters",
  "e.columns",
  "e.locale",
  "e.bom",
  "e.state",
  "e.rows_total",
  "e.rows_done",
  "e.sha256",
  "e.downloaded",
  "e.created_at",
  "e.started_at",
  "e.progress_at",
  "e.finished_at",
  "o.email as organizer_email",
] as const;

/** One export of a campaign (null for an id of another campaign), with its author's address. */
export async function findExport(db: Executor, campaignId: number, id: number) {
  return db
    .selectFrom("exports as e")
    .innerJoin("organizers as o", "o.id", "e.organizer_id")
    .select(recordColumns)
    .where("e.campaign_id", "=", campaignId)
    .where("e.id", "=", id)
    .executeTakeFirst();
}

export type ExportRecord = NonNullable<Awaited<ReturnType<typeof findExport>>>;

/** A campaign's latest exports, newest first. */
export async function listExports(db: Executor, campaignId: number, limit: number) {
  return db
    .selectFrom("exports as e")
    .innerJoin("organizers as o", "o.id", "e.organizer_id")
    .select(recordColumns)
    .where("e.campaign_id", "=", campaignId)
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(Math.max(1, Math.min(limit, 100)))
    .execute();
}

/**
 * Takes the single download of an export, atomically (one UPDATE, so two instances or two
 * clicks cannot both get it): only its author, only once, only if asked for after `notBefore`.
 * Returns false when any of that does not hold.
 */
export async function claimExportDownload(
  db: Executor,
  input: { id: number; campaignId: number; organizerId: number; notBefore: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("exports")
    .set({ downloaded: true, state: "running", started_at: sql<Date>`now()`, progress_at: sql<Date>`now()` })
    .where("id", "=", input.id)
    .where("campaign_id", "=", input.campaignId)
    .where("organizer_id", "=", input.organizerId)
    .where("downloaded", "=", false)
    .where("created_at", ">=", input.notBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rows written so far (a cheap single-row UPDATE, called every many rows, not per row). */
export async function updateExportProgress(db: Executor, id: number, rowsDone: number): Promise<void> {
  await db
    .updateTable("exports")
    .set({ rows_done: rowsDone, progress_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("state", "=", "running")
    .execute();
}

/** The end of the download: done (with the SHA-256 of the bytes sent) or failed. */
export async function finishExport(
  db: Executor,
  id: number,
  outcome: { state: Extract<ExportState, "done" | "failed">; rowsDone: number; sha256: string | null },
): Promise<void> {
  await db
    .updateTable("exports")
    .set({
      state: outcome.state,
      rows_done: outcome.rowsDone,
      sha256: outcome.sha256,
      progress_at: sql<Date>`now()`,
      finished_at: sql<Date>`now()`,
    })
    .where("id", "=", id)
    .execute();
}

/**
 * Downloads whose server went away mid-stream (a crash, a deploy) stay "running" for ever;
 * the sweep marks those silent for longer than `before` as failed. Returns how many.
 */
export async function failStalledExports(db: Executor, before: Date): Promise<number> {
  const result = await db
    .updateTable("exports")
    .set({ state: "failed", finished_at: sql<Date>`now()` })
    .where("state", "=", "running")
    .where((eb) => eb(eb.fn.coalesce("progress_at", "started_at", "created_at"), "<", before))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
