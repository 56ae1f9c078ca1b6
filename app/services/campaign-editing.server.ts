import { z } from "zod";
import { isLocale, LOCALES, type Locale, type MemberRole, TRANSLATION_STATUSES } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import { insertCampaignUpdate } from "~/models/campaign-update.server";
import {
  findCampaignText,
  insertCampaignText,
  insertCampaignTextVersion,
  listCampaignTextLocales,
  maxCampaignTextVersion,
  updateCampaignText,
} from "~/models/campaign-editing.server";
import { getDb } from "~/utils/db.server";
import { type FieldErrors, fieldErrorsOf, formValues, readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { clearPageCache } from "./public-pages.server";
import { publishUpdate } from "./updates.server";

/**
 * Organizers editing a campaign: the letter's text per language (every change to the title
 * or body is a new version; signatures keep the version they signed) and campaign news.
 */

export const EDIT_ROLES = ["owner", "editor"] as const satisfies readonly MemberRole[];

export type CampaignAccess = Awaited<ReturnType<typeof requireCampaignAccess>>;

/** Only owners, editors and platform admins edit; everyone else gets the same 404 as a stranger. */
export function assertCanEdit(access: Pick<CampaignAccess, "role">): void {
  if (access.role !== "admin" && !(EDIT_ROLES as readonly string[]).includes(access.role)) {
    throw new Response("Not found", { status: 404 });
  }
}

import { NEWS_LIMITS, TEXT_LIMITS } from "~/schemas/campaign-editing";

export { NEWS_LIMITS, TEXT_LIMITS };
/** Long letters in Cyrillic take several bytes a character, twice over once form-encoded. */
const EDIT_FORM_BYTES = 1024 * 1024;

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

export const campaignTextSchema = z.object({
  title: field(TEXT_LIMITS.title, true),
  summary: field(TEXT_LIMITS.summary, false),
  body: field(TEXT_LIMITS.body, true),
  target: field(TEXT_LIMITS.target, false),
  status: z.enum(TRANSLATION_STATUSES, { errorMap: () => ({ message: "invalid" }) }),
});

export type CampaignTextValues = z.infer<typeof campaignTextSchema>;
export type TextField = keyof CampaignTextValues;
/** Field → error code ("required", "tooLong", "invalid"), translated under organizer `errors`. */
export type { FieldErrors };

export function parseCampaignText(
  raw: Record<string, unknown>,
): { ok: true; data: CampaignTextValues } | { ok: false; errors: FieldErrors } {
  const parsed = campaignTextSchema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

function languageParam(value: string | undefined): Locale {
  if (!isLocale(value)) throw new Response("Not found", { status: 404 });
  return value;
}

/** The editor for one language's text (an empty form when the language has none yet). */
export async function loadTextEditor(request: Request, slug: string, localeParam: string | undefined) {
  const access = await requireCampaignAccess(request, slug, EDIT_ROLES);
  assertCanEdit(access);
  const locale = languageParam(localeParam);
  const db = getDb();
  const [text, locales] = await Promise.all([
    findCampaignText(db, access.campaign.id, locale),
    listCampaignTextLocales(db, access.campaign.id),
  ]);
  return {
    slug: access.campaign.slug,
    locale,
    canonicalLocale: access.campaign.canonicalLocale,
    exists: Boolean(text),
    version: text?.version ?? null,
    locales,
    values: {
      title: text?.title ?? "",
      summary: text?.summary ?? "",
      body: text?.body ?? "",
      target: text?.target ?? "",
      status: text?.status ?? (locale === access.campaign.canonicalLocale ? "original" : "reviewed"),
    },
  };
}

export type SaveTextResult =
  | { kind: "saved"; version: number; newVersion: boolean }
  | { kind: "invalid"; errors: FieldErrors; values: Record<string, string> };

/**
 * Saves one language's text. A new title or body bumps the version and keeps the new words
 * in campaign_text_versions; summary, target or status alone do not. Audited as text.update.
 */
export async function saveCampaignText(
  access: CampaignAccess,
  locale: Locale,
  raw: Record<string, string>,
): Promise<SaveTextResult> {
  assertCanEdit(access);
  const parsed = parseCampaignText(raw);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, values: raw };
  const input = parsed.data;
  const campaignId = access.campaign.id;
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const current = await findCampaignText(trx, campaignId, locale, { forUpdate: true });
      const textChanged = !current || current.title !== input.title || current.body !== input.body;
      let version = current?.version ?? 0;
      if (textChanged) {
        version = Math.max(version, await maxCampaignTextVersion(trx, campaignId, locale)) + 1;
        await insertCampaignTextVersion(trx, { campaignId, locale, version, title: input.title, body: input.body });
      }
      if (current) await updateCampaignText(trx, campaignId, locale, input, version);
      else await insertCampaignText(trx, campaignId, locale, input, version);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId,
        action: "text.update",
        subjectType: "campaign_text",
        subjectId: locale,
        details: { locale, version, newVersion: textChanged, created: !current },
      });
      return { kind: "saved" as const, version, newVersion: textChanged };
    });
  clearPageCache();
  return result;
}

