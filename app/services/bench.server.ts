import fs from "node:fs";
import { findPublicCampaignBySlug } from "~/models/campaign.server";
import { insertPendingWithTokens, insertSyntheticVerified, sealSyntheticBatch } from "~/models/bench-signatures.server";
import { rebuildCounts } from "~/models/signature-transitions.server";
import { listSignerGroups } from "~/models/signer-group.server";
import { getDb } from "~/utils/db.server";
import { hashToken, newToken } from "~/utils/tokens.server";

const COUNTRIES = ["FR", "US", "RU", "DE", "GB", "UA", "ES", "IT", "CA", "AR", "PL", "BR", "JP", "IN", "IL", "TR"];

/**
 * Benchmark data (`npm run bench`, through server/cli.js): many verified signatures made
 * inside the database, and pending ones whose confirmation tokens go to a file.
 */
export async function seedBenchmark(opts: { slug: string; verified: number; pending: number; tokensFile?: string }) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, opts.slug);
  if (!campaign) throw new Error(`no public campaign ${opts.slug} (seed the demo first)`);
  const groups = await listSignerGroups(db, campaign.id);
  const stamp = Date.now().toString(36);
  for (let done = 0; done < opts.verified; done += 50_000) {
    await insertSyntheticVerified(db, {
      campaignId: campaign.id,
      groupIds: groups.map((g) => g.id),
      countries: COUNTRIES,
      count: Math.min(50_000, opts.verified - done),
      emailPrefix: `bench-${stamp}-${done}-`,
    });
  }
  await rebuildCounts(db, [campaign.id]);
  const tokens = Array.from({ length: opts.pending }, () => newToken());
  for (let i = 0; i < tokens.length; i += 10_000) {
    await insertPendingWithTokens(db, {
      campaignId: campaign.id,
      groupId: groups[0]!.id,
      tokenHashes: tokens.slice(i, i + 10_000).map(hashToken),
      emailPrefix: `bench-pending-${stamp}-${i}-`,
    });
  }
  if (opts.tokensFile) fs.writeFileSync(opts.tokensFile, tokens.join("\n"));
  return { campaignId: campaign.id, verified: opts.verified, pending: tokens.length };
}

/**
 * Seals a benchmark campaign's synthetic signatures as real ones are sealed (`bench-seal`),
 * so a benchmark of the export opens an envelope per row as it does in production.
 */
export async function sealBenchmark(opts: { slug: string }) {
  const db = getDb();
  const campaign = await findPublicCampaignBySlug(db, opts.slug);
  if (!campaign) throw new Error(`no public campaign ${opts.slug}`);
  let sealed = 0;
  for (let batch = await sealSyntheticBatch(db, campaign.id, 0, 10_000); batch;) {
    sealed += batch.count;
    batch = await sealSyntheticBatch(db, campaign.id, batch.last, 10_000);
  }
  return { campaignId: campaign.id, sealed };
}
