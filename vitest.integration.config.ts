import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// The deployment as a whole (run `npm run build` first): Debian's nginx with deploy/nginx/ in
// front of two instances of the production build on one PostgreSQL (TEST_DATABASE_URL, else
// the local server), mail to a real SMTP listener. Skipped when nginx or the build is missing.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/integration/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/integration.json" }]],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
