import { z } from "zod";
import { cleanText } from "~/domain/text";
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES, LOCALES, type Locale } from "~/domain/vocab";
import { day, id, multiLine, oneOf, singleLine } from "./fields";

/**
 * The forms that shape a campaign (new campaign, settings and status, signer groups,
 * delivery record), shared by browser and server. Error messages are codes translated under
 * orgCampaign `errors`.
 */

export const SETTINGS_LIMITS = {
  slugMin: 3,
  slug: 80,
  title: 300,
  body: 50_000,
  target: 300,
  goal: 100_000_000,
  groupKey: 40,
  label: 120,
  deliveredTo: 300,
  response: 5_000,
} as const;

/** Slugs that would read as a page of their own (organizer/campaigns/new) or confuse people. */
export const RESERVED_SLUGS = [
  "new",
  "edit",
  "create",
  "settings",
  "groups",
  "delivery",
  "admin",
  "api",
  "organizer",
  "campaigns",
  "prisoners",
  "login",
  "logout",
  "embed",
  "feeds",
  "media",
  "assets",
  "static",
  "sitemap",
  "robots",
] as const;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const GROUP_KEY = /^[a-z0-9]+(_[a-z0-9]+)*$/;
const POSITION = /^\d{1,4}$/;

const optionalString = z.string({ invalid_type_error: "invalid" }).optional();

/** A campaign's address: lowercase Latin letters, digits and single hyphens; not a reserved word. */
function slug() {
  return optionalString
    .transform((v) => cleanText(v))
    .superRefine((v, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      if (!v) return fail("required");
      if (v.length < SETTINGS_LIMITS.slugMin || v.length > SETTINGS_LIMITS.slug) return fail("slugLength");
      if (!SLUG.test(v)) return fail("slugFormat");
      if ((RESERVED_SLUGS as readonly string[]).includes(v)) return fail("slugReserved");
    });
}

/** A goal as people type it ("5 000", "5,000"), or null when left empty. */
function goal() {
  return optionalString
    .transform((v) => cleanText(v).replace(/[\s,._']/g, ""))
    .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= SETTINGS_LIMITS.goal), "goal")
    .transform((v) => (v === "" ? null : Number(v)));
}

// ---------------------------------------------------------------------------------------
// New campaign

export const newCampaignSchema = z.object({
  slug: slug(),
  kind: oneOf(CAMPAIGN_KINDS),
  locale: oneOf(LOCALES),
  title: singleLine(SETTINGS_LIMITS.title, { required: true }),
  body: multiLine(SETTINGS_LIMITS.body, { required: true }),
});
export type NewCampaignInput = z.output<typeof newCampaignSchema>;

// ---------------------------------------------------------------------------------------
// Settings and status

/**
 * The settings form. Fields named `target.<locale>`, `prisoner.<id>` and `position.<id>`
 * arrive as records (Conform reads dotted names as paths).
 */
export const saveSettingsFields = z.object({
  intent: z.literal("save"),
  slug: slug(),
  kind: oneOf(CAMPAIGN_KINDS),
  goal: goal(),
  target: z.record(z.string(), singleLine(SETTINGS_LIMITS.target)).optional(),
  prisoner: z.record(z.string(), optionalString).optional(),
  position: z.record(z.string(), optionalString).optional(),
});

const statusFields = z.object({ intent: z.literal("status"), to: oneOf(CAMPAIGN_STATUSES) });

/** A prisoner ticked on the settings form, with the position typed for it (null: keep the order). */
export interface LinkedPrisonerChoice {
  id: number;
  position: number | null;
}

export const settingsSchema = z
  .discriminatedUnion("intent", [saveSettingsFields, statusFields], { errorMap: () => ({ message: "invalid" }) })
  .transform((value, ctx) => {
    if (value.intent === "status") return value;
    const { prisoner, position, target, ...rest } = value;
    const prisoners: LinkedPrisonerChoice[] = [];
    for (const [key, ticked] of Object.entries(prisoner ?? {})) {
      if (ticked !== "on") continue;
      const parsed = id().safeParse(key);
      // An id no page of ours shows: the route answers as for an unknown prisoner.
      if (!parsed.success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["prisoner", key], message: "unknown" });
        continue;
      }
      // Only the positions of ticked prisoners matter (the others' are left as typed).
      const typed = cleanText(position?.[key]);
      if (typed !== "" && !POSITION.test(typed)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["position", key], message: "position" });
      }
      prisoners.push({ id: parsed.data, position: typed === "" ? null : Number(typed) });
    }
    return { ...rest, targets: (target ?? {}) as Partial<Record<string, string>>, prisoners };
  });
