import { z } from "zod";
import { SIGNATURE_STATES, VISIBILITIES, type SignatureState, type Visibility } from "~/domain/vocab";
import { id } from "./fields";
import { LIMITS, signatureSchema } from "./signature";

/**
 * The signatures page's forms and filters, shared by the browser and the server: one POST
 * schema (a discriminated union on `intent`) and the table's query parameters.
 */

/** What a moderator may do to one or many selected signatures at once. */
export const MODERATION_ACTIONS = [
  "hide",
  "unhide",
  "invalidate",
  "notable",
  "unnotable",
  "release",
  "reject",
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const TITLE_MAX = LIMITS.title;

/**
 * The selected rows: every `id` field that is a database id. A tampered value is left out
 * rather than refused, as it always was (nothing outside the campaign is ever touched).
 */
const selectedIds = z
  .array(z.unknown())
  .default([])
  .transform((values) => values.map((v) => Number(v)).filter((n) => Number.isSafeInteger(n) && n > 0));

/** Correcting a signer's affiliation: validated exactly as on the sign form. */
export const titleFormSchema = z.object({ id: id(), title: signatureSchema.shape.title });

export const signaturesActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(MODERATION_ACTIONS), id: selectedIds }),
  titleFormSchema.extend({ intent: z.literal("title") }),
  z.object({ intent: z.literal("resend"), id: id() }),
]);
export type SignaturesActionInput = z.output<typeof signaturesActionSchema>;

// ---------------------------------------------------------------------------------------
// The table's filters (query parameters; malformed ones are ignored, not errors)

export interface ModerationQuery {
  state?: SignatureState;
  group?: string;
  country?: string;
  visibility?: Visibility;
  notable?: "yes" | "no";
  q?: string;
  /** IP hash, email domain, or a comma-separated list of ids (links from the signals page). */
  ip?: string;
  domain?: string;
  ids?: string;
  /** "held": only signatures held for review (confirmed, waiting for a moderator). */
  review?: "held";
  page: number;
}

/** At most this many ids in an `ids` filter. */
export const MAX_FILTER_IDS = 200;

function pick<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The ids of an `ids` filter: positive integers, each once, at most 200. */
export function parseIdList(value: string | null | undefined): number[] | undefined {
  if (!value) return undefined;
  const ids = value
    .split(",")
    .map((v) => Number(v.trim()))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  return [...new Set(ids)].slice(0, MAX_FILTER_IDS);
}

export function parseModerationQuery(params: URLSearchParams): ModerationQuery {
  const country = params.get("country")?.trim().toUpperCase();
  const q = params.get("q")?.trim().slice(0, 100);
  const page = Number(params.get("page") ?? "1");
  const ip = params.get("ip")?.trim().toLowerCase();
  const domain = params.get("domain")?.trim().toLowerCase().replace(/^@/, "");
  const ids = parseIdList(params.get("ids"));
  return {
    state: pick(SIGNATURE_STATES, params.get("state")),
    group: params.get("group")?.slice(0, 64) || undefined,
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    visibility: pick(VISIBILITIES, params.get("visibility")),
    notable: pick(["yes", "no"] as const, params.get("notable")),
    q: q || undefined,
    ip: ip && /^[0-9a-f]{32}$/.test(ip) ? ip : undefined,
    domain: domain && domain.length <= 253 && /^[a-z0-9.-]+$/.test(domain) ? domain : undefined,
    ids: ids?.length ? ids.join(",") : undefined,
    review: pick(["held"] as const, params.get("review")),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

// ---------------------------------------------------------------------------------------
// The signals page

export const DEFAULT_BURST_THRESHOLD = 10;

/** "More than N signatures within 10 minutes": 1 to 10 000, else the default. */
export function parseBurstThreshold(value: string | null): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : DEFAULT_BURST_THRESHOLD;
}
