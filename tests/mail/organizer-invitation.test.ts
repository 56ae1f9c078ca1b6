import { afterAll, beforeAll, expect, it } from "vitest";
import { addMember, insertSession, upsertOrganizer } from "~/models/organizer.server";
import { startJobs, stopJobs } from "~/jobs/worker.server";
import { SESSION_COOKIE } from "~/http/organizer-access.server";
import * as membersRoute from "~/routes/organizer-campaign-members";
import { consumeLoginToken } from "~/services/organizer-auth.server";
import { setDb } from "~/utils/db.server";
import { resetConfig } from "~/utils/env.server";
import { closeMailer } from "~/utils/mailer.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { describeEachDatabase } from "../setup/databases";
import { createCampaign } from "../factories";
import { run } from "../organizer-helpers";
import { startSmtpServer, type TestServer } from "../smtp";

const APP = "http://localhost:3000";

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeEachDatabase("organizer invitation over real SMTP", (getDb, kind, info) => {
  let smtp: TestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    process.env.MAIL_FROM = "Undersigned <no-reply@undersigned.test>";
    resetConfig();
    setDb(getDb());
    await startJobs({ work: true, databaseUrl: info().databaseUrl, pollingIntervalSeconds: 0.5 });
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

  it("delivers the invitation in the invitee's language, escaped in HTML, with a link that lands on the campaign", async () => {
    const campaign = await createCampaign(getDb(), {
      slug: `invite-${kind}`,
      translations: [
        { locale: "en", status: "original", title: "Free <Ada> & co", summary: "Summary.", body: "We ask." },
        { locale: "uk", status: "reviewed", title: "Свободу <Аді> & co", summary: "Підсумок.", body: "Просимо." },
      ],
    });
    const owner = await upsertOrganizer(getDb(), { email: `owner-${kind}@example.org`, isAdmin: false });
    await addMember(getDb(), campaign.id, owner.id, "owner");
    const session = newToken();
    await insertSession(getDb(), {
      idHash: hashToken(session),
      organizerId: owner.id,
      expiresAt: new Date(Date.now() + 3600_000),
      secondFactorAt: new Date(),
    });
    const invitee = `invitee-${kind}@example.org`;
    const path = `/organizer/campaigns/${campaign.slug}/members`;
    const request = new Request(`${APP}${path}`, {
      method: "POST",
      headers: {
        Cookie: `${SESSION_COOKIE}=${session}`,
        Origin: APP,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "invite", email: invitee, role: "moderator", locale: "uk" }).toString(),
    });
    expect(await run(membersRoute.action, request, { slug: campaign.slug })).toMatchObject({
      status: 200,
      body: { kind: "invited" },
    });

    const received = await waitFor(() => smtp.received.find((r) => r.envelope.rcptTo[0]?.address === invitee));
    expect(received.mail.from?.text).toContain("no-reply@undersigned.test");
    expect(received.mail.subject).toContain("Свободу <Аді> & co");
    expect(received.mail.text).toContain("Прийняти й увійти");
    expect(received.mail.text).toContain(`owner-${kind}@example.org`);
    expect(String(received.mail.html)).toContain("Свободу &lt;Аді&gt; &amp; co");
    const token = /\/organizer\/login\/([A-Za-z0-9_-]{43})/.exec(received.mail.text ?? "")?.[1];
    expect(token).toBeDefined();
    const consumed = await consumeLoginToken(token, null);
    expect(consumed).toMatchObject({
      kind: "ok",
      next: `/organizer/totp-setup?next=${encodeURIComponent(`/organizer/campaigns/${campaign.slug}`)}`,
    });
    // Exactly one mail for one invitation.
    expect(smtp.received.filter((r) => r.envelope.rcptTo[0]?.address === invitee)).toHaveLength(1);
  });
});
