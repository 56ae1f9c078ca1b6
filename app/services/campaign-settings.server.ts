import { z } from "zod";
import { pickTranslation } from "~/domain/translation";
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES, LOCALES, type CampaignStatus, type Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { insertAudit } from "~/models/audit.server";
import {
  changeCampaignStatus,
  countSignaturesByGroup,
  countSignaturesInGroup,
  deleteSignerGroup,
  existingPrisonerIds,
  findCampaignSettings,
  findSignerGroup,
  insertSignerGroup,
  isGroupKeyTaken,
  isSlugTaken,
  listCampaignTargets,
  listLinkedPrisonerIds,
  moveGroupCounts,
  moveGroupSignatures,
  replaceLinkedPrisoners,
  setSignerGroupLabel,
  setSignerGroupOrder,
  updateCampaignSettings,
  updateCampaignTarget,
  updateDeliveryResponse,
} from "~/models/campaign-settings.server";
import { insertCampaign } from "~/models/content.server";
import { addMember } from "~/models/organizer.server";
import { listPrisoners, listPrisonerTranslations } from "~/models/prisoner.server";
import { countVerifiedByGroup } from "~/models/signature.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";
import { type FieldErrors, fieldErrorsOf, formValues, readForm } from "~/http/forms.server";
import { assertCanEdit, EDIT_ROLES, type CampaignAccess } from "./campaign-editing.server";
import { recordDelivery } from "./exports.server";
import { requireCampaignAccess, requireOrganizer, } from "~/http/organizer-access.server";
import type { SignedInOrganizer } from "./organizer-sessions.server";
import { clearPageCache } from "./public-pages.server";

/**
 * Organizers shaping a campaign: creating it (platform admins), its settings and status,
 * its signer groups, and the record of its delivery. Every change is audited in the
 * transaction that makes it.
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

/** The groups a new campaign starts with; labels come from orgCampaign:defaultGroups.<key>. */
export const DEFAULT_GROUP_KEYS = [
  "mathematicians",
  "scientists",
  "journalists",
  "trade_unionists",
  "healthcare_workers",
  "other",
] as const;

/** Status changes the settings page offers; "delivered" is only reached through the delivery record. */
export const STATUS_TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ["open"],
  open: ["closed"],
  closed: ["open"],
  delivered: [],
};
const DELIVERABLE: readonly CampaignStatus[] = ["open", "closed"];

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const GROUP_KEY = /^[a-z0-9]+(_[a-z0-9]+)*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Letters in Cyrillic take several bytes a character, twice over once form-encoded. */
const NEW_CAMPAIGN_FORM_BYTES = 1024 * 1024;

/** Field → error code, translated under orgCampaign `errors`. */
export type { FieldErrors };
export type Invalid = { kind: "invalid"; errors: FieldErrors; values: Record<string, string> };

const notFound = () => new Response("Not found", { status: 404 });

// ---------------------------------------------------------------------------------------
// Form helpers

/** Form text: NFC, Unix line ends, trimmed. */
function field(max: number, required: boolean) {
  return z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, "required")
        .max(max, "tooLong"),
    );
}

/** One line of text: like `field`, with inner line breaks folded into spaces. */
function line(max: number, required: boolean) {
  return field(max, required).transform((v) => v.replace(/\s*\n\s*/g, " "));
}

const slugSchema = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v) => (v ?? "").trim())
  .superRefine((v, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    if (!v) return fail("required");
    if (v.length < SETTINGS_LIMITS.slugMin || v.length > SETTINGS_LIMITS.slug) return fail("slugLength");
    if (!SLUG.test(v)) return fail("slugFormat");
    if ((RESERVED_SLUGS as readonly string[]).includes(v)) return fail("slugReserved");
  });

const kindSchema = z.enum(CAMPAIGN_KINDS, { errorMap: () => ({ message: "invalid" }) });
const localeSchema = z.enum(LOCALES, { errorMap: () => ({ message: "invalid" }) });

const goalSchema = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v) => (v ?? "").trim().replace(/[\s,._']/g, ""))
  .superRefine((v, ctx) => {
    if (v === "") return;
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > SETTINGS_LIMITS.goal) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "goal" });
    }
  })
  .transform((v) => (v === "" ? null : Number(v)));

