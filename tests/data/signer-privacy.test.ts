import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseWithZod } from "@conform-to/zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countVerifiedRows } from "~/models/signature.server";
import { signatureErrorMap, signatureSchema } from "~/schemas/signature";
import { loadCampaignPage } from "~/services/campaign-page.server";
import { getOpenDataCampaign, listOpenDataSignatories } from "~/services/open-data-api.server";
import { loadCampaignCard, loadSignatoriesPage } from "~/services/public-pages.server";
import { confirmSignature, submitSignature } from "~/services/signing.server";
import { HCAPTCHA_TEST_SECRET, HCAPTCHA_TEST_SITEKEY, resetConfig } from "~/utils/env.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { createCampaign } from "../factories";
import { emailHashesOf, freshIps, linksIn, queuedMails, signatureForm, validFields } from "../signing-helpers";

const freshIp = freshIps(12);

describeEachDatabase("signer privacy", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  async function signAndConfirm(slug: string, overrides: Record<string, string>) {
    const fields = validFields(overrides);
    expect((await submitSignature(slug, "en", signatureForm(fields), freshIp())).kind).toBe("accepted");
    const mail = (await queuedMails(getDb())).at(-1)!;
    expect(mail.to).toBe(fields.email);
    expect((await confirmSignature(linksIn(mail.text).confirm!)).kind).toBe("confirmed");
    return fields;
  }

  describe("a campaign whose only signer chose to be counted only", () => {
    const slug = "counted-only-alone";
    beforeAll(async () => {
      await createCampaign(getDb(), { slug });
      await signAndConfirm(slug, { fullName: "Nadia Hidden", country: "RU", visibility: "counted" });
    });

    it("shows a total of 1 and no group or country with a count on the campaign page", async () => {
      const page = (await loadCampaignPage(slug, "en"))!;
      expect(page.campaign.total).toBe(1);
      expect(page.unlisted).toBe(1);
      expect(page.groups.map((g) => g.count)).toEqual([0, 0]);
      expect(page.groups.flatMap((g) => g.signatories)).toEqual([]);
      expect(page.countries).toEqual([]);
      expect(JSON.stringify(page)).not.toContain("Nadia");
    });

    it("offers no country filter and lists nobody on the full list, whatever the filter", async () => {
      const all = (await loadSignatoriesPage(slug, "en", {}))!;
      expect(all.campaign.total).toBe(1);
      expect(all.countries).toEqual([]);
      expect(all.total).toBe(0);
      for (const query of [{ group: "mathematicians" }, { country: "RU" }, { q: "Nadia" }]) {
        const filtered = (await loadSignatoriesPage(slug, "en", query))!;
        expect(filtered.total, JSON.stringify(query)).toBe(0);
        expect(filtered.filter.country).toBe("");
      }
    });

    it("answers the API with the total and no group or country count", async () => {
      const campaign = (await getOpenDataCampaign(slug))!;
      expect(campaign.total).toBe(1);
      expect(campaign.unlisted).toBe(1);
      expect(campaign.groups.every((g) => g.count === 0)).toBe(true);
      expect(campaign.countries).toEqual([]);
      const list = await listOpenDataSignatories(slug, { page: 1, country: "RU" });
      expect(list && "signatories" in list ? list.signatories : []).toEqual([]);
    });

    it("puts the total on the social card", async () => {
      expect((await loadCampaignCard(slug, "en"))!.total).toBe(1);
    });
  });

  describe("counted-only signers among listed ones", () => {
    const slug = "counted-only-mixed";
    beforeAll(async () => {
      await createCampaign(getDb(), { slug });
      await signAndConfirm(slug, { fullName: "Listed Person", country: "DE", visibility: "public" });
      await signAndConfirm(slug, { fullName: "Anon Person", country: "FR", visibility: "anonymous" });
      await signAndConfirm(slug, { fullName: "Hidden One", country: "RU", visibility: "counted" });
      await signAndConfirm(slug, {
        fullName: "Hidden Two",
        country: "RU",
        visibility: "counted",
        group: "journalists",
      });
    });

    it("counts everyone in the total and only listed signers per group and country", async () => {
      const page = (await loadCampaignPage(slug, "en"))!;
      expect(page.campaign.total).toBe(4);
      expect(page.unlisted).toBe(2);
      expect(Object.fromEntries(page.groups.map((g) => [g.key, g.count]))).toEqual({
        mathematicians: 2,
        journalists: 0,
      });
      expect(page.countries).toEqual([
        { country: "DE", count: 1 },
        { country: "FR", count: 1 },
      ]);
      const api = (await getOpenDataCampaign(slug))!;
      expect(api.total).toBe(4);
      expect(api.countries.map((c) => c.country)).not.toContain("RU");
      expect(await countVerifiedRows(getDb(), (await getDb().selectFrom("campaigns").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id)).toBe(4);
    });
  });

  describe("a name sent as invalid UTF-8", () => {
    const slug = "bad-bytes";
    beforeAll(async () => {
      await createCampaign(getDb(), { slug });
    });

    it("is a field error: nothing is stored and no mail is queued", async () => {
      const mailsBefore = (await queuedMails(getDb())).length;
      for (const bytes of ["%C3%28", "%FF", "%ED%A0%80"]) {
        const request = new Request("http://localhost/en/campaigns/bad-bytes", {
          method: "POST",
          body: new TextEncoder().encode(
            `fullName=Ada${bytes}&email=bytes%40example.org&group=mathematicians&country=DE&visibility=public`,
          ),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        const submission = parseWithZod(await request.formData(), {
          schema: signatureSchema,
          errorMap: signatureErrorMap,
        });
        const result = await submitSignature(slug, "en", submission, freshIp());
        expect(result.kind).toBe("invalid");
        if (result.kind === "invalid") expect(result.reply.error?.fullName).toEqual(["badEncoding"]);
      }
      const stored = await getDb()
        .selectFrom("signatures")
        .select("id")
        .where("email_hash", "in", emailHashesOf("bytes@example.org"))
        .execute();
      expect(stored).toEqual([]);
      expect((await queuedMails(getDb())).length).toBe(mailsBefore);
    });
  });
});

/** A siteverify stand-in whose answer the test chooses. */
function fakeVerifier(answer: () => Record<string, unknown>) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(answer()));
    });
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/siteverify`,
        close: () => {
          server.closeAllConnections();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}

describeEachDatabase("captcha answers", (getDb, _kind, info) => {
  useAppServices(getDb, info);
  let answer: Record<string, unknown> = {};
  let verifier: Awaited<ReturnType<typeof fakeVerifier>>;
  const slug = "captcha-gaps";

  beforeAll(async () => {
    verifier = await fakeVerifier(() => answer);
    process.env.HCAPTCHA_VERIFY_URL = verifier.url;
    await createCampaign(getDb(), { slug });
  });
  afterAll(async () => {
    await verifier.close();
    for (const name of ["HCAPTCHA_SITEKEY", "HCAPTCHA_SECRET", "HCAPTCHA_VERIFY_URL", "ALLOW_HCAPTCHA_TEST_KEYS"]) {
      delete process.env[name];
    }
    resetConfig();
  });

  function useKeys(sitekey: string, secret: string) {
    process.env.HCAPTCHA_SITEKEY = sitekey;
    process.env.HCAPTCHA_SECRET = secret;
    resetConfig();
  }
  const sign = () =>
    submitSignature(slug, "en", signatureForm(validFields({ "h-captcha-response": "some-token" })), freshIp());

  it("refuses a success that does not say which site it was solved on", async () => {
    useKeys("real-site-key", "real-secret");
    answer = { success: true };
    const result = await sign();
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") expect(result.reply.error?.captcha).toEqual(["captchaFailed"]);
  });

  it("accepts the test-pass answer only with hCaptcha's public test keys", async () => {
    answer = { success: true, hostname: "dummy-key-pass" };
    useKeys("real-site-key", "real-secret");
    expect((await sign()).kind).toBe("invalid");
    useKeys(HCAPTCHA_TEST_SITEKEY, HCAPTCHA_TEST_SECRET);
    expect((await sign()).kind).toBe("accepted");
  });

  it("accepts a success solved on this site", async () => {
    useKeys("real-site-key", "real-secret");
    answer = { success: true, hostname: "localhost" };
    expect((await sign()).kind).toBe("accepted");
  });
});
