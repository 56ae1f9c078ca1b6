import { beforeAll, expect, it } from "vitest";
import { renderMail } from "../../emails";
import { can, CAMPAIGN_ABILITIES } from "~/domain/permissions";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import * as batch from "~/routes/organizer-letters-batch";
import * as batchPrint from "~/routes/organizer-letters-batch-print";
import * as batchText from "~/routes/organizer-letters-batch-text";
import * as batches from "~/routes/organizer-letters-batches";
import * as letter from "~/routes/organizer-letters-letter";
import * as queue from "~/routes/organizer-letters";
import * as exportRoute from "~/routes/organizer-letters-export";
import * as scan from "~/routes/organizer-letters-scan";
import * as settings from "~/routes/organizer-letters-settings";
import * as overview from "~/routes/organizer-campaign";
import * as signatures from "~/routes/organizer-signatures";
import * as write from "~/routes/prisoner-write";
import { createCampaign, createPrisoner } from "../factories";
import { seedLetterRoutes } from "../letters-helpers";
import { get, post, run, signedInMember, type RouteFn } from "../organizer-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";

/**
 * The translator role: the letter queue and nothing else. The authorization matrix has no
 * translator person (its rows stay as they were); this file walks a translator through every
 * letter route and the campaign pages they must not see, on both databases.
 */

it("gives translators the translate ability only, and keeps every other ability as it was", () => {
  expect(can("translator", "translate")).toBe(true);
  for (const ability of ["view", "moderate", "edit", "manage"] as const) expect(can("translator", ability)).toBe(false);
  expect(CAMPAIGN_ABILITIES.view).toEqual(["owner", "editor", "moderator", "viewer"]);
  expect(CAMPAIGN_ABILITIES.translate).toEqual(["owner", "editor", "moderator", "translator"]);
});