const daySchema = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v) => (v ?? "").trim())
  .superRefine((v, ctx) => {
    if (!v) return ctx.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
    const date = new Date(`${v}T00:00:00Z`);
    if (!DAY.test(v) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "date" });
    }
  });

/** A positive integer id from a form, or a 404 (an id nobody could have seen is an unknown one). */
function idParam(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) throw notFound();
  return Number(value);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

function languageName(locale: Locale, uiLocale: Locale): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

// ---------------------------------------------------------------------------------------
// New campaign (platform admins)

async function requireAdmin(request: Request): Promise<SignedInOrganizer> {
  const organizer = await requireOrganizer(request);
  if (!organizer.isAdmin) throw notFound();
  return organizer;
}

export async function loadNewCampaign(request: Request, uiLocale: Locale) {
  await requireAdmin(request);
  return {
    kinds: CAMPAIGN_KINDS,
    locales: LOCALES.map((l) => ({ code: l, name: languageName(l, uiLocale) })),
    limits: SETTINGS_LIMITS,
    values: { slug: "", kind: "open_letter", locale: uiLocale, title: "", body: "" } as Record<string, string>,
  };
}

const newCampaignSchema = z.object({
  slug: slugSchema,
  kind: kindSchema,
  locale: localeSchema,
  title: line(SETTINGS_LIMITS.title, true),
  body: field(SETTINGS_LIMITS.body, true),
});

export type CreateCampaignResult = { kind: "created"; campaignId: number; slug: string } | Invalid;

/**
 * A new campaign: a draft with its original text (version 1), the default signer groups
 * labelled in every language, and its creator as owner. Audited as campaign.created.
 */
