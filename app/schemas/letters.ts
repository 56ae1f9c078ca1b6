import { z } from "zod";
import { isCountryCode } from "~/domain/countries";
import { isMonthDay, MAX_LETTER_LENGTH, POSTING_METHODS } from "~/domain/letters";
import { cleanText } from "~/domain/text";
import { LOCALES } from "~/domain/vocab";
import { day, id, multiLine, oneOf, singleLine } from "./fields";

/**
 * The letter forms, shared by browser and server: the public write form (messages under
 * letters `errors.*`) and the organizer forms (under orgLetters `errors.*`).
 */

export const LETTER_LIMITS = {
  name: 60,
  email: 254,
  reason: 500,
  excerpt: 600,
  translation: MAX_LETTER_LENGTH * 2,
  addressBlock: 600,
  nameLine: 200,
  guidance: 5000,
  closedReason: 300,
  flagWords: 4000,
  reference: 200,
  reply: 20_000,
} as const;

/** The largest reply scan accepted, in bytes. */
export const MAX_SCAN_BYTES = 12 * 1024 * 1024;

// Characters that let text pretend to be something else (bidi overrides, zero-width) and
// control bytes: the sign form refuses them too.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const DECEPTIVE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
// A cell starting with one of these is a formula in a spreadsheet (letters reach exports).
const FORMULA_START = /^[=+\-@\t\r]/u;

/** Text a writer typed: refused (not silently changed) when it hides characters or starts a formula. */
function writerText(max: number, { singleLineOnly }: { singleLineOnly: boolean }) {
  return z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .superRefine((v, ctx) => {
      if (v && (DECEPTIVE.test(v.replace(/\r\n?|\t/g, " ")) || /^\t/.test(v))) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: /^\t/.test(v) ? "formulaStart" : "invisibleCharacters" });
      }
    })
    .transform((v) => cleanText(v))
    .superRefine((v, ctx) => {
      if (!v) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
      else if (v.length > max) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "tooLong" });
      else if (singleLineOnly && /[\n\u2028\u2029]/u.test(v)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "lineBreak" });
      } else if (FORMULA_START.test(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "formulaStart" });
    });
}

/** The public form: a letter, a first name, a country, its language, an optional address. */
export const writeLetterSchema = z.object({
  body: writerText(MAX_LETTER_LENGTH, { singleLineOnly: false }),
  writerName: writerText(LETTER_LIMITS.name, { singleLineOnly: true }).refine(
    (v) => /\p{L}/u.test(v),
    "nameNeedsLetters",
  ),
  country: z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .refine((v) => isCountryCode(v), "countryRequired")
    .transform((v) => v ?? ""),
  language: z.enum(LOCALES, { errorMap: () => ({ message: "languageRequired" }) }),
  email: z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v) => (v ?? "").trim())
    .superRefine((v, ctx) => {
      if (!v) return;
      if (v.length > LETTER_LIMITS.email) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "tooLong" });
      else if (DECEPTIVE.test(v) || /\s/.test(v) || !z.string().email().safeParse(v).success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "emailInvalid" });
      }
    }),
  consent: z.literal("on", { errorMap: () => ({ message: "consentRequired" }) }),
  publishConsent: z.literal("on").optional(),
  // Honeypot: a field people never see. Bots fill it.
  website: z.string().max(2000).optional(),
  "h-captcha-response": z.string().max(10_000).optional(),
});

export type WriteLetterInput = z.output<typeof writeLetterSchema>;

/** Every code the write form can show, for the completeness test of the locales. */
export const WRITE_LETTER_ERROR_KEYS = [
  "required",
  "invalid",
  "tooLong",
  "lineBreak",
  "invisibleCharacters",
  "formulaStart",
  "nameNeedsLetters",
  "countryRequired",
  "languageRequired",
  "emailInvalid",
  "consentRequired",
  "captchaRequired",
  "captchaFailed",
  "languageNotAccepted",
  "tooLongForPrisoner",
] as const;

// ---------------------------------------------------------------------------------------
// Organizer forms

const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

const localeTexts = z.object({
  guidance: multiLine(LETTER_LIMITS.guidance),
  closedReason: singleLine(LETTER_LIMITS.closedReason),
  flagWords: multiLine(LETTER_LIMITS.flagWords),
});

