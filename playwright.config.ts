import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = ".e2e-data";

/**
 * Browser journeys against the production build (`npm run build` first; `npm run test:e2e`
 * does both), in Debian's Chromium. The server starts on a fresh embedded database, so the
 * journeys also prove the newcomer path: migrate, seed, serve.
 */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ["list"],
    ["json", { outputFile: "test-results/playwright.json" }],
    ["html", { open: "never", outputFolder: "playwright-report" }],
  ],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      use: { browserName: "chromium" },
      testIgnore: /(insights|a11y-organizer|manage-signature|look-organizer)\.spec\.ts/,
    },
    // Both organizer journeys sign in as the one demo organizer (mailed links, one TOTP
    // secret): the second runs after the first, never beside it.
    {
      name: "chromium-after",
      use: { browserName: "chromium" },
      testMatch: /insights\.spec\.ts/,
      dependencies: ["chromium"],
    },
    // Then the third journey as the demo organizer, and the signing journey that counts
    // "before + 1" on the letter signing.spec.ts also signs (one at a time).
    {
      name: "chromium-last",
      use: { browserName: "chromium" },
      testMatch: /(a11y-organizer|manage-signature)\.spec\.ts/,
      dependencies: ["chromium-after"],
    },
    // The look of the organizer side, signed in as the demo organizer once more, after them.
    {
      name: "chromium-look",
      use: { browserName: "chromium" },
      testMatch: /look-organizer\.spec\.ts/,
      dependencies: ["chromium-last"],
    },
  ],
  webServer: {
    command: `rm -rf ${DATA_DIR} && node server/start.js`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR,
      APP_URL: `http://localhost:${PORT}`,
      DATABASE_URL: "",
      NODE_ENV: "production",
    },
  },
});
