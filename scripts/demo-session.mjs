// The built app on a fresh embedded demo database, and a signed-in demo organizer: what
// scripts/lighthouse.mjs measures (and what a person can use to take screenshots). Starts the
// server like playwright.config.ts's webServer, in a temporary data directory of its own.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as OTPAuth from "otpauth";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const CHROME_PATH = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
export const DEMO_ORGANIZER = "organizer@example.org";

/** Starts `node server/start.js` on the embedded demo; resolves once /healthz answers. */
export async function startDemoServer(port) {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("No build found: run `npm run build` first.");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-demo-"));
  const baseUrl = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["server/start.js"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      APP_URL: baseUrl,
      DATABASE_URL: "",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /healthz within two minutes:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { baseUrl, stop };
}

/** Reloads the development mailbox until a mail to `address` is there; opens the newest. */
async function openMailTo(page, baseUrl, address) {
  for (let i = 0; i < 30; i++) {
    await page.goto(`${baseUrl}/dev/mailbox`);
    const row = page.getByRole("row").filter({ hasText: address }).first();
    if ((await row.count()) > 0) {
      await row.getByRole("link").click();
      return page.frameLocator("iframe");
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no mail to ${address} arrived`);
}

/**
 * Signs the demo organizer in on a fresh demo (mailed link, then the authenticator set up
 * on the spot) in a Playwright page; the session cookie stays in the page's context.
 */
export async function signInDemoOrganizer(page, baseUrl) {
  await page.goto(`${baseUrl}/organizer/login`);
  await page.getByLabel("Email address").fill(DEMO_ORGANIZER);
  await page.getByRole("button", { name: "Send me a link" }).click();
  const mail = await openMailTo(page, baseUrl, DEMO_ORGANIZER);
  const href = await mail.getByRole("link", { name: "Sign in" }).getAttribute("href");
  await page.goto(`${baseUrl}${new URL(href).pathname}`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/organizer\/totp-setup$/);
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  await page.getByRole("textbox", { name: "Code" }).fill(totp.generate());
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("link", { name: "Continue" }).click();
  await page.waitForURL((url) => !/\/organizer\/totp/.test(url.pathname));
}

/** The Cookie header of a signed-in page, for tools that bring their own browser. */
export async function cookieHeader(context, baseUrl) {
  const cookies = await context.cookies(baseUrl);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
