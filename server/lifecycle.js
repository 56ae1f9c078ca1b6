/** Stops a server gracefully on SIGINT/SIGTERM: finish in-flight requests, then clean up. */
export function handleShutdown(server, cleanup, { graceMs = 10_000 } = {}) {
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.info(`[server] ${signal}: finishing requests and closing`);
    const force = setTimeout(() => {
      console.warn("[server] requests still open after grace period; closing them");
      server.closeAllConnections?.();
    }, graceMs);
    force.unref();
    await new Promise((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections?.();
    });
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
