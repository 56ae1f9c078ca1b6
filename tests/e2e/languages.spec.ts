import { expect, MIFTAKHOV_LETTER, test } from "./fixtures";

test.describe("with a Russian browser", () => {
  test.use({ locale: "ru-RU", extraHTTPHeaders: { "Accept-Language": "ru-RU,ru;q=0.9" } });

  test("/ leads to Russian; switching to French keeps the campaign and shows the French letter", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/ru$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Солидарность с политическими заключёнными");

    await page.goto(`/ru${MIFTAKHOV_LETTER}`);
    await expect(page.getByText(/\d+ подпис/).first()).toBeVisible();
    await page.getByRole("navigation", { name: "Язык" }).getByRole("link", { name: "Français" }).click();
    await expect(page).toHaveURL(new RegExp(`/fr${MIFTAKHOV_LETTER}$`));
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.locator(".letter")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Azat Miftakhov");
    await expect(page.locator(".translation-notice")).toContainText("Traduction de l’original en anglais");

    // The explicit choice is remembered: / now leads to French despite the Russian browser.
    await page.goto("/");
    await expect(page).toHaveURL(/\/fr$/);
  });
});

test("every page names its canonical URL and its six language alternates", async ({ page }) => {
  await page.goto(`/de${MIFTAKHOV_LETTER}`);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/de${MIFTAKHOV_LETTER}$`));
  for (const lng of ["en", "ru", "fr", "de", "es", "uk"]) {
    await expect(page.locator(`link[rel="alternate"][hreflang="${lng}"]`)).toHaveAttribute(
      "href",
      new RegExp(`/${lng}${MIFTAKHOV_LETTER}$`),
    );
  }
  // No German text exists: the English original is shown, and the page says so.
  await expect(page.locator(".letter")).toHaveAttribute("lang", "en");
  await expect(page.locator(".translation-notice")).toBeVisible();
});

test("an unknown language prefix is a 404, not an error", async ({ page }) => {
  const response = await page.goto("/xx/campaigns/anything");
  expect(response?.status()).toBe(404);
});

test("pages in Cyrillic carry no stray NUL bytes (React's stream chunking) and no replacement characters", async ({
  page,
}) => {
  for (const path of [
    "/ru",
    "/ru/prisoners/azat-miftakhov",
    `/uk${MIFTAKHOV_LETTER}/signatories`,
    `/ru${MIFTAKHOV_LETTER}`,
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const bytes = await response.body();
    expect(bytes.indexOf(0), path).toBe(-1);
    expect(bytes.toString("utf8"), path).not.toContain("\uFFFD");
  }
  // And the organizer pages, where the switcher passes the language as ?lng=.
  await page.goto("/organizer/login?lng=uk");
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await page.getByRole("navigation").getByRole("link", { name: "Русский" }).click();
  await expect(page).toHaveURL(/\/organizer\/login\?lng=ru$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
});