it("renders the three letter mails in every language, with no missing strings and no raw markup", () => {
  for (const locale of SUPPORTED_LOCALES) {
    const mails = [
      renderMail("letter_confirmation", locale, {
        writerName: "Claire",
        prisonerName: "Azat",
        confirmUrl: "https://example.org/fr/letters/confirm/abc",
      }),
      renderMail("letter_rejected", locale, {
        writerName: "<Claire>",
        prisonerName: "Azat",
        reason: "It names the case.",
        writeUrl: "https://example.org/fr/prisoners/azat/write",
      }),
      renderMail("letter_reply", locale, {
        writerName: "Claire",
        prisonerName: "Azat",
        replyText: "Merci.\n\nÀ bientôt.",
        prisonerUrl: "https://example.org/fr/prisoners/azat",
      }),
    ];
    for (const mail of mails) {
      for (const part of [mail.subject, mail.html, mail.text]) expect(part, locale).not.toMatch(/mail\.|\{\{/);
      expect(mail.html).not.toContain("<Claire>");
      expect(mail.html).toContain(`lang="${locale}"`);
    }
  }
});

describeEachDatabase("letter routes for a translator", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  let slug = "";
  let prisonerSlug = "";
  let ids: { letterId: string; batchId: string; replyId: string };
  let translator = "";
  let viewer = "";
  let editor = "";
  let strangerEditor = "";

  beforeAll(async () => {
    const db = getDb();
    const prisoner = await createPrisoner(db, { name: "Route Prisoner" });
    const campaign = await createCampaign(db);
    const foreign = await createCampaign(db);
    await db.insertInto("campaign_prisoners").values({ campaign_id: campaign.id, prisoner_id: prisoner.id }).execute();
    slug = campaign.slug;
    prisonerSlug = prisoner.slug;
    translator = await signedInMember(db, campaign.id, "translator");
    viewer = await signedInMember(db, campaign.id, "viewer");
    editor = await signedInMember(db, campaign.id, "editor");
    strangerEditor = await signedInMember(db, foreign.id, "editor");
    const owner = await db.selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
    ids = await seedLetterRoutes(db, prisoner.id, owner.id);
  });

  const base = () => `/organizer/campaigns/${slug}/letters`;

  it("opens the queue, a letter and a reply's scan, and sees no writer's address", async () => {
    const list = await run<{ letters: { id: number }[] }>(queue.loader as RouteFn, get(base(), translator), { slug });
    expect(list.status).toBe(200);
    expect(list.body.letters.map((l) => l.id)).toContain(Number(ids.letterId));
    const page = await run<{ letter: { email: string | null } }>(letter.loader as RouteFn, get(`${base()}/${ids.letterId}`, translator), {
      slug,
      letterId: ids.letterId,
    });
    expect(page.status).toBe(200);
    expect(page.body.letter.email).toBeNull();
    const image = await run(scan.loader as RouteFn, get(`${base()}/replies/${ids.replyId}/scan`, translator), {
      slug,
      replyId: ids.replyId,
    });
    expect(image.status).toBe(200);
    expect(image.headers?.get("Content-Type")).toBe("image/webp");
    expect(image.headers?.get("Cache-Control")).toBe("no-store");
  });

  it("may not approve, mark the post, batch, print or change settings", async () => {
    const approve = await run(letter.action as RouteFn, post(`${base()}/${ids.letterId}`, translator, { intent: "delivered" }), {
      slug,
      letterId: ids.letterId,
    });
    expect(approve.status).toBe(403);
    const reply = await run(letter.action as RouteFn, post(`${base()}/${ids.letterId}`, translator, { intent: "reject", reason: "no" }), {
      slug,
      letterId: ids.letterId,
    });
    expect(reply.status).toBe(403);
    for (const [fn, path, params] of [
      [batches.loader, `${base()}/batches`, { slug }],
      [batch.loader, `${base()}/batches/${ids.batchId}`, { slug, batchId: ids.batchId }],
      [batchPrint.loader, `${base()}/batches/${ids.batchId}/print`, { slug, batchId: ids.batchId }],
      [batchText.loader, `${base()}/batches/${ids.batchId}/text`, { slug, batchId: ids.batchId }],
      [settings.loader, `/organizer/prisoners/${prisonerSlug}/letters`, { slug: prisonerSlug }],
      [overview.loader, `/organizer/campaigns/${slug}`, { slug }],
      [signatures.loader, `/organizer/campaigns/${slug}/signatures`, { slug }],
    ] as const) {
      expect((await run(fn as RouteFn, get(path, translator), params)).status, path).toBe(404);
    }
  });

  it("downloads an export without addresses; viewers and other campaigns' editors get the 404", async () => {
    const file = await run(exportRoute.action as RouteFn, post(`${base()}/export`, translator, { format: "csv" }), { slug });
    expect(file.status).toBe(200);
    expect(file.headers?.get("Content-Disposition")).toMatch(/attachment; filename="letters-.*\.csv"/);
    for (const token of [viewer, strangerEditor]) {
      expect((await run(queue.loader as RouteFn, get(base(), token), { slug })).status).toBe(404);
      expect((await run(exportRoute.action as RouteFn, post(`${base()}/export`, token, { format: "csv" }), { slug })).status).toBe(404);
      expect(
        (await run(letter.loader as RouteFn, get(`${base()}/${ids.letterId}`, token), { slug, letterId: ids.letterId })).status,
      ).toBe(404);
    }
  });

  it("the batch's print page never carries an address, for an editor either", async () => {
    const print = await run(batchPrint.loader as RouteFn, get(`${base()}/batches/${ids.batchId}/print`, editor), {
      slug,
      batchId: ids.batchId,
    });
    expect(print.status).toBe(200);
    expect(JSON.stringify(print.body)).not.toContain("@");
  });

  it("answers a letter that is too long, or to a closed prisoner, with a 4xx and a localized message", async () => {
    const form = {
      body: "x".repeat(3001),
      writerName: "Claire",
      country: "FR",
      language: "fr",
      consent: "on",
    };
    const long = await run<{ lastResult: { error: Record<string, string[]> } }>(
      write.action as RouteFn,
      post(`/fr/prisoners/${prisonerSlug}/write`, undefined, form),
      { lang: "fr", slug: prisonerSlug },
    );
    expect(long.status).toBe(400);
    expect(long.body.lastResult.error.body).toEqual(["tooLongForPrisoner"]);
    await getDb().updateTable("prisoner_letter_settings").set({ accepting: false }).execute();
    const closed = await run<{ formError: string }>(
      write.action as RouteFn,
      post(`/fr/prisoners/${prisonerSlug}/write`, undefined, { ...form, body: "Bonjour" }),
      { lang: "fr", slug: prisonerSlug },
    );
    expect(closed.status).toBe(409);
    expect(closed.body.formError).toMatch(/^Les lettres sont fermées pour le moment/);
  });
});
