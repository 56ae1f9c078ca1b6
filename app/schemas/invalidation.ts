import { z } from "zod";
import { parseUtcDateTime } from "~/domain/dates";
import { canonicalEmail } from "~/domain/email";
import { INVALIDATABLE_STATES } from "~/domain/vocab";
import { singleLine } from "./fields";

/**
 * The invalidation-by-criteria form, shared by the browser and the server. Every criterion
 * is optional, but at least one of domain, IP hash, time or name must be given (the state
 * alone would reach every signature). Error codes are translated under orgModeration `errors`.
 */

/** The form's fields (also the invalidation page's query parameters, to pre-fill it). */
export const CRITERIA_FIELDS = ["domain", "ip", "from", "to", "name", "state"] as const;
export type CriteriaField = (typeof CRITERIA_FIELDS)[number];
export type CriteriaValues = Partial<Record<CriteriaField, string>>;
/** Field (or "form") → error code. */
export type CriteriaErrors = Partial<Record<CriteriaField | "form", string>>;

/** Each field's length limit (for the "tooLong" message and the inputs' maxLength). */
export const CRITERIA_MAX = { domain: 260, ip: 64, from: 40, to: 40, name: 100, state: 20 } as const;
export const NAME_PATTERN_MAX = CRITERIA_MAX.name;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

const criteriaFields = {
  domain: singleLine(CRITERIA_MAX.domain)
    .transform((v) => v.toLowerCase().replace(/^@/, "").replace(/\.$/, ""))
    .refine((v) => !v || DOMAIN.test(v), "invalidDomain")
    // The same aliases as stored addresses (googlemail.com is gmail.com).
    .transform((v) => (v ? canonicalEmail(`x@${v}`).slice(2) : "")),
  ip: singleLine(CRITERIA_MAX.ip)
    .transform((v) => v.toLowerCase())
    .refine((v) => !v || /^[0-9a-f]{32}$/.test(v), "invalidIpHash"),
  from: singleLine(CRITERIA_MAX.from).refine((v) => !v || parseUtcDateTime(v) !== null, "invalidDate"),
  to: singleLine(CRITERIA_MAX.to).refine((v) => !v || parseUtcDateTime(v, true) !== null, "invalidDate"),
  name: singleLine(CRITERIA_MAX.name).refine((v) => !v || v.replace(/\*/g, "").trim().length >= 2, "patternTooShort"),
  state: singleLine(CRITERIA_MAX.state).refine(
    (v) => !v || (INVALIDATABLE_STATES as readonly string[]).includes(v),
    "invalid",
  ),
};

type Criteria = { [K in keyof typeof criteriaFields]: z.output<(typeof criteriaFields)[K]> };

function checkCriteria(v: Criteria, ctx: z.RefinementCtx) {
  if (!v.domain && !v.ip && !v.from && !v.to && !v.name) {
    // A form-level error (no path): Conform shows it as the form's own error; services name it "form".
    ctx.addIssue({ code: "custom", message: "noCriteria" });
  }
  const from = v.from ? parseUtcDateTime(v.from) : null;
  const before = v.to ? parseUtcDateTime(v.to, true) : null;
  if (from && before && from.getTime() >= before.getTime()) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "dateOrder" });
  }
}

/** The criteria alone (links from the signals page are read with it too). */
export const criteriaSchema = z.object(criteriaFields).superRefine(checkCriteria);

/** The page's POST: preview what the criteria hit, or queue their invalidation. */
export const invalidationFormSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("preview"), ...criteriaFields }),
    z.object({ intent: z.literal("invalidate"), ...criteriaFields }),
  ])
  .superRefine(checkCriteria);

/** Zod's errors as the page's error codes: one per field, the form's own under "form". */
export function criteriaErrorsOf(errors: Record<string, readonly string[] | null | undefined>): CriteriaErrors {
  const picked: CriteriaErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const key = path === "" ? "form" : path;
    if (messages?.[0] && (key === "form" || (CRITERIA_FIELDS as readonly string[]).includes(key))) {
      picked[key as keyof CriteriaErrors] ??= messages[0];
    }
  }
  return picked;
}

/** The criteria fields of a form or a query, as typed (to show them again), empty ones left out. */
export function criteriaValuesOf(values: Record<string, unknown>): CriteriaValues {
  const picked: CriteriaValues = {};
  for (const f of CRITERIA_FIELDS) {
    const v = values[f];
    if (typeof v === "string" && v) picked[f] = v.slice(0, 300);
  }
  return picked;
}
