import { sql } from "kysely";
import type { Executor } from "~/utils/db.server";
import { openSigner, signerColumns } from "./signature-secrets.server";

/**
 * Benchmark data (`npm run bench`): synthetic rows generated inside the database. They are
 * nobody's: their made-up addresses stay in clear (key_id "synthetic", never sealed, so the
 * startup sealing leaves them alone), with a placeholder keyed hash — unless a benchmark
 * seals them like real ones (`sealSyntheticBatch`, the export scenario).
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

/**
 * Seals up to `limit` synthetic rows of a campaign (after id `after`) as signing seals real
 * ones: the envelope under the current key, the keyed hash, the clear columns cut to what
 * each visibility publishes. For benchmarks of what opens envelopes (the export). One
 * UPDATE per batch. Returns how many and the last id sealed, or null when none was left.
 */
export async function sealSyntheticBatch(
  db: Executor,
  campaignId: number,
  after: number,
  limit: number,
): Promise<{ count: number; last: number } | null> {
  const rows = await db
    .selectFrom("signatures")
    .select(["id", "visibility", "full_name", "title", "email", "email_canonical", "city", "comment"])
    .where("campaign_id", "=", campaignId)
    .where("key_id", "=", "synthetic")
    .where("id", ">", after)
    .orderBy("id")
    .limit(limit)
    .execute();
  if (rows.length === 0) return null;
  const sealed = rows.map((r) =>
    signerColumns(
      r.visibility,
      { email: r.email ?? "", fullName: r.full_name, title: r.title, city: r.city, comment: r.comment },
      r.email_canonical,
    ),
  );
  const column = <K extends keyof (typeof sealed)[number]>(key: K) => sealed.map((c) => c[key]);
  await sql`
    update signatures as s
       set sealed = v.sealed, key_id = v.key_id, email_hash = v.email_hash, email_domain = v.email_domain,
           full_name = v.full_name, title = v.title, email = null, email_canonical = null, city = null, comment = null
      from unnest(${rows.map((r) => r.id)}::int[], ${column("sealed")}::text[], ${column("key_id")}::text[],
                  ${column("email_hash")}::text[], ${column("email_domain")}::text[], ${column("full_name")}::text[],
                  ${column("title")}::text[]) as v(id, sealed, key_id, email_hash, email_domain, full_name, title)
     where s.id = v.id`.execute(db);
  return { count: rows.length, last: rows.at(-1)!.id };
}
