import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Separate from vite.config.ts: the Remix plugin has no place in unit and data tests.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/data/**/*.test.ts", "tests/mail/**/*.test.ts"],
    globalSetup: ["tests/setup/global-postgres.ts"],
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    // Tests never touch the demo's ./data: captured mail and generated secrets go here.
    env: { DATA_DIR: ".test-data", NODE_ENV: "test", APP_URL: "http://localhost:3000" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: PGlite instances are memory-hungry and slow to start, so keep files few at once.
    maxWorkers: 2,
  },
});
