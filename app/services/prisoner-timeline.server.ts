import { insertAudit } from "~/models/audit.server";
import {
  deletePrisonerEvent as deleteEventRow,
  findPrisonerEvent,
  insertPrisonerEvent,
  replacePrisonerEventTexts,
  updatePrisonerEventDate,
} from "~/models/prisoner-editing.server";
import type { PrisonerEventInput } from "~/schemas/prisoner-editing";
import { getDb } from "~/utils/db.server";
import type { PrisonerAccess } from "./prisoner-access.server";
import { clearPageCache } from "./public-pages.server";

/**
 * A prisoner's case timeline: events with a date and a text per language. An event of another
 * prisoner, or one that is gone, is "not-found" (the route answers 404, as for any unknown id).
 */

export type TimelineResult = { kind: "saved" } | { kind: "not-found" };

export async function addPrisonerEvent(access: PrisonerAccess, input: PrisonerEventInput): Promise<TimelineResult> {
  const { occurredOn, texts } = input;
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const eventId = await insertPrisonerEvent(trx, access.prisoner.id, occurredOn);
      await replacePrisonerEventTexts(trx, eventId, texts);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: null,
        action: "prisoner.event_added",
        subjectType: "prisoner_event",
        subjectId: eventId,
        details: { prisoner: access.prisoner.slug, occurredOn, locales: texts.map((t) => t.locale) },
      });
    });
  clearPageCache();
  return { kind: "saved" };
}

export async function savePrisonerEvent(
  access: PrisonerAccess,
  eventId: number,
  input: PrisonerEventInput,
): Promise<TimelineResult> {
  const { occurredOn, texts } = input;
  const found = await getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await findPrisonerEvent(trx, access.prisoner.id, eventId))) return false;
      await updatePrisonerEventDate(trx, eventId, occurredOn);
      await replacePrisonerEventTexts(trx, eventId, texts);
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: null,
        action: "prisoner.event_changed",
        subjectType: "prisoner_event",
        subjectId: eventId,
        details: { prisoner: access.prisoner.slug, occurredOn, locales: texts.map((t) => t.locale) },
      });
      return true;
    });
  if (!found) return { kind: "not-found" };
  clearPageCache();
  return { kind: "saved" };
}

export async function deletePrisonerEvent(access: PrisonerAccess, eventId: number): Promise<TimelineResult> {
  const deleted = await getDb()
    .transaction()
    .execute(async (trx) => {
      const event = await findPrisonerEvent(trx, access.prisoner.id, eventId);
      if (!event) return false;
      await deleteEventRow(trx, access.prisoner.id, eventId);
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
  if (!deleted) return { kind: "not-found" };
  clearPageCache();
  return { kind: "saved" };
}
