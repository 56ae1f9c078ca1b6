import { z } from "zod";
import { isCountryCode } from "~/domain/countries";
import { cleanText } from "~/domain/text";
import { LOCALES, VISIBILITIES } from "~/domain/vocab";
import { recordDeliveryFields, deliveryResponseFields, SETTINGS_LIMITS } from "./campaign-settings";
import { day, multiLine, oneOf, singleLine } from "./fields";

/**
 * The forms that carry a campaign to its outcome (issue 15): the delivery page's answer due
 * and answer, paper batches, the follow-up link and the digest switch. Error codes are
 * translated under orgInsights `errors` (and orgCampaign `errors` for the delivery record).
 */

export const OUTCOME_LIMITS = {
  answer: 20_000,
  documentUrl: 500,
  source: 300,
  name: 200,
  title: 300,
  /** People per line of a paper batch, and per batch: more is a typo, not a meeting. */
  lineCount: 10_000,
  batchTotal: 50_000,
  /** Lines a paper form offers. */
  lines: 8,
} as const;

const optionalString = z.string({ invalid_type_error: "invalid" }).optional();

/** An http(s) address of the answer's document, or null. */
function documentUrl() {
  return optionalString
    .transform((v) => cleanText(v))
    .superRefine((v, ctx) => {
      if (!v) return;
      let ok = v.length <= OUTCOME_LIMITS.documentUrl;
      try {
        ok &&= ["http:", "https:"].includes(new URL(v).protocol) && !/\s/.test(v);
      } catch {
        ok = false;
      }
      if (!ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "url" });
    })
    .transform((v) => v || null);
}

const answerTexts = z
  .object(
    Object.fromEntries(LOCALES.map((l) => [l, multiLine(OUTCOME_LIMITS.answer)])) as Record<
      (typeof LOCALES)[number],
      ReturnType<typeof multiLine>
    >,
  )
  .default({});

/** The delivery page: record (now with an optional answer due), the old response note, the due date, the answer. */
export const outcomeSchema = z
  .discriminatedUnion(
    "intent",
    [
      recordDeliveryFields.extend({ dueOn: day() }),
      deliveryResponseFields,
      z.object({ intent: z.literal("due"), dueOn: day() }),
      z.object({
        intent: z.literal("answer"),
        answeredOn: day({ required: true, allowFuture: false }).transform((v) => v ?? ""),
        documentUrl: documentUrl(),
        text: answerTexts,
        notify: optionalString.transform((v) => v === "on"),
      }),
    ],
    { errorMap: () => ({ message: "invalid" }) },
  )
  .superRefine((value, ctx) => {
    if (value.intent === "record" && value.dueOn && value.deliveredOn && value.dueOn < value.deliveredOn) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dueOn"], message: "dueBeforeDelivery" });
    }
    if (value.intent === "answer" && !Object.values(value.text).some(Boolean)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["text", "en"], message: "answerText" });
    }
  });
export type OutcomeInput = z.output<typeof outcomeSchema>;
export { SETTINGS_LIMITS };

// ---------------------------------------------------------------------------------------
// Paper batches

/** A count as people type it; "" for an empty line. */
function count() {
  return optionalString
    .transform((v) => cleanText(v).replace(/[\s,._']/g, ""))
    .superRefine((v, ctx) => {
      if (v === "") return;
      if (!/^-?\d{1,9}$/.test(v)) return void ctx.addIssue({ code: z.ZodIssueCode.custom, message: "count" });
      const n = Number(v);
      if (n < 1) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "countPositive" });
      else if (n > OUTCOME_LIMITS.lineCount) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "countAbsurd" });
    })
    .transform((v) => (v === "" ? null : Number(v)));
}

const country = optionalString
  .transform((v) => cleanText(v).toUpperCase())
  .refine((v) => v === "" || isCountryCode(v), "country");
const groupKey = optionalString.transform((v) => cleanText(v));

const countLine = z.object({ group: groupKey, country, count: count() });
const personLine = z.object({
  name: singleLine(OUTCOME_LIMITS.name),
  title: singleLine(OUTCOME_LIMITS.title),
  group: groupKey,
  country,
  visibility: optionalString,
});

const batchCommon = {
  source: singleLine(OUTCOME_LIMITS.source, { required: true }),
  collectedOn: day({ required: true, allowFuture: false }).transform((v) => v ?? ""),
};

/**
 * A paper batch: counts per group and country, or named signatories. Each used line needs a
 * group and a country; groups are checked against the campaign by the operation.
 */
export const paperSchema = z
  .discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("counts"), ...batchCommon, line: z.array(countLine.optional()).default([]) }),
      z.object({ intent: z.literal("named"), ...batchCommon, person: z.array(personLine.optional()).default([]) }),
    ],
    { errorMap: () => ({ message: "invalid" }) },
  )
  .transform((value, ctx) => {
    const fail = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    if (value.intent === "counts") {
      const lines = value.line.slice(0, OUTCOME_LIMITS.lines).flatMap((l, i) => {
        if (!l || (l.count === null && !l.group && !l.country)) return [];
        if (l.count === null) fail(["line", i, "count"], "required");
        if (!l.group) fail(["line", i, "group"], "required");
        if (!l.country) fail(["line", i, "country"], "required");
        return l.count === null ? [] : [{ groupKey: l.group, country: l.country, count: l.count }];
      });
      const total = lines.reduce((n, l) => n + l.count, 0);
      if (!lines.length) fail(["line", 0, "count"], "noLines");
      else if (total > OUTCOME_LIMITS.batchTotal) fail(["line", 0, "count"], "batchTooLarge");
      return { intent: "counts" as const, source: value.source, collectedOn: value.collectedOn, lines, total };
    }
    const people = value.person.slice(0, OUTCOME_LIMITS.lines).flatMap((p, i) => {
      if (!p || (!p.name && !p.title && !p.group && !p.country)) return [];
      if (!p.name) fail(["person", i, "name"], "required");
      if (!p.group) fail(["person", i, "group"], "required");
      if (!p.country) fail(["person", i, "country"], "required");
      const visibility = (VISIBILITIES as readonly string[]).includes(p.visibility ?? "") ? p.visibility : null;
      if (!visibility) fail(["person", i, "visibility"], "required");
      return [
        {
          groupKey: p.group,
          country: p.country,
          fullName: p.name,
          title: p.title,
          visibility: (visibility ?? "counted") as (typeof VISIBILITIES)[number],
        },
      ];
    });
    if (!people.length) fail(["person", 0, "name"], "noLines");
    return {
      intent: "named" as const,
      source: value.source,
      collectedOn: value.collectedOn,
      people,
      total: people.length,
    };
  });
export type PaperInput = z.output<typeof paperSchema>;

// ---------------------------------------------------------------------------------------
// Follow-up link, digest switch

export const followUpSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("link"), earlier: optionalString.transform((v) => cleanText(v)) }),
    z.object({ intent: z.literal("invite") }),
  ],
  { errorMap: () => ({ message: "invalid" }) },
);
export type FollowUpInput = z.output<typeof followUpSchema>;

export const digestSchema = z.object({
  intent: z.literal("digest"),
  digest: oneOf(["on", "off"] as const),
});