/** The text editor's POST (the route has checked the origin). */
export async function saveCampaignTextFromRequest(
  request: Request,
  slug: string,
  localeParam: string | undefined,
): Promise<SaveTextResult> {
  const access = await requireCampaignAccess(request, slug, EDIT_ROLES);
  assertCanEdit(access);
  const locale = languageParam(localeParam);
  return saveCampaignText(access, locale, formValues(await readForm(request, EDIT_FORM_BYTES)));
}

// ---------------------------------------------------------------------------------------
// News

export async function loadNewsEditor(request: Request, slug: string) {
  const access = await requireCampaignAccess(request, slug, EDIT_ROLES);
  assertCanEdit(access);
  const canonical = access.campaign.canonicalLocale;
  return {
    slug: access.campaign.slug,
    canonicalLocale: canonical,
    locales: [canonical, ...LOCALES.filter((l) => l !== canonical)],
  };
}

export type PublishNewsResult =
  { kind: "published"; updateId: number } | { kind: "invalid"; errors: FieldErrors; values: Record<string, string> };

/**
 * Writes campaign news from `title.<lng>` / `body.<lng>` fields (the campaign's original
 * language required, others optional but complete), publishes it and starts mailing the
 * signers who asked for updates. Audited as update.publish.
 */
export async function publishCampaignNews(
  access: CampaignAccess,
  raw: Record<string, string>,
): Promise<PublishNewsResult> {
  assertCanEdit(access);
  const canonical = access.campaign.canonicalLocale;
  const errors: FieldErrors = {};
  const translations: { locale: Locale; title: string; body: string }[] = [];
  for (const locale of LOCALES) {
    const required = locale === canonical;
    const title = field(NEWS_LIMITS.title, false).safeParse(raw[`title.${locale}`]);
    const body = field(NEWS_LIMITS.body, false).safeParse(raw[`body.${locale}`]);
    if (!title.success) errors[`title.${locale}`] = title.error.issues[0]?.message ?? "invalid";
    if (!body.success) errors[`body.${locale}`] = body.error.issues[0]?.message ?? "invalid";
    if (!title.success || !body.success) continue;
    if (!title.data && !body.data) {
      if (required) {
        errors[`title.${locale}`] = "required";
        errors[`body.${locale}`] = "required";
      }
      continue;
    }
    if (!title.data) errors[`title.${locale}`] = "required";
    if (!body.data) errors[`body.${locale}`] = "required";
    if (title.data && body.data) translations.push({ locale, title: title.data, body: body.data });
  }
  if (Object.keys(errors).length) return { kind: "invalid", errors, values: raw };
  const updateId = await getDb()
    .transaction()
    .execute(async (trx) => {
      const id = await insertCampaignUpdate(trx, { campaignId: access.campaign.id, translations });
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: access.campaign.id,
        action: "update.publish",
        subjectType: "campaign_update",
        subjectId: id,
        details: { locales: translations.map((t) => t.locale) },
      });
      return id;
    });
  await publishUpdate(updateId);
  clearPageCache();
  return { kind: "published", updateId };
}

/** The news editor's POST (the route has checked the origin). */
export async function publishCampaignNewsFromRequest(request: Request, slug: string): Promise<PublishNewsResult> {
  const access = await requireCampaignAccess(request, slug, EDIT_ROLES);
  assertCanEdit(access);
  return publishCampaignNews(access, formValues(await readForm(request, EDIT_FORM_BYTES)));
}
