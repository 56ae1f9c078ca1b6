import { pickTranslation } from "~/domain/translation";
import {
  SIGNATURE_STATES,
  VISIBILITIES,
  type Locale,
  type MemberRole,
  type SignatureState,
  type Visibility,
} from "~/domain/vocab";
import { insertAudit, listAudit } from "~/models/audit.server";
import { listCampaignTranslations } from "~/models/campaign.server";
import {
  countModerationRows,
  findSignatureForResend,
  listModerationRows,
  lockSignature,
  lockSignatures,
  setSignatureNotable,
  setSignatureState,
  setSignatureTitle,
  type ModerationFilter,
} from "~/models/moderation.server";
import { listOrganizerCampaigns } from "~/models/organizer.server";
import { bumpCount, totalForCampaign } from "~/models/signature.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { signatureSchema } from "~/schemas/signature";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/http/forms.server";
import { listRecentExports } from "./exports.server";
import { assertSameOrigin, requireCampaignAccess, requireOrganizer } from "~/http/organizer-access.server";
import { resendConfirmation } from "./signing.server";

/** Who may see a campaign's signatures, and who may change them. */
export const VIEW_ROLES = ["owner", "editor", "moderator", "viewer"] as const satisfies readonly MemberRole[];
export const MODERATE_ROLES = ["owner", "editor", "moderator"] as const satisfies readonly MemberRole[];

export const MODERATION_PAGE_SIZE = 50;
export const AUDIT_PAGE_SIZE = 50;
/** At most this many signatures per bulk action (a page holds 50). */
const MAX_BULK = 200;

export const MODERATION_ACTIONS = ["hide", "unhide", "invalidate", "notable", "unnotable"] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

async function campaignTitles(campaignIds: number[], locale: Locale) {
  const translations = await listCampaignTranslations(getDb(), campaignIds);
  return (id: number, canonical: Locale, fallback: string) =>
    pickTranslation(
      translations.filter((t) => t.campaign_id === id),
      locale,
      canonical,
    )?.row.title ?? fallback;
}

/** The organizer's campaigns (every campaign for a platform admin) with live totals. */
export async function loadDashboard(request: Request, locale: Locale) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const campaigns = await listOrganizerCampaigns(db, organizer.id, organizer.isAdmin);
  const title = await campaignTitles(
    campaigns.map((c) => c.id),
    locale,
  );
  const totals = await Promise.all(campaigns.map((c) => totalForCampaign(db, c.id)));
  return {
    organizer: { email: organizer.email, isAdmin: organizer.isAdmin },
    campaigns: campaigns.map((c, i) => ({
      slug: c.slug,
      status: c.status,
      title: title(c.id, c.canonical_locale, c.slug),
      role: c.role ?? ("admin" as const),
      total: totals[i] ?? 0,
      goal: c.goal,
    })),
  };
}

/** A campaign's organizer page: title, total and the latest audit entries. */
export async function loadCampaignOverview(request: Request, slug: string, locale: Locale) {
  const access = await requireCampaignAccess(request, slug, VIEW_ROLES);
  const db = getDb();
  const title = await campaignTitles([access.campaign.id], locale);
  const seesExports = access.role === "owner" || access.role === "admin";
  const [total, audit, recentExports] = await Promise.all([
    totalForCampaign(db, access.campaign.id),
    listAudit(db, access.campaign.id, AUDIT_PAGE_SIZE),
    // Exports carry personal data: every owner sees who took one, and when.
    seesExports ? listRecentExports(access.campaign.id, access.organizer.id, 5) : Promise.resolve(null),
  ]);
  return {
    slug,
    role: access.role,
    recentExports,
    title: title(access.campaign.id, access.campaign.canonicalLocale, slug),
    total,
    audit: audit.map((a) => ({
      id: a.id,
      action: a.action,
      organizer: a.organizer_email,
      rowCount: a.row_count,
      createdAt: a.created_at.toISOString(),
    })),
  };
}

function pick<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

export interface ModerationQuery {
  state?: SignatureState;
  group?: string;
  country?: string;
  visibility?: Visibility;
  notable?: "yes" | "no";
  q?: string;
  /** IP hash, email domain, or a comma-separated list of ids (links from the signals page). */
  ip?: string;
  domain?: string;
  ids?: string;
  page: number;
}

/** At most this many ids in an `ids` filter. */
const MAX_FILTER_IDS = 200;

function parseIds(value: string | null | undefined): number[] | undefined {
  if (!value) return undefined;
  const ids = value
    .split(",")
    .map((v) => Number(v.trim()))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  return [...new Set(ids)].slice(0, MAX_FILTER_IDS);
}

