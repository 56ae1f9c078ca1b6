import { z } from "zod";
import { parseDay, parseUtcDateTime, today } from "~/domain/dates";
import { cleanText } from "~/domain/text";

/**
 * The form kit's zod builders, shared by every organizer form (browser and server). Error
 * messages are codes ("required", "tooLong", "date", "future", "invalid"), translated where
 * they are shown. Conform hands empty fields to zod as undefined: every builder accepts that.
 */

const optionalString = z.string({ invalid_type_error: "invalid" }).optional();

/** One line of text: cleaned, at most `max` characters, no line breaks. */
export function singleLine(max: number, { required = false }: { required?: boolean } = {}) {
  return optionalString
    .transform((v) => cleanText(v))
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, "required")
        .max(max, "tooLong")
        .refine((v) => !/[\n\u2028\u2029]/u.test(v), "lineBreak"),
    );
}

/** Paragraphs of text: cleaned (Unix line ends), at most `max` characters. */
export function multiLine(max: number, { required = false }: { required?: boolean } = {}) {
  return optionalString.transform((v) => cleanText(v)).pipe(
    z
      .string()
      .min(required ? 1 : 0, "required")
      .max(max, "tooLong"),
  );
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
    .union([z.string(), z.number()], { invalid_type_error: "invalid", required_error: "required" })
    .transform((v) => String(v).trim())
    .refine((v) => /^[1-9]\d{0,8}$/.test(v), "invalid")
    .transform(Number);
}

/** A value out of a fixed list (an `as const` vocabulary). */
export function oneOf<T extends string>(values: readonly [T, ...T[]]) {
  return z.enum(values, { errorMap: () => ({ message: "invalid" }) });
}

/** Field name (dotted path) → its first error message. */
export type FieldErrors = Partial<Record<string, string>>;

/** A zod failure as one message per field, the first one found. */
export function fieldErrorsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path.map(String).join(".")] ??= issue.message;
  return errors;
}
