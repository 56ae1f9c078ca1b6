import net from "node:net";

/** Stops a server gracefully on SIGINT/SIGTERM: finish in-flight requests, then clean up. */
export function handleShutdown(server, cleanup, { graceMs = 10_000 } = {}) {
  let stopping = false;
  // While stopping, every answer closes its connection behind it.
  server.prependListener("request", (_req, res) => {
    if (stopping) res.setHeader("Connection", "close");
  });
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.info(`[server] ${signal}: finishing requests and closing`);
    const force = setTimeout(() => {
      console.warn("[server] requests still open after grace period; closing them");
      server.closeAllConnections?.();
    }, graceMs);
    force.unref();
    // No new connections; kept-alive ones are not cut while idle (http's close() would): a
    // proxy may be sending a request on one at this very moment, and a POST cut there is lost
    // for good (nginx does not send it again). Each closes after its next answer, or once idle
    // for server.keepAliveTimeout (5 s) — by when a proxy that keeps connections for less
    // (deploy/nginx: 4 s) has closed it itself.
    await new Promise((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    try {
      await cleanup();
    } catch (error) {
      console.error("[server] cleanup failed:", error);
      process.exitCode = 1;
    }
    clearTimeout(force);
    console.info("[server] stopped");
    process.exit();
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

export function reportStartupError(error) {
  if (error && error.name === "ConfigError") {
    console.error(error.message);
  } else {
    console.error("[server] could not start:", error);
  }
  process.exit(1);
}