export type SettingsInput = z.output<typeof settingsSchema>;
export type SaveSettingsInput = Extract<SettingsInput, { intent: "save" }>;

/** Flat form values (`target.en`) as the nested object Conform reads its defaults from. */
export function nestedValues(flat: Record<string, string>): Record<string, string | Record<string, string>> {
  const out: Record<string, string | Record<string, string>> = {};
  for (const [name, value] of Object.entries(flat)) {
    const dot = name.indexOf(".");
    if (dot === -1) {
      out[name] = value;
      continue;
    }
    const head = name.slice(0, dot);
    const inner = out[head];
    const record = typeof inner === "object" ? inner : {};
    record[name.slice(dot + 1)] = value;
    out[head] = record;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Signer groups

/** A group's key: lowercase Latin letters, digits and single underscores. */
function groupKey() {
  return optionalString
    .transform((v) => cleanText(v))
    .superRefine((v, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      if (!v) return fail("required");
      if (v.length < 2 || v.length > SETTINGS_LIMITS.groupKey || !GROUP_KEY.test(v)) fail("groupKey");
    });
}

/** `label.<locale>`: the campaign's original language is required, the others optional ("" = none). */
function labels(canonical: Locale) {
  const shape = {} as Record<Locale, ReturnType<typeof singleLine>>;
  for (const locale of LOCALES) {
    shape[locale] = singleLine(SETTINGS_LIMITS.label, { required: locale === canonical });
  }
  return z.object(shape).default({});
}

/** Every change the groups page makes, by `intent`; labels are checked against the original language. */
export function groupsSchema(canonical: Locale) {
  const groupPair = { from: id(), into: id() };
  return z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("add"), key: groupKey(), label: labels(canonical) }),
      z.object({ intent: z.literal("rename"), group: id(), label: labels(canonical) }),
      z.object({ intent: z.literal("move"), group: id(), direction: oneOf(["up", "down"] as const) }),
      z.object({ intent: z.literal("mergePreview"), ...groupPair }),
      z.object({ intent: z.literal("merge"), ...groupPair }),
      z.object({ intent: z.literal("delete"), group: id() }),
    ],
    { errorMap: () => ({ message: "invalid" }) },
  );
}
export type GroupsInput = z.output<ReturnType<typeof groupsSchema>>;
export type GroupLabels = Record<Locale, string>;
/** Fields that name a group: a bad one is a group nobody could have seen (404, not a form error). */
export const GROUP_ID_FIELDS = ["group", "from", "into"] as const;

// ---------------------------------------------------------------------------------------
// Delivery

export const recordDeliveryFields = z.object({
  intent: z.literal("record"),
  deliveredOn: day({ required: true }).transform((v) => v ?? ""),
  deliveredTo: singleLine(SETTINGS_LIMITS.deliveredTo, { required: true }),
  response: multiLine(SETTINGS_LIMITS.response),
  /** The language of the publication list whose SHA-256 is stored; empty: the campaign's original. */
  listLocale: oneOf(LOCALES).optional(),
});
export const deliveryResponseFields = z.object({
  intent: z.literal("response"),
  response: multiLine(SETTINGS_LIMITS.response),
});
export const deliverySchema = z.discriminatedUnion("intent", [recordDeliveryFields, deliveryResponseFields], {
  errorMap: () => ({ message: "invalid" }),
});
export type DeliveryInput = z.output<typeof deliverySchema>;
