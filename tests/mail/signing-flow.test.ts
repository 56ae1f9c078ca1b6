import { afterAll, beforeAll, expect, it } from "vitest";
import { totalForCampaign } from "~/models/signature.server";
import { startJobs, stopJobs } from "~/jobs/worker.server";
import { confirmSignature, submitSignature } from "~/services/signing.server";
import { setDb } from "~/utils/db.server";
import { resetConfig } from "~/utils/env.server";
import { closeMailer } from "~/utils/mailer.server";
import { describeEachDatabase } from "../setup/databases";
import { createCampaign } from "../factories";
import { linksIn, signatureForm, validFields } from "../signing-helpers";
import { startSmtpServer, type TestServer } from "../smtp";

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeEachDatabase("confirmation mail over real SMTP", (getDb, kind, info) => {
  let smtp: TestServer;
  let campaignId: number;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    process.env.MAIL_FROM = "Undersigned <no-reply@undersigned.test>";
    resetConfig();
    setDb(getDb());
    await startJobs({ work: true, databaseUrl: info().databaseUrl, pollingIntervalSeconds: 0.5 });
    campaignId = (await createCampaign(getDb(), { slug: `smtp-${kind}` })).id;
  });

  afterAll(async () => {
    await stopJobs();
    closeMailer();
    await smtp.close();
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    resetConfig();
    setDb(undefined);
  });

  it("delivers the confirmation mail once, in the signer's language, and its link confirms", async () => {
    const fields = validFields({ fullName: "Мария Кюри <b>&</b>" });
    expect(
      await submitSignature(`smtp-${kind}`, "ru", signatureForm(fields), {
        ip: `198.51.100.${kind === "pglite" ? 1 : 2}`,
      }),
    ).toEqual({
      kind: "accepted",
    });
    const received = await waitFor(() => smtp.received.find((r) => r.envelope.rcptTo[0]?.address === fields.email));
    expect(received.mail.from?.text).toContain("no-reply@undersigned.test");
    expect(received.mail.subject).toMatch(/[а-яё]/i);
    // The name is in the mail, escaped in the HTML, intact in the text.
    expect(received.mail.text).toContain("Мария Кюри <b>&</b>");
    expect(String(received.mail.html)).toContain("Мария Кюри &lt;b&gt;&amp;&lt;/b&gt;");
    const { confirm, withdraw } = linksIn(received.mail.text ?? "");
    expect(confirm).toBeDefined();
    expect(withdraw).toBeDefined();
    expect(String(received.mail.html)).toContain(`/ru/confirm/${confirm}`);

    const before = await totalForCampaign(getDb(), campaignId);
    expect(await confirmSignature(confirm!)).toMatchObject({ kind: "confirmed", position: before + 1 });

    // Exactly one mail for this signature, even after the worker polled again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.filter((r) => r.envelope.rcptTo[0]?.address === fields.email)).toHaveLength(1);
  });
});
