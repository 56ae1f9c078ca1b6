// Database tasks on the built app: `npm run db:migrate`, `npm run db:seed`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildFile = path.join(root, "build/server/index.js");
if (!fs.existsSync(buildFile)) {
  console.error("No build found: run `npm run build` first.");
  process.exit(1);
}
const { entry } = await import(pathToFileURL(buildFile).href);
const tasks = entry.module.cliTasks;
const [command, ...args] = process.argv.slice(2);
const task = tasks[command];
if (!task) {
  console.error(`Unknown command "${command ?? ""}". Known: ${Object.keys(tasks).join(", ")}`);
  process.exit(2);
}
try {
  const code = await task(args);
  process.exitCode = code ?? 0;
} catch (error) {
  console.error(error && error.name === "ConfigError" ? error.message : error);
  process.exitCode = 1;
} finally {
  await entry.module.shutdown();
}
