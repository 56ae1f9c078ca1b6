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
  storedEmailHash,
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

/** The addresses among `emails` that have a signature row (stored only as keyed hashes). */
async function rowsFor(databaseUrl: string, emails: string[]): Promise<Set<string>> {
  const byHash = new Map(emails.map((email) => [storedEmailHash(email), email]));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ email_hash: string }>(
    "select email_hash from signatures where email_hash = any($1)",
    [[...byHash.keys()]],
  );
  await client.end();
  return new Set(rows.map((r) => byHash.get(r.email_hash)!));
}

describe.skipIf(privatePostgresUnavailable())("PostgreSQL stopped in the middle of a burst of signing", () => {
  it("keeps answering: 302 only for saved signatures, a quick 503 during the outage, and recovers by itself", async () => {
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

    // Ten senders keep signing, before, during and after the outage. The database is stopped
    // and started by child processes this test does not block on, so requests never pause.
    type Attempt = { email: string; status: number; sentAt: number; ms: number };
    const attempts: Attempt[] = [];
    let sending = true;
    let n = 0;
    const senders = Array.from({ length: 10 }, async () => {
      while (sending) {
        const email = `burst-${n++}-${Date.now()}@example.org`;
        const sentAt = Date.now();
        const status = await sign(app.url, email);
        attempts.push({ email, status, sentAt, ms: Date.now() - sentAt });
      }
    });
    // Warm: the first signatures are saved before the database goes away.
    await waitFor(() => (attempts.filter((a) => a.status === 302).length >= 10 ? true : undefined));
    await postgres.halt();
    const downFrom = Date.now();
    await sleep(2_000);
    const downUntil = Date.now();
    await postgres.resume();
    await waitFor(async () => ((await fetch(`${app.url}/healthz`)).ok ? true : undefined));
    await sleep(500);
    sending = false;
    await Promise.all(senders);

    const codes = attempts.map((a) => a.status);
    expect(
      codes.every((c) => c === 302 || c === 503),
      `unexpected statuses: ${[...new Set(codes)]}\n${app.output().slice(-3000)}`,
    ).toBe(true);
    // Requests sent while the database was down were answered, with a 503, and did not hang
    // waiting for it (a generous bound: a hang would last until the database came back).
    const duringOutage = attempts.filter((a) => a.sentAt >= downFrom + 200 && a.sentAt + a.ms <= downUntil);
    expect(duringOutage.length).toBeGreaterThan(5);
    expect(duringOutage.every((a) => a.status === 503)).toBe(true);
    // Every acknowledged signature has its row once the database is back.
    const saved = await rowsFor(
      postgres.url,
      attempts.map((a) => a.email),
    );
    const acknowledged = attempts.filter((a) => a.status === 302);
    for (const a of acknowledged) expect(saved.has(a.email), a.email).toBe(true);
    const phase = (a: Attempt) => (a.sentAt < downFrom ? "before" : a.sentAt > downUntil ? "after" : "during");
    const tally: Record<string, Record<number, number>> = {};
    for (const a of attempts) (tally[phase(a)] ??= {})[a.status] = (tally[phase(a)]?.[a.status] ?? 0) + 1;
    console.info(`[outage] statuses by phase: ${JSON.stringify(tally)}`);
    // Signing worked before the outage and works again after it, without restarting the app.
    expect(
      acknowledged.some((a) => phase(a) === "before"),
      JSON.stringify(tally),
    ).toBe(true);
    expect(
      acknowledged.some((a) => phase(a) === "after"),
      JSON.stringify(tally),
    ).toBe(true);
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

    // The API's count is at most about a second old in each process (README, "Performance").
    await expect.poll(() => publicTotal(first.url), { timeout: 5_000 }).toBe(before + emails.length);
    await expect.poll(() => publicTotal(second.url), { timeout: 5_000 }).toBe(before + emails.length);
    await sleep(3_000);
    for (const email of emails) expect(mailFor(email), email).toHaveLength(1);
  });
});

describe("graceful shutdown", () => {
  it("answers every request in flight when told to stop; nothing is cut off", async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const app = await startApp({ DATABASE_URL: database.url, SEED_DEMO: "always", SMTP_URL: "smtp://127.0.0.1:9" });
    // Requests truly in flight: the server has their headers and is reading their body when
    // SIGTERM arrives; the rest of each body follows after the signal.
    const emails = Array.from({ length: 8 }, (_, i) => `in-flight-${i}-${Date.now()}@example.org`);
    const bodies = emails.map((email) =>
      new URLSearchParams({
        fullName: "Late Signer",
        email,
        group: "mathematicians",
        country: "FR",
        visibility: "public",
      }).toString(),
    );
    const releases: (() => void)[] = [];
    const inFlight = bodies.map((body) => {
      const half = Math.floor(body.length / 2);
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(body.slice(0, half)));
          releases.push(() => {
            controller.enqueue(encoder.encode(body.slice(half)));
            controller.close();
          });
        },
      });
      return fetch(`${app.url}/en/campaigns/${LETTER}`, {
        method: "POST",
        body: stream,
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(body.length) },
        duplex: "half",
      } as RequestInit).then(
        async (r) => (await r.arrayBuffer(), r.status),
        (error: Error) => `cut: ${error.message}`,
      );
    });
    await sleep(500);
    const exit = app.stop("SIGTERM");
    await sleep(200);
    for (const release of releases) release();
    const statuses = await Promise.all(inFlight);
    expect(statuses).toEqual(emails.map(() => 302));
    expect(await exit).toBe(0);
    expect(app.output()).toContain("[server] stopped");
    // And each answer meant what it said: the signatures are stored.
    expect(await rowsFor(database.url, emails)).toEqual(new Set(emails));
  });
});
