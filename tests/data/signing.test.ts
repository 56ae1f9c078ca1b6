import { beforeAll, describe, expect, it } from "vitest";
import { countVerifiedRows, totalForCampaign } from "~/models/signature.server";
import { loadCampaignPage } from "~/services/public-pages.server";
import { runSweeps } from "~/jobs/sweeps.server";
import { confirmSignature, submitSignature, withdrawSignature } from "~/services/signing.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { emailHashesOf, freshIps, linksIn, queuedMails, signatureForm, validFields } from "../signing-helpers";

const freshIp = freshIps(9);

describeEachDatabase("signing", (getDb, kind, info) => {
  let campaign: Awaited<ReturnType<typeof createCampaign>>;

  useAppServices(getDb, info);

  beforeAll(async () => {
    campaign = await createCampaign(getDb(), { slug: "sign-test" });
    await createCampaign(getDb(), { slug: "draft-test", status: "draft" });
    await createCampaign(getDb(), { slug: "closed-test", status: "closed" });
  });


  async function signAndGetLinks(overrides: Record<string, string> = {}) {
    const before = (await queuedMails(getDb())).length;
    const fields = validFields(overrides);
    const result = await submitSignature("sign-test", "en", signatureForm(fields), freshIp());
    expect(result.kind).toBe("accepted");
    const mails = await queuedMails(getDb());
    expect(mails.length).toBe(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to).toBe(fields.email);
    return { fields, mail, links: linksIn(mail.text) };
  }

  it("stores a pending signature and queues a confirmation mail in the signer's language", async () => {
    const before = await totalForCampaign(getDb(), campaign.id);
    const fields = validFields({ ref: "telegram" });
    const result = await submitSignature("sign-test", "ru", signatureForm(fields), freshIp());
    expect(result).toEqual({ kind: "accepted" });
    const row = await getDb()
      .selectFrom("signatures")
      .select(["state", "locale", "ref", "text_version"])
      .where("email_hash", "in", emailHashesOf(fields.email))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "pending", locale: "ru", ref: "telegram", text_version: 1 });
    const mail = (await queuedMails(getDb())).at(-1)!;
    expect(mail.to).toBe(fields.email);
    expect(mail.subject).toMatch(/[а-яё]/i);
    expect(linksIn(mail.text).confirm).toBeDefined();
    expect(mail.text).toContain("http://localhost:3000/ru/confirm/");
    // Pending signatures do not count.
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(before);
  });

  it("confirms once, counts once, and tells the signer their position", async () => {
    const { links, mail } = await signAndGetLinks({ fullName: "Sofia Kovalevskaya" });
    const before = await totalForCampaign(getDb(), campaign.id);
    const first = await confirmSignature(links.confirm!);
    // Both answers carry the signer's private "manage my signature" link, the one mailed.
    const manageToken = /\/manage\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(manageToken).toBeDefined();
    expect(first).toEqual({ kind: "confirmed", slug: "sign-test", position: before + 1, manageToken });
    expect(await confirmSignature(links.confirm!)).toEqual({ kind: "already-confirmed", slug: "sign-test", manageToken });
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(before + 1);
    const page = await loadCampaignPage("sign-test", "en");
    expect(JSON.stringify(page?.groups)).toContain("Sofia Kovalevskaya");
  });

  it("makes fifty simultaneous confirmations of one link into one verified signature", async () => {
    const { links } = await signAndGetLinks();
    const before = await totalForCampaign(getDb(), campaign.id);
    const results = await Promise.all(Array.from({ length: 50 }, () => confirmSignature(links.confirm!)));
    expect(results.filter((r) => r.kind === "confirmed")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "already-confirmed")).toHaveLength(49);
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(before + 1);
    expect(await countVerifiedRows(getDb(), campaign.id)).toBe(before + 1);
  });

  it("keeps counts exact under many concurrent distinct confirmations", async () => {
    const signed = [];
    for (let i = 0; i < 30; i++) signed.push(await signAndGetLinks({ country: i % 2 ? "FR" : "RU" }));
    await Promise.all(signed.map((s) => confirmSignature(s.links.confirm!)));
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(await countVerifiedRows(getDb(), campaign.id));
    const page = await loadCampaignPage("sign-test", "en");
    const byGroup = page!.groups.reduce((sum, g) => sum + g.count, 0);
    const byCountry = page!.countries.reduce((sum, c) => sum + c.count, 0);
    expect(byGroup).toBe(await countVerifiedRows(getDb(), campaign.id));
    expect(byCountry).toBe(byGroup);
  });

  it("compares addresses in canonical form and answers a repeat signer the same way", async () => {
    const first = await submitSignature(
      "sign-test",
      "en",
      signatureForm(validFields({ email: "Ada.Lovelace+letters@gmail.com" })),
      freshIp(),
    );
    const repeat = await submitSignature(
      "sign-test",
      "fr",
      signatureForm(validFields({ email: "adalovelace@googlemail.com", fullName: "Someone Else" })),
      freshIp(),
    );
    expect(repeat).toEqual(first);
    const mails = await queuedMails(getDb());
    const last = mails.at(-1)!;
    // Queued by signature id (issue 12): it goes to the address on file, which is the same mailbox.
    expect(last.to).toBe("Ada.Lovelace+letters@gmail.com");
    expect(linksIn(last.text).confirm).toBeUndefined(); // the "already signed" note confirms nothing
    expect(linksIn(last.text).withdraw).toBeDefined();
    const rows = await getDb()
      .selectFrom("signatures")
      .select(["full_name", "email", "email_canonical"])
      .where("email_hash", "in", emailHashesOf("adalovelace@gmail.com"))
      .execute();
    // One row, its address kept only sealed and as a keyed hash.
    expect(rows).toEqual([{ full_name: "Emmy Noether", email: null, email_canonical: null }]);
  });

  it("removes a withdrawn signature from lists and counts and erases who it was", async () => {
    const { links } = await signAndGetLinks({ fullName: "Withdrawing Person" });
    await confirmSignature(links.confirm!);
    const before = await totalForCampaign(getDb(), campaign.id);
    expect(await withdrawSignature(links.withdraw!)).toEqual({ kind: "withdrawn", slug: "sign-test" });
    expect(await withdrawSignature(links.withdraw!)).toEqual({ kind: "invalid" });
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(before - 1);
    expect(await countVerifiedRows(getDb(), campaign.id)).toBe(before - 1);
    expect(JSON.stringify(await loadCampaignPage("sign-test", "en"))).not.toContain("Withdrawing Person");
    const erased = await getDb()
      .selectFrom("signatures")
      .select(["full_name", "email", "state"])
      .where("state", "=", "withdrawn")
      .execute();
    expect(erased.every((r) => r.full_name === "" && !r.email)).toBe(true);
  });

  it("deletes unconfirmed signatures after the confirmation window and refuses their link", async () => {
    const { fields, links } = await signAndGetLinks();
    const old = new Date(Date.now() - 15 * 86_400_000);
    await getDb().updateTable("signatures").set({ created_at: old }).where("email_hash", "in", emailHashesOf(fields.email)).execute();
    expect(await confirmSignature(links.confirm!)).toEqual({ kind: "expired" });
    const swept = await runSweeps(getDb());
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(await confirmSignature(links.confirm!)).toEqual({ kind: "invalid" });
  });

  it("detects and repairs drift between counters and rows, exactly", async () => {
    await addSignatures(getDb(), [signatureRow(campaign), signatureRow(campaign, { group: "journalists" })]);
    const exact = await countVerifiedRows(getDb(), campaign.id);
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(exact);
    // Break the counters two ways: one shard inflated, another group's shards removed.
    await getDb().updateTable("signature_counts").set({ count: 1000 }).where("campaign_id", "=", campaign.id).where("group_id", "=", campaign.groupIds.mathematicians!).execute();
    expect(await totalForCampaign(getDb(), campaign.id)).not.toBe(exact);
    const swept = await runSweeps(getDb());
    expect(swept.countsRepaired).toBeGreaterThan(0);
    expect(await totalForCampaign(getDb(), campaign.id)).toBe(exact);
    expect((await runSweeps(getDb())).countsRepaired).toBe(0);
  });

  it("tells bots filling the honeypot that it worked, and stores nothing", async () => {
    const fields = validFields({ website: "http://spam.example" });
    expect(await submitSignature("sign-test", "en", signatureForm(fields), freshIp())).toEqual({ kind: "accepted" });
    const row = await getDb().selectFrom("signatures").select("id").where("email_hash", "in", emailHashesOf(fields.email)).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("refuses drafts (as missing) and closed campaigns", async () => {
    expect((await submitSignature("draft-test", "en", signatureForm(validFields()), freshIp())).kind).toBe("not-found");
    expect((await submitSignature("closed-test", "en", signatureForm(validFields()), freshIp())).kind).toBe("not-open");
    expect((await submitSignature("no-such", "en", signatureForm(validFields()), freshIp())).kind).toBe("not-found");
  });

  it("limits bursts from one address with a clear answer", async () => {
    const ip = { ip: kind === "pglite" ? "203.0.113.77" : "203.0.113.78" };
    const results = [];
    for (let i = 0; i < 12; i++) results.push((await submitSignature("sign-test", "en", signatureForm(validFields()), ip)).kind);
    expect(results.slice(0, 10).every((k) => k === "accepted")).toBe(true);
    expect(results.slice(10)).toEqual(["rate-limited", "rate-limited"]);
  });

  describe("bad input: a field error, nothing stored", () => {
    const cases: [string, Record<string, string | string[]>, string, string][] = [
      ["a formula in the name", { fullName: "=HYPERLINK(\"x\")" }, "fullName", "formulaStart"],
      ["a formula in the affiliation", { title: "+cmd|' /C calc'!A0" }, "title", "formulaStart"],
      ["a leading @", { fullName: "@SUM(1)" }, "fullName", "formulaStart"],
      ["a leading minus", { title: "-2+3" }, "title", "formulaStart"],
      ["a tab", { fullName: "\tTab" }, "fullName", "formulaStart"],
      ["CR/LF in the name", { fullName: "Evil\r\nBcc: x@y.z" }, "fullName", "lineBreak"],
      ["a bidi override", { fullName: "Ada \u202Eecalevol" }, "fullName", "invisibleCharacters"],
      ["a zero-width joiner", { fullName: "Ter\u200Bence Tao" }, "fullName", "invisibleCharacters"],
      ["a whitespace-only name", { fullName: "   \u00A0 " }, "fullName", "required"],
      ["a 10,000-character name", { fullName: "a".repeat(10_000) }, "fullName", "tooLong"],
      ["a NUL byte", { fullName: "Ada\u0000Lovelace" }, "fullName", "invisibleCharacters"],
      ["an email with CR/LF", { email: "a@example.org\r\nBcc: b@example.org" }, "email", "emailInvalid"],
      ["an email without a domain", { email: "ada@" }, "email", "emailInvalid"],
      ["an unknown group", { group: "astronauts" }, "group", "groupRequired"],
      ["an unknown country", { country: "XX" }, "country", "countryRequired"],
      ["an unknown visibility", { visibility: "everyone" }, "visibility", "visibilityRequired"],
      ["a name sent twice", { fullName: ["Ada", "Lovelace"] }, "fullName", "invalid"],
    ];
    for (const [label, overrides, field, message] of cases) {
      it(label, async () => {
        const fields = validFields(overrides);
        const result = await submitSignature("sign-test", "en", signatureForm(fields), freshIp());
        expect(result.kind).toBe("invalid");
        if (result.kind !== "invalid") return;
        expect(result.reply.error?.[field]).toContain(message);
        const stored = await getDb()
          .selectFrom("signatures")
          .select("id")
          .where("email_hash", "in", emailHashesOf(String(fields.email)))
          .executeTakeFirst();
        expect(stored).toBeUndefined();
      });
    }

    it("ignores fields a signer may not set", async () => {
      const { fields, links } = await signAndGetLinks({ state: "verified", notable: "true", campaign_id: "1" } as never);
      const row = await getDb()
        .selectFrom("signatures")
        .select(["state", "notable"])
        .where("email_hash", "in", emailHashesOf(fields.email))
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ state: "pending", notable: false });
      expect(links.confirm).toBeDefined();
    });
  });
});
