import { expect, MIFTAKHOV_LETTER, test } from "./fixtures";

test("a visitor follows a campaign card to the letter and its signatories, grouped by profession", async ({ page }) => {
  await page.goto("/en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Solidarity with political prisoners");
  const card = page.getByRole("article").filter({ hasText: "Azat Miftakhov" }).filter({ hasText: "Open letter" });
  await expect(card.getByText(/\d+ signatures/)).toBeVisible();

  await card.getByRole("link", { name: /Azat Miftakhov/ }).click();
  await expect(page).toHaveURL(new RegExp(`/en${MIFTAKHOV_LETTER}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Azat Miftakhov");
  await expect(page.locator(".letter .prose p").first()).toBeVisible();

  const signatories = page.getByRole("region", { name: "Who signed" });
  const mathematicians = signatories.getByRole("region", { name: /^Mathematicians \d+$/ });
  await expect(mathematicians).toBeVisible();
  await expect(mathematicians.getByRole("listitem").first()).toBeVisible();
  await expect(signatories.getByRole("region", { name: /^Journalists \d+$/ })).toBeVisible();

  // The per-group counts and those counted without being listed (never per group: issue 12)
  // add up to the total shown at the top.
  const total = Number((await page.locator(".progress__count strong").first().innerText()).replace(/\D/g, ""));
  const groupCounts = await signatories.locator(".signatory-group h3 .count").allInnerTexts();
  const unlisted = Number((await signatories.getByTestId("unlisted").innerText()).replace(/\D/g, ""));
  expect(unlisted).toBeGreaterThan(0);
  expect(groupCounts.map((c) => Number(c.replace(/\D/g, ""))).reduce((a, b) => a + b, 0) + unlisted).toBe(total);
  await expect(page.locator("footer")).toContainText("Demo mode");
});

test("a visitor opens a prisoner's page with the case timeline and campaigns", async ({ page }) => {
  await page.goto("/en");
  await page.locator("#prisoners").getByRole("link", { name: "Azat Miftakhov" }).click();
  await expect(page).toHaveURL(/\/en\/prisoners\/azat-miftakhov$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Azat Miftakhov");
  const timeline = page.getByRole("region", { name: "Case timeline" });
  await expect(timeline.locator("time").first()).toBeVisible();
  await expect(timeline.getByText(/2019/).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Campaigns" }).getByRole("article")).not.toHaveCount(0);
});

test("a missing campaign shows the friendly 404 page", async ({ page }) => {
  const response = await page.goto("/en/campaigns/no-such-campaign");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Back to the home page" }).click();
  await expect(page).toHaveURL(/\/en$/);
});

test("signers who chose not to be listed by name never reach the browser", async ({ page, request }) => {
  const response = await request.get(`/en${MIFTAKHOV_LETTER}`);
  const html = await response.text();
  // The demo's synthetic signers have addresses like demo-<campaign>-00042@example.org.
  const demoAddress = /demo-[a-z0-9-]+-\d{5}@example\.org/;
  expect(html).not.toMatch(demoAddress);
  await page.goto(`/en${MIFTAKHOV_LETTER}`);
  // Anonymous signers read as the form promised: "a mathematician from Russia" (issue 12).
  await expect(page.locator(".signatory--anonymous").first()).toHaveText(/^An? [a-z ]+ from \S/);
  // Loader data fetched by client navigation carries no email either.
  const data = await request.get(`/en${MIFTAKHOV_LETTER}.data`);
  expect(data.status()).toBe(200);
  expect(await data.text()).not.toMatch(demoAddress);
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, database: "ok" });
});
