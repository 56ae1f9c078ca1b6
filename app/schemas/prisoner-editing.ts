import { z } from "zod";
import { type Locale, LOCALES, PRISONER_STATUSES, TRANSLATION_STATUSES, type TranslationStatus } from "~/domain/vocab";
import { day, type FieldErrors, fieldErrorsOf, id, multiLine, oneOf, singleLine } from "./fields";

/**
 * The prisoner profile forms, shared by the browser and the server: the new-prisoner form,
 * the details form (status, dates, texts per language) and the timeline forms. Error messages
 * are codes translated under orgPrisoners `errors.*`.
 *
 * Parse with Conform's `disableAutoCoercion: true`: the builders of ./fields take empty
 * strings themselves, and Conform's coercion would turn the "" a cleaned value becomes into
 * undefined inside their pipes ("Required" instead of the builders' own codes).
 */

export const PRISONER_LIMITS = {
  slug: 80,
  name: 200,
  summary: 1000,
  bio: 20_000,
  facility: 300,
  eventText: 2000,
} as const;

function perLocale<T>(make: (locale: Locale) => T): Record<Locale, T> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, make(locale)])) as Record<Locale, T>;
}

/** The public address: lower-case Latin letters and digits, single hyphens between them. */
const slugField = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v) => (v ?? "").trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, "required")
      .pipe(
        z
          .string()
          .max(PRISONER_LIMITS.slug, "tooLong")
          .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "slugFormat"),
      ),
  );

/**
 * The new-prisoner form. `campaignIds` are the campaigns the organizer may link the prisoner
 * to; organizers who are not platform admins must pick one (else they could not edit it).
 */
export function newPrisonerSchema({
  campaignIds,
  campaignRequired,
}: {
  campaignIds: readonly number[];
  campaignRequired: boolean;
}) {
  return z.object({
    slug: slugField,
    status: oneOf(PRISONER_STATUSES),
    locale: oneOf(LOCALES),
    name: singleLine(PRISONER_LIMITS.name, { required: true }),
    // "No campaign for now" is the empty option.
    campaign: z
      .preprocess((v) => (v === "" ? undefined : v), id().optional())
      .superRefine((v, ctx) => {
        if (v === undefined) {
          if (campaignRequired) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
        } else if (!campaignIds.includes(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "invalid" });
      })
      .transform((v) => v ?? null),
  });
}

export type NewPrisonerInput = z.output<ReturnType<typeof newPrisonerSchema>>;

// ---------------------------------------------------------------------------------------
// Details and texts

/** One language's texts; null when all its fields are empty (the language is removed). */
const translationFields = z
  .object({
    name: singleLine(PRISONER_LIMITS.name),
    summary: multiLine(PRISONER_LIMITS.summary),
    bio: multiLine(PRISONER_LIMITS.bio),
    facility: singleLine(PRISONER_LIMITS.facility),
    status: z.string().optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.name && !t.summary && !t.bio && !t.facility) return;
    if (!t.name) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["name"], message: "required" });
    else if (!(TRANSLATION_STATUSES as readonly (string | undefined)[]).includes(t.status)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["status"], message: "invalid" });
    }
  })
  .transform((t) =>
    t.name
      ? {
          name: t.name,
          summary: t.summary,
          bio: t.bio,
          facility: t.facility || null,
          status: t.status as TranslationStatus,
        }
      : null,
  );

/**
 * The details form's fields are flat (`status`, `name.en`, `status.en`…): the prisoner's
 * `status` and the texts' `status.<lng>` would collide as nested names, so this form is read
 * as plain key/values and regrouped by language here.
 */
function byLanguage(raw: unknown) {
  const v = (raw ?? {}) as Record<string, unknown>;
  return {
    status: v.status,
    bornOn: v.bornOn,
    detainedOn: v.detainedOn,
    languages: perLocale((l) => ({
      name: v[`name.${l}`],
      summary: v[`summary.${l}`],
      bio: v[`bio.${l}`],
      facility: v[`facility.${l}`],
      status: v[`status.${l}`],
    })),
  };
}

/** Status, dates (none in the future) and the six languages' texts, at least one with a name. */
export const prisonerDetailsSchema = z.preprocess(
  byLanguage,
  z.object({
    status: oneOf(PRISONER_STATUSES),
    bornOn: day({ allowFuture: false }),
    detainedOn: day({ allowFuture: false }),
    languages: z.object(perLocale(() => translationFields)).superRefine((languages, ctx) => {
      if (!Object.values(languages).some(Boolean)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "oneName" });
    }),
  }),
);

export type PrisonerDetailsInput = z.output<typeof prisonerDetailsSchema>;

/** The details form's errors under the form's own field names (`name.en`; `names` for "oneName"). */
export function detailsFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, code] of Object.entries(fieldErrorsOf(error))) {
    const [head, locale, field] = path.split(".");
    const name = head !== "languages" ? path : locale && field ? `${field}.${locale}` : "names";
    errors[name] ??= code;
  }
  return errors;
}

// ---------------------------------------------------------------------------------------
// Timeline (and the photo's remove button): parsed with Conform, `text.<lng>` nest as `text`

/** An event's text in each language, at least one given. */
const eventTexts = z
  .preprocess((v) => v ?? {}, z.object(perLocale(() => multiLine(PRISONER_LIMITS.eventText))))
  .superRefine((texts, ctx) => {
    if (!Object.values(texts).some(Boolean)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "eventText" });
  });

export const eventAddSchema = z.object({
  intent: z.literal("event_add"),
  // A hearing to come may be announced.
  occurredOn: day({ required: true, allowFuture: true }).pipe(z.string()),
  text: eventTexts,
});

export const eventSaveSchema = eventAddSchema.extend({ intent: z.literal("event_save"), eventId: id() });

export const eventDeleteSchema = z.object({ intent: z.literal("event_delete"), eventId: id() });

export const photoRemoveSchema = z.object({ intent: z.literal("photo_remove") });

/** Every form of the editor page but the details (flat) and the photo upload (multipart). */
export const prisonerEditorSchema = z.discriminatedUnion("intent", [
  eventAddSchema,
  eventSaveSchema,
  eventDeleteSchema,
  photoRemoveSchema,
]);

export type PrisonerEventInput = { occurredOn: string; texts: { locale: Locale; text: string }[] };

/** The languages an event has a text in, in the site's order. */
export function eventTextsOf(text: Record<Locale, string>): PrisonerEventInput["texts"] {
  return LOCALES.filter((locale) => text[locale]).map((locale) => ({ locale, text: text[locale] }));
}

/** Conform's errors (field → messages) as one code per field, the first one. */
export function firstErrors(error: Record<string, readonly string[] | null> | undefined | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, messages] of Object.entries(error ?? {})) if (messages?.[0]) errors[name] = messages[0];
  return errors;
}
