import { Transform, type TransformCallback } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getConfig } from "~/utils/env.server";
import { NonceProvider } from "~/utils/nonce";
import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";
import { seedDemoIfEmpty } from "../db/seeds/demo";
import { startJobs, stopJobs } from "~/jobs/worker.server";
import { closeRateLimits } from "~/services/rate-limit.server";
import { sealBenchmark, seedBenchmark } from "~/services/bench.server";
import { rotateSignerKey, sealLegacySignatures } from "~/services/signer-keys.server";
import { countByEmailPrefix } from "~/models/bench-signatures.server";
import { repairCountDrift } from "~/models/signature-transitions.server";
import { closeMailer } from "~/utils/mailer.server";
import { createOrganizerFromCli } from "~/services/organizer-admin.server";
import { importPhotosFromDisk } from "~/services/photo-import.server";

export { ConfigError } from "~/utils/env.server";

const ABORT_DELAY = 5_000;

/**
 * Called once by server/start.js (and server/dev.js) before it listens: validates the
 * configuration, migrates, and seeds the demo on an empty embedded database.
 */
export async function startup(): Promise<{
  port: number;
  host: string | undefined;
  appUrl: string;
  embedded: boolean;
  /** For server/app.js: the proxies whose X-Forwarded-For is believed (TRUST_PROXY). */
  trustProxy: string[];
}> {
  const config = getConfig();
  const db = getDb();
  await migrateToLatest(db);
  // Photos written to DATA_DIR/media by earlier versions move into the database (idempotent).
  await importPhotosFromDisk();
  const seed = config.seedDemo === "always" || (config.seedDemo === "auto" && config.embedded);
  if (seed) {
    const seeded = await seedDemoIfEmpty(db);
    if (seeded) console.info(`[seed] demo content: ${seeded.campaigns} campaigns, ${seeded.signatures} signatures`);
  }
  await startJobsRetrying(config.runWorker);
  // Rows written before encryption (issue 12) are sealed in the background, in batches; with
  // SIGNER_DATA_KEY_PREVIOUS set, rows under the old key move to the new one (the embedded
  // database has one owner, so this is how it rotates: restart with both keys).
  void rotateSignerKey()
    .then((r) => (r.sealed || r.rotated) && console.info(`[keys] ${JSON.stringify(r)}`))
    .catch((error) => console.warn(`[keys] sealing signatures failed: ${(error as Error).message}`));
  // For the operator, never for signers: say plainly what protects the sign form.
  if (!config.hcaptcha)
    console.info("[captcha] off: HCAPTCHA_SITEKEY/HCAPTCHA_SECRET are not set (honeypot and rate limits only)");
  if (!config.smtpUrl)
    console.info(`[mail] no SMTP_URL: mails are written to ${config.dataDir}/mail, readable at /dev/mailbox`);
  return {
    port: config.port,
    host: config.host,
    appUrl: config.appUrl,
    embedded: config.embedded,
    trustProxy: config.trustProxy,
  };
}

/**
 * Instances started at the same moment on a database whose queues do not exist yet can
 * deadlock while pg-boss creates them; PostgreSQL rolls one back, and that one tries again.
 */
async function startJobsRetrying(work: boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startJobs({ work });
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
      console.warn(`[queue] deadlock while creating the queues (another instance starting); trying again`);
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
}

