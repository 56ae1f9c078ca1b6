import { z } from "zod";
import { parseDay } from "~/domain/dates";
import { LOCALES, SIGNATURE_STATES } from "~/domain/vocab";
import { oneOf } from "./fields";

/**
 * The export form, shared by the browser (Conform) and the server. Error codes ("required",
 * "invalid", "order") are translated under `exports:errors.*`. Every error sits on its
 * field's own name, never on an element of a list.
 */

export const EXPORT_FORMATS = ["csv", "xlsx", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_COLUMNS = [
  "full_name",
  "email",
  "title",
  "group",
  "country",
  "country_name",
  "city",
  "comment",
  "visibility",
  "state",
  "notable",
  "locale",
  "signed_at",
  "text_version",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * Column headers and coded values (visibility, state, notable): "readable" in the file's
 * language, or "machine" (the stable code names above, for programs; JSON's default).
 */
export const EXPORT_HEADERS = ["readable", "machine"] as const;
export type ExportHeaders = (typeof EXPORT_HEADERS)[number];

/** Headers when the form leaves the choice open: code names for JSON, the language otherwise. */
export function defaultExportHeaders(format: ExportFormat): ExportHeaders {
  return format === "json" ? "machine" : "readable";
}

/** Country codes as typed: two letters each, separated by blanks, commas or semicolons. */
const COUNTRY_CODE = /^[A-Z]{2}$/;

/** Ticked values that must each be one of `values` ("invalid" on the list when one is not). */
function someOf<T extends string>(values: readonly T[], { min = 0 }: { min?: number } = {}) {
  return z
    .array(z.string({ invalid_type_error: "invalid", required_error: "invalid" }))
    .min(min, "required")
    .refine((list) => list.every((v) => (values as readonly string[]).includes(v)), "invalid")
    .transform((list) => list as T[]);
}

/** An optional YYYY-MM-DD day: undefined when empty, "invalid" when not a calendar day. */
const optionalDay = z
  .string({ invalid_type_error: "invalid" })
  .trim()
  .optional()
  .refine((v) => !v || parseDay(v) !== null, "invalid")
  .transform((v) => v || undefined);

export const exportFormSchema = z
  .object({
    format: oneOf(EXPORT_FORMATS).default("csv"),
    columns: someOf(EXPORT_COLUMNS, { min: 1 }),
    states: someOf(SIGNATURE_STATES),
    groups: z
      .array(z.string({ invalid_type_error: "invalid", required_error: "invalid" }).max(100, "invalid"))
      .max(200, "invalid"),
    countries: z
      .string({ invalid_type_error: "invalid" })
      .max(2000, "invalid")
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((c) => c.toUpperCase()),
      )
      .refine((codes) => codes.every((c) => COUNTRY_CODE.test(c)), "invalid"),
    verifiedFrom: optionalDay,
    verifiedTo: optionalDay,
    bom: z.boolean({ invalid_type_error: "invalid" }).optional().default(false),
    /** Empty: the reader's language. */
    locale: oneOf(LOCALES).optional(),
    /** Empty: the format's default (defaultExportHeaders). */
    headers: oneOf(EXPORT_HEADERS).optional(),
  })
  .refine((v) => !v.verifiedFrom || !v.verifiedTo || v.verifiedFrom <= v.verifiedTo, {
    message: "order",
    path: ["verifiedTo"],
  });

export type ExportForm = z.output<typeof exportFormSchema>;
