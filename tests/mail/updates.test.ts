import { afterAll, beforeAll, expect, it } from "vitest";
import { insertCampaignUpdate } from "~/models/campaign-update.server";
import { startJobs, stopJobs } from "~/jobs/worker.server";
import { publishUpdate, sendUpdateBatch, unsubscribe } from "~/services/updates.server";
import { setDb } from "~/utils/db.server";
import { resetConfig } from "~/utils/env.server";
import { closeMailer } from "~/utils/mailer.server";
import { describeEachDatabase } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { startSmtpServer, type TestServer } from "../smtp";

async function waitUntil(probe: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeEachDatabase("campaign updates by mail", (getDb, kind, info) => {
  let smtp: TestServer;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  const addr = (who: string) => `${who}-${kind}@example.org`;
  const mailsTo = (who: string) => smtp.received.filter((r) => r.envelope.rcptTo[0]?.address === addr(who));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    resetConfig();
    setDb(getDb());
    await startJobs({ work: true, databaseUrl: info().databaseUrl, pollingIntervalSeconds: 0.5 });
    campaign = await createCampaign(getDb(), {
      slug: `updates-${kind}`,
      translations: [
        { locale: "en", status: "original", title: "Free the test prisoner", body: "We ask." },
        { locale: "ru", status: "reviewed", title: "Свободу узнику", body: "Мы требуем." },
      ],
    });
    const row = (who: string, extra: Parameters<typeof signatureRow>[1]) =>
      signatureRow(campaign, { email: addr(who), email_canonical: addr(who), ...extra });
    await addSignatures(getDb(), [
      row("anna", { locale: "en", updates_consent: true }),
      row("boris", { locale: "ru", updates_consent: true }),
      row("carla", { locale: "fr", updates_consent: false }),
      row("dmitri", { locale: "en", updates_consent: true, state: "pending", verified_at: null }),
    ]);
  });

  afterAll(async () => {
    await stopJobs();
    closeMailer();
    await smtp.close();
    delete process.env.SMTP_URL;
    resetConfig();
    setDb(undefined);
  });

  it("mails a published update once to each consenting signer, in their language, with one-click unsubscribe", async () => {
    const updateId = await insertCampaignUpdate(getDb(), {
      campaignId: campaign.id,
      translations: [
        { locale: "en", title: "The letter was delivered", body: "It reached the court on Monday.\n\nThank you." },
        { locale: "ru", title: "Письмо передано", body: "В понедельник письмо передали в суд.\n\nСпасибо." },
      ],
    });
    await publishUpdate(updateId);
    await waitUntil(() => mailsTo("anna").length === 1 && mailsTo("boris").length === 1);

    const anna = mailsTo("anna")[0]!.mail;
    expect(anna.subject).toBe("Free the test prisoner: The letter was delivered");
    expect(anna.text).toContain("It reached the court on Monday.");
    const boris = mailsTo("boris")[0]!.mail;
    expect(boris.subject).toBe("Свободу узнику: Письмо передано");
    const header = (name: string) =>
      boris.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "") ?? "";
    const listUnsubscribe = header("list-unsubscribe");
    expect(listUnsubscribe).toMatch(/^<http:\/\/localhost:3000\/ru\/unsubscribe\/\d+\.[A-Za-z0-9_-]{32}>$/);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mailsTo("carla")).toHaveLength(0); // no consent
    expect(mailsTo("dmitri")).toHaveLength(0); // not verified

    // A retried fan-out sends nothing twice.
    expect(await sendUpdateBatch({ updateId, afterSignatureId: 0 })).toEqual({ queued: 0, done: true });

    // Unsubscribing is honoured at once: the next update reaches Anna only.
    const token = /\/unsubscribe\/([^>]+)>/.exec(listUnsubscribe)![1]!;
    expect(await unsubscribe(token)).toBe(true);
    expect(await unsubscribe(`${token.split(".")[0]}.${"x".repeat(32)}`)).toBe(false);
    const second = await insertCampaignUpdate(getDb(), {
      campaignId: campaign.id,
      translations: [{ locale: "en", title: "Second news", body: "More." }],
    });
    await publishUpdate(second);
    await waitUntil(() => mailsTo("anna").length === 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(mailsTo("boris")).toHaveLength(1);
    // Boris reads English news when there is no Russian text (the canonical language).
    expect(mailsTo("anna")[1]!.mail.subject).toBe("Free the test prisoner: Second news");
  });
});