export async function createCampaign(
  organizer: Pick<SignedInOrganizer, "id" | "isAdmin">,
  raw: Record<string, string>,
): Promise<CreateCampaignResult> {
  if (!organizer.isAdmin) throw notFound();
  const parsed = newCampaignSchema.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", errors: fieldErrorsOf(parsed.error), values: raw };
  const input = parsed.data;
  const db = getDb();
  const taken: Invalid = { kind: "invalid", errors: { slug: "slugTaken" }, values: raw };
  if (await isSlugTaken(db, input.slug)) return taken;
  const groups = DEFAULT_GROUP_KEYS.map((key) => ({
    key,
    labels: LOCALES.map((locale) => ({ locale, label: getFixedT(locale, "orgCampaign")(`defaultGroups.${key}`) })),
  }));
  try {
    const campaignId = await db.transaction().execute(async (trx) => {
      const created = await insertCampaign(trx, {
        slug: input.slug,
        kind: input.kind,
        status: "draft",
        canonicalLocale: input.locale,
        goal: null,
        translations: [{ locale: input.locale, status: "original", title: input.title, body: input.body }],
        groups,
      });
      await addMember(trx, created.id, organizer.id, "owner");
      await insertAudit(trx, {
        organizerId: organizer.id,
        campaignId: created.id,
        action: "campaign.created",
        subjectType: "campaign",
        subjectId: created.id,
        details: { slug: input.slug, kind: input.kind, locale: input.locale },
      });
      return created.id;
    });
    return { kind: "created", campaignId, slug: input.slug };
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}

/** The new-campaign form's POST (the route has checked the origin). */
export async function createCampaignFromRequest(request: Request): Promise<CreateCampaignResult> {
  const organizer = await requireAdmin(request);
  return createCampaign(organizer, formValues(await readForm(request, NEW_CAMPAIGN_FORM_BYTES)));
}

// ---------------------------------------------------------------------------------------
// Settings and status

async function requireEditor(request: Request, slug: string): Promise<CampaignAccess> {
  const access = await requireCampaignAccess(request, slug, EDIT_ROLES);
  assertCanEdit(access);
  return access;
}

async function currentCampaign(campaignId: number) {
  const campaign = await findCampaignSettings(getDb(), campaignId);
  if (!campaign) throw notFound();
  return campaign;
}

/** The settings page: the campaign's own values, the languages' addressees, every prisoner to link. */
export async function loadSettings(request: Request, slug: string, uiLocale: Locale) {
  const access = await requireEditor(request, slug);
  const db = getDb();
  const campaign = await currentCampaign(access.campaign.id);
  const [targets, linked, prisoners] = await Promise.all([
    listCampaignTargets(db, campaign.id),
    listLinkedPrisonerIds(db, campaign.id),
    listPrisoners(db),
  ]);
  const names = await listPrisonerTranslations(
    db,
    prisoners.map((p) => p.id),
  );
  const position = new Map(linked.map((id, i) => [id, i]));
  const choices = prisoners
    .map((p) => ({
      id: p.id,
      slug: p.slug,
      name:
        pickTranslation(
          names.filter((n) => n.prisoner_id === p.id),
          uiLocale,
        )?.row.name ?? p.slug,
      linked: position.has(p.id),
      position: position.has(p.id) ? (position.get(p.id) ?? 0) + 1 : null,
    }))
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  const values: Record<string, string> = {
    slug: campaign.slug,
    kind: campaign.kind,
    goal: campaign.goal === null ? "" : String(campaign.goal),
  };
  for (const t of targets) values[`target.${t.locale}`] = t.target;
  for (const p of choices) {
    if (p.linked) values[`prisoner.${p.id}`] = "on";
    values[`position.${p.id}`] = p.position === null ? "" : String(p.position);
  }
  return {
    slug: campaign.slug,
    status: campaign.status,
    canonicalLocale: campaign.canonical_locale,
    openedAt: campaign.opened_at?.toISOString() ?? null,
    closedAt: campaign.closed_at?.toISOString() ?? null,
    transitions: STATUS_TRANSITIONS[campaign.status],
    kinds: CAMPAIGN_KINDS,
    targets: targets.map((t) => ({ locale: t.locale, name: languageName(t.locale, uiLocale) })),
    prisoners: choices,
    limits: SETTINGS_LIMITS,
    values,
    /** After a rename the page is loaded afresh under its new address, with ?saved=1. */
    justSaved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

const settingsSchema = z.object({ slug: slugSchema, kind: kindSchema, goal: goalSchema });

export type SettingsResult =
  | { kind: "saved"; slug: string; renamed: boolean }
  | { kind: "statusChanged"; from: CampaignStatus; to: CampaignStatus }
  | { kind: "refused"; from: CampaignStatus; to: string }
  | Invalid;

/** The linked prisoners a settings form asks for, in their order (unknown prisoners: 404). */
async function prisonerSelection(raw: Record<string, string>, previous: number[]) {
  const errors: FieldErrors = {};
  const chosen: { id: number; position: number; before: number }[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const match = /^prisoner\.(.*)$/.exec(name);
    if (!match || value !== "on") continue;
    const id = idParam(match[1]);
    const rawPosition = (raw[`position.${id}`] ?? "").trim();
    let position = Infinity;
    if (rawPosition !== "") {
      if (/^\d{1,4}$/.test(rawPosition)) position = Number(rawPosition);
      else errors[`position.${id}`] = "position";
    }
    const before = previous.indexOf(id);
    chosen.push({ id, position, before: before === -1 ? Infinity : before });
  }
  const existing = await existingPrisonerIds(
    getDb(),
    chosen.map((c) => c.id),
  );
  if (chosen.some((c) => !existing.has(c.id))) throw notFound();
  chosen.sort((a, b) => a.position - b.position || a.before - b.before || a.id - b.id);
  return { ids: chosen.map((c) => c.id), errors };
}

/**
 * Saves kind, slug, goal, the addressee of each existing text and the linked prisoners.
 * A new slug must be free (a field error otherwise). Audited as campaign.settings_saved.
 */
export async function saveSettings(access: CampaignAccess, raw: Record<string, string>): Promise<SettingsResult> {
  assertCanEdit(access);
  const db = getDb();
  const campaignId = access.campaign.id;
  const [targets, linked] = await Promise.all([
    listCampaignTargets(db, campaignId),
    listLinkedPrisonerIds(db, campaignId),
  ]);
  const parsed = settingsSchema.safeParse(raw);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const newTargets: { locale: Locale; target: string }[] = [];
  for (const t of targets) {
    const target = line(SETTINGS_LIMITS.target, false).safeParse(raw[`target.${t.locale}`]);
    if (target.success) newTargets.push({ locale: t.locale, target: target.data });
    else errors[`target.${t.locale}`] = target.error.issues[0]?.message ?? "invalid";
  }
  const prisoners = await prisonerSelection(raw, linked);
  Object.assign(errors, prisoners.errors);
  if (!parsed.success || Object.keys(errors).length) return { kind: "invalid", errors, values: raw };
  const input = parsed.data;
  const taken: Invalid = { kind: "invalid", errors: { slug: "slugTaken" }, values: raw };
  if (await isSlugTaken(db, input.slug, campaignId)) return taken;
  try {
    const result = await db.transaction().execute(async (trx) => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) throw notFound();
      await updateCampaignSettings(trx, campaignId, input);
      const targetsChanged: Locale[] = [];
      for (const t of newTargets) {
        if (await updateCampaignTarget(trx, campaignId, t.locale, t.target)) targetsChanged.push(t.locale);
      }
      const prisonersChanged = prisoners.ids.join(",") !== linked.join(",");
      if (prisonersChanged) await replaceLinkedPrisoners(trx, campaignId, prisoners.ids);
      const details: Record<string, unknown> = {};
      if (current.slug !== input.slug) details.slug = { from: current.slug, to: input.slug };
      if (current.kind !== input.kind) details.kind = { from: current.kind, to: input.kind };
      if (current.goal !== input.goal) details.goal = { from: current.goal, to: input.goal };
      if (targetsChanged.length) details.targets = targetsChanged;
      if (prisonersChanged) details.prisoners = prisoners.ids;
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.settings_saved",
        subjectType: "campaign",
        subjectId: campaignId,
        details,
      });
      return { kind: "saved" as const, slug: input.slug, renamed: current.slug !== input.slug };
    });
    clearPageCache();
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}

