import { beforeAll, expect, it } from "vitest";
import * as confirmRoute from "~/routes/confirm";
import * as lostRoute from "~/routes/manage-lost";
import * as manageRoute from "~/routes/manage";
import { loadCampaignPage } from "~/services/campaign-page.server";
import { getOpenDataCampaign } from "~/services/open-data-api.server";
import { loadSignatoriesPage } from "~/services/public-pages.server";
import { submitSignature } from "~/services/signing.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { createCampaign } from "../factories";
import { post, reply, run } from "../organizer-helpers";
import { emailHashesOf, freshIps, queuedMails, signatureForm, validFields } from "../signing-helpers";
import { readSignerDetails } from "../../app/models/signature-secrets.server";

const freshIp = freshIps(13);
const manageLinkIn = (text: string) => /\/manage\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

/**
 * "Manage my signature" (issue 12): the private link in the confirmation mail and on the
 * thank-you page; changing how one appears (the total never moves, the breakdowns do),
 * correcting details, news consent, withdrawing; "lost your link?" with a neutral answer.
 */
describeEachDatabase("manage my signature", (getDb, _kind, info) => {
  useAppServices(getDb, info);
  const slug = "manage-test";

  beforeAll(async () => {
    await createCampaign(getDb(), { slug });
  });

  async function signAndConfirm(overrides: Record<string, string> = {}) {
    const fields = validFields(overrides);
    expect((await submitSignature(slug, "en", signatureForm(fields), freshIp())).kind).toBe("accepted");
    const mail = (await queuedMails(getDb())).at(-1)!;
    const manageToken = manageLinkIn(mail.text)!;
    expect(manageToken).toBeDefined();
    expect(mail.text).toContain("/en/privacy");
    const confirmToken = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
    const confirmed = await run(confirmRoute.action, post(`/en/confirm/${confirmToken}`, undefined, {}), {
      lang: "en",
      token: confirmToken,
    });
    // The thank-you page gets the same private link as the mail.
    expect(confirmed.status).toBe(302);
    expect(new URL(confirmed.location!, "http://x").searchParams.get("m")).toBe(manageToken);
    return { fields, manageToken };
  }

  const act = (token: string, form: Record<string, string>) =>
    run(manageRoute.action, post(`/en/manage/${token}`, undefined, form), { lang: "en", token });
  const load = (token: string) =>
    run(manageRoute.loader, post(`/en/manage/${token}`, undefined, {}), { lang: "en", token });

  it("switches to counted only: the name leaves every public list, the total stays, then back", async () => {
    const { manageToken } = await signAndConfirm({ fullName: "Grace Switcher", country: "PT" });
    const before = (await loadCampaignPage(slug, "en"))!;
    expect(JSON.stringify(before.groups)).toContain("Grace Switcher");
    expect(before.countries.map((c) => c.country)).toContain("PT");

    expect(reply(await act(manageToken, { intent: "visibility", visibility: "counted" }))).toEqual({
      status: 200,
      body: { status: "saved", what: "visibility" },
    });
    const after = (await loadCampaignPage(slug, "en"))!;
    expect(after.campaign.total).toBe(before.campaign.total);
    expect(after.unlisted).toBe(before.unlisted + 1);
    expect(JSON.stringify(after.groups)).not.toContain("Grace");
    expect(after.countries.map((c) => c.country)).not.toContain("PT");
    expect((await loadSignatoriesPage(slug, "en", { q: "Grace" }))!.total).toBe(0);
    expect((await getOpenDataCampaign(slug))!.total).toBe(before.campaign.total);

    await act(manageToken, { intent: "visibility", visibility: "public" });
    expect((await loadSignatoriesPage(slug, "en", { q: "Grace" }))!.total).toBe(1);
    expect((await loadCampaignPage(slug, "en"))!.unlisted).toBe(before.unlisted);
  });

  it("corrects title and city with the sign form's rules, and changes news consent", async () => {
    const { manageToken, fields } = await signAndConfirm({ title: "Profesor" });
    const refused = await act(manageToken, { intent: "details", title: "=HYPERLINK()", city: "" });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("formulaStart");
    expect((await act(manageToken, { intent: "details", title: "Professor", city: "Lisbon" })).status).toBe(200);
    expect((await act(manageToken, { intent: "news", updatesConsent: "on" })).status).toBe(200);
    const row = await getDb()
      .selectFrom("signatures")
      .select(["id", "title", "city", "updates_consent"])
      .where("email_hash", "in", emailHashesOf(fields.email))
      .executeTakeFirstOrThrow();
    // A public signer's title is in clear; the city is never published, so only sealed (issue 12).
    expect(row).toMatchObject({ title: "Professor", city: null, updates_consent: true });
    expect(await readSignerDetails(getDb(), row.id)).toMatchObject({ title: "Professor", city: "Lisbon" });
    const page = (await load(manageToken)).body as { signature: { title: string; updatesConsent: boolean } };
    expect(page.signature).toMatchObject({ title: "Professor", updatesConsent: true });
    await act(manageToken, { intent: "news" });
    expect((await load(manageToken)).body).toMatchObject({ signature: { updatesConsent: false } });
  });

  it("withdraws: the count drops by one, the details are erased, the link stops working", async () => {
    const { manageToken, fields } = await signAndConfirm({ fullName: "Leaving Person" });
    const before = (await loadCampaignPage(slug, "en"))!.campaign.total;
    expect(reply(await act(manageToken, { intent: "withdraw" }))).toMatchObject({
      status: 200,
      body: { status: "withdrawn", slug },
    });
    expect((await loadCampaignPage(slug, "en"))!.campaign.total).toBe(before - 1);
    const rows = await getDb().selectFrom("signatures").select("id").where("full_name", "=", "Leaving Person").execute();
    expect(rows).toEqual([]);
    expect(await getDb().selectFrom("signatures").select("id").where("email_hash", "in", emailHashesOf(fields.email)).execute()).toEqual(
      [],
    );
    expect((await load(manageToken)).status).toBe(404);
    expect((await act(manageToken, { intent: "visibility", visibility: "public" })).status).toBe(404);
  });

  it("answers unknown links and malformed forms with 404 and 400, never 500", async () => {
    expect((await load("x".repeat(43))).status).toBe(404);
    expect((await load("short")).status).toBe(404);
    const { manageToken } = await signAndConfirm();
    expect((await act(manageToken, { intent: "visibility", visibility: "everyone" })).status).toBe(400);
    expect((await act(manageToken, { intent: "explode" })).status).toBe(400);
  });

  it("sends a fresh link to an address that signed, and answers every address the same", async () => {
    const { fields, manageToken } = await signAndConfirm();
    const ask = (email: string) =>
      run(lostRoute.action, post(`/en/campaigns/${slug}/manage`, undefined, { email }), { lang: "en", slug });
    const mailsBefore = (await queuedMails(getDb())).length;
    const signed = await ask(fields.email);
    const stranger = await ask("never-signed@example.org");
    expect(reply(signed)).toEqual(reply(stranger));
    expect(reply(signed)).toEqual({ status: 200, body: { status: "sent" } });
    const mails = await queuedMails(getDb());
    expect(mails.length).toBe(mailsBefore + 1);
    expect(mails.at(-1)!.to).toBe(fields.email);
    const fresh = manageLinkIn(mails.at(-1)!.text)!;
    expect(fresh).not.toBe(manageToken);
    expect((await load(fresh)).status).toBe(200);
    expect((await load(manageToken)).status).toBe(404);
    expect((await ask("not an address")).status).toBe(400);
  });
});
