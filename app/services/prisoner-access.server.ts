import {
  findPrisonerForEditing,
  listEditableCampaigns,
  organizerCanEditPrisoner,
} from "~/models/prisoner-editing.server";
import { getDb } from "~/utils/db.server";
import type { SignedInOrganizer } from "./organizer-sessions.server";

/**
 * Who may edit prisoner profiles. Platform admins edit every profile; owners and editors (the
 * "edit" ability of app/domain/permissions.ts) of a campaign edit the prisoners it is about,
 * and may add prisoners. Everyone else gets the same null as for an unknown prisoner, so
 * nobody learns which profiles exist.
 *
 * The editor's operations take a PrisonerAccess, as campaign operations take a CampaignAccess:
 * the route asks for it before it reads the form, so a refused organizer gets the 404 before
 * any 400 about the form.
 */

/** Who is acting on which prisoner profile. */
export interface PrisonerAccess {
  organizer: SignedInOrganizer;
  prisoner: { id: number; slug: string; photoPath: string | null };
}

/** An organizer who may add prisoners, with the campaigns a new prisoner may be linked to. */
export interface PrisonerCreator {
  organizer: SignedInOrganizer;
  campaigns: { id: number; slug: string; title: string }[];
}

/** The prisoner's row, when this organizer may edit it; null for unknown and foreign prisoners alike. */
export async function findEditablePrisoner(organizer: SignedInOrganizer, slug: string) {
  const db = getDb();
  const prisoner = await findPrisonerForEditing(db, slug);
  if (!prisoner) return null;
  if (!organizer.isAdmin && !(await organizerCanEditPrisoner(db, organizer.id, prisoner.id))) return null;
  return prisoner;
}

/** Who acts on which prisoner, when this organizer may edit it; null for unknown and foreign prisoners alike. */
export async function findPrisonerAccess(organizer: SignedInOrganizer, slug: string): Promise<PrisonerAccess | null> {
  const prisoner = await findEditablePrisoner(organizer, slug);
  if (!prisoner) return null;
  return { organizer, prisoner: { id: prisoner.id, slug: prisoner.slug, photoPath: prisoner.photo_path } };
}

/** Platform admins and owners/editors of at least one campaign may add prisoners; null for the others. */
export async function findPrisonerCreator(organizer: SignedInOrganizer): Promise<PrisonerCreator | null> {
  const campaigns = await listEditableCampaigns(getDb(), organizer.isAdmin ? null : organizer.id);
  if (!organizer.isAdmin && campaigns.length === 0) return null;
  return { organizer, campaigns: campaigns.map((c) => ({ id: c.id, slug: c.slug, title: c.title ?? c.slug })) };
}
