/**
 * When PostgreSQL goes away (restart, failover, network), requests must get a clear 503 —
 * never a 500 and never a 2xx for work that was not saved. The pool wrapper in
 * db.server.ts turns connection failures into a thrown 503 Response, which Remix sends as
 * it is (and renders the error page for a document request).
 */

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up / shutting down)
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300", // too_many_connections
]);

const CONNECTION_ERROR_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)|Client was closed/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) ||
    (typeof message === "string" && CONNECTION_ERROR_MESSAGES.test(message))
  );
}

export function serviceUnavailable(): Response {
  return new Response("Service temporarily unavailable", {
    status: 503,
    headers: { "Retry-After": "5", "Cache-Control": "no-store" },
  });
}

/** Connection failures become a 503 Response; every other error stays as it was. */
export function asUnavailable(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  console.warn(`[db] unavailable: ${(error as Error).message}`);
  return serviceUnavailable();
}

/**
 * Awaits a load that other requests may share (an LRU cache's fetch joins concurrent misses
 * into one promise). A thrown Response (a 503 when the database went away) would then be
 * the same object in every request, and the second one to send it finds its body already
 * read (a 500). Each caller throws its own copy instead.
 */
export async function awaitShared<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof Response) {
      throw error.bodyUsed ? new Response(null, { status: error.status, headers: error.headers }) : error.clone();
    }
    throw error;
  }
}
