import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy, set by server/app.js. */
    cspNonce?: string;
    /** The client's address as Express sees it (behind a proxy: X-Forwarded-For from it). */
    clientIp?: string;
    /** A promise while the HTTP response's buffer is full, else null (long downloads wait on it). */
    responseDrained?: () => Promise<unknown> | null;
  }
}