/**
 * draft → open (stamps opened_at), open → closed (stamps closed_at), closed → open
 * (reopens). Anything else is refused. Audited as campaign.status_changed.
 */
export async function changeStatus(access: CampaignAccess, to: string | undefined): Promise<SettingsResult> {
  assertCanEdit(access);
  if (!(CAMPAIGN_STATUSES as readonly (string | undefined)[]).includes(to)) {
    return { kind: "invalid", errors: { status: "invalid" }, values: { to: to ?? "" } };
  }
  const target = to as CampaignStatus;
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<SettingsResult> => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) throw notFound();
      const from = current.status;
      if (!STATUS_TRANSITIONS[from].includes(target)) return { kind: "refused", from, to: target };
      if (!(await changeCampaignStatus(trx, campaignId, from, target))) return { kind: "refused", from, to: target };
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.status_changed",
        subjectType: "campaign",
        subjectId: campaignId,
        details: { from, to: target },
      });
      return { kind: "statusChanged", from, to: target };
    });
  if (result.kind === "statusChanged") clearPageCache();
  return result;
}

/** The settings page's POST: `intent=save` or `intent=status` with `to` (the route has checked the origin). */
export async function settingsAction(request: Request, slug: string): Promise<SettingsResult> {
  const access = await requireEditor(request, slug);
  const raw = formValues(await readForm(request));
  if (raw.intent === "status") return changeStatus(access, raw.to);
  if (raw.intent === "save") return saveSettings(access, raw);
  return { kind: "invalid", errors: { intent: "invalid" }, values: raw };
}

// ---------------------------------------------------------------------------------------
// Signer groups

/** The groups page: each group with its labels, its signatures (all states) and its count. */
export async function loadGroups(request: Request, slug: string, uiLocale: Locale) {
  const access = await requireEditor(request, slug);
  const db = getDb();
  const campaignId = access.campaign.id;
  const canonical = access.campaign.canonicalLocale;
  const [groups, rows, counted] = await Promise.all([
    listSignerGroups(db, campaignId),
    countSignaturesByGroup(db, campaignId),
    countVerifiedByGroup(db, [campaignId]),
  ]);
  return {
    slug: access.campaign.slug,
    canonicalLocale: canonical,
    locales: [canonical, ...LOCALES.filter((l) => l !== canonical)].map((l) => ({
      code: l,
      name: languageName(l, uiLocale),
    })),
    limits: SETTINGS_LIMITS,
    groups: groups.map((g) => ({
      id: g.id,
      key: g.key,
      label: pickTranslation(g.labels, uiLocale, canonical)?.row.label ?? g.key,
      labels: Object.fromEntries(g.labels.map((l) => [l.locale, l.label])) as Partial<Record<Locale, string>>,
      signatures: rows.get(g.id) ?? 0,
      verified: counted.find((c) => c.group_id === g.id)?.count ?? 0,
    })),
  };
}

