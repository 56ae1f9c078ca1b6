import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { Locale } from "../../app/domain/vocab";
import { countCampaigns, insertCampaign, insertPrisoner } from "../../app/models/content.server";
import { insertSignatures } from "../../app/models/signature.server";
import { rebuildCounts } from "../../app/models/signature-transitions.server";
import { demoCampaigns, demoPrisoners } from "./demo-content";
import { demoUpdates } from "./demo-updates";
import { insertCampaignUpdate } from "../../app/models/campaign-update.server";
import { syntheticSignatures } from "./synthetic";
import { addMember, upsertOrganizer } from "../../app/models/organizer.server";
import { seedDemoLetters } from "./demo-letters";
import { demoSignalSignatures } from "./demo-signals";

/** The demo organizer: platform admin and owner of every demo campaign (sign in via /dev/mailbox). */
export const DEMO_ORGANIZER_EMAIL = "organizer@example.org";

function entries<T>(localized: Partial<Record<Locale, T>>): [Locale, T][] {
  return Object.entries(localized).filter((e): e is [Locale, T] => e[1] !== undefined) as [Locale, T][];
}

/** Writes the demo prisoners, campaigns and synthetic signatures in one transaction. */
export async function seedDemo(db: Kysely<Database>): Promise<{ campaigns: number; signatures: number }> {
  return db.transaction().execute(async (trx) => {
    const prisonerIds: Record<string, number> = {};
    for (const p of demoPrisoners) {
      prisonerIds[p.slug] = await insertPrisoner(trx, {
        slug: p.slug,
        status: p.status,
        bornOn: p.bornOn,
        detainedOn: p.detainedOn,
        translations: entries(p.translations).map(([locale, t]) => ({ locale, ...t })),
        events: p.events.map((e) => ({ on: e.on, texts: entries(e.text).map(([locale, text]) => ({ locale, text })) })),
      });
    }
    let signatures = 0;
    const campaignIds: number[] = [];
    for (const [index, c] of demoCampaigns.entries()) {
      const created = await insertCampaign(trx, {
        slug: c.slug,
        kind: c.kind,
        status: c.status,
        canonicalLocale: c.canonicalLocale,
        goal: c.goal,
        openedAt: c.openedAt,
        prisonerIds: c.prisoners.map((slug) => {
          const id = prisonerIds[slug];
          if (id === undefined) throw new Error(`demo campaign ${c.slug} names unknown prisoner ${slug}`);
          return id;
        }),
        translations: entries(c.translations).map(([locale, t]) => ({ locale, ...t })),
        groups: c.groups.map((g) => ({
          key: g.key,
          labels: entries(g.labels).map(([locale, label]) => ({ locale, label })),
        })),
      });
      campaignIds.push(created.id);
      signatures += await insertSignatures(
        trx,
        syntheticSignatures({
          campaignId: created.id,
          groupIds: created.groupIds,
          count: c.demoSignatures,
          seed: 1000 + index,
          since: new Date(c.openedAt),
          emailPrefix: `demo-${c.slug}`,
        }),
      );
      // The first campaign gets something for its abuse-signals page to show.
      if (index === 0) {
        signatures += await insertSignatures(
          trx,
          demoSignalSignatures({ campaignId: created.id, groupIds: created.groupIds }),
        );
      }
    }
    await rebuildCounts(trx, campaignIds);
    const organizer = await upsertOrganizer(trx, { email: DEMO_ORGANIZER_EMAIL, isAdmin: true });
    for (const campaignId of campaignIds) await addMember(trx, campaignId, organizer.id, "owner");
    // Letters to prisoners: example addresses and synthetic letters in every state.
    await seedDemoLetters(
      trx,
      prisonerIds,
      organizer.id,
      Object.fromEntries(demoCampaigns.map((c, i) => [c.slug, campaignIds[i]])),
    );
    // Published news, without mailing it: the demo's signers are synthetic.
    for (const update of demoUpdates) {
      const campaignId = campaignIds[demoCampaigns.findIndex((c) => c.slug === update.campaign)];
      if (campaignId === undefined) throw new Error(`demo update names unknown campaign ${update.campaign}`);
      await insertCampaignUpdate(trx, {
        campaignId,
        publishedAt: new Date(update.publishedAt),
        translations: entries(update.texts).map(([locale, t]) => ({ locale, ...t })),
      });
    }
    return { campaigns: demoCampaigns.length, signatures };
  });
}

/** Seeds only an empty database, so a second start keeps what the first one made. */
export async function seedDemoIfEmpty(db: Kysely<Database>) {
  if ((await countCampaigns(db)) > 0) return null;
  return seedDemo(db);
}
