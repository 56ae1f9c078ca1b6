import { upsertOrganizer } from "~/models/organizer.server";
import { getDb } from "~/utils/db.server";

/** `npm run organizer:create -- <email> [--admin]`: creates an organizer or promotes one. */
export async function createOrganizerFromCli(args: string[]): Promise<number> {
  const isAdmin = args.includes("--admin");
  const email = args.find((a) => !a.startsWith("--"))?.trim() ?? "";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    console.error("Usage: organizer-create <email> [--admin]");
    return 2;
  }
  const result = await upsertOrganizer(getDb(), { email, isAdmin });
  if (result.created) {
    console.info(`Created organizer ${email}${isAdmin ? " (platform admin)" : ""}. Sign in at /organizer/login.`);
  } else if (result.promoted) {
    console.info(`Promoted existing organizer ${email} to platform admin.`);
  } else {
    console.info(`Organizer ${email} already exists; nothing changed.`);
  }
  return 0;
}