export type GroupsResult =
  | { kind: "saved"; action: "added" | "renamed" | "reordered" | "merged" | "deleted"; key: string; moved?: number }
  | {
      kind: "mergePreview";
      from: { id: number; key: string };
      into: { id: number; key: string };
      signatures: number;
      verified: number;
    }
  | (Invalid & { groupId?: number });

/** Labels from `label.<locale>` fields: the original language's is required, the others optional. */
function parseLabels(access: CampaignAccess, raw: Record<string, string>) {
  const errors: FieldErrors = {};
  const labels: { locale: Locale; label: string | null }[] = [];
  for (const locale of LOCALES) {
    const parsed = line(SETTINGS_LIMITS.label, locale === access.campaign.canonicalLocale).safeParse(
      raw[`label.${locale}`],
    );
    if (parsed.success) labels.push({ locale, label: parsed.data || null });
    else errors[`label.${locale}`] = parsed.error.issues[0]?.message ?? "invalid";
  }
  return { labels, errors };
}

async function addGroup(access: CampaignAccess, raw: Record<string, string>): Promise<GroupsResult> {
  const campaignId = access.campaign.id;
  const key = (raw.key ?? "").trim();
  const { labels, errors } = parseLabels(access, raw);
  if (!key) errors.key = "required";
  else if (key.length < 2 || key.length > SETTINGS_LIMITS.groupKey || !GROUP_KEY.test(key)) errors.key = "groupKey";
  if (Object.keys(errors).length) return { kind: "invalid", errors, values: raw };
  const taken: GroupsResult = { kind: "invalid", errors: { key: "groupKeyTaken" }, values: raw };
  const db = getDb();
  if (await isGroupKeyTaken(db, campaignId, key)) return taken;
  try {
    await db.transaction().execute(async (trx) => {
      const given = labels.flatMap((l) => (l.label === null ? [] : [{ locale: l.locale, label: l.label }]));
      const id = await insertSignerGroup(trx, campaignId, key, given);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "groups.added",
        subjectType: "signer_group",
        subjectId: id,
        details: { key },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
  return { kind: "saved", action: "added", key };
}

async function renameGroup(access: CampaignAccess, raw: Record<string, string>): Promise<GroupsResult> {
  const campaignId = access.campaign.id;
  const groupId = idParam(raw.group);
  const { labels, errors } = parseLabels(access, raw);
  const db = getDb();
  const group = await findSignerGroup(db, campaignId, groupId);
  if (!group) throw notFound();
  if (Object.keys(errors).length) return { kind: "invalid", errors, values: raw, groupId };
  await db.transaction().execute(async (trx) => {
    if (!(await findSignerGroup(trx, campaignId, groupId, { forUpdate: true }))) throw notFound();
    for (const l of labels) await setSignerGroupLabel(trx, groupId, l.locale, l.label);
    await insertAudit(trx, {
      organizerId: access.organizer.id,
      campaignId,
      action: "groups.renamed",
      subjectType: "signer_group",
      subjectId: groupId,
      details: { key: group.key, locales: labels.filter((l) => l.label !== null).map((l) => l.locale) },
    });
  });
  return { kind: "saved", action: "renamed", key: group.key };
}

async function moveGroup(access: CampaignAccess, raw: Record<string, string>): Promise<GroupsResult> {
  const campaignId = access.campaign.id;
  const groupId = idParam(raw.group);
  const direction = raw.direction;
  if (direction !== "up" && direction !== "down") {
    return { kind: "invalid", errors: { direction: "invalid" }, values: raw, groupId };
  }
  const key = await getDb()
    .transaction()
    .execute(async (trx) => {
      const group = await findSignerGroup(trx, campaignId, groupId, { forUpdate: true });
      if (!group) throw notFound();
      const order = (await listSignerGroups(trx, campaignId)).map((g) => g.id);
      const at = order.indexOf(groupId);
      const other = direction === "up" ? at - 1 : at + 1;
      if (other < 0 || other >= order.length) return group.key;
      [order[at], order[other]] = [order[other]!, order[at]!];
      await setSignerGroupOrder(trx, campaignId, order);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "groups.reordered",
        subjectType: "signer_group",
        subjectId: groupId,
        details: { key: group.key, direction },
      });
      return group.key;
    });
  return { kind: "saved", action: "reordered", key };
}

async function mergeGroups(
  access: CampaignAccess,
  raw: Record<string, string>,
  confirm: boolean,
): Promise<GroupsResult> {
  const campaignId = access.campaign.id;
  const fromId = idParam(raw.from);
  const intoId = idParam(raw.into);
  const db = getDb();
  const [from, into] = await Promise.all([
    findSignerGroup(db, campaignId, fromId),
    findSignerGroup(db, campaignId, intoId),
  ]);
  if (!from || !into) throw notFound();
  if (fromId === intoId) return { kind: "invalid", errors: { into: "mergeSame" }, values: raw };
  if (!confirm) {
    const verified = (await countVerifiedByGroup(db, [campaignId])).find((c) => c.group_id === fromId)?.count ?? 0;
    return {
      kind: "mergePreview",
      from: { id: from.id, key: from.key },
      into: { id: into.id, key: into.key },
      signatures: await countSignaturesInGroup(db, fromId),
      verified,
    };
  }
  const moved = await db.transaction().execute(async (trx) => {
    // Both groups locked (in id order): a signature or a counter bump for the group being
    // merged away waits for this transaction, then finds the group gone.
    for (const id of [fromId, intoId].sort((a, b) => a - b)) {
      if (!(await findSignerGroup(trx, campaignId, id, { forUpdate: true }))) throw notFound();
    }
    const count = await moveGroupSignatures(trx, fromId, intoId);
    await moveGroupCounts(trx, campaignId, fromId, intoId);
    await deleteSignerGroup(trx, campaignId, fromId);
    await insertAudit(trx, {
      organizerId: access.organizer.id,
      campaignId,
      action: "groups.merged",
      subjectType: "signer_group",
      subjectId: intoId,
      rowCount: count,
      details: { from: from.key, into: into.key },
    });
    return count;
  });
  clearPageCache();
  return { kind: "saved", action: "merged", key: from.key, moved };
}

async function deleteGroup(access: CampaignAccess, raw: Record<string, string>): Promise<GroupsResult> {
  const campaignId = access.campaign.id;
  const groupId = idParam(raw.group);
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<GroupsResult> => {
      const group = await findSignerGroup(trx, campaignId, groupId, { forUpdate: true });
      if (!group) throw notFound();
      if ((await countSignaturesInGroup(trx, groupId)) > 0) {
        return { kind: "invalid", errors: { group: "groupNotEmpty" }, values: raw, groupId };
      }
      if ((await listSignerGroups(trx, campaignId)).length <= 1) {
        return { kind: "invalid", errors: { group: "lastGroup" }, values: raw, groupId };
      }
      await deleteSignerGroup(trx, campaignId, groupId);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "groups.deleted",
        subjectType: "signer_group",
        subjectId: groupId,
        details: { key: group.key },
      });
      return { kind: "saved", action: "deleted", key: group.key };
    });
  if (result.kind === "saved") clearPageCache();
  return result;
}

