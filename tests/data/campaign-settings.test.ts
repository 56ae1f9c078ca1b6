import { beforeAll, describe, expect, it } from "vitest";
import { LOCALES, type MemberRole } from "~/domain/vocab";
import { listAudit } from "~/models/audit.server";
import { findMembership, upsertOrganizer } from "~/models/organizer.server";
import {
  countVerifiedByCountry,
  countVerifiedByGroup,
  countVerifiedRows,
  insertPendingSignature,
  totalForCampaign,
} from "~/models/signature.server";
import { verifySignature } from "~/models/signature-transitions.server";
import { listSignerGroups } from "~/models/signer-group.server";
import * as deliveryRoute from "~/routes/organizer-campaign-delivery";
import * as groupsRoute from "~/routes/organizer-campaign-groups";
import * as newRoute from "~/routes/organizer-campaign-new";
import * as settingsRoute from "~/routes/organizer-campaign-settings";
import { deliveryEvidence } from "~/services/publication.server";
import { loadCampaignPage } from "~/services/public-pages.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, createPrisoner, signatureRow } from "../factories";
import { request, run, signedIn, signedInMember, uniqueEmail, type Outcome, type RouteFn } from "../organizer-helpers";

const PAGES = {
  settings: settingsRoute,
  groups: groupsRoute,
  delivery: deliveryRoute,
} as const;
type PageName = keyof typeof PAGES;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route answers its own shape
type Answer = Outcome<any>;

function get(page: PageName, slug: string, token: string): Promise<Answer> {
  return run(PAGES[page].loader as RouteFn, request(`/organizer/campaigns/${slug}/${page}`, { token }), { slug });
}

function post(
  page: PageName,
  slug: string,
  token: string,
  form: Record<string, string>,
  origin?: string,
): Promise<Answer> {
  return run(PAGES[page].action as RouteFn, request(`/organizer/campaigns/${slug}/${page}`, { token, form, origin }), {
    slug,
  });
}

function postNew(token: string, form: Record<string, string>, origin?: string): Promise<Answer> {
  return run(newRoute.action as RouteFn, request("/organizer/campaigns/new", { token, form, origin }));
}

const newForm = (overrides: Record<string, string> = {}) => ({
  slug: `letter-${Math.random().toString(36).slice(2, 8)}`,
  kind: "open_letter",
  locale: "ru",
  title: "Свободу узнику",
  body: "Мы требуем **освободить** его.",
  ...overrides,
});

function parseDetails(details: unknown): Record<string, unknown> {
  return (typeof details === "string" ? JSON.parse(details) : details) as Record<string, unknown>;
}

