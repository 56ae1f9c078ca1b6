import type { PGlite } from "@electric-sql/pglite";
import { CompiledQuery, type Kysely } from "kysely";
import PgBoss from "pg-boss";
import type { Database } from "../../db/schema";
import type { SignerMailJob } from "../../emails";
import type { Executor } from "./db.server";

/**
 * A job queue in the application's own database, built on pg-boss 10.
 *
 * - PostgreSQL (`databaseUrl` given): pg-boss keeps a small pool of its own; several app
 *   instances may share the database and each job is handed to one worker only
 *   (`FOR UPDATE SKIP LOCKED`).
 * - PGlite (no `databaseUrl`): only one owner may open the data directory, so pg-boss sends
 *   every statement through the app's Kysely instance, which serializes PGlite's one connection.
 *
 * Jobs can be enqueued inside a Kysely transaction: they are committed or rolled back with
 * the business rows (no mail for a signature that was never saved, no lost mail for one that was).
 *
 * pg-boss creates and migrates its own `pgboss` schema on start() (outside the app's migrations).
 */

// ---------------------------------------------------------------------------------------------
// Jobs

/** A rendered message; the worker only transports it. */
export interface SendMailPayload {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe on campaign updates. */
  headers?: Record<string, string>;
}

/** A mail to one signer, by id: rendered and addressed by the worker from their sealed details (issue 12). */
export interface SendSignerMailPayload {
  signatureId: number;
  mail: SignerMailJob;
  headers?: Record<string, string>;
}

/** Fans one published campaign update out to its consenting signers, a batch per job. */
export interface SendUpdatePayload {
  updateId: number;
  /** Keyset cursor: continue after this signature id. */
  afterSignatureId: number;
}

/** Invalidates the signatures matching one invalidation job's criteria, in batches (services/invalidation.server.ts). */
export interface InvalidateSignaturesPayload {
  /** invalidation_jobs.id */
  jobId: number;
}

/** Invites an earlier campaign's consenting signers to sign its follow-up, a batch per job (services/follow-up.server.ts). */
export interface SendFollowUpPayload {
  /** The follow-up campaign. */
  campaignId: number;
  /** Keyset cursor over the earlier campaign's signatures. */
  afterSignatureId: number;
}

/** The daily digest to owners who asked for it (services/daily-digest.server.ts), on a cron schedule. */
export type DailyDigestPayload = Record<string, never>;

/** Erases a campaign's signer data once its retention period is over, in batches (services/retention.server.ts). */
export interface EraseSignerDataPayload {
  campaignId: number;
}

/** Job name → payload. Add a queue here and in QUEUE_SETTINGS. */
export type JobPayloads = {
  "send-mail": SendMailPayload;
  "send-signer-mail": SendSignerMailPayload;
  "send-update": SendUpdatePayload;
  "invalidate-signatures": InvalidateSignaturesPayload;
  "send-follow-up": SendFollowUpPayload;
  "daily-digest": DailyDigestPayload;
  "erase-signer-data": EraseSignerDataPayload;
};

export type JobName = keyof JobPayloads;

/** Any job-name → payload map (tests use their own). Payloads are stored as jsonb. */
export type PayloadMap<P> = { [K in keyof P]: object };

export interface QueueSettings {
  /** Attempts after the first one. */
  retryLimit: number;
  /** Wait before a retry; with backoff, the base of an exponential, jittered delay. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** A handler running longer fails (and is retried); also how long before a crashed worker's job is retried. */
  expireInSeconds: number;
  /** A job still waiting after this long is dropped (pg-boss default: 14 days). */
  retentionMinutes?: number;
}

export const QUEUE_SETTINGS: { [K in JobName]: QueueSettings } = {
  // 8 retries with delays of 30 s · 2^n · (1 + random): ~1 min, 2, 4, … ~2 h, about 4–8 hours in
  // total, so a mail outage of a few hours loses nothing while a dead address stops eventually.
  "send-mail": { retryLimit: 8, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 },
  // The same guarantees for mails to signers, queued by signature id.
  "send-signer-mail": { retryLimit: 8, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 },
  // Each batch records its deliveries before queueing their mails, so a retried batch never
  // mails anyone twice.
  "send-update": { retryLimit: 5, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 300 },
  // Each batch of ~500 commits on its own and re-reads the criteria, so a retried job goes on
  // where it stopped and never changes a signature (or a counter) twice.
  "invalidate-signatures": { retryLimit: 5, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 1800 },
  // Each invitation is recorded with its mail, so a retried batch invites nobody twice.
  "send-follow-up": { retryLimit: 5, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 300 },
  // Each owner's digest is claimed for the day with its mail, so a retried run sends none twice.
  "daily-digest": { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 900 },
  // Each batch of 500 commits on its own and erasing twice changes nothing, so a retried run
  // goes on where it stopped; a campaign whose every retry failed is queued again by a later sweep.
  "erase-signer-data": { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 1800 },
};

