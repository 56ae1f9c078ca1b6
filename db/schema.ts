import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type {
  CampaignKind,
  CampaignStatus,
  Locale,
  MemberRole,
  PrisonerStatus,
  SignatureState,
  TranslationStatus,
  Visibility,
} from "../app/domain/vocab";
import type { BatchState, LetterState, LetterTranslationKind, PostingMethod } from "../app/domain/letters";

/** The Kysely `Database` type: one interface per table, as the migrations build them. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns come back as strings (YYYY-MM-DD); see utils/db.server.ts. */
type DateOnly = ColumnType<string, string, string>;
type NullableDateOnly = ColumnType<string | null, string | null | undefined, string | null>;
type Id = Generated<number>;

export interface PrisonersTable {
  id: Id;
  slug: string;
  status: PrisonerStatus;
  born_on: NullableDateOnly;
  detained_on: NullableDateOnly;
  photo_path: string | null;
  /** The stored image (media.sha256) behind photo_path; null for a photo still on disk (see media). */
  photo_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  mailing_address: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PrisonerTranslationsTable {
  prisoner_id: number;
  locale: Locale;
  status: TranslationStatus;
  name: string;
  summary: ColumnType<string, string | undefined, string>;
  bio: ColumnType<string, string | undefined, string>;
  facility: string | null;
}

export interface PrisonerEventsTable {
  id: Id;
  prisoner_id: number;
  occurred_on: DateOnly;
}

export interface PrisonerEventTranslationsTable {
  event_id: number;
  locale: Locale;
  text: string;
}

export interface CampaignsTable {
  id: Id;
  slug: string;
  kind: CampaignKind;
  status: ColumnType<CampaignStatus, CampaignStatus | undefined, CampaignStatus>;
  canonical_locale: Locale;
  goal: number | null;
  opened_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  delivered_on: NullableDateOnly;
  delivered_to: string | null;
  delivery_response: string | null;
  delivered_list_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  delivered_list_rows: ColumnType<number | null, number | null | undefined, number | null>;
  /** Migration 0015: the language of the publication list whose SHA-256 was stored. */
  delivered_list_locale: ColumnType<Locale | null, Locale | null | undefined, Locale | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Migration 0010 (insights): the answer due, the answer's day and document, the campaign this follows up. */
  response_due_on: NullableDateOnly;
  answered_on: NullableDateOnly;
  answer_document_url: ColumnType<string | null, string | null | undefined, string | null>;
  follow_up_of: ColumnType<number | null, number | null | undefined, number | null>;
  /** Migration 0014 (retention): days after closing or delivery until signer data is erased; reminder, queueing, run. */
  retention_days: ColumnType<number, number | undefined, number>;
  retention_reminded_at: NullableTimestamp;
  retention_queued_at: NullableTimestamp;
  retention_ran_at: NullableTimestamp;
}

/** The addressee's answer, per language (migration 0010). */
export interface CampaignAnswerTranslationsTable {
  campaign_id: number;
  locale: Locale;
  text: string;
}

/** Signatures gathered on paper: where and when; the signatures point at their batch (migration 0010). */
export interface PaperBatchesTable {
  id: Id;
  campaign_id: number;
  organizer_id: number | null;
  kind: "counts" | "named";
  source: string;
  collected_on: DateOnly;
  total: number;
  created_at: Timestamp;
}

/** A signer of an earlier campaign invited to sign its follow-up with one button (migration 0010). */
export interface FollowUpInvitationsTable {
  token_hash: string;
  campaign_id: number;
  signature_id: number;
  new_signature_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface CampaignTranslationsTable {
  campaign_id: number;
  locale: Locale;
  status: TranslationStatus;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  body: string;
  target: ColumnType<string, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface CampaignTextVersionsTable {
  campaign_id: number;
  locale: Locale;
  version: number;
  title: string;
  body: string;
  created_at: Timestamp;
}

export interface CampaignPrisonersTable {
  campaign_id: number;
  prisoner_id: number;
  position: ColumnType<number, number | undefined, number>;
}

export interface CampaignUpdatesTable {
  id: Id;
  campaign_id: number;
  published_at: NullableTimestamp;
  mailed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface UpdateDeliveriesTable {
  update_id: number;
  signature_id: number;
  created_at: Timestamp;
}

export interface CampaignUpdateTranslationsTable {
  update_id: number;
  locale: Locale;
  title: string;
  body: string;
}

export interface SignerGroupsTable {
  id: Id;
  campaign_id: number;
  key: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface SignerGroupTranslationsTable {
  group_id: number;
  locale: Locale;
  label: string;
}

export interface SignaturesTable {
  id: Id;
  campaign_id: number;
  group_id: number;
  /** Only what the signer chose to publish: the full name (public), initials, or "" (migration 0013). */
  full_name: string;
  /** Empty (null) once sealed: the address is in `sealed`, compared by `email_hash` (migration 0013). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  email_canonical: ColumnType<string | null, string | null | undefined, string | null>;
  /** Only for public signers; "" otherwise (the real one is in `sealed`). */
  title: ColumnType<string, string | undefined, string>;
  country: string;
  city: string | null;
  comment: string | null;
  visibility: Visibility;
  state: ColumnType<SignatureState, SignatureState | undefined, SignatureState>;
  notable: ColumnType<boolean, boolean | undefined, boolean>;
  updates_consent: ColumnType<boolean, boolean | undefined, boolean>;
  locale: Locale;
  text_version: number;
  confirm_token_hash: string | null;
  withdraw_token_hash: string | null;
  review_reason: string | null;
  ref: string | null;
  ip_hash: string | null;
  ip_hash_expires_at: NullableTimestamp;
  created_at: Timestamp;
  verified_at: NullableTimestamp;
  email_confirmed_at: NullableTimestamp;
  unsubscribed_at: NullableTimestamp;
  updated_at: Timestamp;
  /** Set for signatures collected on paper (migration 0010). */
  paper_batch_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the one reminder to confirm was sent (migration 0012). */
  reminded_at: NullableTimestamp;
  /** The confirmation link is derived from this seed and the server's secret (migration 0012). */
  link_seed: ColumnType<string | null, string | null | undefined, string | null>;
  /** AES-256-GCM envelope of the address, name, title, city and comment (migration 0013, utils/signer-crypto). */
  sealed: ColumnType<string | null, string | null | undefined, string | null>;
  /** The key that sealed the row; null: not sealed yet (legacy rows, paper signatures). */
  key_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** HMAC-SHA-256 of the canonical address: one signature per person per campaign. */
  email_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** The address's domain, kept for abuse review. */
  email_domain: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SignatureCountsTable {
  campaign_id: number;
  group_id: number;
  country: string;
  /** False for "counted only" signatures: in the total, never in a per-group or per-country number (migration 0012). */
  listed: ColumnType<boolean, boolean | undefined, boolean>;
  shard: number;
  count: number;
}

export interface OrganizersTable {
  id: Id;
  email: string;
  name: ColumnType<string, string | undefined, string>;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  is_admin: ColumnType<boolean, boolean | undefined, boolean>;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  recovery_code_hashes: ColumnType<string[], string[] | undefined, string[]>;
  disabled_at: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: Timestamp;
  /** The last accepted TOTP time step (unix seconds / 30); older or equal steps are replays. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface CampaignMembersTable {
  campaign_id: number;
  organizer_id: number;
  role: MemberRole;
  created_at: Timestamp;
  /** Owners who asked for the daily digest, and the day it was last sent (migration 0010). */
  daily_digest: ColumnType<boolean, boolean | undefined, boolean>;
  digest_sent_on: NullableDateOnly;
}

export interface LoginTokensTable {
  token_hash: string;
  organizer_id: number;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
  /** Where to land after sign-in (an /organizer path), null for the dashboard. */
  next_path: ColumnType<string | null, string | null | undefined, string | null>;
  /** "login" (asked for on the sign-in page, 15 minutes) or "invitation" (7 days). */
  kind: ColumnType<LoginTokenKind, LoginTokenKind | undefined, LoginTokenKind>;
}

export type LoginTokenKind = "login" | "invitation";

export interface SessionsTable {
  id_hash: string;
  organizer_id: number;
  second_factor_at: NullableTimestamp;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditEntriesTable {
  id: Id;
  organizer_id: number | null;
  campaign_id: number | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  row_count: number | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

/** Invalidation by criteria, worked in batches by the "invalidate-signatures" job (migration 0007). */
export interface InvalidationJobsTable {
  id: Id;
  campaign_id: number;
  organizer_id: number | null;
  criteria: ColumnType<Record<string, unknown>, string, string>;
  state: ColumnType<"queued" | "running" | "done" | "failed", "queued" | "running" | "done" | "failed" | undefined>;
  total: ColumnType<number, number | undefined, number>;
  done: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export type ExportState = "requested" | "running" | "done" | "failed";

export interface ExportsTable {
  id: Id;
  campaign_id: number;
  organizer_id: number;
  format: "csv" | "xlsx" | "json";
  filters: ColumnType<Record<string, unknown>, string | undefined, string>;
  columns: string[];
  locale: Locale;
  bom: ColumnType<boolean, boolean | undefined, boolean>;
  state: ColumnType<ExportState, "requested" | undefined, ExportState>;
  rows_total: number | null;
  rows_done: ColumnType<number, number | undefined, number>;
  sha256: string | null;
  downloaded: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  progress_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

/** Processed images, stored once per content (SHA-256 of the bytes, lowercase hex). */
export interface MediaTable {
  sha256: string;
  content_type: "image/webp";
  byte_size: number;
  width: number | null;
  height: number | null;
  data: Uint8Array;
  created_at: Timestamp;
}

/** Letters to prisoners (migration 2026-12-06-0009; vocabularies in app/domain/letters.ts). */
export interface PrisonerLetterSettingsTable {
  prisoner_id: number;
  accepting: ColumnType<boolean, boolean | undefined, boolean>;
  address_block: ColumnType<string, string | undefined, string>;
  name_line: ColumnType<string, string | undefined, string>;
  required_language: ColumnType<Locale, Locale | undefined, Locale>;
  accepted_languages: ColumnType<Locale[], Locale[] | undefined, Locale[]>;
  max_length: ColumnType<number, number | undefined, number>;
  electronic_service: ColumnType<boolean, boolean | undefined, boolean>;
  /** "MM-DD", or null when unknown. */
  birthday: string | null;
  updated_at: Timestamp;
}

export interface PrisonerLetterTextsTable {
  prisoner_id: number;
  locale: Locale;
  guidance: ColumnType<string, string | undefined, string>;
  closed_reason: ColumnType<string, string | undefined, string>;
  /** null: the default list of app/domain/letters.ts */
  flag_words: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
}

export interface LettersTable {
  id: Id;
  prisoner_id: number;
  state: ColumnType<LetterState, LetterState | undefined, LetterState>;
  language: Locale;
  locale: Locale;
  body: string;
  writer_name: string;
  writer_country: string;
  writer_email: string | null;
  email_canonical: string | null;
  email_confirmed_at: NullableTimestamp;
  confirm_token_hash: string | null;
  publish_consent: ColumnType<boolean, boolean | undefined, boolean>;
  public_excerpt: string | null;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  translation: string | null;
  translation_kind: LetterTranslationKind | null;
  translated_by: number | null;
  translation_checked_by: number | null;
  translation_checked_at: NullableTimestamp;
  reject_reason: string | null;
  batch_id: number | null;
  review_reason: string | null;
  ip_hash: string | null;
  ip_hash_expires_at: NullableTimestamp;
  created_at: Timestamp;
  state_changed_at: Timestamp;
}

export interface LetterBatchesTable {
  id: Id;
  prisoner_id: number;
  state: ColumnType<BatchState, BatchState | undefined, BatchState>;
  include_original: ColumnType<boolean, boolean | undefined, boolean>;
  method: PostingMethod | null;
  posted_on: NullableDateOnly;
  reference: string | null;
  cost_cents: number | null;
  currency: string | null;
  outcome_on: NullableDateOnly;
  created_by: number | null;
  created_at: Timestamp;
}

export interface LetterRepliesTable {
  id: Id;
  prisoner_id: number;
  batch_id: number | null;
  letter_id: number | null;
  received_on: DateOnly;
  text: ColumnType<string, string | undefined, string>;
  pass_on: ColumnType<boolean, boolean | undefined, boolean>;
  scan: Buffer | null;
  scan_width: number | null;
  scan_height: number | null;
  writers_notified: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: Timestamp;
}

/** Rate-limit windows shared by app instances on PostgreSQL (migration 0016). */
export interface RateLimitsTable {
  key: string;
  points: number;
  /** End of the current window, epoch milliseconds. */
  expire: string | null;
}

export interface Database {
  prisoners: PrisonersTable;
  media: MediaTable;
  prisoner_translations: PrisonerTranslationsTable;
  prisoner_events: PrisonerEventsTable;
  prisoner_event_translations: PrisonerEventTranslationsTable;
  campaigns: CampaignsTable;
  campaign_translations: CampaignTranslationsTable;
  campaign_text_versions: CampaignTextVersionsTable;
  campaign_prisoners: CampaignPrisonersTable;
  campaign_updates: CampaignUpdatesTable;
  campaign_update_translations: CampaignUpdateTranslationsTable;
  update_deliveries: UpdateDeliveriesTable;
  signer_groups: SignerGroupsTable;
  signer_group_translations: SignerGroupTranslationsTable;
  signatures: SignaturesTable;
  signature_counts: SignatureCountsTable;
  organizers: OrganizersTable;
  campaign_members: CampaignMembersTable;
  login_tokens: LoginTokensTable;
  sessions: SessionsTable;
  audit_entries: AuditEntriesTable;
  invalidation_jobs: InvalidationJobsTable;
  exports: ExportsTable;
  prisoner_letter_settings: PrisonerLetterSettingsTable;
  prisoner_letter_texts: PrisonerLetterTextsTable;
  letters: LettersTable;
  letter_batches: LetterBatchesTable;
  letter_replies: LetterRepliesTable;
  campaign_answer_translations: CampaignAnswerTranslationsTable;
  paper_batches: PaperBatchesTable;
  follow_up_invitations: FollowUpInvitationsTable;
  rate_limits: RateLimitsTable;
}

export type Signature = Selectable<SignaturesTable>;
export type NewSignature = Insertable<SignaturesTable>;
export type Campaign = Selectable<CampaignsTable>;
export type Prisoner = Selectable<PrisonersTable>;
