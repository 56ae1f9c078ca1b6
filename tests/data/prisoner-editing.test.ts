import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES, type MemberRole } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { addMember, upsertOrganizer } from "~/models/organizer.server";
import * as mediaRoute from "~/routes/media-prisoner-photo";
import * as newRoute from "~/routes/organizer-prisoner-new";
import * as editorRoute from "~/routes/organizer-prisoner";
import * as listRoute from "~/routes/organizer-prisoners";
import { SESSION_COOKIE } from "~/http/organizer-access.server";
import { PHOTO_FILE_PATTERN } from "~/services/photos.server";
import { loadCampaignPage, loadPrisonerPage } from "~/services/public-pages.server";
import { resetConfig } from "~/utils/env.server";
import { createCampaign, createPrisoner } from "../factories";
import { APP, get, post, run, signedIn, uniqueEmail } from "../organizer-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";

function upload(pathname: string, token: string, file: Uint8Array, name: string, type: string, origin = APP): Request {
  const form = new FormData();
  form.set("intent", "photo");
  form.set("photo", new File([new Uint8Array(file)], name, { type }));
  return new Request(`${APP}${pathname}`, {
    method: "POST",
    headers: { Cookie: `${SESSION_COOKIE}=${token}`, Origin: origin },
    body: form,
  });
}

