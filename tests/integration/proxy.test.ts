import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashIp } from "~/utils/tokens.server";
import { freePort, freshDatabase, LETTER, sleep, storedEmailHash, waitFor } from "../resilience/harness";
import { startSmtpServer, type TestServer } from "../smtp";
import { Instance, request, signForm } from "./instances";
import { nginxBinary, startNginx } from "./nginx.mjs";

/** The signer-data key both instances run with. */
const KEY = Buffer.alloc(32, 7).toString("base64");

/**
 * The deployment the README describes, as a whole: two instances of the production build on
 * one PostgreSQL database, behind Debian's nginx running the configuration in deploy/nginx/,
 * mail to a real SMTP listener. Run after `npm run build` (npm test builds in test:e2e).
 */

const root = path.resolve(__dirname, "../..");
const SECRET = "integration-test-secret-0123456789abcdef";
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe.skipIf(!nginxBinary() || !fs.existsSync(path.join(root, "build/server/index.js")))(
  "two instances behind the shipped nginx on one PostgreSQL",
  () => {
    let databaseUrl = "";
    let smtp: TestServer;
    let proxy: Awaited<ReturnType<typeof startNginx>>;
    let first: Instance;
    let second: Instance;
    let db: pg.Client;
    const legacy = { prisonerId: 0, name: "", webp: Buffer.alloc(0) };

    const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
      (await db.query<T>(text, values)).rows;

    beforeAll(async () => {
      const database = await freshDatabase();
      cleanups.push(() => database.drop());
      databaseUrl = database.url;
      smtp = await startSmtpServer();
      cleanups.push(() => smtp.close());
      const proxyPort = await freePort();
      const appUrl = `http://127.0.0.1:${proxyPort}`;
      const env = {
        DATABASE_URL: databaseUrl,
        APP_URL: appUrl,
        SESSION_SECRET: SECRET,
        // Required in production on PostgreSQL (issue 12): the same on every instance.
        SIGNER_DATA_KEY: KEY,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        OPERATOR_NAME: "Proxy test operator",
        OPERATOR_CONTACT: "operator@example.org",
        MAIL_RETRY_DELAY_SECONDS: "1",
        // nginx connects from 127.0.0.1; the test's clients use other loopback addresses.
        TRUST_PROXY: "127.0.0.1",
        WEB_CONCURRENCY: "1",
        DATABASE_POOL_SIZE: "5",
        SEED_DEMO: "never",
        LOG_LEVEL: "warn",
      };
      // The release is migrated and seeded before any instance starts (README, step by step).
      execFileSync(process.execPath, ["server/cli.js", "seed"], {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATA_DIR: os.tmpdir(), ...env },
        stdio: "pipe",
      });
      db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      cleanups.push(() => db.end());

      // A photo an earlier version wrote to DATA_DIR/media, present on both hosts (synced, as
      // the README used to ask): both instances start at once and copy it in.
      const [prisoner] = await query<{ id: number }>("select id from prisoners order by id limit 1");
      legacy.prisonerId = prisoner!.id;
      legacy.webp = await sharp({ create: { width: 30, height: 40, channels: 3, background: "#884422" } })
        .webp()
        .toBuffer();
      legacy.name = `${legacy.prisonerId}-${sha256(legacy.webp).slice(0, 16)}.webp`;
      await query("update prisoners set photo_path = $1 where id = $2", [legacy.name, legacy.prisonerId]);
      const dataDirs = [0, 1].map(() => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-instance-"));
        fs.mkdirSync(path.join(dir, "media", "prisoners"), { recursive: true });
        fs.writeFileSync(path.join(dir, "media", "prisoners", legacy.name), legacy.webp);
        cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
        return dir;
      });

      first = new Instance(await freePort(), { ...env, DATA_DIR: dataDirs[0]! });
      second = new Instance(await freePort(), { ...env, DATA_DIR: dataDirs[1]! });
      cleanups.push(
        () => first.stop(),
        () => second.stop(),
      );
      await Promise.all([first.start(), second.start()]);
      proxy = await startNginx({ port: proxyPort, upstreams: [first.port, second.port] });
      cleanups.push(() => proxy.stop());
    });

    it("copied the photo left on disk into the database once, and both instances serve it", async () => {
      const [row] = await query<{ photo_path: string; photo_sha256: string }>(
        "select photo_path, photo_sha256 from prisoners where id = $1",
        [legacy.prisonerId],
      );
      expect(row).toEqual({ photo_path: legacy.name, photo_sha256: sha256(legacy.webp) });
      expect(await query("select 1 from media where sha256 = $1", [sha256(legacy.webp)])).toHaveLength(1);
      for (const instance of [first, second]) {
        const served = await request(`${instance.url}/media/prisoners/${legacy.name}`);
        expect(served.status).toBe(200);
        expect(served.body.equals(legacy.webp)).toBe(true);
      }
    });

    it("stores every signature the proxy acknowledged once and mails it once, while an instance restarts", async () => {
      const total = 90;
      const stamp = Date.now().toString(36);
      const emails = Array.from({ length: total }, (_, i) => `proxied-${stamp}-${i}@example.org`);
      // 30 clients, 3 signatures each: under the per-address burst limit (10 a minute).
      const clientOf = (i: number) => `127.0.1.${(i % 30) + 1}`;
      const statuses = new Map<string, number>();
      let next = 0;
      const signUpTo = (end: number) =>
        Promise.all(
          Array.from({ length: 6 }, async () => {
            while (next < end) {
              const i = next++;
              const answer = await request(`${proxy.url}/en/campaigns/${LETTER}`, {
                from: clientOf(i),
                method: "POST",
                headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: proxy.url },
                body: signForm(emails[i]!),
              });
              statuses.set(emails[i]!, answer.status);
            }
          }),
        );

      await signUpTo(30);
      // The second instance is stopped while signatures keep coming…
      const stopped = second.stop();
      await signUpTo(60);
      expect(await stopped).toBe(0);
      // …and started again (on the same port) while they still do.
      const restarted = second.start();
      await signUpTo(total);
      await restarted;

      const codes = [...statuses.values()];
      const acknowledged = emails.filter((e) => statuses.get(e) === 302);
      expect(
        codes.filter((c) => c !== 302),
        `statuses other than 302\n${proxy.log()}`,
      ).toEqual([]);
      expect(acknowledged).toHaveLength(total);

      // Every acknowledged signature is one row, and it carries the hash of the real client address.
      // (Addresses are stored only as keyed hashes: look them up the way the app does.)
      const byHash = new Map(acknowledged.map((email) => [storedEmailHash(email, KEY), email]));
      const rows = await query<{ email_hash: string; n: number; ip_hashes: string[] }>(
        "select email_hash, count(*)::int as n, array_agg(ip_hash) as ip_hashes from signatures where email_hash = any($1) group by email_hash",
        [[...byHash.keys()]],
      );
      expect(rows).toHaveLength(acknowledged.length);
      for (const row of rows) {
        const email = byHash.get(row.email_hash)!;
        expect(row.n, email).toBe(1);
        expect(row.ip_hashes[0], email).toBe(hashIp(clientOf(emails.indexOf(email)), SECRET));
      }

      // Every one of them gets its confirmation mail, once.
      const mailsTo = (email: string) => smtp.received.filter((r) => r.envelope.rcptTo[0]?.address === email).length;
      await waitFor(() => (acknowledged.every((e) => mailsTo(e) >= 1) ? true : undefined), 90_000);
      await sleep(3_000); // would a second copy follow?
      for (const email of acknowledged) expect(mailsTo(email), email).toBe(1);
    });

    it("rate limits the real client address, from the proxy only, never the proxy's own", async () => {
      const stamp = Date.now().toString(36);
      const viaProxy = (from: string, email: string, headers: Record<string, string> = {}) =>
        request(`${proxy.url}/en/campaigns/${LETTER}`, {
          from,
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: proxy.url, ...headers },
          body: signForm(email),
        });
      // One client writes its own X-Forwarded-For: nginx replaces it with the address it sees.
      const forged = { "X-Forwarded-For": "203.0.113.9" };
      for (let i = 0; i < 10; i++)
        expect((await viaProxy("127.0.2.1", `limit-${stamp}-${i}@example.org`, forged)).status).toBe(302);
      expect((await viaProxy("127.0.2.1", `limit-${stamp}-over@example.org`, forged)).status).toBe(429);
      // Another client behind the same proxy is not held back by the first one's limit.
      const other = `limit-${stamp}-other@example.org`;
      expect((await viaProxy("127.0.2.2", other)).status).toBe(302);
      const [row] = await query<{ ip_hash: string }>("select ip_hash from signatures where email_hash = $1", [
        storedEmailHash(other, KEY),
      ]);
      expect(row?.ip_hash).toBe(hashIp("127.0.2.2", SECRET));

      // Straight to an instance, from an address that is not the proxy: the header is ignored.
      const direct = await request(`${first.url}/en/campaigns/${LETTER}`, {
        from: "127.0.2.1",
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "127.0.2.77" },
        body: signForm(`limit-${stamp}-direct@example.org`),
      });
      expect(direct.status).toBe(429);
    });

    it("serves a photo uploaded through one instance from the other, and caches it for good", async () => {
      // An admin signed in with both factors (a session row: nothing of ours is mocked).
      const token = randomBytes(32).toString("base64url");
      const [organizer] = await query<{ id: number }>(
        "insert into organizers (email, is_admin, totp_enabled_at) values ($1, true, now()) returning id",
        [`proxy-admin-${Date.now().toString(36)}@example.org`],
      );
      await query(
        `insert into sessions (id_hash, organizer_id, second_factor_at, expires_at)
         values ($1, $2, now(), now() + interval '2 hours')`,
        [sha256(Buffer.from(token)), organizer!.id],
      );
      const [prisoner] = await query<{ id: number; slug: string }>(
        "select id, slug from prisoners order by id desc limit 1",
      );
      const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#336699" } })
        .jpeg()
        .toBuffer();
      /** The upload as a browser sends it to the proxy, and as the proxy forwards it (Host and Origin are the site's). */
      const upload = async (url: string, file: Uint8Array) => {
        const form = new FormData();
        form.set("intent", "photo");
        form.set("photo", new File([new Uint8Array(file)], "portrait.jpg", { type: "image/jpeg" }));
        const encoded = new Request("http://localhost/", { method: "POST", body: form });
        return request(`${url}/organizer/prisoners/${prisoner!.slug}`, {
          method: "POST",
          headers: {
            "Content-Type": encoded.headers.get("Content-Type")!,
            Cookie: `__Host-us_session=${token}`,
            Origin: proxy.url,
            Host: new URL(proxy.url).host,
          },
          body: Buffer.from(await encoded.arrayBuffer()),
        });
      };

      const uploaded = await upload(first.url, photo);
      expect(uploaded.status, first.output().slice(-3000)).toBe(200);
      const [row] = await query<{ photo_path: string; photo_sha256: string }>(
        "select photo_path, photo_sha256 from prisoners where id = $1",
        [prisoner!.id],
      );
      expect(row?.photo_path).toBe(`${prisoner!.id}-${row!.photo_sha256.slice(0, 16)}.webp`);

      const fromSecond = await request(`${second.url}/media/prisoners/${row!.photo_path}`);
      expect(fromSecond.status).toBe(200);
      expect(fromSecond.headers["content-type"]).toBe("image/webp");
      expect(sha256(fromSecond.body)).toBe(row!.photo_sha256);
      expect((await sharp(fromSecond.body).metadata()).width).toBe(800);

      // Through the proxy: kept after the first answer, immutable.
      const viaProxy = [];
      for (let i = 0; i < 2; i++) viaProxy.push(await request(`${proxy.url}/media/prisoners/${row!.photo_path}`));
      expect(viaProxy.map((a) => a.status)).toEqual([200, 200]);
      expect(viaProxy[1]!.headers["x-cache-status"]).toBe("HIT");
      expect(viaProxy[1]!.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(viaProxy[1]!.body.equals(fromSecond.body)).toBe(true);

      // A body over the proxy's limit (9 MB: an 8 MB photo and its form) never reaches an instance.
      const tooBig = await upload(proxy.url, Buffer.alloc(10 * 1024 * 1024, 1));
      expect(tooBig.status).toBe(413);
    });

    it("caches what declares itself cacheable, with a nonce of its own in every answer", async () => {
      const pages = [];
      for (let i = 0; i < 3; i++) pages.push(await request(`${proxy.url}/ru/campaigns/${LETTER}`));
      expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
      expect(pages.at(-1)!.headers["x-cache-status"]).toBe("HIT");
      const nonces = pages.map((page) => {
        const csp = String(page.headers["content-security-policy"]);
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce).toMatch(/^[0-9a-f]{32}$/);
        const html = page.body.toString("utf8");
        const inPage = [...html.matchAll(/ nonce="([^"]*)"/g)].map((m) => m[1]);
        expect(inPage.length).toBeGreaterThan(0);
        expect(new Set(inPage)).toEqual(new Set([nonce]));
        expect(page.headers["x-csp-nonce"]).toBeUndefined();
        return nonce;
      });
      expect(new Set(nonces).size).toBe(nonces.length);

      // Not cacheable: organizer pages, the health check.
      const health = await request(`${proxy.url}/healthz`);
      expect(health.status).toBe(200);
      expect(health.headers["x-cache-status"]).toBeUndefined();
      const signIn = await request(`${proxy.url}/organizer/login`);
      expect(signIn.headers["x-cache-status"]).toBeUndefined();
      expect(signIn.headers["cache-control"]).toContain("no-store");
    });
  },
);
