import ExcelJS from "exceljs";
import { sql } from "kysely";
import sharp from "sharp";
import { beforeAll, expect, it } from "vitest";
import { LETTER_STATES } from "~/domain/letters";
import type { MemberRole } from "~/domain/vocab";
import { addMember, upsertOrganizer } from "~/models/organizer.server";
import { actOnBatch, batchPlainText, createBatch, loadBatchPrint } from "~/services/letters-batches.server";
import { exportLetters } from "~/services/letters-export.server";
import { loadPrisonerLetters } from "~/services/letters-public.server";
import { actOnLetter, loadLetter, loadLetterQueue } from "~/services/letters-queue.server";
import { findScan, recordReply } from "~/services/letters-replies.server";
import { confirmLetterEmail, describeLetterToken, submitLetter } from "~/services/letters-writing.server";
import { findCampaignAccess, type CampaignAccess } from "~/services/organizer-sessions.server";
import { createCampaign, createPrisoner } from "../factories";
import { addLetter, openLetters, tinyPng, validLetter, writeForm } from "../letters-helpers";
import { uniqueEmail } from "../organizer-helpers";
import { freshIps, queuedMails } from "../signing-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";

const freshIp = freshIps(77);

describeEachDatabase("letters to prisoners", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  let prisoner: { id: number; slug: string };
  let closed: { id: number; slug: string };
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let foreign: Awaited<ReturnType<typeof createCampaign>>;
  const as = {} as Record<MemberRole | "stranger", CampaignAccess>;

  async function accessAs(role: MemberRole, campaignSlug: string, campaignId: number): Promise<CampaignAccess> {
    const o = await upsertOrganizer(getDb(), { email: uniqueEmail(role), isAdmin: false });
    await addMember(getDb(), campaignId, o.id, role);
    const access = await findCampaignAccess(
      { id: o.id, email: `${role}@example.org`, locale: "en", isAdmin: false },
      campaignSlug,
      "translate",
    );
    return access ?? ({ organizer: { id: o.id, email: "", locale: "en", isAdmin: false }, campaign: { id: campaignId, slug: campaignSlug, canonicalLocale: "en" }, role } as CampaignAccess);
  }

  beforeAll(async () => {
    const db = getDb();
    prisoner = await createPrisoner(db, { name: "Azat Example" });
    closed = await createPrisoner(db, { name: "Closed Example" });
    campaign = await createCampaign(db);
    foreign = await createCampaign(db);
    await db.insertInto("campaign_prisoners").values({ campaign_id: campaign.id, prisoner_id: prisoner.id }).execute();
    await openLetters(db, prisoner.id);
    await openLetters(db, closed.id, { accepting: false });
    await db
      .insertInto("prisoner_letter_texts")
      .values({ prisoner_id: closed.id, locale: "fr", closed_reason: "transféré, nouvelle adresse inconnue" })
      .execute();
    for (const role of ["owner", "editor", "moderator", "viewer", "translator"] as const) {
      as[role] = await accessAs(role, campaign.slug, campaign.id);
    }
    as.stranger = await accessAs("owner", foreign.slug, foreign.id);
  });

  async function lettersOf(prisonerId: number) {
    return getDb().selectFrom("letters").selectAll().where("prisoner_id", "=", prisonerId).orderBy("id").execute();
  }

  async function write(overrides: Record<string, string> = {}, slug = prisoner.slug, locale: "fr" | "en" = "fr") {
    return submitLetter(slug, locale, writeForm(validLetter(overrides)), freshIp());
  }

  it("mirrors the letter states in a CHECK constraint", async () => {
    const { rows } = await sql<{ def: string }>`
      select pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_class t on t.oid = c.conrelid
      where t.relname = 'letters' and c.contype = 'c'`.execute(getDb());
    const def = rows.map((r) => r.def).find((d) => /\bstate\b/.test(d) && d.includes("ANY"))!;
    expect([...def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]).sort()).toEqual([...LETTER_STATES].sort());
  });

  it("stores a written letter, flags it, and mails a confirmation in the writer's language", async () => {
    const before = (await queuedMails(getDb())).length;
    const fields = validLetter({ body: "Cher Azat, je pense à vous malgré la guerre.", publishConsent: "on" });
    const result = await submitLetter(prisoner.slug, "fr", writeForm(fields), freshIp());
    expect(result).toEqual({ kind: "accepted", confirmMailed: true });
    const row = (await lettersOf(prisoner.id)).at(-1)!;
    expect(row).toMatchObject({
      state: "submitted",
      language: "fr",
      locale: "fr",
      writer_name: "Claire",
      writer_country: "FR",
      writer_email: fields.email,
      publish_consent: true,
      flags: ["guerre"],
      email_confirmed_at: null,
    });
    const mails = await queuedMails(getDb());
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to).toBe(fields.email);
    expect(mail.subject).toContain("Merci de confirmer votre adresse");
    const token = /\/fr\/letters\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();

    // The mailed link shows a button; only pressing it confirms, and fifty presses confirm once.
    expect(await describeLetterToken(token!, "fr")).toEqual({
      status: "ready",
      prisonerName: "Azat Example",
      prisonerSlug: prisoner.slug,
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => confirmLetterEmail(token!, "fr")));
    expect(results.every((r) => r.status === "confirmed")).toBe(true);
    const confirmed = await getDb().selectFrom("letters").select("email_confirmed_at").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(confirmed.email_confirmed_at).toBeInstanceOf(Date);
    expect((await confirmLetterEmail("x".repeat(43), "fr")).status).toBe("invalid");
  });

  it("takes a letter without an address and sends no mail", async () => {
    const before = (await queuedMails(getDb())).length;
    expect(await write({ email: "" })).toEqual({ kind: "accepted", confirmMailed: false });
    expect(await queuedMails(getDb())).toHaveLength(before);
    expect((await lettersOf(prisoner.id)).at(-1)!.writer_email).toBeNull();
  });

  it("refuses bad input with a code per field and stores nothing", async () => {
    const count = (await lettersOf(prisoner.id)).length;
    const cases: [Record<string, string>, string, string][] = [
      [{ body: "" }, "body", "required"],
      [{ body: "x".repeat(3001) }, "body", "tooLongForPrisoner"],
      [{ body: "=HYPERLINK(\"http://evil\")" }, "body", "formulaStart"],
      [{ writerName: "Cl\u202Eaire" }, "writerName", "invisibleCharacters"],
      [{ writerName: "1234" }, "writerName", "nameNeedsLetters"],
      [{ writerName: "Claire\nDupont" }, "writerName", "lineBreak"],
      [{ country: "XX" }, "country", "countryRequired"],
      [{ language: "it" }, "language", "languageRequired"],
      [{ email: "not an address" }, "email", "emailInvalid"],
      [{ consent: "" }, "consent", "consentRequired"],
    ];
    for (const [overrides, field, code] of cases) {
      const result = await write(overrides);
      expect(result.kind, JSON.stringify(overrides)).toBe("invalid");
      if (result.kind === "invalid") expect(result.reply.error?.[field], field).toEqual([code]);
    }
    // A language the prisoner's settings do not accept.
    await openLetters(getDb(), prisoner.id, { accepted_languages: ["ru", "en"] });
    const refused = await write({ language: "fr" });
    expect(refused.kind === "invalid" && refused.reply.error?.language).toEqual(["languageNotAccepted"]);
    await openLetters(getDb(), prisoner.id);
    expect((await lettersOf(prisoner.id)).length).toBe(count);
  });

  it("refuses letters to a prisoner whose letters are closed, with the public reason", async () => {
    const result = await write({}, closed.slug);
    expect(result).toEqual({ kind: "closed", reason: "transféré, nouvelle adresse inconnue" });
    expect(await lettersOf(closed.id)).toHaveLength(0);
    expect(await write({}, "no-such-prisoner")).toEqual({ kind: "not-found" });
  });

  it("says yes to a bot filling the honeypot and stores nothing", async () => {
    const count = (await lettersOf(prisoner.id)).length;
    expect(await write({ website: "http://spam.example" })).toEqual({ kind: "accepted", confirmMailed: false });
    expect((await lettersOf(prisoner.id)).length).toBe(count);
  });

  it("moves a letter from submitted to answered, audited, and tells the writer in French with the reply", async () => {
    const fields = validLetter({ body: "Cher Azat, le lac est gelé ce matin." });
    await submitLetter(prisoner.slug, "fr", writeForm(fields), freshIp());
    const id = (await lettersOf(prisoner.id)).at(-1)!.id;
    const token = /\/letters\/confirm\/([A-Za-z0-9_-]{43})/.exec((await queuedMails(getDb())).at(-1)!.text)![1]!;
    await confirmLetterEmail(token, "fr");

    // A translator may not approve; a moderator may, once.
    expect(await actOnLetter(as.translator, id, { intent: "approve" })).toEqual({ kind: "forbidden" });
    expect(await actOnLetter(as.viewer, id, { intent: "approve" })).toEqual({ kind: "not-found" });
    const approvals = await Promise.all([
      actOnLetter(as.moderator, id, { intent: "approve" }),
      actOnLetter(as.moderator, id, { intent: "approve" }),
    ]);
    expect(approvals.map((a) => a.kind).sort()).toEqual(["done", "refused"]);

    // Posted as written only when written in the prison's language.
    expect(await actOnLetter(as.translator, id, { intent: "as_written" })).toEqual({
      kind: "refused",
      reason: "notRequiredLanguage",
    });
    // A machine translation cannot be batched until a person checked it.
    expect(
      await actOnLetter(as.translator, id, { intent: "translate", translation: "Дорогой Азат, озеро замёрзло.", kind: "machine" }),
    ).toEqual({ kind: "done", intent: "translate" });
    expect(await createBatch(as.editor, { prisonerId: prisoner.id, letterIds: [id], includeOriginal: true })).toEqual({
      kind: "refused",
      reason: "notReady",
    });
    expect(await actOnLetter(as.translator, id, { intent: "check" })).toEqual({ kind: "done", intent: "check" });
    expect(await actOnLetter(as.translator, id, { intent: "check" })).toEqual({ kind: "refused", reason: "state" });

    // Only editors batch; a translator cannot mark the post.
    expect(await actOnLetter(as.translator, id, { intent: "delivered" })).toEqual({ kind: "forbidden" });
    const batch = await createBatch(as.editor, { prisonerId: prisoner.id, letterIds: [id], includeOriginal: true });
    expect(batch.kind).toBe("created");
    const batchId = batch.kind === "created" ? batch.batchId : 0;

    // The print page and the plain text: the translation, the first name and country, never the address.
    const print = await loadBatchPrint(as.editor, batchId);
    expect(print?.pages).toHaveLength(1);
    expect(print!.pages[0]).toMatchObject({
      text: "Дорогой Азат, озеро замёрзло.",
      original: "Cher Azat, le lac est gelé ce matin.",
      signature: "Claire, Франция",
      nameLine: "Test Prisoner, 1990",
      replyRequest: "Пожалуйста, пишите ответ печатными буквами.",
    });
    expect(JSON.stringify(print)).not.toContain(fields.email);
    const text = await batchPlainText(as.editor, batchId);
    expect(text).toContain("Дорогой Азат, озеро замёрзло.");
    expect(text).not.toContain(fields.email);
    expect(text).not.toContain("@");

    // A reply before the batch left is refused; then it leaves on paper.
    expect(await recordReply(as.editor, { batchId }, { intent: "reply", receivedOn: "2026-12-01", text: "", passOn: false }, null)).toEqual({
      kind: "refused",
      reason: "state",
    });
    const posted = await actOnBatch(as.editor, batchId, {
      intent: "posted",
      method: "paper",
      postedOn: "2026-11-02",
      reference: "RA123456789RU",
      cost: 450,
      currency: "EUR",
    });
    expect(posted).toEqual({ kind: "done", intent: "posted", letters: 1 });
    const again = { intent: "posted" as const, method: "paper" as const, postedOn: "2026-11-02", reference: "", cost: null, currency: null };
    expect(await actOnBatch(as.editor, batchId, again)).toEqual({
      kind: "refused",
      reason: "state",
    });

    const before = (await queuedMails(getDb())).length;
    const reply = await recordReply(
      as.editor,
      { batchId },
      { intent: "reply", receivedOn: "2026-12-01", text: "Merci pour le lac gelé !", passOn: true },
      { bytes: await tinyPng(), size: 100 },
    );
    expect(reply).toMatchObject({ kind: "recorded", answered: 1, notified: 1 });
    const mails = await queuedMails(getDb());
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.to).toBe(fields.email);
    expect(mails.at(-1)!.subject).toBe("Azat Example a répondu");
    expect(mails.at(-1)!.text).toContain("Merci pour le lac gelé !");

    const row = await getDb().selectFrom("letters").select(["state", "batch_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "answered", batch_id: batchId });
    const audit = await getDb()
      .selectFrom("audit_entries")
      .select("action")
      .where("campaign_id", "=", campaign.id)
      .where((eb) => eb.or([eb("subject_id", "=", String(id)), eb("subject_type", "in", ["letter_batch", "letter_reply"])]))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "letters.approve",
        "letters.translate",
        "letters.check",
        "letters.batch_created",
        "letters.batch_posted",
        "letters.reply_recorded",
      ]),
    );

    // The scan is a WebP without metadata, served to the campaign's organizers only.
    if (reply.kind !== "recorded") throw new Error("no reply");
    const scan = await findScan(as.translator, reply.replyId);
    expect((await sharp(scan!).metadata()).format).toBe("webp");
    expect((await sharp(scan!).metadata()).exif).toBeUndefined();
    expect(await findScan(as.stranger, reply.replyId)).toBeNull();
  });

  it("refuses a letter with a reason the writer hears in their language, and never moves it again", async () => {
    await write({ email: "", body: "Hello from Boston" }, prisoner.slug, "en");
    const silent = (await lettersOf(prisoner.id)).at(-1)!.id;
    const before = (await queuedMails(getDb())).length;
    expect(await actOnLetter(as.moderator, silent, { intent: "reject", reason: "It names officials." })).toEqual({
      kind: "done",
      intent: "reject",
    });
    // No confirmed address: nobody to tell.
    expect(await queuedMails(getDb())).toHaveLength(before);
    expect(await actOnLetter(as.moderator, silent, { intent: "approve" })).toEqual({ kind: "refused", reason: "state" });
    const confirmedId = await addLetter(getDb(), prisoner.id, {
      writer_email: "writer-de@example.org",
      email_confirmed_at: new Date(),
      locale: "de",
    });
    await actOnLetter(as.moderator, confirmedId, { intent: "reject", reason: "Er spricht über den Prozess." });
    const mail = (await queuedMails(getDb())).at(-1)!;
    expect(mail.to).toBe("writer-de@example.org");
    expect(mail.subject).toBe("Ihr Brief an Azat Example wird nicht verschickt");
    expect(mail.text).toContain("Er spricht über den Prozess.");
  });

  it("filters the queue by state, language and flags, within the campaign's prisoners only", async () => {
    const flagged = await addLetter(getDb(), prisoner.id, { language: "en", body: "War is hell.", flags: ["war"] });
    const other = await createPrisoner(getDb());
    const elsewhere = await addLetter(getDb(), other.id, { body: "Not yours." });
    const all = await loadLetterQueue(as.translator, { state: null, prisoner: null, language: null, flagged: false, page: 1 }, "en");
    expect(all.letters.map((l) => l.id)).toContain(flagged);
    expect(all.letters.map((l) => l.id)).not.toContain(elsewhere);
    const onlyFlagged = await loadLetterQueue(as.translator, { state: null, prisoner: null, language: null, flagged: true, page: 1 }, "en");
    expect(onlyFlagged.letters.length).toBeGreaterThan(0);
    expect(onlyFlagged.letters.every((l) => l.flags.length > 0)).toBe(true);
    const english = await loadLetterQueue(as.translator, { state: "submitted", prisoner: null, language: "en", flagged: false, page: 1 }, "en");
    expect(english.letters.every((l) => l.language === "en" && l.state === "submitted")).toBe(true);
    expect(english.letters.map((l) => l.id)).toContain(flagged);
    expect(all.counts.submitted).toBeGreaterThan(0);

    // Another campaign's organizer sees nothing of these letters.
    const strangers = await loadLetterQueue(as.stranger, { state: null, prisoner: null, language: null, flagged: false, page: 1 }, "en");
    expect(strangers.letters).toEqual([]);
    expect(await loadLetter(as.stranger, flagged, "en")).toBeNull();
    expect(await actOnLetter(as.stranger, flagged, { intent: "approve" })).toEqual({ kind: "not-found" });
    expect(await loadLetter(as.owner, elsewhere, "en")).toBeNull();
  });

  it("shows writers' addresses to moderators and up only: never to translators, in their export, or in public", async () => {
    const id = await addLetter(getDb(), prisoner.id, {
      writer_email: "private-writer@example.org",
      email_confirmed_at: new Date(),
      body: "=cmd|' /C calc'!A0",
      publish_consent: true,
      public_excerpt: "Un extrait publié.",
    });
    expect((await loadLetter(as.translator, id, "en"))!.letter.email).toBeNull();
    expect((await loadLetter(as.moderator, id, "en"))!.letter.email).toBe("private-writer@example.org");

    const forTranslator = await exportLetters(as.translator, { format: "csv", bom: true, prisonerId: null });
    const csv = forTranslator.bytes.toString("utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).not.toContain("private-writer@example.org");
    expect(csv).not.toContain("writer_email");
    expect(csv).toContain("'=cmd|");
    const forEditor = await exportLetters(as.editor, { format: "xlsx", bom: false, prisonerId: prisoner.id });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(forEditor.bytes as unknown as ArrayBuffer);
    const cells = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
    expect(cells).toContain("private-writer@example.org");
    expect(forEditor.rows).toBeGreaterThan(0);
    const audit = await getDb()
      .selectFrom("audit_entries")
      .select(["row_count", "details"])
      .where("action", "=", "letters.exported")
      .where("campaign_id", "=", campaign.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.row_count).toBe(forEditor.rows);
    expect(audit.details).toMatchObject({ sha256: forEditor.sha256, addresses: true });

    const publicPage = await loadPrisonerLetters(prisoner.slug, "en");
    expect(JSON.stringify(publicPage)).not.toContain("@");
    expect(publicPage!.excerpts.map((e) => e.text)).toContain("Un extrait publié.");
    expect(publicPage!.written).toBeGreaterThan(0);
    expect(publicPage!.posted).toBeGreaterThan(0);
    expect(publicPage!.answered).toBeGreaterThan(0);
    expect(publicPage!.lastPostedOn).toBe("2026-11-02");
  });

  it("takes a letter out of a prepared batch, and moves a returned batch's letters back to be batched again", async () => {
    const ids = [
      await addLetter(getDb(), prisoner.id, { state: "translated", translation: "Привет", translation_kind: "human", translation_checked_at: new Date() }),
      await addLetter(getDb(), prisoner.id, { state: "translated", translation: "Привет!", translation_kind: "human", translation_checked_at: new Date() }),
    ];
    const batch = await createBatch(as.owner, { prisonerId: prisoner.id, letterIds: ids, includeOriginal: false });
    if (batch.kind !== "created") throw new Error("no batch");
    expect(await actOnBatch(as.owner, batch.batchId, { intent: "remove", letterId: ids[0]! })).toMatchObject({ kind: "done" });
    const state = async (id: number) =>
      (await getDb().selectFrom("letters").select(["state", "batch_id"]).where("id", "=", id).executeTakeFirstOrThrow());
    expect(await state(ids[0]!)).toEqual({ state: "translated", batch_id: null });
    await actOnBatch(as.owner, batch.batchId, { intent: "posted", method: "electronic", postedOn: "2026-11-05", reference: "", cost: null, currency: null });
    expect(await actOnBatch(as.owner, batch.batchId, { intent: "remove", letterId: ids[1]! })).toEqual({ kind: "refused", reason: "state" });
    expect(await actOnBatch(as.owner, batch.batchId, { intent: "returned", outcomeOn: "2026-11-20" })).toEqual({
      kind: "done",
      intent: "returned",
      letters: 1,
    });
    expect((await state(ids[1]!)).state).toBe("returned");
    // A returned letter may get a new text and go out again.
    expect(await actOnLetter(as.translator, ids[1]!, { intent: "translate", translation: "Привет ещё раз", kind: "human" })).toMatchObject({ kind: "done" });
    expect((await state(ids[1]!)).state).toBe("translated");
  });

  it("announces a birthday within 30 days on the prisoner's page", async () => {
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(5, 10);
    await openLetters(getDb(), prisoner.id, { birthday: soon });
    const page = await loadPrisonerLetters(prisoner.slug, "en");
    expect(page!.birthdayInDays).toBe(5);
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(5, 10);
    await openLetters(getDb(), prisoner.id, { birthday: later });
    expect((await loadPrisonerLetters(prisoner.slug, "en"))!.birthdayInDays).toBeNull();
  });
});
