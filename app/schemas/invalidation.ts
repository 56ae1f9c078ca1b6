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

export const NAME_PATTERN_MAX = 100;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

const criteriaFields = {
  domain: singleLine(260)
    .transform((v) => v.toLowerCase().replace(/^@/, "").replace(/\.$/, ""))
    .refine((v) => !v || DOMAIN.test(v), "invalidDomain")
    // The same aliases as stored addresses (googlemail.com is gmail.com).
    .transform((v) => (v ? canonicalEmail(`x@${v}`).slice(2) : "")),
  ip: singleLine(64)
    .transform((v) => v.toLowerCase())
    .refine((v) => !v || /^[0-9a-f]{32}$/.test(v), "invalidIpHash"),
  from: singleLine(40).refine((v) => !v || parseUtcDateTime(v) !== null, "invalidDate"),
  to: singleLine(40).refine((v) => !v || parseUtcDateTime(v, true) !== null, "invalidDate"),
  name: singleLine(NAME_PATTERN_MAX).refine((v) => !v || v.replace(/\*/g, "").trim().length >= 2, "patternTooShort"),
  state: singleLine(20).refine((v) => !v || (INVALIDATABLE_STATES as readonly string[]).includes(v), "invalid"),
};

type Criteria = { [K in keyof typeof criteriaFields]: z.output<(typeof criteriaFields)[K]> };

function checkCriteria(v: Criteria, ctx: z.RefinementCtx) {
  if (!v.domain && !v.ip && !v.from && !v.to && !v.name) {
    ctx.addIssue({ code: "custom", path: ["form"], message: "noCriteria" });
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

/** The criteria fields of a form or a query, as typed (to show them again), empty ones left out. */
export function criteriaValuesOf(values: Record<string, unknown>): CriteriaValues {
  const picked: CriteriaValues = {};
  for (const f of CRITERIA_FIELDS) {
    const v = values[f];
    if (typeof v === "string" && v) picked[f] = v.slice(0, 300);
  }
  return picked;
}
