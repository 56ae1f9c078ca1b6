import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { waitFor } from "../resilience/harness";

const root = path.resolve(__dirname, "../..");

/** One app instance (the production build, as the systemd unit runs it) on a fixed port, so it can come back there. */
export class Instance {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  private log = "";

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  output(): string {
    return this.log;
  }

  /** Starts the process and resolves once /healthz answers 200 (deploy/wait-healthy.mjs does the same). */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ["server/start.js"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: String(this.port), ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stdout?.on("data", (chunk) => (this.log += chunk));
    child.stderr?.on("data", (chunk) => (this.log += chunk));
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`instance on ${this.port} exited early:\n${this.log}`);
      try {
        return (await fetch(`${this.url}/healthz`)).ok ? true : undefined;
      } catch {
        return undefined;
      }
    }, 60_000);
  }

  /** SIGTERM (finish in-flight requests, then exit); resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child && this.child.exitCode === null) this.child.kill("SIGTERM");
    return this.exited;
  }
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * An HTTP request from a chosen local address (127.0.0.0/8 is all loopback on Linux), so the
 * proxy sees several clients. A new connection each time; no redirects followed. Status 0: no
 * answer at all.
 */
export function request(
  url: string,
  options: { from?: string; method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: options.method ?? "GET",
        headers: { Connection: "close", ...options.headers },
        localAddress: options.from,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0) }));
      },
    );
    req.on("error", () => resolve({ status: 0, headers: {}, body: Buffer.alloc(0) }));
    req.end(options.body);
  });
}

/** A sign submission as a browser without JavaScript sends it. */
export function signForm(email: string): string {
  return new URLSearchParams({
    fullName: "Proxy Tester",
    email,
    group: "mathematicians",
    country: "FR",
    visibility: "public",
  }).toString();
}
