import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { z } from "zod";
import { pickTranslation } from "~/domain/translation";
import {
  isLocale,
  type Locale,
  LOCALES,
  PRISONER_STATUSES,
  type PrisonerStatus,
  TRANSLATION_STATUSES,
  type TranslationStatus,
} from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import { insertPrisoner } from "~/models/content.server";
import {
  deletePrisonerEvent,
  deletePrisonerTranslation,
  findPrisonerEvent,
  findPrisonerForEditing,
  insertPrisonerEvent,
  linkPrisonerToCampaign,
  listEditableCampaigns,
  listEditablePrisoners,
  lockPrisonerPhoto,
  organizerCanEditPrisoner,
  photoInUse,
  prisonerSlugTaken,
  replacePrisonerEventTexts,
  setPrisonerPhoto,
  updatePrisonerDetails,
  updatePrisonerEventDate,
  upsertPrisonerTranslation,
} from "~/models/prisoner-editing.server";
import { listPrisonerEvents, listPrisonerTranslations } from "~/models/prisoner.server";
import { getDb } from "~/utils/db.server";
import { type FieldErrors, formValues, readForm } from "~/http/forms.server";
import { requireOrganizer, } from "~/http/organizer-access.server";
import type { SignedInOrganizer } from "./organizer-sessions.server";
import {
  deletePhotoFile,
  isPhotoFileName,
  MAX_PHOTO_BYTES,
  normalizePhoto,
  NotAnImageError,
  readPhotoFile,
  writePhotoFile,
} from "./photos.server";
import { clearPageCache } from "./public-pages.server";

/**
 * Organizers editing prisoner profiles: details, the texts per language, the case timeline
 * and the photo. Platform admins edit every profile; owners and editors of a campaign edit
 * the prisoners it is about. Everyone else gets the same 404 as for an unknown prisoner.
 */

export const PRISONER_LIMITS = {
  slug: 80,
  name: 200,
  summary: 1000,
  bio: 20_000,
  facility: 300,
  eventText: 2000,
} as const;

/** Six biographies in Cyrillic, form-encoded. */
const EDIT_FORM_BYTES = 2 * 1024 * 1024;
/** Room for the multipart framing and the small fields beside the photo. */
const UPLOAD_OVERHEAD_BYTES = 64 * 1024;

/** Field → error code, translated under orgPrisoners `errors`. */
export type { FieldErrors };

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** Form text: NFC, Unix line ends, trimmed. */
function text(max: number) {
  return z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(max, "tooLong"));
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** YYYY-MM-DD of a real calendar day, not in the future unless allowed (a hearing to come). */
function parseDate(
  value: string | undefined,
  opts: { allowFuture?: boolean } = {},
): { ok: true; value: string | null } | { ok: false; error: string } {
  const v = (value ?? "").trim();
  if (!v) return { ok: true, value: null };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!match) return { ok: false, error: "date" };
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, error: "date" };
  }
  if (!opts.allowFuture && v > today()) return { ok: false, error: "future" };
  return { ok: true, value: v };
}

function isPrisonerStatus(value: unknown): value is PrisonerStatus {
  return typeof value === "string" && (PRISONER_STATUSES as readonly string[]).includes(value);
}

