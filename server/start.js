// Production server: `npm start` (after the build) or `npm run serve`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createApp } from "./app.js";
import { handleShutdown, reportStartupError } from "./lifecycle.js";

process.env.NODE_ENV ??= "production";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildFile = path.join(root, "build/server/index.js");
if (!fs.existsSync(buildFile)) {
  console.error("No build found: run `npm run build` first (`npm start` does both).");
  process.exit(1);
}

const build = await import(pathToFileURL(buildFile).href);
const { startup, shutdown } = build.entry.module;

let info;
try {
  info = await startup();
} catch (error) {
  reportStartupError(error);
}

const app = createApp({
  build,
  production: true,
  staticDirs: [
    {
      prefix: "/assets",
      path: path.join(root, "build/client/assets"),
      options: { immutable: true, maxAge: "1y", index: false },
    },
    { path: path.join(root, "build/client"), options: { maxAge: "1h", index: false } },
  ],
});

const server = app.listen(info.port, info.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : info.port;
  console.info(
    `[server] Undersigned on http://localhost:${port} (${info.embedded ? "embedded database, demo mode" : "PostgreSQL"})`,
  );
});
handleShutdown(server, shutdown);
