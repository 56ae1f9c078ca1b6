import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { initialsOf } from "~/domain/signatory";
import { initialsSource } from "~/domain/retention";
import { markCampaignDelivered } from "~/models/campaign-settings.server";
import { addMember, upsertOrganizer } from "~/models/organizer.server";
import { deliveryEvidence } from "~/services/publication.server";
import { eraseCampaignSignerData, runRetention, sweepRetention } from "~/services/retention.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/organizer-campaign-settings";
import { loader as overviewLoader } from "~/routes/organizer-campaign";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { get, post, run, signedIn, uniqueEmail } from "../organizer-helpers";
import { queuedMails } from "../signing-helpers";
import type { DB } from "~/utils/db.server";

const DAY = 86_400_000;

/** Every column of a campaign's signatures, in id order (what "changes nothing" compares). */
async function snapshot(db: DB, campaignId: number) {
  const { rows } = await sql<Record<string, unknown>>`
    select * from signatures where campaign_id = ${campaignId} order by id`.execute(db);
  return rows;
}

async function counters(db: DB, campaignId: number) {
  const { rows } = await sql<{ group_id: number; country: string; listed: boolean; count: number }>`
    select group_id, country, listed, sum(count)::int as count from signature_counts
    where campaign_id = ${campaignId} group by group_id, country, listed order by 1, 2, 3`.execute(db);
  return rows;
}

async function jobsFor(db: DB, campaignId: number) {
  const { rows } = await sql<{ data: { campaignId: number } }>`
    select data from pgboss.job where name = 'erase-signer-data'`.execute(db);
  return rows.filter((r) => r.data.campaignId === campaignId);
}