function isTranslationStatus(value: unknown): value is TranslationStatus {
  return typeof value === "string" && (TRANSLATION_STATUSES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------
// Access

/** Platform admins and owners/editors of at least one campaign may add prisoners. */
async function requireCreator(request: Request) {
  const organizer = await requireOrganizer(request);
  const campaigns = await listEditableCampaigns(getDb(), organizer.isAdmin ? null : organizer.id);
  if (!organizer.isAdmin && campaigns.length === 0) notFound();
  return { organizer, campaigns };
}

export type PrisonerAccess = Awaited<ReturnType<typeof requirePrisonerAccess>>;

/** The prisoner, when this organizer may edit it; a 404 for unknown and foreign prisoners alike. */
export async function requirePrisonerAccess(request: Request, slug: string) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const prisoner = await findPrisonerForEditing(db, slug);
  if (!prisoner) notFound();
  if (!organizer.isAdmin && !(await organizerCanEditPrisoner(db, organizer.id, prisoner.id))) notFound();
  return { organizer, prisoner };
}

// ---------------------------------------------------------------------------------------
// List

export async function loadPrisonerList(request: Request, uiLocale: Locale) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const scope = organizer.isAdmin ? null : organizer.id;
  const [prisoners, campaigns] = await Promise.all([
    listEditablePrisoners(db, scope),
    listEditableCampaigns(db, scope),
  ]);
  const translations = await listPrisonerTranslations(
    db,
    prisoners.map((p) => p.id),
  );
  return {
    canCreate: organizer.isAdmin || campaigns.length > 0,
    prisoners: prisoners.map((p) => ({
      slug: p.slug,
      status: p.status,
      hasPhoto: Boolean(p.photo_path),
      name:
        pickTranslation(
          translations.filter((t) => t.prisoner_id === p.id),
          uiLocale,
        )?.row.name ?? p.slug,
      locales: translations.filter((t) => t.prisoner_id === p.id).map((t) => t.locale),
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Create

export async function loadNewPrisonerForm(request: Request) {
  const { organizer, campaigns } = await requireCreator(request);
  return {
    isAdmin: organizer.isAdmin,
    campaigns: campaigns.map((c) => ({ id: c.id, slug: c.slug, title: c.title ?? c.slug })),
    limits: PRISONER_LIMITS,
  };
}

const slugSchema = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v) => (v ?? "").trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, "required")
      .max(PRISONER_LIMITS.slug, "tooLong")
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "slugFormat"),
  );

export type CreatePrisonerResult =
  { kind: "created"; slug: string } | { kind: "invalid"; errors: FieldErrors; values: Record<string, string> };

/**
 * Creates a prisoner from slug, status and a name in one language. Organizers who are not
 * platform admins link it to one of their campaigns at once (else they could not edit it).
 */
export async function createPrisoner(
  organizer: SignedInOrganizer,
  campaigns: readonly { id: number }[],
  raw: Record<string, string>,
): Promise<CreatePrisonerResult> {
  const errors: FieldErrors = {};
  const slug = slugSchema.safeParse(raw.slug);
  if (!slug.success) errors.slug = slug.error.issues[0]?.message ?? "invalid";
  if (!isPrisonerStatus(raw.status)) errors.status = "invalid";
  if (!isLocale(raw.locale)) errors.locale = "invalid";
  const name = text(PRISONER_LIMITS.name).safeParse(raw.name);
  if (!name.success) errors.name = name.error.issues[0]?.message ?? "invalid";
  else if (!name.data) errors.name = "required";
  let campaignId: number | null = null;
  if (raw.campaign) {
    campaignId = Number(raw.campaign);
    if (!campaigns.some((c) => c.id === campaignId)) errors.campaign = "invalid";
  } else if (!organizer.isAdmin) errors.campaign = "required";
  if (Object.keys(errors).length || !slug.success || !name.success) return { kind: "invalid", errors, values: raw };
  const db = getDb();
  if (await prisonerSlugTaken(db, slug.data)) return { kind: "invalid", errors: { slug: "slugTaken" }, values: raw };
  const locale = raw.locale as Locale;
  const status = raw.status as PrisonerStatus;
  try {
    await db.transaction().execute(async (trx) => {
      const id = await insertPrisoner(trx, {
        slug: slug.data,
        status,
        translations: [{ locale, status: "original", name: name.data }],
      });
      if (campaignId !== null) await linkPrisonerToCampaign(trx, campaignId, id);
      await insertAudit(trx, {
        organizerId: organizer.id,
        campaignId: null,
        action: "prisoner.created",
        subjectType: "prisoner",
        subjectId: id,
        details: { slug: slug.data, status, locale, linkedCampaignId: campaignId },
      });
    });
  } catch (error) {
    // Two organizers choosing the same new slug at once: the unique index decides.
    if (await prisonerSlugTaken(db, slug.data)) return { kind: "invalid", errors: { slug: "slugTaken" }, values: raw };
    throw error;
  }
  clearPageCache();
  return { kind: "created", slug: slug.data };
}

/** The new-prisoner form's POST (the route has checked the origin). */
export async function createPrisonerFromRequest(request: Request): Promise<CreatePrisonerResult> {
  const { organizer, campaigns } = await requireCreator(request);
  return createPrisoner(organizer, campaigns, formValues(await readForm(request)));
}

// ---------------------------------------------------------------------------------------
// Editor

export async function loadPrisonerEditor(request: Request, slug: string) {
  const { prisoner } = await requirePrisonerAccess(request, slug);
  const db = getDb();
  const [translations, events] = await Promise.all([
    listPrisonerTranslations(db, [prisoner.id]),
    listPrisonerEvents(db, prisoner.id),
  ]);
  const texts = Object.fromEntries(
    LOCALES.map((locale) => {
      const row = translations.find((t) => t.locale === locale);
      return [
        locale,
        {
          exists: Boolean(row),
          name: row?.name ?? "",
          summary: row?.summary ?? "",
          bio: row?.bio ?? "",
          facility: row?.facility ?? "",
          status: row?.status ?? (translations.length ? "reviewed" : "original"),
        },
      ];
    }),
  ) as Record<
    Locale,
    { exists: boolean; name: string; summary: string; bio: string; facility: string; status: TranslationStatus }
  >;
  return {
    slug: prisoner.slug,
    status: prisoner.status,
    bornOn: prisoner.born_on ?? "",
    detainedOn: prisoner.detained_on ?? "",
    photoUrl: prisoner.photo_path ? `/media/prisoners/${encodeURIComponent(prisoner.photo_path)}` : null,
    texts,
    events: events.map((e) => ({
      id: e.id,
      occurredOn: e.occurred_on,
      texts: Object.fromEntries(e.texts.map((t) => [t.locale, t.text])) as Partial<Record<Locale, string>>,
    })),
    limits: PRISONER_LIMITS,
    maxPhotoMegabytes: MAX_PHOTO_BYTES / (1024 * 1024),
  };
}

export type EditorIntent = "details" | "event_add" | "event_save" | "event_delete" | "photo" | "photo_remove";

export type EditorResult =
  | { kind: "saved"; intent: EditorIntent }
  | {
      kind: "invalid";
      intent: EditorIntent;
      status: 400 | 413;
      eventId?: number;
      errors: FieldErrors;
      values: Record<string, string>;
    };

function invalid(
  intent: EditorIntent,
  errors: FieldErrors,
  values: Record<string, string>,
  extra: { status?: 400 | 413; eventId?: number } = {},
): EditorResult {
  return { kind: "invalid", intent, status: extra.status ?? 400, eventId: extra.eventId, errors, values };
}

/** Status, dates and the six languages' texts. A language left entirely empty is removed. */
export async function savePrisonerDetails(access: PrisonerAccess, raw: Record<string, string>): Promise<EditorResult> {
  const errors: FieldErrors = {};
  if (!isPrisonerStatus(raw.status)) errors.status = "invalid";
  const bornOn = parseDate(raw.bornOn);
  if (!bornOn.ok) errors.bornOn = bornOn.error;
  const detainedOn = parseDate(raw.detainedOn);
  if (!detainedOn.ok) errors.detainedOn = detainedOn.error;
  const keep: {
    locale: Locale;
    input: { status: TranslationStatus; name: string; summary: string; bio: string; facility: string | null };
  }[] = [];
  const drop: Locale[] = [];
  for (const locale of LOCALES) {
    const fields = {
      name: text(PRISONER_LIMITS.name).safeParse(raw[`name.${locale}`]),
      summary: text(PRISONER_LIMITS.summary).safeParse(raw[`summary.${locale}`]),
      bio: text(PRISONER_LIMITS.bio).safeParse(raw[`bio.${locale}`]),
      facility: text(PRISONER_LIMITS.facility).safeParse(raw[`facility.${locale}`]),
    };
    let ok = true;
    for (const [key, result] of Object.entries(fields)) {
      if (!result.success) {
        errors[`${key}.${locale}`] = result.error.issues[0]?.message ?? "invalid";
        ok = false;
      }
    }
    const status = raw[`status.${locale}`];
    if (!ok || !fields.name.success || !fields.summary.success || !fields.bio.success || !fields.facility.success) {
      continue;
    }
    const { data: name } = fields.name;
    const empty = !name && !fields.summary.data && !fields.bio.data && !fields.facility.data;
    if (empty) {
      drop.push(locale);
      continue;
    }
    if (!name) {
      errors[`name.${locale}`] = "required";
      continue;
    }
    if (!isTranslationStatus(status)) {
      errors[`status.${locale}`] = "invalid";
      continue;
    }
    keep.push({
      locale,
      input: {
        status,
        name,
        summary: fields.summary.data,
        bio: fields.bio.data,
        facility: fields.facility.data || null,
      },
    });
  }
  if (!keep.length && !Object.keys(errors).some((k) => k.startsWith("name."))) errors.names = "oneName";
  if (Object.keys(errors).length || !bornOn.ok || !detainedOn.ok || !isPrisonerStatus(raw.status)) {
    return invalid("details", errors, raw);
  }
  const prisonerId = access.prisoner.id;
  const status = raw.status;
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await updatePrisonerDetails(trx, prisonerId, { status, bornOn: bornOn.value, detainedOn: detainedOn.value });
      for (const { locale, input } of keep) await upsertPrisonerTranslation(trx, prisonerId, locale, input);
      let removed = 0;
      const removedLocales: Locale[] = [];
      for (const locale of drop) {
        const n = await deletePrisonerTranslation(trx, prisonerId, locale);
        removed += n;
        if (n) removedLocales.push(locale);
      }
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: null,
        action: "prisoner.saved",
        subjectType: "prisoner",
        subjectId: prisonerId,
        rowCount: keep.length + removed,
        details: {
          slug: access.prisoner.slug,
          status,
          locales: keep.map((k) => k.locale),
          removedLocales,
        },
      });
    });
  clearPageCache();
  return { kind: "saved", intent: "details" };
}