/** One change to the groups, by `intent`. Labels and order show on public pages after their cache. */
export async function changeGroups(access: CampaignAccess, raw: Record<string, string>): Promise<GroupsResult> {
  assertCanEdit(access);
  let result: GroupsResult;
  switch (raw.intent) {
    case "add":
      result = await addGroup(access, raw);
      break;
    case "rename":
      result = await renameGroup(access, raw);
      break;
    case "move":
      result = await moveGroup(access, raw);
      break;
    case "mergePreview":
      return mergeGroups(access, raw, false);
    case "merge":
      return mergeGroups(access, raw, true);
    case "delete":
      return deleteGroup(access, raw);
    default:
      return { kind: "invalid", errors: { intent: "invalid" }, values: raw };
  }
  if (result.kind === "saved") clearPageCache();
  return result;
}

/** The groups page's POST (the route has checked the origin). */
export async function groupsAction(request: Request, slug: string): Promise<GroupsResult> {
  const access = await requireEditor(request, slug);
  return changeGroups(access, formValues(await readForm(request)));
}

// ---------------------------------------------------------------------------------------
// Delivery record

export async function loadDelivery(request: Request, slug: string) {
  const access = await requireEditor(request, slug);
  const campaign = await currentCampaign(access.campaign.id);
  const delivered = campaign.status === "delivered";
  return {
    slug: campaign.slug,
    status: campaign.status,
    canRecord: DELIVERABLE.includes(campaign.status),
    record: delivered
      ? {
          on: campaign.delivered_on,
          to: campaign.delivered_to,
          response: campaign.delivery_response,
          sha256: campaign.delivered_list_sha256,
          rows: campaign.delivered_list_rows,
        }
      : null,
    limits: SETTINGS_LIMITS,
    values: {
      deliveredOn: new Date().toISOString().slice(0, 10),
      deliveredTo: "",
      response: campaign.delivery_response ?? "",
    } as Record<string, string>,
  };
}

