import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Failure tests against the production build (run `npm run build` first): real processes,
// a private PostgreSQL they may restart, SMTP that comes and goes. One file at a time.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/resilience/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/resilience.json" }]],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