/** The texts of an event from `text.<lng>` fields: at least one language. */
function eventInput(raw: Record<string, string>, errors: FieldErrors) {
  const date = parseDate(raw.occurredOn, { allowFuture: true });
  if (!date.ok) errors.occurredOn = date.error;
  else if (!date.value) errors.occurredOn = "required";
  const texts: { locale: Locale; text: string }[] = [];
  for (const locale of LOCALES) {
    const parsed = text(PRISONER_LIMITS.eventText).safeParse(raw[`text.${locale}`]);
    if (!parsed.success) errors[`text.${locale}`] = parsed.error.issues[0]?.message ?? "invalid";
    else if (parsed.data) texts.push({ locale, text: parsed.data });
  }
  if (!texts.length && !Object.keys(errors).some((k) => k.startsWith("text."))) errors.text = "eventText";
  return { occurredOn: date.ok ? date.value : null, texts };
}

/** A positive integer id from a form, or a 404 (unknown ids are not a form error). */
function eventIdOf(raw: Record<string, string>): number {
  const id = Number(raw.eventId);
  if (!/^\d{1,10}$/.test(raw.eventId ?? "") || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function addPrisonerEvent(access: PrisonerAccess, raw: Record<string, string>): Promise<EditorResult> {
  const errors: FieldErrors = {};
  const input = eventInput(raw, errors);
  if (Object.keys(errors).length || !input.occurredOn) return invalid("event_add", errors, raw);
  const occurredOn = input.occurredOn;
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const eventId = await insertPrisonerEvent(trx, access.prisoner.id, occurredOn);
      await replacePrisonerEventTexts(trx, eventId, input.texts);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: null,
        action: "prisoner.event_added",
        subjectType: "prisoner_event",
        subjectId: eventId,
        details: { prisoner: access.prisoner.slug, occurredOn, locales: input.texts.map((t) => t.locale) },
      });
    });
  clearPageCache();
  return { kind: "saved", intent: "event_add" };
}

