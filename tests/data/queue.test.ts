import { spawn } from "node:child_process";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, expect, it, vi } from "vitest";
import { createQueue, PermanentJobError, type Queue, type QueueSettings } from "~/utils/queue.server";
import { describeEachDatabase } from "../setup/databases";

type TestJobs = {
  "tx-job": { marker: string };
  "flaky-job": { n: number };
  "doomed-job": { n: number };
  "shared-job": { n: number };
  "idle-job": { n: number };
};

// Short delays so retries happen within the test; no backoff to keep them predictable.
const quick: QueueSettings = { retryLimit: 3, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 30 };
const queues: { [K in keyof TestJobs]: QueueSettings } = {
  "tx-job": quick,
  "flaky-job": quick,
  "doomed-job": { ...quick, retryLimit: 5 },
  "shared-job": quick,
  "idle-job": quick,
};

const poll = { pollingIntervalSeconds: 0.5 };
const waitLong = { timeout: 20_000, interval: 100 };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase("job queue", (getDb, kind, info) => {
  const opened: Queue<TestJobs>[] = [];
  const warnings: string[] = [];

  async function openQueue(): Promise<Queue<TestJobs>> {
    const queue = createQueue<TestJobs>(getDb(), {
      databaseUrl: info().databaseUrl,
      queues,
      applicationName: "undersigned-queue-test",
      logger: { warn: (message: string) => warnings.push(message) },
    });
    opened.push(queue);
    await queue.start();
    return queue;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.stop({ graceful: false })));
    warnings.length = 0;
  });

  it("runs a job committed with its transaction exactly once, and never one rolled back", async () => {
    const queue = await openQueue();
    const db = getDb();

    const committedId = await db.transaction().execute(async (trx) => {
      await trx.insertInto("audit_entries").values({ action: "queue-test.committed" }).execute();
      return queue.enqueue(trx, "tx-job", { marker: "committed" });
    });
    let rolledBackId: string | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("audit_entries").values({ action: "queue-test.rolled-back" }).execute();
        rolledBackId = await queue.enqueue(trx, "tx-job", { marker: "rolled back" });
        throw new Error("abort the transaction");
      }),
    ).rejects.toThrow("abort the transaction");
    expect(rolledBackId).toBeTypeOf("string");
    expect(await queue.getJob("tx-job", rolledBackId!)).toBeNull();

    const handled: string[] = [];
    await queue.work("tx-job", async (job) => void handled.push(job.data.marker), poll);
    await vi.waitFor(async () => expect((await queue.getJob("tx-job", committedId))?.state).toBe("completed"), waitLong);
    await pause(1_200); // a couple more polls: nothing else turns up

    expect(handled).toEqual(["committed"]);
    const actions = await db
      .selectFrom("audit_entries")
      .select("action")
      .where("action", "like", "queue-test.%")
      .execute();
    expect(actions.map((row) => row.action)).toEqual(["queue-test.committed"]);
  });

  it("retries a job after temporary errors until it succeeds", async () => {
    const queue = await openQueue();
    const id = await queue.enqueue(getDb(), "flaky-job", { n: 1 });
    const attempts: number[] = [];
    await queue.work(
      "flaky-job",
      async (job) => {
        attempts.push(job.retryCount);
        if (job.retryCount < 2) throw new Error(`SMTP 451 try again (${job.retryCount})`);
        return { delivered: true };
      },
      poll,
    );

    await vi.waitFor(async () => expect((await queue.getJob("flaky-job", id))?.state).toBe("completed"), waitLong);
    const job = await queue.getJob("flaky-job", id);
    expect(attempts).toEqual([0, 1, 2]);
    expect(job).toMatchObject({ retryCount: 2, output: { delivered: true } });
    expect(warnings.filter((w) => w.includes("will retry"))).toHaveLength(2);
  });

  it("fails a job at once on a PermanentJobError, without retrying", async () => {
    const queue = await openQueue();
    const id = await queue.enqueue(getDb(), "doomed-job", { n: 1 });
    let attempts = 0;
    await queue.work(
      "doomed-job",
      async () => {
        attempts++;
        throw new PermanentJobError("550 no such mailbox");
      },
      poll,
    );

    await vi.waitFor(async () => expect((await queue.getJob("doomed-job", id))?.state).toBe("failed"), waitLong);
    await pause(2_000); // longer than the retry delay plus a poll: a retry would have run by now

    expect(attempts).toBe(1);
    const job = await queue.getJob("doomed-job", id);
    expect(job).toMatchObject({ state: "failed", retryCount: 0, retryLimit: 0 });
    expect(job?.output).toMatchObject({ name: "PermanentJobError", message: "550 no such mailbox" });
    expect(warnings.some((w) => w.includes("permanent") && w.includes("giving up"))).toBe(true);
  });

  it.skipIf(kind !== "postgres")("shares a queue between two app instances, handling each job once", async () => {
    const [first, second] = await Promise.all([openQueue(), openQueue()]);
    const db = getDb();
    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < 50; n++) await (n % 2 ? first : second).enqueue(trx, "shared-job", { n });
    });

    const handledBy = new Map<number, string[]>();
    const handler = (instance: string) => async (job: { data: { n: number } }) => {
      handledBy.set(job.data.n, [...(handledBy.get(job.data.n) ?? []), instance]);
      await pause(5);
    };
    await first.work("shared-job", handler("first"), { batchSize: 5, ...poll });
    await second.work("shared-job", handler("second"), { batchSize: 5, ...poll });

    await vi.waitFor(async () => {
      const { rows } = await sql<{ done: number }>`
        select count(*)::int as done from pgboss.job where name = 'shared-job' and state = 'completed'
      `.execute(db);
      expect(rows[0]?.done).toBe(50);
    }, waitLong);

    expect([...handledBy.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect([...handledBy.values()].filter((instances) => instances.length !== 1)).toEqual([]);
    // Each instance's pg-boss keeps its own small, named pool.
    const { rows } = await sql<{ connections: number }>`
      select count(*)::int as connections from pg_stat_activity
      where datname = current_database() and application_name = 'undersigned-queue-test'
    `.execute(db);
    expect(rows[0]?.connections).toBeGreaterThan(0);
    expect(rows[0]?.connections).toBeLessThanOrEqual(4);
  });

  it("stops polling on stop(): a job enqueued afterwards is left alone", async () => {
    const worker = await openQueue();
    const producer = await openQueue(); // another instance that only enqueues
    let handled = 0;
    await worker.work("idle-job", async () => void handled++, poll);
    const before = await producer.enqueue(getDb(), "idle-job", { n: 1 });
    await vi.waitFor(async () => expect((await producer.getJob("idle-job", before))?.state).toBe("completed"), waitLong);

    await worker.stop();
    expect(worker.running).toBe(false);
    await expect(worker.enqueue(getDb(), "idle-job", { n: 2 })).rejects.toThrow(/not running/);
    const after = await producer.enqueue(getDb(), "idle-job", { n: 2 });
    await pause(1_500); // three polling intervals

    expect(handled).toBe(1);
    expect((await producer.getJob("idle-job", after))?.state).toBe("created");
  });

  it("lets a process that used the queue exit by itself after stop()", async () => {
    // A child process: started, worked a job, stopped, closed the database, and must then exit
    // without process.exit(): any timer or connection left behind would keep it alive.
    const script = `
      import { createDb } from "./app/utils/db.server.ts";
      import { createQueue } from "./app/utils/queue.server.ts";
      const url = process.env.QUEUE_EXIT_DATABASE_URL || undefined;
      const db = createDb(url ? { databaseUrl: url, poolSize: 2 } : { pgliteDir: "memory://" });
      const queue = createQueue(db, {
        databaseUrl: url,
        queues: { "exit-check": { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 30 } },
      });
      await queue.start();
      let handled;
      const done = new Promise((resolve) => (handled = resolve));
      await queue.work("exit-check", async () => handled(), { pollingIntervalSeconds: 0.5 });
      await queue.enqueue(db, "exit-check", {});
      await done;
      await queue.stop();
      await db.destroy();
      console.log("stopped");
    `;
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--input-type=module", "-e", script], {
      cwd: root,
      env: { ...process.env, QUEUE_EXIT_DATABASE_URL: info().databaseUrl ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const killer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
    clearTimeout(killer);

    expect(output).toContain("stopped");
    expect(code).toBe(0);
  });
});
