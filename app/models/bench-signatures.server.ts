import { sql } from "kysely";
import type { Executor } from "~/utils/db.server";
import { openSigner } from "./signature-secrets.server";

/**
 * Benchmark data (`npm run bench`): synthetic rows generated inside the database. They are
 * nobody's: their made-up addresses stay in clear (key_id "synthetic", never sealed, so the
 * startup sealing leaves them alone), with a placeholder keyed hash.
 */

/** Bulk synthetic verified signatures for benchmarks, generated inside the database. */
export async function insertSyntheticVerified(
  db: Executor,
  opts: { campaignId: number; groupIds: number[]; countries: string[]; count: number; emailPrefix: string },
): Promise<void> {
  await sql`
    insert into signatures (campaign_id, group_id, full_name, email, email_canonical, email_hash, key_id, title,
                            country, visibility, state, locale, text_version, verified_at, created_at, updated_at)
    select ${opts.campaignId},
           (${opts.groupIds}::int[])[1 + (g % ${opts.groupIds.length})],
           'Bench Signer ' || g,
           ${opts.emailPrefix} || g || '@example.org',
           ${opts.emailPrefix} || g || '@example.org',
           'bench:' || ${opts.emailPrefix} || g,
           'synthetic',
           'Example University',
           (${opts.countries}::text[])[1 + (g % ${opts.countries.length})],
           (array['public','public','public','public','public','public','public','initials','anonymous','counted'])[1 + (g % 10)],
           'verified', 'en', 1, now(), now(), now()
    from generate_series(1, ${opts.count}) as g`.execute(db);
}

/** Pending signatures whose confirmation tokens the caller knows (benchmarks). */
export async function insertPendingWithTokens(
  db: Executor,
  opts: { campaignId: number; groupId: number; tokenHashes: string[]; emailPrefix: string },
): Promise<void> {
  await sql`
    insert into signatures (campaign_id, group_id, full_name, email, email_canonical, email_hash, key_id, title,
                            country, visibility, state, locale, text_version, confirm_token_hash, created_at, updated_at)
    select ${opts.campaignId}, ${opts.groupId}, 'Bench Pending ' || n,
           ${opts.emailPrefix} || n || '@example.org', ${opts.emailPrefix} || n || '@example.org',
           'bench:' || ${opts.emailPrefix} || n, 'synthetic',
           '', 'DE', 'public', 'pending', 'en', 1, h, now(), now()
    from unnest(${opts.tokenHashes}::text[]) with ordinality as t(h, n)`.execute(db);
}

/**
 * Rows whose address starts with a prefix, by state (benchmark reconciliation): synthetic
 * rows by their made-up address, signed ones by opening their sealed address (a full scan).
 */
export async function countByEmailPrefix(db: Executor, prefix: string) {
  const counts: Record<string, number> = {};
  const add = (state: string, n = 1) => (counts[state] = (counts[state] ?? 0) + n);
  const synthetic = await db
    .selectFrom("signatures")
    .select(["state", (eb) => eb.fn.countAll<number>().as("count")])
    .where("key_id", "=", "synthetic")
    .where("email", "like", `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .groupBy("state")
    .execute();
  for (const r of synthetic) add(r.state, Number(r.count));
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom("signatures")
      .select(["id", "state", "sealed", "full_name", "title"])
      .where("sealed", "is not", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(5_000)
      .execute();
    for (const r of rows) if (openSigner(r).email.startsWith(prefix)) add(r.state);
    if (rows.length < 5_000) return counts;
    after = rows.at(-1)!.id;
  }
}
