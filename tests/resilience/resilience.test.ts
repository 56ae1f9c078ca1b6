import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { closedPort, startSmtpServer, type TestServer } from "../smtp";
import {
  freshDatabase,
  LETTER,
  privatePostgresUnavailable,
  publicTotal,
  sign,
  sleep,
  startApp,
  startPrivatePostgres,
  waitFor,
  type RunningApp,
} from "./harness";

/**
 * The production build under failure, with real processes: bounded to seconds, so CI stays
 * fast; the full-size figures belong to `npm run bench`.
 */

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function rowsFor(databaseUrl: string, emails: string[]): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ email: string }>("select email from signatures where email = any($1)", [
    emails,
  ]);
  await client.end();
  return new Set(rows.map((r) => r.email));
}

describe.skipIf(privatePostgresUnavailable())("PostgreSQL restarted in the middle of a burst of signing", () => {
  it("answers 302 only for saved signatures, 503 for the rest, and recovers by itself", async () => {
    const postgres = await startPrivatePostgres();
    cleanups.push(() => postgres.stop());
    // No worker here: only the web path is under test (mail would go nowhere).
    const app = await startApp({
      DATABASE_URL: postgres.url,
      SEED_DEMO: "always",
      RUN_WORKER: "0",
      SMTP_URL: "smtp://127.0.0.1:9",
    });
    cleanups.push(() => app.stop());

    const emails = Array.from({ length: 150 }, (_, i) => `burst-${i}-${Date.now()}@example.org`);
    const statuses = new Map<string, number>();
    let next = 0;
    const workers = Array.from({ length: 10 }, async () => {
      while (next < emails.length) {
        const email = emails[next++]!;
        statuses.set(email, await sign(app.url, email));
      }
    });
    await sleep(300);
    postgres.restart();
    await Promise.all(workers);

    const codes = [...statuses.values()];
    expect(
      codes.every((c) => c === 302 || c === 503),
      `unexpected statuses: ${[...new Set(codes)]}\n${app.output().slice(-3000)}`,
    ).toBe(true);
    const saved = await rowsFor(postgres.url, emails);
    for (const [email, status] of statuses) if (status === 302) expect(saved.has(email), email).toBe(true);
    expect(codes.filter((c) => c === 302).length).toBeGreaterThan(0);
    console.info(
      `[restart burst] ${codes.filter((c) => c === 302).length} saved, ${codes.filter((c) => c === 503).length} refused with 503`,
    );

    // Recovers without a restart of the app.
    await waitFor(async () => ((await fetch(`${app.url}/healthz`)).ok ? true : undefined));
    expect(await sign(app.url, `after-restart-${Date.now()}@example.org`)).toBe(302);
    expect(app.output()).not.toMatch(/\[error\]/);
  });
});

describe("SMTP down during signing, then back", () => {
  it("delivers every queued confirmation once", async () => {
    const port = await closedPort();
    const app = await startApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_DELAY_SECONDS: "1" });
    cleanups.push(() => app.stop());
    const emails = Array.from({ length: 5 }, (_, i) => `smtp-down-${i}-${Date.now()}@example.org`);
    for (const email of emails) expect(await sign(app.url, email)).toBe(302);
    await sleep(2_500); // the first attempts fail: nobody listens

    const smtp: TestServer = await startSmtpServer({ port });
    cleanups.push(() => smtp.close());
    const to = (email: string) => smtp.received.filter((r) => r.envelope.rcptTo[0]?.address === email).length;
    await waitFor(() => (emails.every((e) => to(e) >= 1) ? true : undefined), 60_000);
    await sleep(3_000); // would a second copy follow?
    for (const email of emails) expect(to(email), email).toBe(1);
  });
});

describe("two app instances sharing one PostgreSQL", () => {
  it("count exactly and send exactly one mail per signature", async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const env = { DATABASE_URL: database.url, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SEED_DEMO: "always" };
    const first = await startApp(env);
    cleanups.push(() => first.stop());
    const second = await startApp(env);
    cleanups.push(() => second.stop());
    const apps: RunningApp[] = [first, second];
    const before = await publicTotal(first.url);

    const emails = Array.from({ length: 30 }, (_, i) => `twin-${i}-${Date.now()}@example.org`);
    const statuses = await Promise.all(emails.map((email, i) => sign(apps[i % 2]!.url, email)));
    expect(statuses.every((s) => s === 302)).toBe(true);

    const mailFor = (email: string) => smtp.received.filter((r) => r.envelope.rcptTo[0]?.address === email);
    await waitFor(() => (emails.every((e) => mailFor(e).length >= 1) ? true : undefined), 60_000);
    // Confirm each through the other instance than the one that took the signature.
    const confirmations = await Promise.all(
      emails.map(async (email, i) => {
        const token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(mailFor(email)[0]!.mail.text ?? "")![1]!;
        const response = await fetch(`${apps[(i + 1) % 2]!.url}/en/confirm/${token}`, {
          method: "POST",
          redirect: "manual",
        });
        return response.status;
      }),
    );
    expect(confirmations.every((s) => s === 302)).toBe(true);

    expect(await publicTotal(first.url)).toBe(before + emails.length);
    expect(await publicTotal(second.url)).toBe(before + emails.length);
    await sleep(3_000);
    for (const email of emails) expect(mailFor(email), email).toHaveLength(1);
  });
});

describe("graceful shutdown", () => {
  it("finishes in-flight requests, stops the queue and closes the database", async () => {
    const app = await startApp({});
    const inFlight = Array.from({ length: 40 }, () =>
      fetch(`${app.url}/ru/campaigns/${LETTER}`).then(
        async (r) => (await r.text(), r.status),
        () => 0,
      ),
    );
    await sleep(50);
    const exit = app.stop("SIGTERM");
    const statuses = await Promise.all(inFlight);
    expect(await exit).toBe(0);
    // Requests already accepted are answered; none is cut off with an error status.
    expect(statuses.filter((s) => s !== 0 && s !== 200)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(app.output()).toContain("[server] stopped");
  });
});