export function parseModerationQuery(params: URLSearchParams): ModerationQuery {
  const country = params.get("country")?.trim().toUpperCase();
  const q = params.get("q")?.trim().slice(0, 100);
  const page = Number(params.get("page") ?? "1");
  const ip = params.get("ip")?.trim().toLowerCase();
  const domain = params.get("domain")?.trim().toLowerCase().replace(/^@/, "");
  const ids = parseIds(params.get("ids"));
  return {
    state: pick(SIGNATURE_STATES, params.get("state")),
    group: params.get("group")?.slice(0, 64) || undefined,
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    visibility: pick(VISIBILITIES, params.get("visibility")),
    notable: pick(["yes", "no"] as const, params.get("notable")),
    q: q || undefined,
    ip: ip && /^[0-9a-f]{32}$/.test(ip) ? ip : undefined,
    domain: domain && domain.length <= 253 && /^[a-z0-9.-]+$/.test(domain) ? domain : undefined,
    ids: ids?.length ? ids.join(",") : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The moderation table: filtered, searched, 50 per page. Viewers see it read-only. */
export async function loadModeration(request: Request, slug: string, locale: Locale) {
  const access = await requireCampaignAccess(request, slug, VIEW_ROLES);
  const db = getDb();
  const query = parseModerationQuery(new URL(request.url).searchParams);
  const groups = await listSignerGroups(db, access.campaign.id);
  const group = query.group ? groups.find((g) => g.key === query.group) : undefined;
  const filter: ModerationFilter = {
    campaignId: access.campaign.id,
    state: query.state,
    groupId: query.group ? (group?.id ?? -1) : undefined,
    country: query.country,
    visibility: query.visibility,
    notable: query.notable === undefined ? undefined : query.notable === "yes",
    search: query.q,
    ipHash: query.ip,
    domain: query.domain,
    ids: parseIds(query.ids),
  };
  const [rows, matching, total] = await Promise.all([
    listModerationRows(db, filter, MODERATION_PAGE_SIZE, (query.page - 1) * MODERATION_PAGE_SIZE),
    countModerationRows(db, filter),
    totalForCampaign(db, access.campaign.id),
  ]);
  const groupLabel = (id: number) => {
    const g = groups.find((x) => x.id === id);
    return g ? (pickTranslation(g.labels, locale, access.campaign.canonicalLocale)?.row.label ?? g.key) : "";
  };
  const title = await campaignTitles([access.campaign.id], locale);
  return {
    slug,
    title: title(access.campaign.id, access.campaign.canonicalLocale, slug),
    role: access.role,
    canModerate: access.role !== "viewer",
    total,
    query,
    matching,
    pages: Math.max(1, Math.ceil(matching / MODERATION_PAGE_SIZE)),
    groups: groups.map((g) => ({ key: g.key, label: groupLabel(g.id) })),
    rows: rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      email: r.email,
      title: r.title,
      country: r.country,
      group: groupLabel(r.group_id),
      visibility: r.visibility,
      state: r.state,
      notable: r.notable,
      ipHash: r.ip_hash,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

/**
 * Hide, unhide, invalidate, mark or unmark notable: one signature or many, in one
 * transaction with the counters (a verified signature leaving or rejoining the count moves
 * it by one) and an audit entry.
 */
export async function moderateSignatures(
  request: Request,
  slug: string,
  action: ModerationAction,
  ids: readonly number[],
): Promise<{ action: ModerationAction; rowCount: number }> {
  assertSameOrigin(request);
  const access = await requireCampaignAccess(request, slug, MODERATE_ROLES);
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_BULK);
  const campaignId = access.campaign.id;
  const rowCount = await getDb()
    .transaction()
    .execute(async (trx) => {
      const rows = await lockSignatures(trx, campaignId, wanted);
      let changed: typeof rows = [];
      let delta = 0;
      switch (action) {
        case "hide":
          changed = rows.filter((r) => r.state === "verified");
          delta = -1;
          await setSignatureState(
            trx,
            changed.map((r) => r.id),
            "hidden",
          );
          break;
        case "unhide":
          changed = rows.filter((r) => r.state === "hidden");
          delta = 1;
          await setSignatureState(
            trx,
            changed.map((r) => r.id),
            "verified",
          );
          break;
        case "invalidate":
          changed = rows.filter((r) => r.state === "pending" || r.state === "verified" || r.state === "hidden");
          await setSignatureState(
            trx,
            changed.map((r) => r.id),
            "invalidated",
          );
          break;
        case "notable":
        case "unnotable":
          changed = rows.filter((r) => r.notable !== (action === "notable"));
          await setSignatureNotable(
            trx,
            changed.map((r) => r.id),
            action === "notable",
          );
          break;
      }
      // Counters move by key (group, country), once per key.
      const deltas = new Map<string, { groupId: number; country: string; delta: number }>();
      for (const r of changed) {
        const d = action === "invalidate" ? (r.state === "verified" ? -1 : 0) : delta;
        if (!d) continue;
        const key = `${r.group_id}:${r.country}`;
        const entry = deltas.get(key) ?? { groupId: r.group_id, country: r.country, delta: 0 };
        entry.delta += d;
        deltas.set(key, entry);
      }
      for (const d of deltas.values()) {
        if (d.delta) await bumpCount(trx, { campaignId, groupId: d.groupId, country: d.country }, d.delta);
      }
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: `signatures.${action}`,
        subjectType: "signature",
        subjectId: changed.length === 1 ? changed[0]!.id : null,
        rowCount: changed.length,
        details: { ids: changed.map((r) => r.id) },
      });
      return changed.length;
    });
  return { action, rowCount };
}

/** Reads the action form: `intent` and one or more `id` fields. */
export function parseModerationForm(form: FormData): { action: ModerationAction; ids: number[] } | null {
  const action = pick(MODERATION_ACTIONS, String(form.get("intent") ?? ""));
  if (!action) return null;
  const ids = form
    .getAll("id")
    .map((v) => Number(v))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  return { action, ids };
}

// ---------------------------------------------------------------------------------------
// Single actions: correct an affiliation, send a new confirmation link

type CampaignAccess = Awaited<ReturnType<typeof requireCampaignAccess>>;

/** Error codes under orgModeration `errors`. */
export type SignatureFieldErrors = Partial<Record<"title" | "resend", string>>;

export type TitleResult =
  | { kind: "title"; id: number; changed: boolean }
  | { kind: "invalid"; id: number; errors: SignatureFieldErrors; values: { title: string } };

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/**
 * Corrects a typo in a signer's affiliation (validated as on the sign form). Audited with
 * the old and the new value; neither is ever logged.
 */
export async function correctSignatureTitle(
  access: CampaignAccess,
  id: number,
  rawTitle: unknown,
): Promise<TitleResult> {
  if (access.role === "viewer") notFound();
  const raw = typeof rawTitle === "string" ? rawTitle : "";
  const parsed = signatureSchema.shape.title.safeParse(raw);
  if (!parsed.success) {
    return {
      kind: "invalid",
      id,
      errors: { title: parsed.error.issues[0]?.message ?? "invalid" },
      values: { title: raw },
    };
  }
  const title = parsed.data;
  const campaignId = access.campaign.id;
  const changed = await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await lockSignature(trx, campaignId, id);
      if (!row || row.state === "withdrawn") notFound();
      if (row.title === title) return false;
      await setSignatureTitle(trx, id, title);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "signatures.title",
        subjectType: "signature",
        subjectId: id,
        rowCount: 1,
        details: { old: row.title, new: title },
      });
      return true;
    });
  return { kind: "title", id, changed };
}

