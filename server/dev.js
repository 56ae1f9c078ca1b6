// Development server with hot reload: `npm run dev`.
import { createServer } from "vite";
import { createApp } from "./app.js";
import { handleShutdown, reportStartupError } from "./lifecycle.js";

const vite = await createServer({ server: { middlewareMode: true } });
const build = () => vite.ssrLoadModule("virtual:remix/server-build");

let info;
try {
  info = await (await build()).entry.module.startup();
} catch (error) {
  reportStartupError(error);
}

const app = createApp({ build, production: false, staticDirs: [], trustProxy: info.trustProxy });
const outer = (await import("express")).default();
outer.use(vite.middlewares);
outer.use(app);

const server = outer.listen(info.port, info.host, () =>
  console.info(`[dev] Undersigned on http://localhost:${info.port}`),
);
handleShutdown(server, async () => {
  await (await build()).entry.module.shutdown();
  await vite.close();
});
