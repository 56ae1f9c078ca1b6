import { z } from "zod";
import { parseDay, parseUtcDateTime, today } from "~/domain/dates";
import { cleanText } from "~/domain/text";

/**
 * The form kit's zod builders, shared by every organizer form (browser and server). Error
 * messages are codes ("required", "tooLong", "date", "future", "invalid"), translated where
 * they are shown. Conform's parseWithZod turns every empty string it meets inside a schema
 * into undefined (also inside pipes): so each builder is ONE optional string followed by
 * transforms and refinements, never a pipe into a second z.string(), and works the same
 * with or without Conform's coercion.
 */

const optionalString = z.string({ invalid_type_error: "invalid" }).optional();

function text(max: number, required: boolean, singleLineOnly: boolean) {
  return optionalString
    .transform((v) => cleanText(v))
    .superRefine((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
        return;
      }
      if (v.length > max) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "tooLong" });
      else if (singleLineOnly && /[\n\u2028\u2029]/u.test(v)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "lineBreak" });
      }
    });
}

/** One line of text: cleaned, at most `max` characters, no line breaks. */
export function singleLine(max: number, { required = false }: { required?: boolean } = {}) {
  return text(max, required, true);
}

/** Paragraphs of text: cleaned (Unix line ends), at most `max` characters. */
export function multiLine(max: number, { required = false }: { required?: boolean } = {}) {
  return text(max, required, false);
}

/**
 * A calendar day (YYYY-MM-DD) as the string it was typed, or null when left empty. Days before
 * 1900 are typos; days after today are refused unless `allowFuture` (a hearing to come).
 */
export function day({ required = false, allowFuture = true }: { required?: boolean; allowFuture?: boolean } = {}) {
  return optionalString
    .transform((v) => cleanText(v))
    .superRefine((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
        return;
      }
      const date = parseDay(v);
      if (!date || date.getUTCFullYear() < 1900) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "date" });
      else if (!allowFuture && v > today()) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "future" });
    })
    .transform((v) => v || null);
}

/** A `datetime-local` value read as UTC, or null when empty; `end` reads it as the instant after it. */
export function dateTime({ end = false }: { end?: boolean } = {}) {
  return optionalString
    .transform((v) => cleanText(v))
    .refine((v) => !v || parseUtcDateTime(v, end) !== null, "date")
    .transform((v) => (v ? parseUtcDateTime(v, end) : null));
}

/** A database id as a form sends it: a positive integer of at most 9 digits. */
export function id() {
  return z
    .union([z.string(), z.number()], { invalid_type_error: "invalid" })
    .optional()
    .transform((v) => (v === undefined ? "" : String(v).trim()))
    .superRefine((v, ctx) => {
      if (!v) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
      else if (!/^[1-9]\d{0,8}$/.test(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "invalid" });
    })
    .transform(Number);
}

/** A value out of a fixed list (an `as const` vocabulary). */
export function oneOf<T extends string>(values: readonly [T, ...T[]]) {
  return z.enum(values, { errorMap: () => ({ message: "invalid" }) });
}

/**
 * For parseWithZod's `errorMap`: a field that is missing (Conform sends none for an empty
 * input) is "required", any other type mismatch "invalid"; zod's English never reaches a page.
 */
export const fieldErrorMap: z.ZodErrorMap = (issue, ctx) => {
  if (issue.code === "invalid_type") return { message: issue.received === "undefined" ? "required" : "invalid" };
  return { message: ctx.defaultError };
};

/** Field name (dotted path) → its first error message. */
export type FieldErrors = Partial<Record<string, string>>;

/** A zod failure as one message per field, the first one found. */
export function fieldErrorsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path.map(String).join(".")] ??= issue.message;
  return errors;
}
