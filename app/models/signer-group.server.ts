import type { Executor } from "~/utils/db.server";

/** A campaign's signer groups in display order, with every label they have. */
export async function listSignerGroups(db: Executor, campaignId: number) {
  const groups = await db
    .selectFrom("signer_groups")
    .select(["id", "key", "position"])
    .where("campaign_id", "=", campaignId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const labels = groups.length
    ? await db
        .selectFrom("signer_group_translations")
        .select(["group_id", "locale", "label"])
        .where(
          "group_id",
          "in",
          groups.map((g) => g.id),
        )
        .execute()
    : [];
  return groups.map((g) => ({ ...g, labels: labels.filter((l) => l.group_id === g.id) }));
}