/** Thrown by a handler when retrying cannot help (invalid address, unknown template): the job fails at once. */
export class PermanentJobError extends Error {
  /** Checked instead of `instanceof`, which fails when a module is loaded twice (dev reloads). */
  readonly permanent = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

function isPermanent(error: unknown): boolean {
  return error instanceof PermanentJobError || (error as { permanent?: unknown } | null)?.permanent === true;
}

export interface QueueJob<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T> = (job: QueueJob<T>) => Promise<unknown> | unknown;

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export interface JobInfo<T> extends QueueJob<T> {
  state: JobState;
  /** The handler's result, or the serialized error of the last failure. */
  output: unknown;
}

export interface EnqueueOptions {
  /** Seconds from now, or a moment. */
  startAfter?: number | Date;
  priority?: number;
  /** Overrides of the queue's settings for this job. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
}

export interface WorkOptions {
  /** Jobs fetched at once; they run concurrently. */
  batchSize?: number;
  /** Wait between polls when the queue was empty (at least 0.5). */
  pollingIntervalSeconds?: number;
}

type QueueNames<P> = keyof P & string;

interface BaseQueueOptions {
  /** PostgreSQL: pg-boss's own pool connects here. Omit for PGlite (pg-boss goes through `db`). */
  databaseUrl?: string;
  /** pg-boss pool size on PostgreSQL (it needs few connections: polls, completions, maintenance). */
  poolSize?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** pg-boss's schema. */
  schema?: string;
  /** How often one instance (elected through the database) expires stuck jobs and archives old ones. */
  maintenanceIntervalSeconds?: number;
  logger?: Pick<Console, "warn">;
  /** Run pg-boss's cron schedules (see `schedule`); off by default (a timer and a poller per instance). */
  cron?: boolean;
}

export type QueueOptions<P> = BaseQueueOptions &
  (P extends JobPayloads
    ? { queues?: { [K in QueueNames<P>]: QueueSettings } }
    : { queues: { [K in QueueNames<P>]: QueueSettings } });

// ---------------------------------------------------------------------------------------------
// Kysely → pg-boss adapter

type PgBossDb = PgBoss.Db;
type PGliteClient = Pick<PGlite, "exec" | "isInTransaction">;

function isPGliteClient(value: unknown): value is PGliteClient {
  const v = value as Partial<PGliteClient> | null;
  return typeof v?.exec === "function" && typeof v.isInTransaction === "function";
}

/**
 * pg-boss's `db` option (`executeSql(text, values)`) on top of a Kysely instance or transaction.
 * Statements run on the executor's connection: on a transaction they commit or roll back with it.
 */
export function pgBossDbFor(executor: Executor): PgBossDb {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values?.length && hasSeveralStatements(text)) return runScript(executor, text);
      const result = await executor.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}

/**
 * pg-boss sends its schema creation, migrations and maintenance as one text
 * `BEGIN; SET LOCAL …; SELECT pg_advisory_xact_lock(…); …; COMMIT;`. PGlite's `query` (extended
 * protocol) takes one statement only, so such a script goes to `exec` (simple protocol) on the
 * PGlite instance behind the Kysely connection. node-postgres already uses the simple protocol
 * for a query without parameters.
 */
async function runScript(executor: Executor, text: string): Promise<{ rows: unknown[] }> {
  return executor.getExecutor().provideConnection(async (connection) => {
    // kysely-pglite-dialect's connection keeps the PGlite instance in `client`.
    const pglite = (connection as { client?: unknown }).client;
    try {
      if (isPGliteClient(pglite)) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await connection.executeQuery(CompiledQuery.raw(text, []));
      return { rows: result.rows as unknown[] };
    } catch (error) {
      // A failing statement leaves the script's BEGIN open and aborted; every later query on
      // this (for PGlite: the only) connection would fail. pg-boss expects some failures here
      // (two instances creating the schema at once), so close the transaction.
      if (!executor.isTransaction) {
        if (isPGliteClient(pglite)) {
          if (pglite.isInTransaction()) await pglite.exec("rollback");
        } else {
          await connection.executeQuery(CompiledQuery.raw("rollback", [])).catch(() => undefined);
        }
      }
      throw error;
    }
  });
}