/** Issue 12, part 3: what a campaign keeps about its signers after its retention period. */
describeEachDatabase("retention", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  let delivered: Awaited<ReturnType<typeof createCampaign>>;
  let open: Awaited<ReturnType<typeof createCampaign>>;
  let ownerEn: number;
  let ownerRu: number;
  const ownerEnEmail = uniqueEmail("owner-en");
  const ownerRuEmail = uniqueEmail("owner-ru");
  let storedSha: string;
  let deliveredRows: ReturnType<typeof rows>;
  const deliveredOn = new Date(Date.now() - 100 * DAY).toISOString().slice(0, 10);

  /** Every kind of row: each visibility, each state, clear and (as the encryption would leave them) sealed columns. */
  function rows(campaign: Awaited<ReturnType<typeof createCampaign>>) {
    const names = ["Ada Lovelace", "Мария-Анна Иванова", "👩🏽‍🔬 Ada", "straße Ülrich", "Ōe Kenzaburō", "ß Test"];
    const out = [];
    let n = 0;
    for (const visibility of ["public", "initials", "anonymous", "counted"] as const) {
      for (const state of ["verified", "verified", "verified", "hidden", "withdrawn", "pending", "invalidated"] as const) {
        for (const group of ["mathematicians", "journalists"]) {
          const name = names[n++ % names.length]!;
          out.push(
            signatureRow(campaign, {
              group,
              visibility,
              state,
              full_name: name,
              title: `Professor ${n}`,
              country: n % 3 ? "FR" : "RU",
              city: `City ${n}`,
              comment: `Comment ${n}`,
              updates_consent: n % 2 === 0,
              ip_hash: `iphash-${n}`,
              ip_hash_expires_at: new Date(Date.now() + 20 * DAY),
              confirm_token_hash: `confirm-${campaign.id}-${n}`,
              withdraw_token_hash: `withdraw-${campaign.id}-${n}`,
              link_seed: `seed-${n}`,
              verified_at: state === "pending" ? null : new Date(Date.now() - (200 - n) * 60_000),
            }),
          );
        }
      }
    }
    return out;
  }

  beforeAll(async () => {
    const db = getDb();
    delivered = await createCampaign(db, {
      translations: [
        { locale: "en", status: "original", title: "Free the test prisoner", summary: "", body: "We ask." },
        { locale: "ru", status: "reviewed", title: "Свободу узнику", summary: "", body: "Мы просим." },
      ],
    });
    open = await createCampaign(db);
    deliveredRows = rows(delivered);
    await addSignatures(db, deliveredRows);
    await addSignatures(db, rows(open));
    // As the encryption at rest (part 2) leaves rows: a sealed envelope, the keyed hash and domain.
    for (const c of [delivered, open]) {
      await sql`update signatures set sealed = 'v1.k.iv.tag.' || id, key_id = 'testkey',
                email_hash = 'hmac-' || id, email_domain = 'example.org'
                where campaign_id = ${c.id} and id % 2 = 0`.execute(db);
    }
    // Delivered 100 days ago, with the evidence of the list handed over.
    const evidence = await deliveryEvidence({ campaignId: delivered.id, locale: "en", db });
    await markCampaignDelivered(db, delivered.id, {
      on: deliveredOn,
      to: "The addressee",
      response: null,
      locale: "en",
      sha256: evidence.sha256,
      rows: evidence.rows,
    });
    storedSha = evidence.sha256;
    ownerEn = (await upsertOrganizer(db, { email: ownerEnEmail, isAdmin: false })).id;
    ownerRu = (await upsertOrganizer(db, { email: ownerRuEmail, isAdmin: false, locale: "ru" })).id;
    await addMember(db, delivered.id, ownerEn, "owner");
    await addMember(db, delivered.id, ownerRu, "owner");
  });

  it("keeps initials exactly while dropping the name", () => {
    for (const name of ["Ada Lovelace", "Мария-Анна Иванова", "👩🏽‍🔬 Ada", "straße Ülrich", "ß Test", "— —", ""]) {
      const kept = initialsSource(name);
      expect(initialsOf(kept), name).toBe(initialsOf(name));
      expect(initialsSource(kept), name).toBe(kept);
    }
    expect(initialsSource("Мария-Анна Иванова")).toBe("М А И");
  });

  it("reminds the owners once, in their language, and never erases sooner than a week after", async () => {
    const db = getDb();
    const before = await snapshot(db, delivered.id);
    const now = new Date();
    expect(await sweepRetention(db, now)).toMatchObject({ reminded: 1, queued: 0 });
    const mails = await queuedMails(db);
    const en = mails.filter((m) => m.to === ownerEnEmail);
    const ru = mails.filter((m) => m.to === ownerRuEmail);
    expect(en).toHaveLength(1);
    expect(ru).toHaveLength(1);
    const runsOn = new Date(now.getTime() + 7 * DAY);
    expect(en[0]!.subject).toContain("Free the test prisoner");
    expect(en[0]!.subject).toContain(String(runsOn.getUTCFullYear()));
    expect(en[0]!.text).toContain(`/organizer/campaigns/${delivered.slug}/export`);
    expect(ru[0]!.subject).toContain("Свободу узнику");
    expect(ru[0]!.subject).toContain("стёрты");
    // Again, and at once: no second reminder.
    await Promise.all([sweepRetention(db, now), sweepRetention(db, new Date(now.getTime() + DAY))]);
    expect((await queuedMails(db)).filter((m) => m.to === ownerEnEmail)).toHaveLength(1);
    // The period is over (100 > 90 days) but the owners were told only now: nothing runs for a week.
    expect(await runRetention(delivered.id, { now: new Date(now.getTime() + 6 * DAY) })).toEqual({ kind: "not-due" });
    expect(await jobsFor(db, delivered.id)).toHaveLength(0);
    expect(await snapshot(db, delivered.id)).toEqual(before);
    const audit = await db
      .selectFrom("audit_entries")
      .select(["action", "row_count", "organizer_id"])
      .where("campaign_id", "=", delivered.id)
      .where("action", "=", "campaign.retention_reminded")
      .execute();
    expect(audit).toEqual([{ action: "campaign.retention_reminded", row_count: 2, organizer_id: null }]);
  });

  it("shows the date on the settings page and the notice on the overview", async () => {
    const db = getDb();
    const token = await signedIn(db, ownerEn);
    const settings = await run<{ retention: { state: string; runsAt: string; days: number } }>(
      settingsLoader,
      get(`/organizer/campaigns/${delivered.slug}/settings`, token),
      delivered.slug,
    );
    expect(settings.body.retention).toMatchObject({ state: "scheduled", days: 90 });
    const runsAt = new Date(settings.body.retention.runsAt).getTime();
    expect(Math.abs(runsAt - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
    const overview = await run<{ retention: { runsAt: string } | null }>(
      overviewLoader,
      get(`/organizer/campaigns/${delivered.slug}`, token),
      delivered.slug,
    );
    expect(overview.body.retention?.runsAt).toBe(settings.body.retention.runsAt);
    const quiet = await run<{ retention: unknown }>(
      overviewLoader,
      get(`/organizer/campaigns/${open.slug}`, await signedIn(db, await ownerOf(db, open.id))),
      open.slug,
    );
    expect(quiet.body.retention).toBeNull();
  });

  it("refuses a period out of bounds with a field error and saves one within", async () => {
    const db = getDb();
    const token = await signedIn(db, await ownerOf(db, open.id));
    const path = `/organizer/campaigns/${open.slug}/settings`;
    for (const days of ["29", "366", "abc", "", "1e2"]) {
      const refused = await run<{ kind: string; errors: Record<string, string> }>(
        settingsAction,
        post(path, token, { intent: "retention", days }),
        open.slug,
      );
      expect(refused.status, days).toBe(400);
      expect(refused.body.errors.days, days).toBe(days === "" ? "required" : "retentionDays");
    }
    const saved = await run<{ kind: string; retention: { days: number; state: string } }>(
      settingsAction,
      post(path, token, { intent: "retention", days: "180" }),
      open.slug,
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: "retentionSaved", retention: { days: 180, state: "running" } });
    const row = await db.selectFrom("campaigns").select("retention_days").where("id", "=", open.id).executeTakeFirst();
    expect(row?.retention_days).toBe(180);
  });

  it("erases exactly what it says, keeps counts and the publication list's SHA-256, and a second run changes nothing", async () => {
    const db = getDb();
    const before = await snapshot(db, delivered.id);
    const countsBefore = await counters(db, delivered.id);
    const openBefore = await snapshot(db, open.id);
    const later = new Date(Date.now() + 8 * DAY);

    // A week after the reminder the sweep queues the job, once.
    expect(await sweepRetention(db, later)).toMatchObject({ queued: 1 });
    expect(await sweepRetention(db, later)).toMatchObject({ queued: 0 });
    expect(await jobsFor(db, delivered.id)).toHaveLength(1);
    expect(await jobsFor(db, open.id)).toHaveLength(0);

    // The job's work, in small batches.
    const result = await runRetention(delivered.id, { now: later, batchSize: 7 });
    expect(result).toEqual({ kind: "erased", scanned: before.length, erased: before.length });

    const after = await snapshot(db, delivered.id);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const [i, row] of after.entries()) {
      const was = before[i]!;
      const byName = was.state === "verified" && was.visibility === "public";
      const byInitials = was.state === "verified" && was.visibility === "initials";
      expect(row, `row ${was.id}`).toMatchObject({
        email: null,
        email_canonical: null,
        email_hash: null,
        email_domain: null,
        sealed: null,
        key_id: "erased",
        ip_hash: null,
        ip_hash_expires_at: null,
        city: null,
        comment: null,
        updates_consent: false,
        confirm_token_hash: null,
        withdraw_token_hash: null,
        link_seed: null,
        // What stays.
        state: was.state,
        visibility: was.visibility,
        group_id: was.group_id,
        country: was.country,
        notable: was.notable,
        verified_at: was.verified_at,
        title: byName ? was.title : "",
      });
      if (byName) expect(row.full_name).toBe(was.full_name);
      else if (byInitials) {
        expect(row.full_name).not.toBe(was.full_name);
        expect(initialsOf(row.full_name as string)).toBe(initialsOf(was.full_name as string));
      } else expect(row.full_name).toBe("");
    }
    // No address, city or comment of anyone is left anywhere in the campaign's rows.
    const text = JSON.stringify(after);
    for (const given of deliveredRows) {
      expect(text).not.toContain(given.email as string);
      expect(text).not.toContain(`"${given.city as string}"`);
      expect(text).not.toContain(`"${given.comment as string}"`);
    }

    // Counts, groups and countries stay; the delivered list still verifies.
    expect(await counters(db, delivered.id)).toEqual(countsBefore);
    const evidence = await deliveryEvidence({ campaignId: delivered.id, locale: "en", db });
    const campaign = await db
      .selectFrom("campaigns")
      .select(["delivered_list_sha256", "delivered_list_rows", "retention_ran_at"])
      .where("id", "=", delivered.id)
      .executeTakeFirstOrThrow();
    expect(evidence.sha256).toBe(storedSha);
    expect(campaign.delivered_list_sha256).toBe(evidence.sha256);
    expect(campaign.delivered_list_rows).toBe(evidence.rows);
    expect(campaign.retention_ran_at).not.toBeNull();

    // Audited.
    const audit = await db
      .selectFrom("audit_entries")
      .select(["organizer_id", "row_count", "details"])
      .where("campaign_id", "=", delivered.id)
      .where("action", "=", "campaign.retention_ran")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organizer_id: null, row_count: before.length });

    // A second run changes nothing: the job says it is done, and erasing again touches no row.
    expect(await runRetention(delivered.id, { now: new Date(later.getTime() + DAY) })).toEqual({ kind: "not-due" });
    expect(await eraseCampaignSignerData(delivered.id, { batchSize: 7 })).toMatchObject({ erased: 0 });
    expect(await snapshot(db, delivered.id)).toEqual(after);
    expect(await sweepRetention(db, new Date(later.getTime() + 30 * DAY))).toEqual({ reminded: 0, queued: 0 });

    // A campaign still open is untouched, whatever the date.
    expect(await runRetention(open.id, { now: new Date(Date.now() + 1000 * DAY) })).toEqual({ kind: "not-due" });
    expect(await snapshot(db, open.id)).toEqual(openBefore);

    // The settings page says when it ran, and no longer offers to change the period.
    const token = await signedIn(db, ownerEn);
    const settings = await run<{ retention: { state: string; ranAt: string } }>(
      settingsLoader,
      get(`/organizer/campaigns/${delivered.slug}/settings`, token),
      delivered.slug,
    );
    expect(settings.body.retention.state).toBe("done");
    const refused = await run<{ errors: Record<string, string> }>(
      settingsAction,
      post(`/organizer/campaigns/${delivered.slug}/settings`, token, { intent: "retention", days: "200" }),
      delivered.slug,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors.days).toBe("retentionDone");
  });

  describe("a reopened campaign", () => {
    it("starts its period again when it closes again", async () => {
      const db = getDb();
      const c = await createCampaign(db);
      await addSignatures(db, [signatureRow(c, { visibility: "counted", city: "Kazan" })]);
      const closedAt = new Date(Date.now() - 95 * DAY);
      await db.updateTable("campaigns").set({ status: "closed", closed_at: closedAt }).where("id", "=", c.id).execute();
      await sweepRetention(db, new Date());
      expect((await runRetention(c.id, { now: new Date(Date.now() + 8 * DAY) })).kind).toBe("erased");
      // Reopened and closed today: a new period, a new reminder, nothing due for 90 days.
      await db.updateTable("campaigns").set({ status: "closed", closed_at: new Date() }).where("id", "=", c.id).execute();
      expect(await sweepRetention(db, new Date(Date.now() + 10 * DAY))).toMatchObject({ reminded: 0, queued: 0 });
      expect(await runRetention(c.id, { now: new Date(Date.now() + 10 * DAY) })).toEqual({ kind: "not-due" });
      expect(await sweepRetention(db, new Date(Date.now() + 84 * DAY))).toMatchObject({ reminded: 1 });
    });
  });
});

/** The owner of a campaign, made for the test. */
async function ownerOf(db: DB, campaignId: number): Promise<number> {
  const o = await upsertOrganizer(db, { email: uniqueEmail("owner"), isAdmin: false });
  await addMember(db, campaignId, o.id, "owner");
  return o.id;
}