export async function savePrisonerEvent(access: PrisonerAccess, raw: Record<string, string>): Promise<EditorResult> {
  const eventId = eventIdOf(raw);
  const db = getDb();
  if (!(await findPrisonerEvent(db, access.prisoner.id, eventId))) notFound();
  const errors: FieldErrors = {};
  const input = eventInput(raw, errors);
  if (Object.keys(errors).length || !input.occurredOn) return invalid("event_save", errors, raw, { eventId });
  const occurredOn = input.occurredOn;
  const found = await db.transaction().execute(async (trx) => {
    if (!(await findPrisonerEvent(trx, access.prisoner.id, eventId))) return false;
    await updatePrisonerEventDate(trx, eventId, occurredOn);
    await replacePrisonerEventTexts(trx, eventId, input.texts);
    await insertAudit(trx, {
      organizerId: access.organizer.id,
      campaignId: null,
      action: "prisoner.event_changed",
      subjectType: "prisoner_event",
      subjectId: eventId,
      details: { prisoner: access.prisoner.slug, occurredOn, locales: input.texts.map((t) => t.locale) },
    });
    return true;
  });
  if (!found) notFound();
  clearPageCache();
  return { kind: "saved", intent: "event_save" };
}

export async function deletePrisonerEventById(
  access: PrisonerAccess,
  raw: Record<string, string>,
): Promise<EditorResult> {
  const eventId = eventIdOf(raw);
  const deleted = await getDb()
    .transaction()
    .execute(async (trx) => {
      const event = await findPrisonerEvent(trx, access.prisoner.id, eventId);
      if (!event) return false;
      await deletePrisonerEvent(trx, access.prisoner.id, eventId);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: null,
        action: "prisoner.event_deleted",
        subjectType: "prisoner_event",
        subjectId: eventId,
        details: { prisoner: access.prisoner.slug, occurredOn: event.occurred_on },
      });
      return true;
    });
  if (!deleted) notFound();
  clearPageCache();
  return { kind: "saved", intent: "event_delete" };
}