/** Commands for server/cli.js (`npm run db:migrate`, `npm run db:seed`). */
export const cliTasks: Record<string, (args: string[]) => Promise<number>> = {
  async migrate() {
    const result = await migrateToLatest(getDb());
    const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
    console.info(applied.length ? `Applied: ${applied.join(", ")}` : "Database already up to date.");
    await importPhotosFromDisk();
    return 0;
  },
  /** `npm run worker`: only the queue and sweeps, no HTTP (RUN_WORKER is implied). */
  async worker() {
    const config = getConfig();
    await migrateToLatest(getDb());
    await startJobs({ work: true });
    console.info(`[worker] working the queue on ${config.embedded ? "the embedded database" : "PostgreSQL"}`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    console.info("[worker] stopping");
    return 0;
  },
  /** Counters against rows: prints any drift and repairs it. */
  async reconcile() {
    const repaired = await repairCountDrift(getDb());
    console.info(JSON.stringify({ repairedKeys: repaired.length, repaired }));
    return 0;
  },
  /** `bench-seed <slug> <verified> <pending> <tokens-file>`: data for `npm run bench`. */
  async "bench-seed"(args) {
    const [slug = "", verified = "0", pending = "0", tokensFile] = args;
    await migrateToLatest(getDb());
    await seedDemoIfEmpty(getDb());
    const result = await seedBenchmark({ slug, verified: Number(verified), pending: Number(pending), tokensFile });
    console.info(JSON.stringify(result));
    return 0;
  },
  /** `bench-seal <slug>`: the benchmark campaign's synthetic signatures sealed like real ones (the export scenario). */
  async "bench-seal"(args) {
    const [slug = ""] = args;
    console.info(JSON.stringify(await sealBenchmark({ slug })));
    return 0;
  },
  /** `npm run keys:seal`: seals the signatures still in clear (also done at every startup). */
  async "keys-seal"() {
    await migrateToLatest(getDb());
    console.info(JSON.stringify({ sealed: await sealLegacySignatures() }));
    return 0;
  },
  /** `npm run keys:rotate`: moves every signature to SIGNER_DATA_KEY from SIGNER_DATA_KEY_PREVIOUS, in batches. */
  async "keys-rotate"() {
    await migrateToLatest(getDb());
    if (!getConfig().signerDataKeyPrevious) {
      console.error(
        "Set SIGNER_DATA_KEY to the new key and SIGNER_DATA_KEY_PREVIOUS to the old one (on every instance).",
      );
      return 2;
    }
    const result = await rotateSignerKey(getDb(), { onBatch: (n) => console.info(`[keys] ${n} moved`) });
    console.info(JSON.stringify(result));
    return result.remaining === 0 ? 0 : 1;
  },
  /** `bench-count <prefix>`: rows by state whose address starts with the prefix. */
  async "bench-count"(args) {
    console.info(JSON.stringify(await countByEmailPrefix(getDb(), args[0] ?? "")));
    return 0;
  },
  /** `organizer-create <email> [--admin]`: creates an organizer, or promotes one to admin. */
  async "organizer-create"(args) {
    await migrateToLatest(getDb());
    return createOrganizerFromCli(args);
  },
  async seed() {
    const db = getDb();
    await migrateToLatest(db);
    const seeded = await seedDemoIfEmpty(db);
    console.info(
      seeded
        ? `Seeded ${seeded.campaigns} demo campaigns with ${seeded.signatures} synthetic signatures.`
        : "The database already has campaigns; nothing seeded.",
    );
    return 0;
  },
};

/** Closes what startup opened: the queue first (running jobs finish), the database last. */
export async function shutdown(): Promise<void> {
  await stopJobs();
  await closeRateLimits();
  closeMailer();
  await closeDb();
}

/**
 * React 18.3's stream pads a chunk with NUL bytes when a multi-byte character does not fit
 * at its end (facebook/react#31134); the character itself follows intact in the next chunk.
 * Browsers show those NULs as "�" (in a meta description, say), so they are dropped
 * here. HTML never carries a real NUL: U+0000 is refused in every form we accept.
 */
class DropNulBytes extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    if (chunk.indexOf(0) === -1) return done(null, chunk);
    const parts: Buffer[] = [];
    for (let from = 0; from < chunk.length;) {
      let at = chunk.indexOf(0, from);
      if (at === -1) at = chunk.length;
      if (at > from) parts.push(chunk.subarray(from, at));
      from = at + 1;
    }
    done(null, Buffer.concat(parts));
  }
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new DropNulBytes();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell are reported by Remix itself; log only streaming ones.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Log the path only: query strings may carry tokens.
  console.error(`[error] ${request.method} ${new URL(request.url).pathname}:`, error);
}