describeEachDatabase("campaign settings", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  const member = (campaignId: number, role: MemberRole) => signedInMember(getDb(), campaignId, role);

  let adminToken = "";
  let adminId = 0;
  beforeAll(async () => {
    const admin = await upsertOrganizer(getDb(), { email: uniqueEmail("admin"), isAdmin: true });
    adminId = admin.id;
    adminToken = await signedIn(getDb(), admin.id);
  });

  async function auditActions(campaignId: number) {
    return (await listAudit(getDb(), campaignId, 100)).map((a) => a.action);
  }

  describe("creating a campaign", () => {
    it("creates a draft with its original text, the default groups in six languages and the creator as owner", async () => {
      const form = newForm();
      const created = await postNew(adminToken, form);
      expect(created).toMatchObject({ status: 302, location: `/organizer/campaigns/${form.slug}/settings` });

      const campaign = await getDb()
        .selectFrom("campaigns")
        .selectAll()
        .where("slug", "=", form.slug)
        .executeTakeFirstOrThrow();
      expect(campaign).toMatchObject({ kind: "open_letter", status: "draft", canonical_locale: "ru", goal: null });
      expect(campaign.opened_at).toBeNull();
      const texts = await getDb()
        .selectFrom("campaign_translations")
        .select(["locale", "status", "title", "body", "version"])
        .where("campaign_id", "=", campaign.id)
        .execute();
      expect(texts).toEqual([
        { locale: "ru", status: "original", title: form.title, body: form.body, version: 1 },
      ]);
      const versions = await getDb()
        .selectFrom("campaign_text_versions")
        .select(["locale", "version", "title"])
        .where("campaign_id", "=", campaign.id)
        .execute();
      expect(versions).toEqual([{ locale: "ru", version: 1, title: form.title }]);

      const groups = await listSignerGroups(getDb(), campaign.id);
      expect(groups.map((g) => g.key)).toEqual([
        "mathematicians",
        "scientists",
        "journalists",
        "trade_unionists",
        "healthcare_workers",
        "other",
      ]);
      for (const g of groups) {
        expect(g.labels.map((l) => l.locale).sort()).toEqual([...LOCALES].sort());
        for (const l of g.labels) expect(l.label).not.toMatch(/defaultGroups|^$/);
      }
      const label = (key: string, locale: string) =>
        groups.find((g) => g.key === key)?.labels.find((l) => l.locale === locale)?.label;
      expect(label("mathematicians", "ru")).toBe("Математики");
      expect(label("trade_unionists", "en")).toBe("Trade unionists");
      expect(label("other", "de")).toBe("Weitere Unterstützer");

      expect(await findMembership(getDb(), campaign.id, adminId)).toBe("owner");
      const audit = await listAudit(getDb(), campaign.id, 10);
      expect(audit.map((a) => a.action)).toEqual(["campaign.created"]);
      expect(parseDetails(audit[0]?.details)).toMatchObject({ slug: form.slug, kind: "open_letter", locale: "ru" });
      // A draft is not public.
      expect(await loadCampaignPage(form.slug, "ru")).toBeFalsy();
      // The new owner reaches the settings page it was sent to.
      expect((await get("settings", form.slug, adminToken)).status).toBe(200);
    });

    it("is for platform admins only: owners, editors and moderators get 404 and nothing is created", async () => {
      const campaign = await createCampaign(getDb());
      const before = await getDb()
        .selectFrom("campaigns")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      for (const role of ["owner", "editor", "moderator"] as const) {
        const token = await member(campaign.id, role);
        const page = await run<Answer["body"]>(newRoute.loader as RouteFn, request("/organizer/campaigns/new", { token }));
        expect(page.status, role).toBe(404);
        expect((await postNew(token, newForm())).status, role).toBe(404);
      }
      const after = await getDb()
        .selectFrom("campaigns")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const page = await run<Answer["body"]>(newRoute.loader as RouteFn, request("/organizer/campaigns/new", { token: adminToken }));
      expect(page.status).toBe(200);
      expect(page.body.kinds).toEqual(["open_letter", "petition"]);
    });

    it("validates the slug (format, length, reserved words, uniqueness) and the other fields with 400s", async () => {
      const existing = await createCampaign(getDb());
      const cases: [Record<string, string>, Record<string, string>][] = [
        [{ slug: "" }, { slug: "required" }],
        [{ slug: "ab" }, { slug: "slugLength" }],
        [{ slug: "x".repeat(81) }, { slug: "slugLength" }],
        [{ slug: "Bad-Slug" }, { slug: "slugFormat" }],
        [{ slug: "free--him" }, { slug: "slugFormat" }],
        [{ slug: "-free-him" }, { slug: "slugFormat" }],
        [{ slug: "free him" }, { slug: "slugFormat" }],
        [{ slug: "свобода" }, { slug: "slugFormat" }],
        [{ slug: "new" }, { slug: "slugReserved" }],
        [{ slug: existing.slug }, { slug: "slugTaken" }],
        [{ kind: "manifesto" }, { kind: "invalid" }],
        [{ locale: "pl" }, { locale: "invalid" }],
        [{ title: "  ", body: "" }, { title: "required", body: "required" }],
        [{ title: "x".repeat(301) }, { title: "tooLong" }],
      ];
      for (const [overrides, errors] of cases) {
        const form = newForm(overrides);
        const result = await postNew(adminToken, form);
        expect(result.status, JSON.stringify(overrides)).toBe(400);
        expect(result.body, JSON.stringify(overrides)).toMatchObject({ kind: "invalid", errors, values: form });
      }
      const ok = await postNew(adminToken, newForm({ slug: "a1-b2-c3" }));
      expect(ok.status).toBe(302);
      const again = await postNew(adminToken, newForm({ slug: "a1-b2-c3" }));
      expect(again).toMatchObject({ status: 400, body: { errors: { slug: "slugTaken" } } });
    });
  });

  describe("settings and status", () => {
    it("saves kind, goal, addressees and prisoners, and a rename redirects to the new address", async () => {
      const [first, second] = [await createPrisoner(getDb()), await createPrisoner(getDb(), { name: "Second" })];
      const campaign = await createCampaign(getDb(), {
        translations: [
          { locale: "en", status: "original", title: "Free them", body: "We ask." },
          { locale: "de", status: "reviewed", title: "Freiheit", body: "Wir fordern." },
        ],
        prisonerIds: [first.id],
      });
      const other = await createCampaign(getDb());
      const token = await member(campaign.id, "editor");

      const page = await get("settings", campaign.slug, token);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ status: "open", transitions: ["closed"] });
      expect(page.body.targets.map((t: { locale: string }) => t.locale)).toEqual(["de", "en"]);
      expect(page.body.values[`prisoner.${first.id}`]).toBe("on");

      const base = { intent: "save", kind: "petition", slug: campaign.slug, "target.en": "", "target.de": "" };
      const taken = await post("settings", campaign.slug, token, { ...base, slug: other.slug });
      expect(taken).toMatchObject({ status: 400, body: { kind: "invalid", errors: { slug: "slugTaken" } } });
      for (const goal of ["0", "-5", "12abc", "1.5e3", "200000000"]) {
        const bad = await post("settings", campaign.slug, token, { ...base, goal });
        expect(bad, goal).toMatchObject({ status: 400, body: { errors: { goal: "goal" }, values: { goal } } });
      }
      const badTarget = await post("settings", campaign.slug, token, { ...base, "target.de": "x".repeat(301) });
      expect(badTarget).toMatchObject({ status: 400, body: { errors: { "target.de": "tooLong" } } });
      const unknownPrisoner = await post("settings", campaign.slug, token, { ...base, "prisoner.99999999": "on" });
      expect(unknownPrisoner.status).toBe(404);
      expect(
        await getDb().selectFrom("campaigns").select(["kind", "goal"]).where("id", "=", campaign.id).executeTakeFirst(),
      ).toEqual({ kind: "open_letter", goal: 1000 });

      const newSlug = `${campaign.slug}-renamed`;
      const saved = await post("settings", campaign.slug, token, {
        ...base,
        slug: newSlug,
        goal: "5 000",
        "target.en": "The Prosecutor General",
        "target.de": "Den Generalstaatsanwalt",
        [`prisoner.${first.id}`]: "on",
        [`position.${first.id}`]: "2",
        [`prisoner.${second.id}`]: "on",
        [`position.${second.id}`]: "1",
      });
      expect(saved).toMatchObject({ status: 302, location: `/organizer/campaigns/${newSlug}/settings?saved=1` });
      const row = await getDb()
        .selectFrom("campaigns")
        .select(["slug", "kind", "goal"])
        .where("id", "=", campaign.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ slug: newSlug, kind: "petition", goal: 5000 });
      const links = await getDb()
        .selectFrom("campaign_prisoners")
        .select(["prisoner_id", "position"])
        .where("campaign_id", "=", campaign.id)
        .orderBy("position")
        .execute();
      expect(links).toEqual([
        { prisoner_id: second.id, position: 0 },
        { prisoner_id: first.id, position: 1 },
      ]);
      expect((await loadCampaignPage(newSlug, "de"))?.text.target).toBe("Den Generalstaatsanwalt");
      expect((await get("settings", campaign.slug, token)).status).toBe(404);
      expect((await get("settings", newSlug, token)).body.values).toMatchObject({ goal: "5000", slug: newSlug });

      // Same slug: saved in place, no redirect; an empty goal means none; unticking unlinks.
      const inPlace = await post("settings", newSlug, token, { ...base, slug: newSlug, goal: "" });
      expect(inPlace).toMatchObject({ status: 200, body: { kind: "saved", renamed: false } });
      const after = await getDb().selectFrom("campaigns").select("goal").where("id", "=", campaign.id).executeTakeFirst();
      expect(after?.goal).toBeNull();
      expect(
        await getDb().selectFrom("campaign_prisoners").select("prisoner_id").where("campaign_id", "=", campaign.id).execute(),
      ).toEqual([]);

      const audit = (await listAudit(getDb(), campaign.id, 10)).filter((a) => a.action === "campaign.settings_saved");
      expect(audit).toHaveLength(2);
      expect(parseDetails(audit[1]?.details)).toMatchObject({
        slug: { from: campaign.slug, to: newSlug },
        kind: { from: "open_letter", to: "petition" },
        goal: { from: 1000, to: 5000 },
        targets: ["de", "en"],
        prisoners: [second.id, first.id],
      });
    });

    it("moves draft → open → closed → open and refuses every other change with a 400", async () => {
      const campaign = await createCampaign(getDb(), { status: "draft" });
      const token = await member(campaign.id, "owner");
      const status = async () =>
        getDb()
          .selectFrom("campaigns")
          .select(["status", "opened_at", "closed_at"])
          .where("id", "=", campaign.id)
          .executeTakeFirstOrThrow();
      const to = (target: string) => post("settings", campaign.slug, token, { intent: "status", to: target });

      for (const target of ["closed", "delivered", "draft"]) {
        expect(await to(target), target).toMatchObject({
          status: 400,
          body: { kind: "refused", from: "draft", to: target },
        });
      }
      expect(await to("archived")).toMatchObject({ status: 400, body: { kind: "invalid", errors: { status: "invalid" } } });
      expect((await status()).status).toBe("draft");

      expect(await to("open")).toMatchObject({ status: 200, body: { kind: "statusChanged", from: "draft", to: "open" } });
      const opened = await status();
      expect(opened.status).toBe("open");
      expect(opened.opened_at).toBeInstanceOf(Date);
      expect(await loadCampaignPage(campaign.slug, "en")).toBeTruthy();
      expect((await to("delivered")).status).toBe(400);
      expect((await to("draft")).status).toBe(400);

      expect((await to("closed")).status).toBe(200);
      const closed = await status();
      expect(closed.status).toBe("closed");
      expect(closed.closed_at).toBeInstanceOf(Date);

      expect((await to("open")).status).toBe(200);
      const reopened = await status();
      expect(reopened).toMatchObject({ status: "open", closed_at: null });
      expect(reopened.opened_at?.getTime()).toBe(opened.opened_at?.getTime());

      const changes = (await listAudit(getDb(), campaign.id, 10)).filter((a) => a.action === "campaign.status_changed");
      expect(changes.map((a) => parseDetails(a.details))).toEqual([
        { from: "closed", to: "open" },
        { from: "open", to: "closed" },
        { from: "draft", to: "open" },
      ]);
    });
  });

  describe("signer groups", () => {
    it("merges a group into another: signatures move, counts per campaign, group and country stay exact", async () => {
      const campaign = await createCampaign(getDb());
      const math = campaign.groupIds.mathematicians!;
      const journalists = campaign.groupIds.journalists!;
      await addSignatures(getDb(), [
        signatureRow(campaign, { country: "FR" }),
        signatureRow(campaign, { country: "FR" }),
        signatureRow(campaign, { country: "DE" }),
        signatureRow(campaign, { state: "pending", verified_at: null }),
        signatureRow(campaign, { state: "hidden" }),
        signatureRow(campaign, { group: "journalists", country: "FR" }),
        signatureRow(campaign, { group: "journalists", country: "US" }),
      ]);
      // Confirmations as they happen live: counted in random shards, on top of the rebuilt ones.
      for (const country of ["FR", "FR", "RU"]) {
        const id = await insertPendingSignature(getDb(), signatureRow(campaign, { country, verified_at: null }));
        await getDb()
          .transaction()
          .execute(async (trx) => expect(await verifySignature(trx, id!)).not.toBeNull());
      }
      const byCountry = await countVerifiedByCountry(getDb(), campaign.id);
      expect(await totalForCampaign(getDb(), campaign.id)).toBe(8);
      expect(await countVerifiedRows(getDb(), campaign.id)).toBe(8);

      const token = await member(campaign.id, "editor");
      const preview = await post("groups", campaign.slug, token, {
        intent: "mergePreview",
        from: String(math),
        into: String(journalists),
      });
      expect(preview).toMatchObject({
        status: 200,
        body: { kind: "mergePreview", signatures: 8, verified: 6, from: { key: "mathematicians" } },
      });
      expect(await listSignerGroups(getDb(), campaign.id)).toHaveLength(2);

      const same = await post("groups", campaign.slug, token, {
        intent: "merge",
        from: String(math),
        into: String(math),
      });
      expect(same).toMatchObject({ status: 400, body: { errors: { into: "mergeSame" } } });
      const foreign = await createCampaign(getDb());
      const unknown = await post("groups", campaign.slug, token, {
        intent: "merge",
        from: String(math),
        into: String(foreign.groupIds.journalists),
      });
      expect(unknown.status).toBe(404);

      const merged = await post("groups", campaign.slug, token, {
        intent: "merge",
        from: String(math),
        into: String(journalists),
      });
      expect(merged).toMatchObject({ status: 200, body: { kind: "saved", action: "merged", moved: 8 } });

      expect(await totalForCampaign(getDb(), campaign.id)).toBe(8);
      expect(await countVerifiedRows(getDb(), campaign.id)).toBe(8);
      expect(await countVerifiedByGroup(getDb(), [campaign.id])).toEqual([
        { campaign_id: campaign.id, group_id: journalists, count: 8 },
      ]);
      expect(await countVerifiedByCountry(getDb(), campaign.id)).toEqual(byCountry);
      const rows = await getDb()
        .selectFrom("signatures")
        .select("group_id")
        .distinct()
        .where("campaign_id", "=", campaign.id)
        .execute();
      expect(rows).toEqual([{ group_id: journalists }]);
      expect((await listSignerGroups(getDb(), campaign.id)).map((g) => g.key)).toEqual(["journalists"]);
      const page = await loadCampaignPage(campaign.slug, "en");
      expect(page?.groups.map((g: { key: string }) => g.key)).toEqual(["journalists"]);

      const audit = (await listAudit(getDb(), campaign.id, 10)).find((a) => a.action === "groups.merged");
      expect(audit?.row_count).toBe(8);
      expect(parseDetails(audit?.details)).toEqual({ from: "mathematicians", into: "journalists" });
      // The other campaign's groups were not touched.
      expect(await listSignerGroups(getDb(), foreign.id)).toHaveLength(2);
    });

    it("adds, relabels and reorders groups, and deletes only empty ones", async () => {
      const campaign = await createCampaign(getDb());
      await addSignatures(getDb(), [signatureRow(campaign, { group: "journalists", state: "pending" })]);
      const token = await member(campaign.id, "owner");
      const add = (form: Record<string, string>) => post("groups", campaign.slug, token, { intent: "add", ...form });

      expect(await add({ key: "Bad Key", "label.en": "Bad" })).toMatchObject({
        status: 400,
        body: { errors: { key: "groupKey" } },
      });
      expect(await add({ key: "students", "label.ru": "Студенты" })).toMatchObject({
        status: 400,
        body: { errors: { "label.en": "required" }, values: { "label.ru": "Студенты" } },
      });
      expect(await add({ key: "journalists", "label.en": "Again" })).toMatchObject({
        status: 400,
        body: { errors: { key: "groupKeyTaken" } },
      });
      expect(await add({ key: "students", "label.en": "Students", "label.ru": "Студенты" })).toMatchObject({
        status: 200,
        body: { kind: "saved", action: "added", key: "students" },
      });
      let groups = await listSignerGroups(getDb(), campaign.id);
      expect(groups.map((g) => g.key)).toEqual(["mathematicians", "journalists", "students"]);
      const students = groups[2]!;
      expect(students.labels.map((l) => [l.locale, l.label]).sort()).toEqual([
        ["en", "Students"],
        ["ru", "Студенты"],
      ]);

      const renamed = await post("groups", campaign.slug, token, {
        intent: "rename",
        group: String(students.id),
        "label.en": "Students and pupils",
        "label.ru": "",
        "label.de": "Studierende",
      });
      expect(renamed).toMatchObject({ status: 200, body: { action: "renamed" } });
      groups = await listSignerGroups(getDb(), campaign.id);
      expect(
        groups
          .find((g) => g.id === students.id)
          ?.labels.map((l) => [l.locale, l.label])
          .sort(),
      ).toEqual([
        ["de", "Studierende"],
        ["en", "Students and pupils"],
      ]);
      const noOriginal = await post("groups", campaign.slug, token, {
        intent: "rename",
        group: String(students.id),
        "label.en": "",
      });
      expect(noOriginal).toMatchObject({ status: 400, body: { errors: { "label.en": "required" } } });

      const move = (id: number, direction: string) =>
        post("groups", campaign.slug, token, { intent: "move", group: String(id), direction });
      expect((await move(students.id, "up")).status).toBe(200);
      expect((await listSignerGroups(getDb(), campaign.id)).map((g) => g.key)).toEqual([
        "mathematicians",
        "students",
        "journalists",
      ]);
      expect((await move(students.id, "up")).status).toBe(200);
      expect((await move(students.id, "up")).status).toBe(200);
      expect((await move(campaign.groupIds.journalists!, "down")).status).toBe(200);
      expect((await listSignerGroups(getDb(), campaign.id)).map((g) => g.key)).toEqual([
        "students",
        "mathematicians",
        "journalists",
      ]);
      expect((await move(students.id, "sideways")).status).toBe(400);
      expect((await loadCampaignPage(campaign.slug, "de"))?.groups.map((g: { label: string }) => g.label)).toEqual([
        "Studierende",
        "Mathematicians",
        "Journalists",
      ]);

      const del = (id: number | string) => post("groups", campaign.slug, token, { intent: "delete", group: String(id) });
      expect(await del(campaign.groupIds.journalists!)).toMatchObject({
        status: 400,
        body: { errors: { group: "groupNotEmpty" } },
      });
      expect(await del(students.id)).toMatchObject({ status: 200, body: { action: "deleted", key: "students" } });
      expect(await del(campaign.groupIds.mathematicians!)).toMatchObject({ status: 200 });
      expect((await listSignerGroups(getDb(), campaign.id)).map((g) => g.key)).toEqual(["journalists"]);
      expect((await del(students.id)).status).toBe(404);
      expect((await del("abc")).status).toBe(404);

      const actions = await auditActions(campaign.id);
      for (const action of ["groups.added", "groups.renamed", "groups.reordered", "groups.deleted"]) {
        expect(actions).toContain(action);
      }
      expect(actions.filter((a) => a === "groups.deleted")).toHaveLength(2);
    });

    it("lists each group with its signatures and labels", async () => {
      const campaign = await createCampaign(getDb());
      await addSignatures(getDb(), [signatureRow(campaign), signatureRow(campaign, { state: "hidden" })]);
      const token = await member(campaign.id, "editor");
      const page = await get("groups", campaign.slug, token);
      expect(page.status).toBe(200);
      expect(page.body.groups).toEqual([
        expect.objectContaining({ key: "mathematicians", signatures: 2, verified: 1, label: "Mathematicians" }),
        expect.objectContaining({ key: "journalists", signatures: 0, verified: 0 }),
      ]);
      expect(page.body.locales[0]).toMatchObject({ code: "en" });
    });
  });

  describe("delivery", () => {
    it("records the delivery with the list's SHA-256 and size, marks the campaign delivered, and takes a response later", async () => {
      const campaign = await createCampaign(getDb(), { status: "closed" });
      await addSignatures(getDb(), [
        signatureRow(campaign, { full_name: "Listed Person" }),
        signatureRow(campaign, { visibility: "initials" }),
        signatureRow(campaign, { visibility: "counted" }),
      ]);
      const token = await member(campaign.id, "editor");
      const expected = await deliveryEvidence({ campaignId: campaign.id, locale: "en" });

      const record = (form: Record<string, string>) => post("delivery", campaign.slug, token, { intent: "record", ...form });
      expect(await record({ deliveredOn: "2026-02-30", deliveredTo: "The Prosecutor" })).toMatchObject({
        status: 400,
        body: { errors: { deliveredOn: "date" } },
      });
      expect(await record({ deliveredOn: "yesterday", deliveredTo: "" })).toMatchObject({
        status: 400,
        body: { errors: { deliveredOn: "date", deliveredTo: "required" } },
      });
      expect(await post("delivery", campaign.slug, token, { intent: "response", response: "Too early" })).toMatchObject(
        { status: 400, body: { kind: "refused", status: "closed" } },
      );

      const done = await record({ deliveredOn: "2026-05-01", deliveredTo: "The Prosecutor General" });
      expect(done).toMatchObject({ status: 200, body: { kind: "delivered", sha256: expected.sha256, rows: 2 } });
      expect(expected.sha256).toMatch(/^[0-9a-f]{64}$/);
      const stored = await getDb()
        .selectFrom("campaigns")
        .select([
          "status",
          "delivered_on",
          "delivered_to",
          "delivery_response",
          "delivered_list_sha256",
          "delivered_list_rows",
          "delivered_list_locale",
        ])
        .where("id", "=", campaign.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({
        status: "delivered",
        delivered_on: "2026-05-01",
        delivered_to: "The Prosecutor General",
        delivery_response: null,
        delivered_list_sha256: expected.sha256,
        delivered_list_rows: 2,
        // No language chosen: the campaign's original.
        delivered_list_locale: "en",
      });
      const audit = (await listAudit(getDb(), campaign.id, 10)).find((a) => a.action === "campaign.delivered");
      expect(audit?.row_count).toBe(2);
      expect(parseDetails(audit?.details)).toMatchObject({ sha256: expected.sha256, on: "2026-05-01" });

      // Delivered once: no second record, no status change back, only the response.
      expect(await record({ deliveredOn: "2026-06-01", deliveredTo: "Someone else" })).toMatchObject({
        status: 400,
        body: { kind: "refused", status: "delivered" },
      });
      expect((await post("settings", campaign.slug, token, { intent: "status", to: "open" })).status).toBe(400);
      await addSignatures(getDb(), [signatureRow(campaign, { full_name: "Late Signer" })]);
      const response = await post("delivery", campaign.slug, token, {
        intent: "response",
        response: "The office acknowledged receipt.",
      });
      expect(response).toMatchObject({ status: 200, body: { kind: "responseSaved" } });
      const page = await get("delivery", campaign.slug, token);
      expect(page.body).toMatchObject({
        status: "delivered",
        canRecord: false,
        record: {
          on: "2026-05-01",
          to: "The Prosecutor General",
          response: "The office acknowledged receipt.",
          sha256: expected.sha256,
          rows: 2,
          locale: "en",
        },
      });
      expect(await auditActions(campaign.id)).toContain("campaign.delivery_response_saved");
    });

    it("fingerprints the publication list in the language the organizer chose, and says which", async () => {
      const campaign = await createCampaign(getDb(), { status: "open" });
      await addSignatures(getDb(), [
        signatureRow(campaign, { full_name: "Listed Person" }),
        signatureRow(campaign, { visibility: "anonymous", country: "RU" }),
        signatureRow(campaign, { visibility: "counted" }),
      ]);
      const token = await member(campaign.id, "owner");
      const english = await deliveryEvidence({ campaignId: campaign.id, locale: "en" });
      const russian = await deliveryEvidence({ campaignId: campaign.id, locale: "ru" });
      // The same list in two languages has two fingerprints: that is why the language is kept.
      expect(russian.sha256).not.toBe(english.sha256);

      // The form offers the original language first.
      expect((await get("delivery", campaign.slug, token)).body).toMatchObject({
        canonicalLocale: "en",
        values: { listLocale: "en" },
      });
      const record = (form: Record<string, string>) =>
        post("delivery", campaign.slug, token, {
          intent: "record",
          deliveredOn: "2026-05-01",
          deliveredTo: "Генеральная прокуратура",
          ...form,
        });
      expect(await record({ listLocale: "xx" })).toMatchObject({ status: 400, body: { errors: { listLocale: "invalid" } } });
      expect(await record({ listLocale: "ru" })).toMatchObject({
        status: 200,
        body: { kind: "delivered", sha256: russian.sha256, rows: 2, locale: "ru" },
      });
      const stored = await getDb()
        .selectFrom("campaigns")
        .select(["delivered_list_sha256", "delivered_list_locale"])
        .where("id", "=", campaign.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ delivered_list_sha256: russian.sha256, delivered_list_locale: "ru" });
      expect((await get("delivery", campaign.slug, token)).body).toMatchObject({
        record: { sha256: russian.sha256, locale: "ru" },
      });
      const audit = (await listAudit(getDb(), campaign.id, 10)).find((a) => a.action === "campaign.delivered");
      expect(parseDetails(audit?.details)).toMatchObject({ sha256: russian.sha256, locale: "ru" });
    });

    it("refuses to deliver a draft", async () => {
      const campaign = await createCampaign(getDb(), { status: "draft" });
      const token = await member(campaign.id, "owner");
      const result = await post("delivery", campaign.slug, token, {
        intent: "record",
        deliveredOn: "2026-05-01",
        deliveredTo: "The Prosecutor",
      });
      expect(result).toMatchObject({ status: 400, body: { kind: "refused", status: "draft" } });
      const row = await getDb()
        .selectFrom("campaigns")
        .select(["status", "delivered_list_sha256"])
        .where("id", "=", campaign.id)
        .executeTakeFirst();
      expect(row).toEqual({ status: "draft", delivered_list_sha256: null });
      expect((await get("delivery", campaign.slug, token)).body).toMatchObject({ canRecord: false, record: null });
    });
  });

  describe("access and input", () => {
    /** One valid form per page, so that a refusal cannot be a form error in disguise. */
    function validForms(campaign: { slug: string; groupIds: Record<string, number> }) {
      return {
        settings: [
          { intent: "save", slug: campaign.slug, kind: "petition", goal: "10" },
          { intent: "status", to: "closed" },
        ],
        groups: [
          { intent: "add", key: "intruders", "label.en": "Intruders" },
          { intent: "rename", group: String(campaign.groupIds.journalists), "label.en": "Hacked" },
          { intent: "move", group: String(campaign.groupIds.journalists), direction: "up" },
          { intent: "delete", group: String(campaign.groupIds.journalists) },
          {
            intent: "merge",
            from: String(campaign.groupIds.mathematicians),
            into: String(campaign.groupIds.journalists),
          },
        ],
        delivery: [{ intent: "record", deliveredOn: "2026-05-01", deliveredTo: "Nobody" }],
      } satisfies Record<PageName, Record<string, string>[]>;
    }

    it("answers 404 to viewers, moderators and members of another campaign, on every page and action", async () => {
      const campaign = await createCampaign(getDb());
      const foreign = await createCampaign(getDb());
      const tokens = {
        viewer: await member(campaign.id, "viewer"),
        moderator: await member(campaign.id, "moderator"),
        foreignOwner: await member(foreign.id, "owner"),
      };
      for (const [who, token] of Object.entries(tokens)) {
        for (const [page, forms] of Object.entries(validForms(campaign)) as [PageName, Record<string, string>[]][]) {
          expect((await get(page, campaign.slug, token)).status, `${who} GET ${page}`).toBe(404);
          for (const form of forms) {
            expect((await post(page, campaign.slug, token, form)).status, `${who} ${page} ${form.intent}`).toBe(404);
          }
        }
        expect((await postNew(token, newForm())).status, `${who} new`).toBe(404);
      }
      // Nothing changed.
      const row = await getDb()
        .selectFrom("campaigns")
        .select(["kind", "status", "goal"])
        .where("id", "=", campaign.id)
        .executeTakeFirst();
      expect(row).toEqual({ kind: "open_letter", status: "open", goal: 1000 });
      expect((await listSignerGroups(getDb(), campaign.id)).map((g) => g.labels.map((l) => l.label))).toEqual([
        ["Mathematicians", "Математики"],
        ["Journalists"],
      ]);
      expect(await auditActions(campaign.id)).toEqual([]);
    });

    it("refuses cross-origin posts with 403, before anything else", async () => {
      const campaign = await createCampaign(getDb());
      const owner = await member(campaign.id, "owner");
      for (const [page, forms] of Object.entries(validForms(campaign)) as [PageName, Record<string, string>[]][]) {
        for (const form of forms) {
          const result = await post(page, campaign.slug, owner, form, "https://evil.example");
          expect(result.status, `${page} ${form.intent}`).toBe(403);
        }
      }
      expect((await postNew(adminToken, newForm(), "https://evil.example")).status).toBe(403);
      expect(await auditActions(campaign.id)).toEqual([]);
      expect((await listSignerGroups(getDb(), campaign.id)).map((g) => g.key)).toEqual(["mathematicians", "journalists"]);
    });

    it("answers empty, partial or nonsensical forms with 400 and never 500", async () => {
      const campaign = await createCampaign(getDb());
      const owner = await member(campaign.id, "owner");
      const group = String(campaign.groupIds.journalists);
      const cases: [PageName, Record<string, string>][] = [
        ["settings", {}],
        ["settings", { intent: "dance" }],
        ["settings", { intent: "save" }],
        ["settings", { intent: "status" }],
        ["groups", {}],
        ["groups", { intent: "add" }],
        ["groups", { intent: "rename", group }],
        ["groups", { intent: "move", group }],
        ["delivery", {}],
        ["delivery", { intent: "record" }],
        ["delivery", { intent: "record", deliveredOn: "2026-13-01", deliveredTo: "x".repeat(301) }],
      ];
      for (const [page, form] of cases) {
        const result = await post(page, campaign.slug, owner, form);
        expect(result.status, `${page} ${JSON.stringify(form)}`).toBe(400);
        expect(result.body?.kind, `${page} ${JSON.stringify(form)}`).toMatch(/^(invalid|refused)$/);
      }
      expect((await postNew(adminToken, {})).status).toBe(400);
      expect(await auditActions(campaign.id)).toEqual([]);
    });
  });
});
