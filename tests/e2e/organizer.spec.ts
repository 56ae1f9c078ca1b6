import fs from "node:fs";
import * as OTPAuth from "otpauth";
import { expect, openMailTo, test } from "./fixtures";

const CAMPAIGN = "free-daria-kozyreva";
/** The demo organizer's TOTP secret, kept for a retry of the journey (the server's data dir is fresh per run). */
const SECRET_FILE = ".e2e-data/demo-organizer-totp-secret";

function totalOf(text: string): number {
  return Number(text.replace(/\D/g, ""));
}

test("the demo organizer signs in, moderates, edits, exports, prints the list, and runs a new campaign to delivery", async ({
  page,
}) => {
  // One long journey through a dozen pages: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  // The sign-in form says the same thing for every address.
  await page.goto("/organizer");
  await expect(page).toHaveURL(/\/organizer\/login\?next=%2Forganizer$/);
  await page.getByLabel("Email address").fill("organizer@example.org");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  // The link arrives in the development mailbox.
  const mail = await openMailTo(page, "organizer@example.org");
  const href = await mail.getByRole("link", { name: "Sign in" }).getAttribute("href");
  // The link opens the page in the organizer's language (issue 16).
  expect(href).toMatch(/\/organizer\/login\/[A-Za-z0-9_-]{43}\?lng=en$/);
  await page.goto(new URL(href!).pathname);
  await page.getByRole("button", { name: "Sign in" }).click();

  // First sign-in: set up the authenticator with the secret shown on the page. (A retry of
  // this journey finds TOTP already on and answers with a code from the kept secret.)
  await expect(page).toHaveURL(/\/organizer\/totp(-setup)?$/);
  if (page.url().endsWith("/totp")) {
    const kept = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(fs.readFileSync(SECRET_FILE, "utf8")) });
    await page.getByRole("textbox", { name: "Code" }).fill(kept.generate());
    await page.getByRole("button", { name: "Continue" }).click();
  } else {
    const secret = (await page.getByTestId("totp-secret").innerText()).trim();
    fs.writeFileSync(SECRET_FILE, secret);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
    await page.getByRole("textbox", { name: "Code" }).fill(totp.generate());
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    await page.getByRole("link", { name: "Continue" }).click();
  }

  // The dashboard lists every demo campaign (the demo organizer owns them all).
  await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();
  await page.getByTestId(`campaign-${CAMPAIGN}`).getByRole("link", { name: "Signatures and moderation" }).click();
  await expect(page).toHaveURL(new RegExp(`/organizer/campaigns/${CAMPAIGN}/signatures$`));
  // The URL changes before the new page has replaced the dashboard: wait for it.
  await expect(page.getByTestId("total")).toHaveCount(1);
  const before = totalOf(await page.getByTestId("total").innerText());
  expect(before).toBeGreaterThan(0);

  await page.goto(`/organizer/campaigns/${CAMPAIGN}/signatures?state=verified`);
  // A row's actions are in its menu.
  const row = page.getByTestId("signature-row").first();
  await row.locator("summary").first().click();
  await row.getByRole("button", { name: "Hide", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Done: 1 signature changed.");
  await expect.poll(async () => totalOf(await page.getByTestId("total").innerText())).toBe(before - 1);

  // The audit log on the campaign page records it.
  await page.goto(`/organizer/campaigns/${CAMPAIGN}`);
  await expect(page.getByRole("cell", { name: "Hid signatures" })).toBeVisible();

  // Edit the French translation: a new version goes live on the public page.
  await page.goto(`/organizer/campaigns/${CAMPAIGN}/texts/fr`);
  const newTitle = `Libérez Azat Miftakhov — ${Date.now()}`;
  await page.getByLabel("Title", { exact: true }).fill(newTitle);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Saved\. Version \d+ is now on the public page\./)).toBeVisible();
  await expect
    .poll(async () => {
      await page.goto(`/fr/campaigns/${CAMPAIGN}`);
      return page.getByRole("heading", { level: 1 }).innerText();
    })
    .toBe(newTitle);

  // Export the signatures as CSV and open the file.
  await page.goto(`/organizer/campaigns/${CAMPAIGN}/export`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download" }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  const lines = csv.trim().split(/\r\n/);
  expect(lines.length).toBeGreaterThan(10);
  // Headers as the form names the columns, in the organizer's language (issue 16).
  expect(lines[0]!.replace(/^\uFEFF/, "")).toBe(
    "Full name,Title and affiliation,Group,Country code,Visibility,Confirmed at",
  );
  expect(csv).not.toMatch(/^[=+\-@]/m);
  // The export's page follows the download to its end and keeps its fingerprint.
  await expect(page.getByTestId("export-state")).toHaveText("Downloaded");
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible();

  // The printable publication list, grouped by profession.
  await page.goto(`/organizer/campaigns/${CAMPAIGN}/publication`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();

  // A new campaign, from draft to delivered, with a group renamed and a member invited.
  const slug = `e2e-${Date.now()}`;
  await page.goto("/organizer/campaigns/new");
  await page.getByLabel("Address (slug)").fill(slug);
  await page.getByLabel("Title").fill("Free the prisoners of conscience");
  await page.getByLabel("Letter text").fill("We, the undersigned, ask for their release.");
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/organizer/campaigns/${slug}/settings`));
  await expect(page.getByText("Current status: Draft")).toBeVisible();
  // A draft is not public, but its preview shows it as the public will see it.
  expect((await page.request.get(`/en/campaigns/${slug}`)).status()).toBe(404);
  await page.goto(`/organizer/campaigns/${slug}/preview/en`);
  await expect(page.getByRole("heading", { level: 1, name: "Free the prisoners of conscience" })).toBeVisible();

  await page.goto(`/organizer/campaigns/${slug}/settings`);
  await page.getByRole("button", { name: "Open for signatures" }).click();
  await expect(page.getByText("The campaign is now: Open.")).toBeVisible();
  await page.goto(`/en/campaigns/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Free the prisoners of conscience" })).toBeVisible();

  await page.goto(`/organizer/campaigns/${slug}/members`);
  const invitee = `colleague-${Date.now()}@example.org`;
  await page.getByRole("textbox", { name: "Email address" }).fill(invitee);
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();
  const invitation = await openMailTo(page, invitee);
  // The invitation's link opens its page in the invitee's language (issue 16).
  expect(await invitation.getByRole("link").first().getAttribute("href")).toMatch(
    /\/organizer\/login\/[A-Za-z0-9_-]{43}\?lng=en$/,
  );

  await page.goto(`/organizer/campaigns/${slug}/delivery`);
  await page.getByLabel("Delivered on").fill("2026-11-20");
  await page.getByLabel("Delivered to").fill("The Prosecutor General's Office");
  await page.getByRole("button", { name: "Record the delivery" }).click();
  await expect(page.getByText("Delivery recorded. The campaign is now marked delivered.")).toBeVisible();
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
  // It says which language's list the fingerprint is of (the original, unless chosen).
  await expect(page.getByTestId("sha256-language")).toContainText("publication list in English");

  // Signing out ends the session.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/organizer\/login$/);
  await page.goto("/organizer");
  await expect(page).toHaveURL(/\/organizer\/login/);
});
