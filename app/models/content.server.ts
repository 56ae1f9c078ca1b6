import type { CampaignKind, CampaignStatus, Locale, PrisonerStatus, TranslationStatus } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

/** Writes used by the demo seed and test factories now, and by the organizer editor later. */

export interface PrisonerInput {
  slug: string;
  status: PrisonerStatus;
  bornOn?: string | null;
  detainedOn?: string | null;
  photoPath?: string | null;
  mailingAddress?: string | null;
  translations: {
    locale: Locale;
    status: TranslationStatus;
    name: string;
    summary?: string;
    bio?: string;
    facility?: string | null;
  }[];
  events?: { on: string; texts: { locale: Locale; text: string }[] }[];
}

export async function insertPrisoner(db: Executor, input: PrisonerInput): Promise<number> {
  const { id } = await db
    .insertInto("prisoners")
    .values({
      slug: input.slug,
      status: input.status,
      born_on: input.bornOn ?? null,
      detained_on: input.detainedOn ?? null,
      photo_path: input.photoPath ?? null,
      mailing_address: input.mailingAddress ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.translations.length) {
    await db
      .insertInto("prisoner_translations")
      .values(
        input.translations.map((t) => ({
          prisoner_id: id,
          locale: t.locale,
          status: t.status,
          name: t.name,
          summary: t.summary ?? "",
          bio: t.bio ?? "",
          facility: t.facility ?? null,
        })),
      )
      .execute();
  }
  for (const event of input.events ?? []) {
    const row = await db
      .insertInto("prisoner_events")
      .values({ prisoner_id: id, occurred_on: event.on })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (event.texts.length) {
      await db
        .insertInto("prisoner_event_translations")
        .values(event.texts.map((t) => ({ event_id: row.id, locale: t.locale, text: t.text })))
        .execute();
    }
  }
  return id;
}

export interface CampaignInput {
  slug: string;
  kind: CampaignKind;
  status: CampaignStatus;
  canonicalLocale: Locale;
  goal?: number | null;
  openedAt?: string | Date | null;
  prisonerIds?: number[];
  translations: {
    locale: Locale;
    status: TranslationStatus;
    title: string;
    summary?: string;
    body: string;
    target?: string;
  }[];
  groups?: { key: string; labels: { locale: Locale; label: string }[] }[];
}

export interface CreatedCampaign {
  id: number;
  groupIds: Record<string, number>;
}

export async function insertCampaign(db: Executor, input: CampaignInput): Promise<CreatedCampaign> {
  const { id } = await db
    .insertInto("campaigns")
    .values({
      slug: input.slug,
      kind: input.kind,
      status: input.status,
      canonical_locale: input.canonicalLocale,
      goal: input.goal ?? null,
      opened_at: input.openedAt ?? (input.status === "draft" ? null : new Date()),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.translations.length) {
    await db
      .insertInto("campaign_translations")
      .values(
        input.translations.map((t) => ({
          campaign_id: id,
          locale: t.locale,
          status: t.status,
          title: t.title,
          summary: t.summary ?? "",
          body: t.body,
          target: t.target ?? "",
          version: 1,
        })),
      )
      .execute();
    await db
      .insertInto("campaign_text_versions")
      .values(
        input.translations.map((t) => ({
          campaign_id: id,
          locale: t.locale,
          version: 1,
          title: t.title,
          body: t.body,
        })),
      )
      .execute();
  }
  const prisonerIds = input.prisonerIds ?? [];
  if (prisonerIds.length) {
    await db
      .insertInto("campaign_prisoners")
      .values(prisonerIds.map((prisonerId, position) => ({ campaign_id: id, prisoner_id: prisonerId, position })))
      .execute();
  }
  const groupIds: Record<string, number> = {};
  for (const [position, group] of (input.groups ?? []).entries()) {
    const row = await db
      .insertInto("signer_groups")
      .values({ campaign_id: id, key: group.key, position })
      .returning("id")
      .executeTakeFirstOrThrow();
    groupIds[group.key] = row.id;
    if (group.labels.length) {
      await db
        .insertInto("signer_group_translations")
        .values(group.labels.map((l) => ({ group_id: row.id, locale: l.locale, label: l.label })))
        .execute();
    }
  }
  return { id, groupIds };
}

export async function countCampaigns(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("campaigns")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A campaign by slug whatever its status, drafts included (the organizer preview). */
export async function findCampaignBySlugAnyStatus(db: Executor, slug: string) {
  return db
    .selectFrom("campaigns")
    .select(["id", "slug", "kind", "status", "canonical_locale", "goal", "opened_at", "delivered_on", "delivered_to"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}