/**
 * Whether `sql` holds more than one statement: a `;` outside quotes, dollar quotes and comments
 * followed by more SQL. (Escape strings E'…\'…' are not understood; pg-boss uses none.)
 */
export function hasSeveralStatements(sql: string): boolean {
  let ended = false;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === ";") {
      ended = true;
      i++;
    } else {
      if (ended) return true;
      if (c === "'" || c === '"') {
        const end = sql.indexOf(c, i + 1); // '' inside a string reads as two adjacent strings
        i = end < 0 ? sql.length : end + 1;
      } else if (c === "$") {
        const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
        if (tag) {
          const end = sql.indexOf(tag, i + tag.length);
          i = end < 0 ? sql.length : end + tag.length;
        } else {
          i++;
        }
      } else {
        i++;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Queue

interface RunningJob {
  name: string;
  id: string;
  /** Set when stop() gave up waiting and failed the job: the handler's late outcome is ignored. */
  abandoned: boolean;
  /** Settles once the handler has ended and its outcome is written. */
  done: Promise<void>;
}

export class Queue<P extends PayloadMap<P> = JobPayloads> {
  readonly #boss: PgBoss;
  readonly #queues: Record<string, QueueSettings>;
  readonly #schema: string;
  readonly #logger: Pick<Console, "warn">;
  #state: "new" | "starting" | "started" | "stopping" | "stopped" = "new";
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;
  readonly #loops = new Set<Promise<void>>();
  readonly #fetches = new Set<Promise<unknown>>();
  readonly #running = new Map<string, RunningJob>();
  readonly #wakers = new Set<() => void>();

  constructor(db: Kysely<Database>, options: QueueOptions<P>) {
    this.#queues = (options.queues ?? QUEUE_SETTINGS) as Record<string, QueueSettings>;
    this.#schema = options.schema ?? "pgboss";
    this.#logger = options.logger ?? console;
    const common = {
      schema: this.#schema,
      // No cron schedules unless asked for: spares a polling worker and two timers per instance.
      schedule: options.cron ?? false,
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 120,
    } satisfies PgBoss.ConstructorOptions;
    this.#boss = options.databaseUrl
      ? new PgBoss({
          ...common,
          connectionString: options.databaseUrl,
          max: options.poolSize ?? 2,
          application_name: options.applicationName ?? "undersigned-queue",
          ...{ connectionTimeoutMillis: 5_000 }, // passed on to pg.Pool; not in pg-boss's types
        })
      : new PgBoss({ ...common, db: pgBossDbFor(db) });
    // Unhandled, an 'error' event would crash the process. These are transient (lost connection,
    // failed maintenance run) and pg-boss carries on.
    this.#boss.on("error", (error) => this.#logger.warn(`[queue] pg-boss: ${describe(error)}`));
  }

  /** Creates or migrates pg-boss's schema and this app's queues (with their current settings). */
  async start(): Promise<void> {
    if (this.#state === "started") return;
    if (this.#state === "starting") return this.#starting;
    if (this.#state !== "new") throw new Error("a stopped queue cannot be restarted");
    this.#state = "starting";
    this.#starting = (async () => {
      await this.#boss.start();
      for (const [name, settings] of Object.entries(this.#queues)) {
        const queue = toPgBossQueue(name, settings);
        // create_queue does nothing when the queue exists; the update applies changed settings.
        await this.#boss.createQueue(name, queue);
        await this.#boss.updateQueue(name, queue);
      }
      this.#state = "started";
    })();
    try {
      await this.#starting;
    } catch (error) {
      this.#state = "stopping";
      await this.#boss.stop({ graceful: false }).catch(() => undefined);
      this.#state = "stopped";
      throw error;
    }
  }

  /**
   * Adds a job through `executor`: pass the transaction that writes the business rows so the
   * job exists exactly when they do. On PGlite, inside a transaction, pass that transaction and
   * never the root `db` (it waits for the connection the transaction holds).
   */
  async enqueue<N extends QueueNames<P>>(
    executor: Executor,
    name: N,
    data: P[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    this.#assertStarted();
    this.#assertKnown(name);
    const { retryDelaySeconds, ...rest } = options;
    const id = await this.#boss.send(name, data, {
      ...rest,
      ...(retryDelaySeconds === undefined ? {} : { retryDelay: retryDelaySeconds }),
      db: pgBossDbFor(executor),
    });
    // pg-boss answers null when the queue row is missing (nothing was inserted).
    if (!id) throw new Error(`queue "${name}" did not accept the job`);
    return id;
  }

  /**
   * Puts a job on `name` on a cron schedule (UTC), kept in the database: every instance may
   * call this at start, and pg-boss sends each due job once whichever instances run the clock.
   */
  async schedule<N extends QueueNames<P>>(name: N, cron: string, data: P[N]): Promise<void> {
    this.#assertStarted();
    this.#assertKnown(name);
    await this.#boss.schedule(name, cron, data, { tz: "UTC" });
  }

  /**
   * Polls `name` and runs `handler` for each job. A job whose handler resolves is completed;
   * one that throws is retried per the queue's settings, unless the error is a PermanentJobError.
   * (A polling loop of our own over `fetch` rather than pg-boss's `work`, so stop() knows when
   * polling has ended and every completion has been written.)
   */
  async work<N extends QueueNames<P>>(name: N, handler: JobHandler<P[N]>, options: WorkOptions = {}): Promise<void> {
    this.#assertStarted();
    this.#assertKnown(name);
    const batchSize = options.batchSize ?? 1;
    const intervalMs = Math.max(0.5, options.pollingIntervalSeconds ?? 2) * 1000;
    const loop = this.#poll(name, handler as JobHandler<unknown>, batchSize, intervalMs).catch((error: unknown) => {
      this.#logger.warn(`[queue] ${name}: worker stopped: ${describe(error)}`);
    });
    this.#loops.add(loop);
    void loop.finally(() => this.#loops.delete(loop));
  }

  /**
   * Stops polling, then waits for running handlers (graceful, up to `timeoutMs`) or not. Jobs
   * still running after that are failed, so they are retried (by this or another instance).
   * Then pg-boss's maintenance timer is cleared and, on PostgreSQL, its pool closed: nothing
   * keeps the process alive afterwards. The Kysely instance stays open (it is the caller's).
   */
  stop(options: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    this.#stopping ??= this.#stop(options);
    return this.#stopping;
  }

  async #stop({ graceful = true, timeoutMs = 30_000 }: { graceful?: boolean; timeoutMs?: number }): Promise<void> {
    if (this.#state === "new" || this.#state === "stopped") {
      this.#state = "stopped";
      return;
    }
    if (this.#state === "starting") await this.#starting?.catch(() => undefined);
    if (this.#state !== "started") return;
    this.#state = "stopping";
    for (const wake of [...this.#wakers]) wake();
    // A fetch under way may still hand out jobs; they are registered as running when it returns.
    await Promise.allSettled([...this.#fetches]);
    await new Promise((resolve) => setImmediate(resolve));
    if (graceful && this.#running.size) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.#running.values()].map((job) => job.done)),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    const left = [...this.#running.values()];
    for (const job of left) job.abandoned = true;
    for (const { name, id } of left) {
      await this.#boss
        .fail(name, id, { message: "the queue stopped while the job was running" })
        .catch((error: unknown) =>
          this.#logger.warn(`[queue] ${name} job ${id}: could not release it: ${describe(error)}`),
        );
    }
    if (!left.length) await Promise.allSettled([...this.#loops]);
    await this.#boss.stop({ graceful: false, close: true, wait: true });
    this.#state = "stopped";
  }

  get running(): boolean {
    return this.#state === "started";
  }

  /** A job in any state (including archived ones), or null. */
  async getJob<N extends QueueNames<P>>(name: N, id: string): Promise<JobInfo<P[N]> | null> {
    const job = await this.#boss.getJobById<P[N]>(name, id, { includeArchive: true });
    if (!job) return null;
    return {
      id: job.id,
      name: job.name,
      data: job.data,
      state: job.state,
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      output: job.output,
    };
  }

  /** Runs pg-boss's maintenance now (expire timed-out jobs, archive, purge); normally on a timer. */
  async maintain(): Promise<void> {
    this.#assertStarted();
    await this.#boss.maintain();
  }

  async #poll(name: string, handler: JobHandler<unknown>, batchSize: number, intervalMs: number): Promise<void> {
    while (this.#state === "started") {
      const fetch = this.#boss.fetch<unknown>(name, { batchSize, includeMetadata: true });
      this.#fetches.add(fetch);
      let jobs: PgBoss.JobWithMetadata<unknown>[];
      try {
        jobs = await fetch; // pg-boss's fetch answers [] on a database error
      } finally {
        this.#fetches.delete(fetch);
      }
      if (jobs.length) {
        await Promise.all(jobs.map((job) => this.#run(name, handler, job)));
        if (jobs.length === batchSize) continue; // more may be waiting
      }
      if (this.#state === "started") await this.#sleep(intervalMs);
    }
  }

  #run(name: string, handler: JobHandler<unknown>, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const running: RunningJob = { name, id: job.id, abandoned: false, done: Promise.resolve() };
    this.#running.set(job.id, running);
    running.done = this.#handle(running, handler, job).finally(() => this.#running.delete(job.id));
    return running.done;
  }

  async #handle(
    running: RunningJob,
    handler: JobHandler<unknown>,
    job: PgBoss.JobWithMetadata<unknown>,
  ): Promise<void> {
    const { name, id } = running;
    const view: QueueJob<unknown> = {
      id,
      name,
      data: job.data,
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
    };
    // Like pg-boss's own workers: a handler gets the job's expiry as its time limit.
    const limitMs = Math.max(1, Number(job.expireInSeconds) || 900) * 1000;
    let result: unknown;
    try {
      result = await withTimeout(
        Promise.resolve().then(() => handler(view)),
        limitMs,
        `handler exceeded ${limitMs} ms`,
      );
    } catch (error) {
      if (running.abandoned) return;
      const permanent = isPermanent(error);
      const last = permanent || job.retryCount >= job.retryLimit;
      this.#logger.warn(
        `[queue] ${name} job ${id} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}` +
          `${permanent ? ", permanent" : ""}), ${last ? "giving up" : "will retry"}: ${describe(error)}`,
      );
      try {
        // pg-boss has no "fail without retry": its fail() retries while retry_count < retry_limit.
        // So lower the limit to the attempts made, then fail. Should the process die in between,
        // the job expires later and is failed by maintenance, still without a retry.
        if (permanent) await this.#giveUpRetries(name, id);
        await this.#boss.fail(name, id, errorOutput(error));
      } catch (failError) {
        this.#logger.warn(`[queue] ${name} job ${id}: could not record the failure: ${describe(failError)}`);
      }
      return;
    }
    if (running.abandoned) return;
    try {
      if (isObject(result)) await this.#boss.complete(name, id, result);
      else await this.#boss.complete(name, id);
    } catch (error) {
      // The job stays active; after its expiry maintenance fails it and it is retried.
      this.#logger.warn(`[queue] ${name} job ${id}: could not mark it completed: ${describe(error)}`);
    }
  }

  async #giveUpRetries(name: string, id: string): Promise<void> {
    await this.#boss
      .getDb()
      .executeSql(
        `UPDATE ${this.#schema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND state = 'active'`,
        [name, id],
      );
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wakers.add(wake);
    });
  }

  #assertStarted() {
    if (this.#state !== "started") throw new Error("the queue is not running: call start() first");
  }

  #assertKnown(name: string) {
    if (!Object.hasOwn(this.#queues, name)) throw new Error(`unknown queue "${name}"`);
  }
}

export function createQueue<P extends PayloadMap<P> = JobPayloads>(
  db: Kysely<Database>,
  options: QueueOptions<P>,
): Queue<P> {
  return new Queue<P>(db, options);
}

// ---------------------------------------------------------------------------------------------
// Helpers

function toPgBossQueue(name: string, s: QueueSettings): PgBoss.Queue {
  return {
    name,
    policy: "standard",
    retryLimit: s.retryLimit,
    retryDelay: s.retryDelaySeconds,
    retryBackoff: s.retryBackoff,
    expireInSeconds: s.expireInSeconds,
    ...(s.retentionMinutes === undefined ? {} : { retentionMinutes: s.retentionMinutes }),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** Stored as the job's output (jsonb); pg-boss keeps name, message and stack of an Error. */
function errorOutput(error: unknown): object {
  return error instanceof Error ? error : { message: String(error) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