/**
 * Stores an uploaded photo (see photos.server.ts) and makes it the prisoner's, removing the
 * file it replaces once the change is committed. `upload` null removes the photo.
 */
export async function changePrisonerPhoto(access: PrisonerAccess, upload: Uint8Array | null): Promise<EditorResult> {
  const intent: EditorIntent = upload ? "photo" : "photo_remove";
  let stored: { name: string; width: number; height: number; bytes: number } | null = null;
  if (upload) {
    if (upload.byteLength === 0) return invalid(intent, { photo: "photoMissing" }, {});
    if (upload.byteLength > MAX_PHOTO_BYTES) return invalid(intent, { photo: "photoTooLarge" }, {}, { status: 413 });
    try {
      const photo = await normalizePhoto(upload);
      stored = {
        name: await writePhotoFile(access.prisoner.id, photo.data),
        width: photo.width,
        height: photo.height,
        bytes: photo.data.byteLength,
      };
    } catch (error) {
      if (error instanceof NotAnImageError) return invalid(intent, { photo: "photoNotImage" }, {});
      throw error;
    }
  }
  const next = stored?.name ?? null;
  let previous: string | null = null;
  try {
    previous = await getDb()
      .transaction()
      .execute(async (trx) => {
        const current = await lockPrisonerPhoto(trx, access.prisoner.id);
        if (current === undefined) notFound();
        await setPrisonerPhoto(trx, access.prisoner.id, next);
        await insertAudit(trx, {
          organizerId: access.organizer.id,
          campaignId: null,
          action: "prisoner.photo_changed",
          subjectType: "prisoner",
          subjectId: access.prisoner.id,
          details: stored
            ? {
                slug: access.prisoner.slug,
                file: stored.name,
                width: stored.width,
                height: stored.height,
                bytes: stored.bytes,
              }
            : { slug: access.prisoner.slug, removed: true },
        });
        return current;
      });
  } catch (error) {
    // Nothing points at the new file: do not leave it behind (unless it was already the photo).
    if (next && next !== access.prisoner.photo_path) await deletePhotoFile(next);
    throw error;
  }
  if (previous && previous !== next) await deletePhotoFile(previous);
  clearPageCache();
  return { kind: "saved", intent };
}