export type ResendResult =
  | { kind: "resent"; id: number }
  | { kind: "rate-limited"; id: number }
  | { kind: "invalid"; id: number; errors: SignatureFieldErrors; values: Record<string, string> };

/**
 * Sends a pending signer a new confirmation link, through the signing service's own resend
 * path (same mail, same per-address limit); the "resend" limit counts per organizer here.
 */
export async function resendSignatureConfirmation(access: CampaignAccess, id: number): Promise<ResendResult> {
  if (access.role === "viewer") notFound();
  const db = getDb();
  const row = await findSignatureForResend(db, access.campaign.id, id);
  if (!row) notFound();
  if (row.state !== "pending") return { kind: "invalid", id, errors: { resend: "notPending" }, values: {} };
  const result = await resendConfirmation(access.campaign.slug, row.locale, row.email, {
    // Keyed (and hashed like an IP) by the organizer's address: unique, and stable across databases.
    ip: `organizer:${access.organizer.email}`,
  });
  if (result.kind === "rate-limited") return { kind: "rate-limited", id };
  await insertAudit(db, {
    organizerId: access.organizer.id,
    campaignId: access.campaign.id,
    action: "signatures.resend",
    subjectType: "signature",
    subjectId: id,
    rowCount: 1,
  });
  return { kind: "resent", id };
}

export type SignaturesActionResult =
  { kind: "moderated"; action: ModerationAction; rowCount: number } | TitleResult | ResendResult;

/** The signatures page's POST: a moderation action on selected rows, a title correction or a resend. */
export async function signaturesAction(request: Request, slug: string): Promise<SignaturesActionResult> {
  assertSameOrigin(request);
  const access = await requireCampaignAccess(request, slug, MODERATE_ROLES);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "title" || intent === "resend") {
    const id = Number(form.get("id"));
    if (!Number.isSafeInteger(id) || id <= 0) notFound();
    return intent === "title"
      ? correctSignatureTitle(access, id, form.get("title"))
      : resendSignatureConfirmation(access, id);
  }
  const parsed = parseModerationForm(form);
  if (!parsed) throw new Response("Bad request", { status: 400 });
  return { kind: "moderated", ...(await moderateSignatures(request, slug, parsed.action, parsed.ids)) };
}
