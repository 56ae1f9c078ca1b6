import type { Page } from "@playwright/test";
import { apiTotal, expect, MIFTAKHOV_LETTER, openMailTo, settledTotal, test } from "./fixtures";

/**
 * Issue 12: a signer signs with their name, opens "manage my signature" from the thank-you
 * page, switches to "counted only" — their name leaves the campaign page, the full list, its
 * search and the API within seconds while the count stays — then withdraws, and the count
 * drops by one.
 */

// Changes the campaign's count: one journey at a time.
test.describe.configure({ mode: "serial" });

/** Everything the public can read that might name the signer: page, full list search, API. */
async function publicSurfaces(page: Page, name: string) {
  const campaign = await (await page.request.get(`/en${MIFTAKHOV_LETTER}`)).text();
  const search = await (
    await page.request.get(`/en${MIFTAKHOV_LETTER}/signatories?q=${encodeURIComponent(name)}`)
  ).text();
  const api = await (await page.request.get(`/api${MIFTAKHOV_LETTER}/signatories?page=1`)).text();
  // The search box repeats the query: look only at the list of results.
  const results = /<ul class="signatory-list">[\s\S]*?<\/ul>/.exec(search)?.[0] ?? "";
  return { onPage: campaign.includes(name), inSearch: results.includes(name), inApi: api.includes(name) };
}

test("a signer switches to 'counted only' from their private page, then withdraws", async ({ page }) => {
  const name = `Ada Manager ${Math.random().toString(36).slice(2, 7)}`;
  const email = `manage-${Date.now()}@example.org`;
  await page.goto(`/en${MIFTAKHOV_LETTER}`);
  const before = await settledTotal(page);

  const form = page.getByRole("form", { name: "Sign this letter" });
  await form.getByLabel("Full name", { exact: true }).fill(name);
  await form.getByLabel("Email address", { exact: true }).fill(email);
  await form.getByLabel("I sign as", { exact: true }).selectOption({ label: "Mathematicians" });
  await form.getByLabel("Country", { exact: true }).selectOption({ label: "Germany" });
  await form.getByRole("button", { name: "Sign" }).click();
  await expect(page).toHaveURL(/check-inbox/);

  const mail = await openMailTo(page, email);
  await expect(mail.getByRole("link", { name: "Manage my signature" })).toBeVisible();
  await mail.getByRole("link", { name: "Confirm my signature" }).click();
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page).toHaveURL(/\/thanks\?n=\d+&m=/);
  await expect.poll(() => apiTotal(page)).toBe(before + 1);

  // Listed by name everywhere (the page may be a few seconds behind).
  await expect.poll(async () => publicSurfaces(page, name)).toEqual({ onPage: true, inSearch: true, inApi: true });

  await page.getByRole("link", { name: "Manage my signature" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your signature");
  await page.getByRole("radio", { name: /^Counted only/ }).check();
  await page.getByRole("button", { name: "Save how I appear" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await expect(page.getByRole("radio", { name: /^Counted only/ })).toBeChecked();

  // Gone from every public surface within seconds; the count is unchanged.
  await expect
    .poll(async () => publicSurfaces(page, name), { timeout: 10_000 })
    .toEqual({ onPage: false, inSearch: false, inApi: false });
  expect(await settledTotal(page)).toBe(before + 1);

  await page.getByRole("button", { name: "Withdraw my signature" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your signature is withdrawn");
  await expect.poll(() => apiTotal(page)).toBe(before);
});

test("'lost your link?' answers the same whether or not the address signed", async ({ page }) => {
  await page.goto(`/en${MIFTAKHOV_LETTER}`);
  await page.getByRole("link", { name: "Already signed? Change or withdraw your signature" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lost your link?");
  await page.getByLabel("Email address").fill("nobody-signed-this@example.org");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your inbox");
});

test("the privacy page is linked from the footer and says who runs the site", async ({ page }) => {
  await page.goto(`/ru${MIFTAKHOV_LETTER}`);
  await page.getByRole("contentinfo").getByRole("link", { name: "Как хранятся ваши данные" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Конфиденциальность/);
  await expect(page.getByRole("heading", { name: "Кто управляет сайтом" })).toBeVisible();
});
