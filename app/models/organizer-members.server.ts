import { sql } from "kysely";
import type { Locale, MemberRole } from "~/domain/vocab";
import type { Executor } from "~/utils/db.server";

/**
 * Campaign members and the organizer accounts behind them (the members page and the
 * platform admins' list of organizers).
 */

/** A campaign's members, owners first, then by address; `forUpdate` locks the rows (last-owner checks). */
export async function listCampaignMembers(db: Executor, campaignId: number, opts: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom("campaign_members as m")
    .innerJoin("organizers as o", "o.id", "m.organizer_id")
    .select(["m.organizer_id", "m.role", "m.created_at", "o.email", "o.locale", "o.last_login_at", "o.disabled_at"])
    .where("m.campaign_id", "=", campaignId)
    .orderBy(sql`case m.role when 'owner' then 0 when 'editor' then 1 when 'moderator' then 2 else 3 end`)
    .orderBy("o.email");
  if (opts.forUpdate) query = query.forUpdate(["m"]);
  return query.execute();
}

export async function setMemberRole(
  db: Executor,
  campaignId: number,
  organizerId: number,
  role: MemberRole,
): Promise<number> {
  const result = await db
    .updateTable("campaign_members")
    .set({ role })
    .where("campaign_id", "=", campaignId)
    .where("organizer_id", "=", organizerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteMember(db: Executor, campaignId: number, organizerId: number): Promise<number> {
  const result = await db
    .deleteFrom("campaign_members")
    .where("campaign_id", "=", campaignId)
    .where("organizer_id", "=", organizerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The campaign's title in `locale`, else in its original language. */
export async function findCampaignTitle(db: Executor, campaignId: number, locale: Locale): Promise<string | null> {
  const rows = await db
    .selectFrom("campaign_translations as t")
    .innerJoin("campaigns as c", "c.id", "t.campaign_id")
    .select(["t.locale", "t.title", "c.canonical_locale"])
    .where("t.campaign_id", "=", campaignId)
    .execute();
  const exact = rows.find((r) => r.locale === locale);
  const original = rows.find((r) => r.locale === r.canonical_locale);
  return (exact ?? original ?? rows[0])?.title ?? null;
}

/**
 * The organizer with this address, created (with `locale` and `isAdmin`) when there is none.
 * A concurrent invitation of the same address finds the row the other one wrote.
 */
export async function findOrCreateOrganizer(
  db: Executor,
  input: { email: string; locale: Locale; isAdmin: boolean },
): Promise<{ id: number; email: string; locale: Locale; disabledAt: Date | null; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const inserted = await db
    .insertInto("organizers")
    .values({ email, locale: input.locale, is_admin: input.isAdmin, name: "" })
    .onConflict((oc) => oc.column("email").doNothing())
    .returning(["id", "email", "locale", "disabled_at"])
    .executeTakeFirst();
  if (inserted) {
    return { id: inserted.id, email: inserted.email, locale: inserted.locale, disabledAt: null, created: true };
  }
  const existing = await db
    .selectFrom("organizers")
    .select(["id", "email", "locale", "disabled_at"])
    .where(sql<string>`lower(email)`, "=", email)
    .executeTakeFirstOrThrow();
  return {
    id: existing.id,
    email: existing.email,
    locale: existing.locale,
    disabledAt: existing.disabled_at,
    created: false,
  };
}

/** Every organizer with the number of campaigns they belong to, admins first, then by address. */
export async function listOrganizersWithCampaignCounts(db: Executor) {
  return db
    .selectFrom("organizers as o")
    .leftJoin("campaign_members as m", "m.organizer_id", "o.id")
    .select((eb) => [
      "o.id",
      "o.email",
      "o.is_admin",
      "o.locale",
      "o.last_login_at",
      "o.disabled_at",
      "o.created_at",
      eb.fn.count<string | number | bigint>("m.campaign_id").as("campaigns"),
    ])
    .groupBy(["o.id", "o.email", "o.is_admin", "o.locale", "o.last_login_at", "o.disabled_at", "o.created_at"])
    .orderBy("o.is_admin", "desc")
    .orderBy("o.email")
    .execute();
}

/** The admins who can still sign in, locked so that two admins cannot disable each other at once. */
export async function lockEnabledAdmins(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom("organizers")
    .select("id")
    .where("is_admin", "=", true)
    .where("disabled_at", "is", null)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function setOrganizerDisabled(db: Executor, organizerId: number, at: Date | null): Promise<number> {
  const result = await db
    .updateTable("organizers")
    .set({ disabled_at: at })
    .where("id", "=", organizerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
