import { z } from "zod";
import { isCountryCode } from "~/domain/countries";
import { VISIBILITIES } from "~/domain/vocab";
import { fieldErrorMap } from "./fields";

/**
 * The sign form, shared by the browser (Conform, instant field errors) and the server (the
 * only judge). Messages are i18n keys under `sign.errors`, translated where they are shown.
 */

export const LIMITS = { name: 120, email: 254, title: 200, city: 100, comment: 1000 } as const;

// Characters that let text pretend to be something else: bidi overrides/isolates and
// zero-width characters (invisible impersonation, reversed names), and NUL/control bytes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const DECEPTIVE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
// The zero-width joiner and non-joiner are part of correct spelling in a few places: inside
// emoji sequences (👩🏽‍🔬) and between letters of Arabic-script and Indic words (Persian
// "می‌خواهم", Devanagari conjuncts). There they are removed before the check above; anywhere
// else (at an edge, between Latin letters) they still count as invisible characters.
const JOINING_SCRIPTS =
  "\\p{Script_Extensions=Arabic}\\p{Script_Extensions=Syriac}\\p{Script_Extensions=Devanagari}\\p{Script_Extensions=Bengali}" +
  "\\p{Script_Extensions=Gurmukhi}\\p{Script_Extensions=Gujarati}\\p{Script_Extensions=Oriya}\\p{Script_Extensions=Tamil}" +
  "\\p{Script_Extensions=Telugu}\\p{Script_Extensions=Kannada}\\p{Script_Extensions=Malayalam}\\p{Script_Extensions=Sinhala}";
const JOINER_IN_WORD = new RegExp(`(?<=[${JOINING_SCRIPTS}])[\\u200C\\u200D](?=[${JOINING_SCRIPTS}])`, "gu");
const JOINER_IN_EMOJI =
  /(?<=[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}]|\uFE0F)\u200D(?=\p{Extended_Pictographic})/gu;
const withoutRightfulJoiners = (v: string) => v.replace(JOINER_IN_EMOJI, "").replace(JOINER_IN_WORD, "");
/** Text that did not arrive as valid UTF-8: the form decoder turned the bad bytes into U+FFFD. */
const BADLY_ENCODED = (v: string) => /[\uFFFD\uD800-\uDFFF]/u.test(v);
const LINE_BREAK = /[\r\n\u2028\u2029]/u;
// A cell starting with one of these is a formula in Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^[=+\-@\t\r]/u;

function text(max: number, { required, singleLine = true }: { required: boolean; singleLine?: boolean }) {
  return z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .max(max * 4, "tooLong") // cheap guard before any other work on a huge value
    .refine((v) => !BADLY_ENCODED(v), "badEncoding")
    .refine((v) => !/^\t/.test(v), "formulaStart")
    .transform((v) => v.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, "required")
        .max(max, "tooLong")
        .refine((v) => !DECEPTIVE.test(withoutRightfulJoiners(v)), "invisibleCharacters")
        .refine((v) => !singleLine || !LINE_BREAK.test(v), "lineBreak"),
    );
}

// Checked before trimming too: a leading tab is refused, not silently removed.
const noFormula = (v: string) => !FORMULA_START.test(v) && !FORMULA_START.test(v.trimStart());

/**
 * The form kit's error map (a missing field is "required", a wrong type "invalid"), except
 * that an unanswered select asks to choose ("groupRequired", "countryRequired"): Conform
 * reads an empty choice as a missing field, and this map wins over the schema's own messages.
 */
const CHOICE_REQUIRED: Partial<Record<string, string>> = { group: "groupRequired", country: "countryRequired" };
export const signatureErrorMap: z.ZodErrorMap = (issue, ctx) => {
  const choice = CHOICE_REQUIRED[String(issue.path[0])];
  if (choice && issue.code === "invalid_type" && issue.received === "undefined") return { message: choice };
  return fieldErrorMap(issue, ctx);
};

export const signatureSchema = z.object({
  fullName: text(LIMITS.name, { required: true })
    .refine(noFormula, "formulaStart")
    .refine((v) => /\p{L}/u.test(v), "nameNeedsLetters"),
  email: z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .max(LIMITS.email * 2, "tooLong")
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, "required")
        .max(LIMITS.email, "tooLong")
        .refine((v) => !LINE_BREAK.test(v) && !DECEPTIVE.test(v) && !BADLY_ENCODED(v), "emailInvalid")
        .pipe(z.string().email("emailInvalid")),
    ),
  group: z.string({ required_error: "groupRequired", invalid_type_error: "invalid" }).min(1, "groupRequired").max(64),
  title: text(LIMITS.title, { required: false }).refine(noFormula, "formulaStart").optional().default(""),
  country: z
    .string({ required_error: "countryRequired", invalid_type_error: "invalid" })
    .refine(isCountryCode, "countryRequired"),
  city: text(LIMITS.city, { required: false }).refine(noFormula, "formulaStart").optional().default(""),
  comment: text(LIMITS.comment, { required: false, singleLine: false })
    .refine(noFormula, "formulaStart")
    .optional()
    .default(""),
  visibility: z.enum(VISIBILITIES, {
    errorMap: () => ({ message: "visibilityRequired" }),
  }),
  updatesConsent: z.literal("on").optional(),
  // The channel that brought the signer (?ref=telegram); malformed tags are dropped, not refused.
  ref: z
    .string()
    .optional()
    .transform((v) => (v && /^[a-z0-9_-]{1,32}$/.test(v) ? v : undefined))
    .catch(undefined),
  // Honeypot: a field people never see. Bots fill it.
  website: z.string().max(2000).optional(),
  "h-captcha-response": z.string().max(10_000).optional(),
});

export type SignatureSubmission = z.infer<typeof signatureSchema>;

/** Every message key the schema can produce, for the completeness test of the locales. */
export const SIGNATURE_ERROR_KEYS = [
  "required",
  "invalid",
  "tooLong",
  "invisibleCharacters",
  "badEncoding",
  "lineBreak",
  "formulaStart",
  "nameNeedsLetters",
  "emailInvalid",
  "groupRequired",
  "countryRequired",
  "visibilityRequired",
] as const;