const deliverySchema = z.object({
  deliveredOn: daySchema,
  deliveredTo: line(SETTINGS_LIMITS.deliveredTo, true),
  response: field(SETTINGS_LIMITS.response, false),
});

export type DeliveryResult =
  | { kind: "delivered"; sha256: string; rows: number }
  | { kind: "responseSaved" }
  | { kind: "refused"; status: CampaignStatus }
  | Invalid;

/**
 * Marks an open or closed campaign delivered: recordDelivery stores the date, the addressee,
 * the response and the SHA-256 and size of the publication list as it is now. Audited as
 * campaign.delivered.
 */
export async function recordCampaignDelivery(
  access: CampaignAccess,
  raw: Record<string, string>,
): Promise<DeliveryResult> {
  assertCanEdit(access);
  const parsed = deliverySchema.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", errors: fieldErrorsOf(parsed.error), values: raw };
  const campaignId = access.campaign.id;
  const input = parsed.data;
  // One transaction under the campaign's row lock: two people recording at once give one
  // delivery, and the record, its evidence and the audit entry commit together.
  const outcome = await getDb()
    .transaction()
    .execute(async (trx) => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) throw notFound();
      if (!DELIVERABLE.includes(current.status)) return { kind: "refused" as const, status: current.status };
      const evidence = await recordDelivery(
        { campaignId, on: input.deliveredOn, to: input.deliveredTo, response: input.response || null },
        trx,
      );
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.delivered",
        subjectType: "campaign",
        subjectId: campaignId,
        rowCount: evidence.rows,
        details: { on: input.deliveredOn, sha256: evidence.sha256, from: current.status },
      });
      return { kind: "ok" as const, evidence };
    });
  if (outcome.kind === "refused") return outcome;
  const { evidence } = outcome;
  clearPageCache();
  return { kind: "delivered", sha256: evidence.sha256, rows: evidence.rows };
}

/** The authorities' answer, added or corrected after delivery. Audited as campaign.delivery_response_saved. */
export async function saveDeliveryResponse(
  access: CampaignAccess,
  raw: Record<string, string>,
): Promise<DeliveryResult> {
  assertCanEdit(access);
  const parsed = field(SETTINGS_LIMITS.response, false).safeParse(raw.response);
  if (!parsed.success) {
    return { kind: "invalid", errors: { response: parsed.error.issues[0]?.message ?? "invalid" }, values: raw };
  }
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<DeliveryResult> => {
      const current = await findCampaignSettings(trx, campaignId, { forUpdate: true });
      if (!current) throw notFound();
      if (current.status !== "delivered") return { kind: "refused", status: current.status };
      await updateDeliveryResponse(trx, campaignId, parsed.data || null);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "campaign.delivery_response_saved",
        subjectType: "campaign",
        subjectId: campaignId,
      });
      return { kind: "responseSaved" };
    });
  if (result.kind === "responseSaved") clearPageCache();
  return result;
}

/** The delivery page's POST: `intent=record` or `intent=response` (the route has checked the origin). */
export async function deliveryAction(request: Request, slug: string): Promise<DeliveryResult> {
  const access = await requireEditor(request, slug);
  const raw = formValues(await readForm(request));
  if (raw.intent === "record") return recordCampaignDelivery(access, raw);
  if (raw.intent === "response") return saveDeliveryResponse(access, raw);
  return { kind: "invalid", errors: { intent: "invalid" }, values: raw };
}

/** Whether a result is the user's mistake (answered 400 with the form kept). */
export function isRejected(result: { kind: string }): boolean {
  return result.kind === "invalid" || result.kind === "refused";
}