/** A 1600×1000 photo taken "sideways" (EXIF orientation 6) with metadata that must not survive. */
async function cameraPng(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .png()
    .withExif({ IFD0: { Copyright: "Secret photographer", ImageDescription: "GPS 55.7558N 37.6173E" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const detailsForm = (overrides: Record<string, string> = {}) => ({
  intent: "details",
  status: "sentenced",
  bornOn: "1980-05-04",
  detainedOn: "2021-03-02",
  "name.en": "Anna Example",
  "summary.en": "A physicist.",
  "bio.en": "Born in **Tomsk**.",
  "facility.en": "Penal colony No. 1",
  "status.en": "original",
  ...overrides,
});

describe("orgPrisoners error messages", () => {
  it("exist in every language, differently worded from the key", () => {
    for (const code of ["required", "tooLong", "slugFormat", "slugTaken", "date", "future", "oneName", "eventText"]) {
      const english = getFixedT("en", "orgPrisoners")(`errors.${code}`, { max: 5 });
      for (const locale of LOCALES) {
        const message = getFixedT(locale, "orgPrisoners")(`errors.${code}`, { max: 5 });
        expect(message).not.toContain("errors.");
        if (locale !== "en") expect(message, `${locale} ${code}`).not.toBe(english);
      }
    }
  });
});

describeEachDatabase("prisoner editing", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  let dataDir = "";
  const previousDataDir = process.env.DATA_DIR;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-photos-"));
    process.env.DATA_DIR = dataDir;
    resetConfig();
  });
  afterAll(() => {
    process.env.DATA_DIR = previousDataDir;
    resetConfig();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  /** The stored image behind a prisoner's photo (from the database, never the disk). */
  async function storedPhoto(prisonerId: number): Promise<{ sha256: string; data: Buffer }> {
    const row = await getDb()
      .selectFrom("prisoners as p")
      .innerJoin("media as m", "m.sha256", "p.photo_sha256")
      .select(["m.sha256", "m.data"])
      .where("p.id", "=", prisonerId)
      .executeTakeFirstOrThrow();
    return { sha256: row.sha256, data: Buffer.from(row.data) };
  }
  async function mediaRows(sha256: string): Promise<number> {
    const rows = await getDb().selectFrom("media").select("sha256").where("sha256", "=", sha256).execute();
    return rows.length;
  }

  /** A new organizer (an admin, and/or a member of campaigns), signed in with both factors; the session token. */
  async function organizer(opts: { admin?: boolean; member?: [number, MemberRole][] } = {}): Promise<string> {
    const db = getDb();
    const o = await upsertOrganizer(db, { email: uniqueEmail("org"), isAdmin: Boolean(opts.admin) });
    for (const [campaignId, role] of opts.member ?? []) await addMember(db, campaignId, o.id, role);
    return signedIn(db, o.id);
  }

  /** A prisoner, a campaign about them, and an unrelated campaign. */
  async function scene() {
    const db = getDb();
    const prisoner = await createPrisoner(db, { name: "Anna Example" });
    const campaign = await createCampaign(db, { prisonerIds: [prisoner.id] });
    const unrelated = await createCampaign(db);
    return { prisoner, campaign, unrelated, url: `/organizer/prisoners/${prisoner.slug}` };
  }

  const editorArgs = (slug: string) => ({ slug });

  async function photoPath(prisonerId: number): Promise<string | null> {
    const row = await getDb()
      .selectFrom("prisoners")
      .select("photo_path")
      .where("id", "=", prisonerId)
      .executeTakeFirstOrThrow();
    return row.photo_path;
  }

  async function auditActions(subjectType: string, subjectId: number) {
    const rows = await getDb()
      .selectFrom("audit_entries")
      .select(["action", "campaign_id", "details"])
      .where("subject_type", "=", subjectType)
      .where("subject_id", "=", String(subjectId))
      .orderBy("id")
      .execute();
    for (const r of rows) expect(r.campaign_id).toBeNull();
    return rows.map((r) => r.action);
  }

  it("lets admins and owners/editors of a linked campaign edit; others get 404", async () => {
    const { prisoner, campaign, unrelated, url } = await scene();
    const allowed = {
      admin: await organizer({ admin: true }),
      owner: await organizer({ member: [[campaign.id, "owner"]] }),
      editor: await organizer({ member: [[campaign.id, "editor"]] }),
    };
    const refused = {
      foreignOwner: await organizer({ member: [[unrelated.id, "owner"]] }),
      moderator: await organizer({ member: [[campaign.id, "moderator"]] }),
      viewer: await organizer({ member: [[campaign.id, "viewer"]] }),
    };
    for (const [who, token] of Object.entries(allowed)) {
      const page = await run(editorRoute.loader, get(url, token), editorArgs(prisoner.slug));
      expect(page.status, who).toBe(200);
      expect(page.body).toMatchObject({ slug: prisoner.slug, texts: { en: { exists: true }, ru: { exists: false } } });
      const saved = await run(
        editorRoute.action,
        post(url, token, detailsForm({ "name.en": `Anna (${who})` })),
        editorArgs(prisoner.slug),
      );
      expect(saved, who).toMatchObject({ status: 200, body: { kind: "saved", intent: "details" } });
    }
    for (const [who, token] of Object.entries(refused)) {
      expect((await run(editorRoute.loader, get(url, token), editorArgs(prisoner.slug))).status, who).toBe(404);
      const attempt = await run(
        editorRoute.action,
        post(url, token, detailsForm({ "name.en": "Hacked" })),
        editorArgs(prisoner.slug),
      );
      expect(attempt.status, who).toBe(404);
      const photo = await run(
        editorRoute.action,
        upload(url, token, await cameraPng(), "p.png", "image/png"),
        editorArgs(prisoner.slug),
      );
      expect(photo.status, who).toBe(404);
    }
    expect((await loadPrisonerPage(prisoner.slug, "en"))?.prisoner.name).toBe("Anna (editor)");
    expect(await photoPath(prisoner.id)).toBeNull();
    // Unknown prisoners are the same 404, even for an admin.
    expect((await run(editorRoute.loader, get("/organizer/prisoners/nobody", allowed.admin), { slug: "nobody" })).status).toBe(404);

    // The list: each organizer sees what they may edit.
    const other = await createPrisoner(getDb(), { name: "Someone Else" });
    const list = async (token: string) =>
      (await run(listRoute.loader, get("/organizer/prisoners", token))).body as {
        canCreate: boolean;
        prisoners: { slug: string; name: string }[];
      };
    const adminList = await list(allowed.admin);
    expect(adminList.canCreate).toBe(true);
    expect(adminList.prisoners.map((p) => p.slug)).toEqual(expect.arrayContaining([prisoner.slug, other.slug]));
    const ownerList = await list(allowed.owner);
    expect(ownerList.prisoners.map((p) => p.slug)).toEqual([prisoner.slug]);
    expect(ownerList.prisoners[0]?.name).toBe("Anna (editor)");
    expect((await list(refused.foreignOwner)).prisoners).toEqual([]);
    expect(await list(refused.moderator)).toEqual({ canCreate: false, prisoners: [] });
  });

  it("creates prisoners for admins and campaign owners/editors only, linked so the creator can edit", async () => {
    const { campaign, unrelated } = await scene();
    const owner = await organizer({ member: [[campaign.id, "owner"]] });
    const moderator = await organizer({ member: [[campaign.id, "moderator"]] });
    const admin = await organizer({ admin: true });
    const slug = `new-${Math.random().toString(36).slice(2, 8)}`;
    const form = { slug, status: "detained", locale: "ru", name: "Иван Петров", campaign: String(campaign.id) };

    expect((await run(newRoute.loader, get("/organizer/prisoners/new", moderator))).status).toBe(404);
    expect((await run(newRoute.action, post("/organizer/prisoners/new", moderator, form))).status).toBe(404);
    expect((await run(newRoute.action, post("/organizer/prisoners/new", owner, form, "https://evil.example"))).status).toBe(403);

    const foreign = await run(
      newRoute.action,
      post("/organizer/prisoners/new", owner, { ...form, campaign: String(unrelated.id) }),
    );
    expect(foreign).toMatchObject({ status: 400, body: { kind: "invalid", errors: { campaign: "invalid" } } });
    const bad = await run(
      newRoute.action,
      post("/organizer/prisoners/new", owner, { ...form, slug: "Not a slug!", name: " ", status: "free" }),
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { kind: "invalid", errors: { slug: "slugFormat", name: "required", status: "invalid" } },
    });
    expect((bad.body as { values: Record<string, string> }).values.slug).toBe("Not a slug!");

    const created = await run(newRoute.action, post("/organizer/prisoners/new", owner, form));
    expect(created).toMatchObject({ status: 302, location: `/organizer/prisoners/${slug}` });
    const page = await run(editorRoute.loader, get(`/organizer/prisoners/${slug}`, owner), { slug });
    expect(page.body).toMatchObject({ status: "detained", texts: { ru: { name: "Иван Петров", status: "original" } } });
    expect((await loadCampaignPage(campaign.slug, "ru"))?.campaign.prisoners.map((p) => p.slug)).toContain(slug);

    const taken = await run(newRoute.action, post("/organizer/prisoners/new", admin, { ...form, campaign: "" }));
    expect(taken).toMatchObject({ status: 400, body: { errors: { slug: "slugTaken" } } });
    const adminSlug = `${slug}-2`;
    const byAdmin = await run(newRoute.action, post("/organizer/prisoners/new", admin, { ...form, slug: adminSlug, campaign: "" }));
    expect(byAdmin.status).toBe(302);
    const id = (await getDb().selectFrom("prisoners").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
    expect(await auditActions("prisoner", id)).toEqual(["prisoner.created"]);
  });

  it("saves the texts per language, removes emptied languages, and refuses bad input with 400", async () => {
    const { prisoner, campaign, url } = await scene();
    const token = await organizer({ member: [[campaign.id, "editor"]] });
    const args = editorArgs(prisoner.slug);
    const saved = await run(
      editorRoute.action,
      post(
        url,
        token,
        detailsForm({
          "name.ru": "Анна Пример",
          "summary.ru": "Физик.",
          "status.ru": "reviewed",
          "name.de": "Anna Beispiel",
          "bio.de": "Geboren in Tomsk.",
          "status.de": "machine",
        }),
      ),
      args,
    );
    expect(saved.status).toBe(200);
    const rows = await getDb()
      .selectFrom("prisoner_translations")
      .select(["locale", "name", "summary", "bio", "facility", "status"])
      .where("prisoner_id", "=", prisoner.id)
      .orderBy("locale")
      .execute();
    expect(rows).toEqual([
      { locale: "de", name: "Anna Beispiel", summary: "", bio: "Geboren in Tomsk.", facility: null, status: "machine" },
      {
        locale: "en",
        name: "Anna Example",
        summary: "A physicist.",
        bio: "Born in **Tomsk**.",
        facility: "Penal colony No. 1",
        status: "original",
      },
      { locale: "ru", name: "Анна Пример", summary: "Физик.", bio: "", facility: null, status: "reviewed" },
    ]);
    const ru = await loadPrisonerPage(prisoner.slug, "ru");
    expect(ru?.prisoner).toMatchObject({ name: "Анна Пример", status: "sentenced", bornOn: "1980-05-04", fallback: false });
    expect((await loadPrisonerPage(prisoner.slug, "en"))?.prisoner.bioHtml).toContain("<strong>Tomsk</strong>");

    // German left empty: removed. Russian kept.
    await run(editorRoute.action, post(url, token, detailsForm({ "name.ru": "Анна Пример", "status.ru": "reviewed" })), args);
    const locales = await getDb()
      .selectFrom("prisoner_translations")
      .select("locale")
      .where("prisoner_id", "=", prisoner.id)
      .orderBy("locale")
      .execute();
    expect(locales.map((l) => l.locale)).toEqual(["en", "ru"]);

    const bad = await run(
      editorRoute.action,
      post(
        url,
        token,
        detailsForm({
          status: "free",
          bornOn: "1980-02-30",
          detainedOn: "2999-01-01",
          "name.en": "x".repeat(201),
          "summary.fr": "Sans nom.",
          "status.fr": "reviewed",
        }),
      ),
      args,
    );
    expect(bad.status).toBe(400);
    const body = bad.body as { kind: string; errors: Record<string, string>; values: Record<string, string> };
    expect(body).toMatchObject({
      kind: "invalid",
      errors: { status: "invalid", bornOn: "date", detainedOn: "future", "name.en": "tooLong", "name.fr": "required" },
    });
    expect(body.values["summary.fr"]).toBe("Sans nom.");
    for (const code of Object.values(body.errors)) {
      const ru = getFixedT("ru", "orgPrisoners")(`errors.${code}`, { max: 200 });
      expect(ru).not.toMatch(/errors\./);
      expect(ru).not.toBe(getFixedT("en", "orgPrisoners")(`errors.${code}`, { max: 200 }));
    }
    expect(getFixedT("ru", "orgPrisoners")("errors.tooLong", { max: 200 })).toContain("200");

    const nameless = await run(
      editorRoute.action,
      post(url, token, detailsForm({ "name.en": "", "summary.en": "", "bio.en": "", "facility.en": "" })),
      args,
    );
    expect(nameless).toMatchObject({ status: 400, body: { errors: { names: "oneName" } } });
    expect((await loadPrisonerPage(prisoner.slug, "en"))?.prisoner).toMatchObject({ name: "Anna Example", status: "sentenced" });
    expect(await auditActions("prisoner", prisoner.id)).toEqual(["prisoner.saved", "prisoner.saved"]);

    const crossSite = await run(editorRoute.action, post(url, token, detailsForm({ "name.en": "Evil" }), "https://evil.example"), args);
    expect(crossSite.status).toBe(403);
    expect((await loadPrisonerPage(prisoner.slug, "en"))?.prisoner.name).toBe("Anna Example");
  });

  it("adds, edits and deletes timeline events", async () => {
    const { prisoner, campaign, url } = await scene();
    const other = await createPrisoner(getDb());
    const token = await organizer({ member: [[campaign.id, "owner"]] });
    const args = editorArgs(prisoner.slug);
    const events = async () =>
      ((await run(editorRoute.loader, get(url, token), args)).body as {
        events: { id: number; occurredOn: string; texts: Record<string, string> }[];
      }).events;
    expect(await events()).toHaveLength(1); // the factory's arrest

    const added = await run(
      editorRoute.action,
      post(url, token, { intent: "event_add", occurredOn: "2022-06-01", "text.en": "Sentenced.", "text.ru": "Приговор." }),
      args,
    );
    expect(added).toMatchObject({ status: 200, body: { kind: "saved", intent: "event_add" } });
    const event = (await events()).find((e) => e.occurredOn === "2022-06-01")!;
    expect(event.texts).toEqual({ en: "Sentenced.", ru: "Приговор." });
    expect((await loadPrisonerPage(prisoner.slug, "ru"))?.events.map((e) => e.text)).toContain("Приговор.");

    const empty = await run(editorRoute.action, post(url, token, { intent: "event_add", occurredOn: "2022-06-02" }), args);
    expect(empty).toMatchObject({ status: 400, body: { errors: { text: "eventText" } } });
    // Hearings to come may be announced; a birth date in the future may not (see above).
    const hearing = await run(
      editorRoute.action,
      post(url, token, { intent: "event_add", occurredOn: "2099-01-10", "text.en": "Appeal hearing." }),
      args,
    );
    expect(hearing.status).toBe(200);
    expect((await events()).map((e) => e.occurredOn)).toContain("2099-01-10");
    const noDate = await run(editorRoute.action, post(url, token, { intent: "event_add", "text.en": "When?" }), args);
    expect(noDate).toMatchObject({ status: 400, body: { errors: { occurredOn: "required" } } });

    const edited = await run(
      editorRoute.action,
      post(url, token, {
        intent: "event_save",
        eventId: String(event.id),
        occurredOn: "2022-06-03",
        "text.en": "",
        "text.ru": "Приговор: 8 лет.",
        "text.fr": "Condamnée à 8 ans.",
      }),
      args,
    );
    expect(edited).toMatchObject({ status: 200, body: { kind: "saved", intent: "event_save" } });
    const changed = (await events()).find((e) => e.id === event.id)!;
    expect(changed).toEqual({ id: event.id, occurredOn: "2022-06-03", texts: { ru: "Приговор: 8 лет.", fr: "Condamnée à 8 ans." } });
    const invalidEdit = await run(
      editorRoute.action,
      post(url, token, { intent: "event_save", eventId: String(event.id), occurredOn: "2022-13-01", "text.en": "x".repeat(2001) }),
      args,
    );
    expect(invalidEdit).toMatchObject({
      status: 400,
      body: { eventId: event.id, errors: { occurredOn: "date", "text.en": "tooLong" } },
    });

    // Another prisoner's event, or nonsense ids: 404, nothing changes.
    const foreignEvent = (
      await getDb().selectFrom("prisoner_events").select("id").where("prisoner_id", "=", other.id).executeTakeFirstOrThrow()
    ).id;
    for (const eventId of [String(foreignEvent), "999999", "abc", "-1", ""]) {
      const save = await run(
        editorRoute.action,
        post(url, token, { intent: "event_save", eventId, occurredOn: "2020-01-01", "text.en": "Hijacked." }),
        args,
      );
      expect(save.status, `save ${eventId}`).toBe(404);
      const del = await run(editorRoute.action, post(url, token, { intent: "event_delete", eventId }), args);
      expect(del.status, `delete ${eventId}`).toBe(404);
    }
    expect((await loadPrisonerPage(other.slug, "en"))?.events.map((e) => e.text)).toEqual(["Arrested."]);

    const deleted = await run(editorRoute.action, post(url, token, { intent: "event_delete", eventId: String(event.id) }), args);
    expect(deleted).toMatchObject({ status: 200, body: { intent: "event_delete" } });
    expect((await events()).map((e) => e.id)).not.toContain(event.id);
    expect(await auditActions("prisoner_event", event.id)).toEqual([
      "prisoner.event_added",
      "prisoner.event_changed",
      "prisoner.event_deleted",
    ]);
  });

  it("stores uploaded photos as small WebP without metadata, serves them, and refuses non-images", async () => {
    const { prisoner, campaign, url } = await scene();
    const token = await organizer({ member: [[campaign.id, "editor"]] });
    const args = editorArgs(prisoner.slug);
    const original = await cameraPng();
    const before = await sharp(original).metadata();
    expect(before).toMatchObject({ format: "png", width: 1600, height: 1000, orientation: 6 });
    expect(before.exif?.toString("latin1")).toContain("Secret photographer");

    const result = await run(editorRoute.action, upload(url, token, original, "portrait.png", "image/png"), args);
    expect(result).toMatchObject({ status: 200, body: { kind: "saved", intent: "photo" } });
    const first = await photoPath(prisoner.id);
    expect(first).toMatch(PHOTO_FILE_PATTERN);
    expect(first?.startsWith(`${prisoner.id}-`)).toBe(true);
    const { sha256: firstSha, data: stored } = await storedPhoto(prisoner.id);
    expect(first).toBe(`${prisoner.id}-${firstSha.slice(0, 16)}.webp`);
    // Nothing on this instance's disk: another instance serves the same photo.
    expect(fs.existsSync(path.join(dataDir, "media"))).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe("webp");
    // Turned upright (the camera held it sideways) and fitted into 800×800.
    expect([meta.width, meta.height]).toEqual([500, 800]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.toString("latin1")).not.toContain("Secret photographer");

    // The public pages show it through the media route.
    const photoUrl = `/media/prisoners/${first}`;
    expect((await loadPrisonerPage(prisoner.slug, "en"))?.prisoner.photoUrl).toBe(photoUrl);
    expect((await loadCampaignPage(campaign.slug, "en"))?.campaign.prisoners.find((p) => p.slug === prisoner.slug)?.photoUrl).toBe(
      photoUrl,
    );
    const served = await mediaRoute.loader({ request: new Request(`${APP}${photoUrl}`), params: { file: first! }, context: {} });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/webp");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("ETag")).toBe(`"${firstSha}"`);
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);

    // A text file renamed .jpg: a localized 400, and the photo stays.
    const fake = await run(
      editorRoute.action,
      upload(url, token, new TextEncoder().encode("This is not a photo, honest.\n".repeat(20)), "photo.jpg", "image/jpeg"),
      args,
    );
    expect(fake).toMatchObject({ status: 400, body: { kind: "invalid", errors: { photo: "photoNotImage" } } });
    expect(getFixedT("de", "orgPrisoners")("errors.photoNotImage")).not.toBe(getFixedT("en", "orgPrisoners")("errors.photoNotImage"));
    // An SVG is an image sharp reads, but not one we take.
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect((await run(editorRoute.action, upload(url, token, svg, "x.svg", "image/svg+xml"), args)).status).toBe(400);
    // Too large: 413, never a 500.
    const huge = new Uint8Array(9 * 1024 * 1024).fill(7);
    const tooLarge = await run(editorRoute.action, upload(url, token, huge, "huge.jpg", "image/jpeg"), args);
    expect(tooLarge).toMatchObject({ status: 413, body: { errors: { photo: "photoTooLarge" } } });
    expect(await photoPath(prisoner.id)).toBe(first);
    // Cross-site uploads are refused before anything is read.
    const crossSite = await run(editorRoute.action, upload(url, token, original, "p.png", "image/png", "https://evil.example"), args);
    expect(crossSite.status).toBe(403);

    // A new photo replaces the old file.
    const second = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#225588" } }).jpeg().toBuffer();
    expect((await run(editorRoute.action, upload(url, token, second, "b.jpg", "image/jpeg"), args)).status).toBe(200);
    const next = await photoPath(prisoner.id);
    expect(next).toMatch(PHOTO_FILE_PATTERN);
    expect(next).not.toBe(first);
    expect(await mediaRows(firstSha)).toBe(0);
    const nextPhoto = await storedPhoto(prisoner.id);
    expect(await sharp(nextPhoto.data).metadata()).toMatchObject({ width: 300, height: 400 });
    const gone = await run(mediaRoute.loader, new Request(`${APP}/media/prisoners/${first}`), { file: first! });
    expect(gone.status).toBe(404);

    // Names that are not ours never reach the disk, even when a row names them.
    fs.writeFileSync(path.join(dataDir, "secret.webp"), "secret");
    const planted = await createPrisoner(getDb());
    await getDb()
      .updateTable("prisoners")
      .set({ photo_path: "../../secret.webp" })
      .where("id", "=", planted.id)
      .execute();
    for (const file of [
      "..%2F..%2Fsecret.webp",
      "../../secret.webp",
      "..\\secret.webp",
      `${next}/../../../secret.webp`,
      `/${next}`,
      `${next}%00`,
      "1-0123456789abcdef.webp",
      "0-0123456789abcdef.webp",
      "1-0123456789ABCDEF.webp",
      "",
    ]) {
      const got = await run(mediaRoute.loader, new Request(`${APP}/media/prisoners/x`), { file });
      expect(got.status, file).toBe(404);
    }

    // Removing the photo deletes the file.
    const removed = await run(editorRoute.action, post(url, token, { intent: "photo_remove" }), args);
    expect(removed).toMatchObject({ status: 200, body: { intent: "photo_remove" } });
    expect(await photoPath(prisoner.id)).toBeNull();
    expect(await mediaRows(nextPhoto.sha256)).toBe(0);
    expect((await loadPrisonerPage(prisoner.slug, "en"))?.prisoner.photoUrl).toBeNull();
    expect(await auditActions("prisoner", prisoner.id)).toEqual([
      "prisoner.photo_changed",
      "prisoner.photo_changed",
      "prisoner.photo_changed",
    ]);
  });
});
