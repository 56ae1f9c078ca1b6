import fs from "node:fs";
import * as OTPAuth from "otpauth";
import type { Page } from "@playwright/test";
import { expect, openMailTo } from "./fixtures";

/** Kept by organizer.spec.ts too: the demo organizer's TOTP secret, set up by whichever journey signs in first. */
export const SECRET_FILE = ".e2e-data/demo-organizer-totp-secret";

/**
 * Signs in as the demo organizer. Another journey may sign in at the same moment with the same
 * authenticator, and a code is accepted once.
 */
export async function signInAsDemoOrganizer(page: Page) {
  // organizer.spec.ts may be signing in as the same organizer right now: let its first sign-in
  // (which sets the authenticator up) finish, then ask for links until one is ours.
  await expect
    .poll(() => fs.existsSync(SECRET_FILE), { timeout: 20_000 })
    .toBe(true)
    .catch(() => undefined);
  for (let attempt = 0; ; attempt++) {
    await page.goto("/organizer/login");
    await page.getByLabel("Email address").fill("organizer@example.org");
    await page.getByRole("button", { name: "Send me a link" }).click();
    const mail = await openMailTo(page, "organizer@example.org");
    const href = await mail.getByRole("link", { name: "Sign in" }).getAttribute("href");
    await page.goto(new URL(href!).pathname);
    const button = page.getByRole("button", { name: "Sign in" });
    const ours = await button.waitFor({ state: "visible", timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    if (ours) {
      await button.click();
      break;
    }
    if (attempt === 3) throw new Error("no sign-in link of our own arrived");
  }
  await expect(page).toHaveURL(/\/organizer\/totp(-setup)?$/);
  if (page.url().endsWith("/totp-setup")) {
    const secret = (await page.getByTestId("totp-secret").innerText()).trim();
    fs.writeFileSync(SECRET_FILE, secret);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
    await page.getByRole("textbox", { name: "Code" }).fill(totp.generate());
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByRole("link", { name: "Continue" }).click();
    return;
  }
  await expect.poll(() => fs.existsSync(SECRET_FILE), { timeout: 15_000 }).toBe(true);
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(fs.readFileSync(SECRET_FILE, "utf8").trim()) });
  // A code is accepted once, and an earlier journey may have used the one showing now: like a
  // person told so, wait for the authenticator to show its next code, then type that.
  const showing = totp.generate();
  await expect.poll(() => totp.generate(), { timeout: 35_000, intervals: [500] }).not.toBe(showing);
  await page.getByRole("textbox", { name: "Code" }).fill(totp.generate());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).not.toHaveURL(/\/organizer\/totp$/);
}
