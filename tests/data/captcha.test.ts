import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { totalForCampaign } from "~/models/signature.server";
import { startJobs, stopJobs } from "~/jobs/worker.server";
import { confirmSignature, submitSignature } from "~/services/signing.server";
import { setDb } from "~/utils/db.server";
import { resetConfig } from "~/utils/env.server";
import { describeEachDatabase } from "../setup/databases";
import { createCampaign } from "../factories";
import { linksIn, queuedMails, signatureForm, validFields } from "../signing-helpers";

/**
 * A local stand-in for hCaptcha's siteverify, speaking its format: tokens "pass-*" succeed
 * once (a reused token fails, as with hCaptcha), "other-site-*" succeed for another
 * hostname, "hang-*" never get an answer, anything else fails.
 */
function startFakeVerifier() {
  const seen = new Set<string>();
  const requests: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const params = new URLSearchParams(body);
      requests.push(params);
      const token = params.get("response") ?? "";
      if (token.startsWith("hang-")) return; // never answers: the client must time out
      const reused = seen.has(token);
      seen.add(token);
      const ok = (token.startsWith("pass-") || token.startsWith("other-site-")) && !reused;
      res.setHeader("Content-Type", "application/json");
      res.end(
        JSON.stringify(
          ok
            ? { success: true, hostname: token.startsWith("other-site-") ? "evil.example" : "localhost" }
            : { success: false, "error-codes": [reused ? "already-seen-response" : "invalid-input-response"] },
        ),
      );
    });
  });
  return new Promise<{ url: string; requests: URLSearchParams[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/siteverify`,
        requests,
        close: () => {
          server.closeAllConnections();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}

describeEachDatabase("captcha", (getDb, kind, info) => {
  let verifier: Awaited<ReturnType<typeof startFakeVerifier>>;
  let campaignId: number;
  const slug = `captcha-${kind}`;
  let n = 0;
  const ip = () => ({ ip: `192.0.2.${++n}` });

  beforeAll(async () => {
    verifier = await startFakeVerifier();
    process.env.HCAPTCHA_SITEKEY = "site-key-for-tests";
    process.env.HCAPTCHA_SECRET = "secret-for-tests";
    process.env.HCAPTCHA_VERIFY_URL = verifier.url;
    resetConfig();
    setDb(getDb());
    await startJobs({ work: false, databaseUrl: info().databaseUrl });
    campaignId = (await createCampaign(getDb(), { slug })).id;
  });

  afterAll(async () => {
    await stopJobs();
    await verifier.close();
    delete process.env.HCAPTCHA_SITEKEY;
    delete process.env.HCAPTCHA_SECRET;
    delete process.env.HCAPTCHA_VERIFY_URL;
    resetConfig();
    setDb(undefined);
  });

  const sign = (token: string | undefined) =>
    submitSignature(slug, "en", signatureForm(validFields(token === undefined ? {} : { "h-captcha-response": token })), ip());

  it("accepts a solved captcha, verified once with our secret", async () => {
    expect(await sign(`pass-${kind}-1`)).toEqual({ kind: "accepted" });
    const request = verifier.requests.at(-1)!;
    expect(request.get("secret")).toBe("secret-for-tests");
    expect(request.get("sitekey")).toBe("site-key-for-tests");
  });

  it("asks for the captcha when the token is missing", async () => {
    const result = await sign(undefined);
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") expect(result.reply.error?.captcha).toEqual(["captchaRequired"]);
  });

  it("refuses a failed, reused or foreign captcha", async () => {
    for (const token of [`wrong-${kind}`, `pass-${kind}-1`, `other-site-${kind}`]) {
      const result = await sign(token);
      expect(result.kind, token).toBe("invalid");
      if (result.kind === "invalid") expect(result.reply.error?.captcha).toEqual(["captchaFailed"]);
    }
  });

  it("keeps the signature but does not count it when the verifier cannot answer", async () => {
    const before = await totalForCampaign(getDb(), campaignId);
    expect(await sign(`hang-${kind}`)).toEqual({ kind: "accepted" });
    const row = await getDb()
      .selectFrom("signatures")
      .select(["state", "review_reason"])
      .where("campaign_id", "=", campaignId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "pending", review_reason: "captcha_unverified" });
    const { confirm } = linksIn((await queuedMails(getDb())).at(-1)!.text);
    expect(await confirmSignature(confirm!)).toEqual({ kind: "awaiting-review", slug, manageToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(await totalForCampaign(getDb(), campaignId)).toBe(before);
  });
});
