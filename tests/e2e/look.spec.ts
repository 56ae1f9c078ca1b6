import { expect, MIFTAKHOV_LETTER, openMailTo, test } from "./fixtures";

/**
 * What a visitor sees (issue 16): signing from a phone's first screen, a confirm page with a
 * real title, dates with one full stop, optional fields marked, selects that ask to choose,
 * the full list grouped and honest about who is not listed, texts that say their language,
 * and the development mailbox showing a whole mail.
 */

const PHONE = { width: 390, height: 844 };

const SIGN_TITLE = { ru: "Подписать это письмо", fr: "Signer cette lettre", uk: "Підписати цей лист" } as const;

for (const lang of ["ru", "fr", "uk"] as const) {
  test(`on a 390×844 phone in ${lang}, the sign action is on the first screen and leads to the form`, async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await page.goto(`/${lang}${MIFTAKHOV_LETTER}`);
    const jump = page.getByRole("link", { name: SIGN_TITLE[lang] });
    await expect(jump).toBeVisible();
    const box = await jump.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    await jump.click();
    const form = page.getByRole("form", { name: SIGN_TITLE[lang] });
    await expect(form.getByRole("textbox").first()).toBeInViewport();
  });
}

test("on a wide screen the form stays beside the letter, with no jump link", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/en${MIFTAKHOV_LETTER}`);
  await expect(page.getByTestId("sign-jump")).toBeHidden();
  await expect(page.getByRole("form", { name: "Sign this letter" }).getByLabel("Full name")).toBeInViewport();
});

test("the sign form marks optional fields and asks to choose in its selects", async ({ page }) => {
  await page.goto(`/en${MIFTAKHOV_LETTER}`);
  const form = page.getByRole("form", { name: "Sign this letter" });
  await expect(form.getByLabel("Title and affiliation (optional)", { exact: true })).toBeVisible();
  await expect(form.getByLabel("City (optional)", { exact: true })).toBeVisible();
  await form.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(form.getByText("Please choose how you sign.")).toBeVisible();
  await expect(form.getByText("Please choose your country.")).toBeVisible();

  // Country and city side by side: their inputs start on the same line.
  const country = await form.getByLabel("Country", { exact: true }).boundingBox();
  const city = await form.getByLabel("City (optional)", { exact: true }).boundingBox();
  expect(Math.abs(country!.y - city!.y)).toBeLessThan(2);
});

test("the confirm page has a real title, in the page's language", async ({ page }) => {
  const email = `look-${Date.now()}@example.net`;
  await page.goto(`/en${MIFTAKHOV_LETTER}`);
  const form = page.getByRole("form", { name: "Sign this letter" });
  await form.getByLabel("Full name").fill("Emmy Noether");
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("I sign as").selectOption({ label: "Mathematicians" });
  await form.getByLabel("Country", { exact: true }).selectOption({ label: "Germany" });
  await form.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page).toHaveURL(/check-inbox$/);

  const mail = await openMailTo(page, email);
  const href = await mail.getByRole("link", { name: "Confirm my signature" }).getAttribute("href");
  const path = new URL(href!).pathname;
  await page.goto(path);
  await expect(page).toHaveTitle(
    "Confirm your signature — Mathematicians and academics for the freedom of Azat Miftakhov — Undersigned",
  );
  await page.goto(path.replace(/^\/en\//, "/ru/"));
  await expect(page).toHaveTitle(/^Подтвердите подпись — .+ — Undersigned$/);
  await page.goto("/en/confirm/not-a-real-token-at-all-not-a-real-token-at-all");
  await expect(page).toHaveTitle("This link is not valid — Undersigned");
});

test("the development mailbox shows the whole mail, its last link included", async ({ page }) => {
  const email = `look-mail-${Date.now()}@example.net`;
  await page.goto(`/en${MIFTAKHOV_LETTER}`);
  const form = page.getByRole("form", { name: "Sign this letter" });
  await form.getByLabel("Full name").fill("Sofia Kovalevskaya");
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("I sign as").selectOption({ label: "Mathematicians" });
  await form.getByLabel("Country", { exact: true }).selectOption({ label: "Sweden" });
  await form.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page).toHaveURL(/check-inbox$/);
  await openMailTo(page, email);
  // The frame is as tall as the mail in it: nothing is cut off, nothing scrolls inside it.
  await expect
    .poll(() =>
      page.locator("iframe").evaluate((frame: HTMLIFrameElement) => {
        const doc = frame.contentDocument!.documentElement;
        return frame.clientHeight - doc.scrollHeight;
      }),
    )
    .toBeGreaterThanOrEqual(0);
});

for (const lang of ["ru", "uk"] as const) {
  test(`dates have one full stop in ${lang}`, async ({ page }) => {
    await page.goto(`/${lang}/prisoners/azat-miftakhov`);
    const timeline = page.locator(".timeline");
    await expect(timeline.locator("time").first()).toBeVisible();
    for (const text of await page.locator(".timeline time, .facts dd").allInnerTexts()) {
      expect(text).not.toMatch(/\.\s*$/);
    }
    expect(await page.locator("main").innerText()).not.toMatch(/(г|р)\.\./);
  });
}

test("under Ukrainian, the timeline and the home page's cards say which texts are in another language", async ({
  page,
}) => {
  await page.goto("/uk/prisoners/azat-miftakhov");
  await expect(page.getByText("Деякі події ще не перекладено вашою мовою")).toBeVisible();
  await expect(page.locator('.timeline p[lang="en"]').first()).toBeVisible();

  await page.goto("/uk");
  // Summaries with no Ukrainian text carry their language, e.g. "EN" for English.
  const tagged = page.locator(".campaign-card .lang-tag");
  await expect(tagged.first()).toBeVisible();
  await expect(tagged.first()).toHaveAttribute("title", /^Мовою: /);
});

test("the full list groups signatories by profession and mentions those not listed", async ({ page }) => {
  await page.goto(`/en${MIFTAKHOV_LETTER}/signatories`);
  await expect(page.getByRole("heading", { level: 2, name: "Mathematicians" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Journalists" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByTestId("unlisted")).toHaveText(
    /^\d+ more signers? chose to be counted without being listed\.$/,
  );
  // Search engines and link previews get a description of the list (Lighthouse SEO).
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    "content",
    /^Everyone who signed “Mathematicians and academics for the freedom of Azat Miftakhov” and chose to be listed/,
  );
});