/** A prisoner's letter settings (routes/organizer-prisoner-letters.tsx). */
export const letterSettingsSchema = z.object({
  accepting: checkbox,
  addressBlock: multiLine(LETTER_LIMITS.addressBlock),
  nameLine: singleLine(LETTER_LIMITS.nameLine),
  requiredLanguage: oneOf(LOCALES),
  acceptedLanguages: z
    .array(oneOf(LOCALES), { invalid_type_error: "invalid" })
    .optional()
    .transform((v) => [...new Set(v ?? [])])
    .refine((v) => v.length > 0, "languagesRequired"),
  maxLength: z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v) => cleanText(v))
    .refine((v) => /^\d{1,6}$/.test(v), "number")
    .transform(Number)
    .refine((v) => v >= 100 && v <= MAX_LETTER_LENGTH, "maxLengthRange"),
  electronicService: checkbox,
  birthday: z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v) => cleanText(v))
    .refine((v) => !v || isMonthDay(v), "birthday")
    .transform((v) => v || null),
  texts: z
    .object(
      Object.fromEntries(LOCALES.map((l) => [l, localeTexts.optional()])) as Record<
        (typeof LOCALES)[number],
        z.ZodOptional<typeof localeTexts>
      >,
    )
    .optional(),
});

export type LetterSettingsInput = z.output<typeof letterSettingsSchema>;

/** The actions on one letter (routes/organizer-letter.tsx). */
export const letterActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("reject"), reason: singleLine(LETTER_LIMITS.reason, { required: true }) }),
  z.object({
    intent: z.literal("translate"),
    translation: multiLine(LETTER_LIMITS.translation, { required: true }),
    kind: oneOf(["human", "machine"] as const),
  }),
  z.object({ intent: z.literal("as_written") }),
  z.object({ intent: z.literal("check") }),
  z.object({ intent: z.literal("withdraw_translation") }),
  z.object({ intent: z.literal("excerpt"), excerpt: multiLine(LETTER_LIMITS.excerpt) }),
  z.object({ intent: z.literal("delivered") }),
  z.object({ intent: z.literal("returned") }),
]);

export type LetterActionInput = z.output<typeof letterActionSchema>;

/** A new batch: letters of one prisoner. */
export const batchCreateSchema = z.object({
  prisonerId: id(),
  letterIds: z
    .array(id(), { invalid_type_error: "invalid" })
    .optional()
    .transform((v) => [...new Set(v ?? [])])
    .refine((v) => v.length > 0 && v.length <= 200, "lettersRequired"),
  includeOriginal: checkbox,
});

/** An amount typed as 12.50 or 12,50 → cents; empty → null. */
const money = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v) => cleanText(v).replace(",", "."))
  .refine((v) => !v || /^\d{1,7}(\.\d{1,2})?$/.test(v), "money")
  .transform((v) => (v ? Math.round(Number(v) * 100) : null));

/** What happens to a batch (routes/organizer-letter-batch.tsx); replies come as multipart. */
export const batchActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("posted"),
    method: oneOf(POSTING_METHODS),
    postedOn: day({ required: true, allowFuture: false }),
    reference: singleLine(LETTER_LIMITS.reference),
    cost: money,
    currency: z
      .string({ invalid_type_error: "invalid" })
      .optional()
      .transform((v) => cleanText(v).toUpperCase())
      .refine((v) => !v || /^[A-Z]{3}$/.test(v), "currency")
      .transform((v) => v || null),
  }),
  z.object({ intent: z.literal("delivered"), outcomeOn: day({ required: true, allowFuture: false }) }),
  z.object({ intent: z.literal("returned"), outcomeOn: day({ required: true, allowFuture: false }) }),
  z.object({ intent: z.literal("remove"), letterId: id() }),
]);

export type BatchActionInput = z.output<typeof batchActionSchema>;

/** A reply (text, optionally a scan read separately), to a batch or to one letter. */
export const replySchema = z.object({
  intent: z.literal("reply"),
  receivedOn: day({ required: true, allowFuture: false }),
  text: multiLine(LETTER_LIMITS.reply),
  passOn: checkbox,
});

export type ReplyInput = z.output<typeof replySchema>;

/** The letters export. */
export const letterExportSchema = z.object({
  format: oneOf(["csv", "xlsx"] as const),
  bom: checkbox,
  prisonerId: z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v) => cleanText(v))
    .refine((v) => !v || /^[1-9]\d{0,8}$/.test(v), "invalid")
    .transform((v) => (v ? Number(v) : null)),
});