/** Reads a multipart upload of at most MAX_PHOTO_BYTES (and little else) from the request. */
async function readPhotoUpload(
  request: Request,
): Promise<{ kind: "ok"; intent: string; photo: Uint8Array | null } | { kind: "tooLarge" } | { kind: "malformed" }> {
  const limit = MAX_PHOTO_BYTES + UPLOAD_OVERHEAD_BYTES;
  if (Number(request.headers.get("Content-Length") ?? "0") > limit) return { kind: "tooLarge" };
  if (!request.body) return { kind: "malformed" };
  let seen = 0;
  let overflow = false;
  const capped = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          overflow = true;
          controller.error(new Error("upload too large"));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  const limited = new Request(request.url, {
    method: "POST",
    headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    body: capped,
    duplex: "half",
  } as RequestInit);
  try {
    const form = await unstable_parseMultipartFormData(
      limited,
      unstable_createMemoryUploadHandler({
        maxPartSize: MAX_PHOTO_BYTES,
        filter: ({ name }) => name === "photo" || name === "intent",
      }),
    );
    const photo = form.get("photo");
    const intent = form.get("intent");
    return {
      kind: "ok",
      intent: typeof intent === "string" ? intent : "",
      photo: photo instanceof Blob && photo.size > 0 ? new Uint8Array(await photo.arrayBuffer()) : null,
    };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || overflow) return { kind: "tooLarge" };
    return { kind: "malformed" };
  }
}

/**
 * Every POST of the editor page (the route has checked the origin): the photo form comes as
 * multipart/form-data, the others as ordinary forms naming their `intent`.
 */
export async function handlePrisonerEditorPost(request: Request, slug: string): Promise<EditorResult> {
  const access = await requirePrisonerAccess(request, slug);
  const type = request.headers.get("Content-Type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const upload = await readPhotoUpload(request);
    if (upload.kind === "tooLarge") return invalid("photo", { photo: "photoTooLarge" }, {}, { status: 413 });
    if (upload.kind === "malformed") return invalid("photo", { photo: "photoMissing" }, {});
    if (upload.intent !== "photo") throw new Response("Bad request", { status: 400 });
    if (!upload.photo) return invalid("photo", { photo: "photoMissing" }, {});
    return changePrisonerPhoto(access, upload.photo);
  }
  const raw = formValues(await readForm(request, EDIT_FORM_BYTES));
  switch (raw.intent) {
    case "details":
      return savePrisonerDetails(access, raw);
    case "event_add":
      return addPrisonerEvent(access, raw);
    case "event_save":
      return savePrisonerEvent(access, raw);
    case "event_delete":
      return deletePrisonerEventById(access, raw);
    case "photo_remove":
      return changePrisonerPhoto(access, null);
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

// ---------------------------------------------------------------------------------------
// Serving photos

/**
 * A prisoner's current photo for `/media/prisoners/:file`. Names are checked against a strict
 * pattern before anything touches the disk, and only a file some prisoner uses is served.
 */
export async function servePrisonerPhoto(file: string | undefined): Promise<Response> {
  if (!file || !isPhotoFileName(file) || !(await photoInUse(getDb(), file))) notFound();
  const data = await readPhotoFile(file);
  if (!data) notFound();
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(data.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
