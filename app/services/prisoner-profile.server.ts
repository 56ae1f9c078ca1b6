import { pickTranslation } from "~/domain/translation";
import { type Locale, LOCALES, type TranslationStatus } from "~/domain/vocab";
import { insertAudit } from "~/models/audit.server";
import { insertPrisoner } from "~/models/content.server";
import {
  deletePrisonerTranslation,
  linkPrisonerToCampaign,
  listEditableCampaigns,
  listEditablePrisoners,
  prisonerSlugTaken,
  updatePrisonerDetails,
  upsertPrisonerTranslation,
} from "~/models/prisoner-editing.server";
import { listPrisonerEvents, listPrisonerTranslations } from "~/models/prisoner.server";
import type { FieldErrors } from "~/schemas/fields";
import { type NewPrisonerInput, PRISONER_LIMITS, type PrisonerDetailsInput } from "~/schemas/prisoner-editing";
import { getDb } from "~/utils/db.server";
import type { SignedInOrganizer } from "./organizer-sessions.server";
import { MAX_PHOTO_BYTES } from "./photos.server";
import {
  findEditablePrisoner,
  findPrisonerCreator,
  type PrisonerAccess,
  type PrisonerCreator,
} from "./prisoner-access.server";
import { photoUrl } from "./public-cards.server";
import { clearPageCache } from "./public-pages.server";

/**
 * Prisoner profiles as organizers see them: the list, adding a prisoner, the editor page, and
 * saving status, dates and the texts per language. The timeline is prisoner-timeline.server.ts,
 * the photo photos.server.ts; who may do what is prisoner-access.server.ts.
 */

// ---------------------------------------------------------------------------------------
// List

/** The profiles this organizer may edit (all of them for platform admins), named in `uiLocale`. */
export async function loadPrisonerList(organizer: SignedInOrganizer, uiLocale: Locale) {
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
    prisoners: prisoners.map((p) => {
      const own = translations.filter((t) => t.prisoner_id === p.id);
      return {
        slug: p.slug,
        status: p.status,
        hasPhoto: Boolean(p.photo_path),
        name: pickTranslation(own, uiLocale)?.row.name ?? p.slug,
        locales: own.map((t) => t.locale),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------
// Create

/** The new-prisoner form, or null when the organizer may not add prisoners. */
export async function loadNewPrisonerForm(organizer: SignedInOrganizer) {
  const creator = await findPrisonerCreator(organizer);
  if (!creator) return null;
  return { isAdmin: organizer.isAdmin, campaigns: creator.campaigns, limits: PRISONER_LIMITS };
}

export type CreatePrisonerResult = { kind: "created"; slug: string } | { kind: "invalid"; errors: FieldErrors };

/**
 * Creates a prisoner from slug, status and a name in one language. Organizers who are not
 * platform admins link it to one of their campaigns at once (else they could not edit it).
 */
export async function createPrisoner(creator: PrisonerCreator, input: NewPrisonerInput): Promise<CreatePrisonerResult> {
  const { organizer } = creator;
  const campaignId = input.campaign;
  if (campaignId === null ? !organizer.isAdmin : !creator.campaigns.some((c) => c.id === campaignId)) {
    return { kind: "invalid", errors: { campaign: campaignId === null ? "required" : "invalid" } };
  }
  const db = getDb();
  if (await prisonerSlugTaken(db, input.slug)) return { kind: "invalid", errors: { slug: "slugTaken" } };
  const { slug, status, locale, name } = input;
  try {
    await db.transaction().execute(async (trx) => {
      const id = await insertPrisoner(trx, { slug, status, translations: [{ locale, status: "original", name }] });
      if (campaignId !== null) await linkPrisonerToCampaign(trx, campaignId, id);
      await insertAudit(trx, {
        organizerId: organizer.id,
        campaignId: null,
        action: "prisoner.created",
        subjectType: "prisoner",
        subjectId: id,
        details: { slug, status, locale, linkedCampaignId: campaignId },
      });
    });
  } catch (error) {
    // Two organizers choosing the same new slug at once: the unique index decides.
    if (await prisonerSlugTaken(db, slug)) return { kind: "invalid", errors: { slug: "slugTaken" } };
    throw error;
  }
  clearPageCache();
  return { kind: "created", slug };
}

// ---------------------------------------------------------------------------------------
// Editor

type LanguageTexts = {
  exists: boolean;
  name: string;
  summary: string;
  bio: string;
  facility: string;
  status: TranslationStatus;
};

/** Everything the editor page shows, or null when the organizer may not edit this prisoner. */
export async function loadPrisonerEditor(organizer: SignedInOrganizer, slug: string) {
  const prisoner = await findEditablePrisoner(organizer, slug);
  if (!prisoner) return null;
  const db = getDb();
  const [translations, events] = await Promise.all([
    listPrisonerTranslations(db, [prisoner.id]),
    listPrisonerEvents(db, prisoner.id),
  ]);
  const texts = Object.fromEntries(
    LOCALES.map((locale) => {
      const t = translations.find((x) => x.locale === locale);
      const texts: LanguageTexts = {
        exists: Boolean(t),
        name: t?.name ?? "",
        summary: t?.summary ?? "",
        bio: t?.bio ?? "",
        facility: t?.facility ?? "",
        status: t?.status ?? (translations.length ? "reviewed" : "original"),
      };
      return [locale, texts];
    }),
  ) as Record<Locale, LanguageTexts>;
  return {
    slug: prisoner.slug,
    status: prisoner.status,
    bornOn: prisoner.born_on ?? "",
    detainedOn: prisoner.detained_on ?? "",
    photoUrl: photoUrl(prisoner.photo_path),
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

export type SaveDetailsResult = { kind: "saved" };

/** Status, dates and the six languages' texts. A language left entirely empty is removed. */
export async function savePrisonerDetails(
  access: PrisonerAccess,
  input: PrisonerDetailsInput,
): Promise<SaveDetailsResult> {
  const prisonerId = access.prisoner.id;
  const keep = LOCALES.flatMap((locale) => {
    const texts = input.languages[locale];
    return texts ? [{ locale, texts }] : [];
  });
  const drop = LOCALES.filter((locale) => !input.languages[locale]);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await updatePrisonerDetails(trx, prisonerId, {
        status: input.status,
        bornOn: input.bornOn,
        detainedOn: input.detainedOn,
      });
      for (const { locale, texts } of keep) await upsertPrisonerTranslation(trx, prisonerId, locale, texts);
      const removedLocales: Locale[] = [];
      for (const locale of drop) {
        if (await deletePrisonerTranslation(trx, prisonerId, locale)) removedLocales.push(locale);
      }
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: null,
        action: "prisoner.saved",
        subjectType: "prisoner",
        subjectId: prisonerId,
        rowCount: keep.length + removedLocales.length,
        details: {
          slug: access.prisoner.slug,
          status: input.status,
          locales: keep.map((k) => k.locale),
          removedLocales,
        },
      });
    });
  clearPageCache();
  return { kind: "saved" };
}
