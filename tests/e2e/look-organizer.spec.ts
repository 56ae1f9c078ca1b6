import type { Browser, BrowserContextOptions } from "@playwright/test";
import { signInAsDemoOrganizer } from "./demo-organizer";
import { expect, test } from "./fixtures";

/**
 * The organizer side as it looks (issue 16): the moderation table fits a 1280×900 screen in
 * every language without the page scrolling sideways (on a phone it scrolls inside itself),
 * and every organizer tab says which page of which campaign it is, in the organizer's
 * language. Signs in as the demo organizer once, after the other organizer journeys
 * (playwright.config.ts, "chromium-look").
 */

const CAMPAIGN = "free-azat-miftakhov-mathematicians";
const SIGNATURES = `/organizer/campaigns/${CAMPAIGN}/signatures`;

test.describe.configure({ mode: "serial" });

let storageState: BrowserContextOptions["storageState"];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  await signInAsDemoOrganizer(await context.newPage());
  storageState = await context.storageState();
  await context.close();
});

async function organizerPage(browser: Browser, lang: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({
    storageState,
    viewport,
    locale: lang,
    extraHTTPHeaders: { "Accept-Language": lang },
  });
  return context.newPage();
}

/** How far the table and the page stick out sideways, in CSS pixels (0 when they fit). */
async function overflow(page: Awaited<ReturnType<typeof organizerPage>>) {
  return page.locator(".organizer-table").evaluate((table: HTMLElement) => {
    const container = table.parentElement!.getBoundingClientRect();
    const doc = document.documentElement;
    const lastHeader = table.querySelector("thead th:last-child")!.getBoundingClientRect();
    return {
      tableBeyondContainer: Math.max(0, Math.round(table.getBoundingClientRect().right - container.right)),
      actionsBeyondContainer: Math.max(0, Math.round(lastHeader.right - container.right)),
      tableScrollsInside: table.scrollWidth > table.clientWidth,
      pageScrollsSideways: doc.scrollWidth > doc.clientWidth,
    };
  });
}

for (const lang of ["en", "ru", "de"] as const) {
  test(`at 1280×900 in ${lang}, the moderation table fits its container and the page does not scroll sideways`, async ({
    browser,
  }) => {
    const page = await organizerPage(browser, lang, { width: 1280, height: 900 });
    await page.goto(SIGNATURES);
    await expect(page.getByTestId("signature-row").first()).toBeVisible();
    expect(await overflow(page)).toEqual({
      tableBeyondContainer: 0,
      actionsBeyondContainer: 0,
      tableScrollsInside: false,
      pageScrollsSideways: false,
    });
    // The row menu opens inside the screen.
    await page.getByTestId("signature-row").first().locator(".row-menu > summary").click();
    const menu = await page.locator(".row-menu[open] .row-menu__items").boundingBox();
    expect(menu!.x).toBeGreaterThanOrEqual(0);
    expect(menu!.x + menu!.width).toBeLessThanOrEqual(1280);
    await page.context().close();
  });
}

test("on a 390×844 phone the moderation table scrolls inside itself, never the page", async ({ browser }) => {
  const page = await organizerPage(browser, "ru", { width: 390, height: 844 });
  await page.goto(SIGNATURES);
  await expect(page.getByTestId("signature-row").first()).toBeVisible();
  const result = await overflow(page);
  expect(result.pageScrollsSideways).toBe(false);
  expect(result.tableBeyondContainer).toBe(0);
  await page.context().close();
});

const TITLES = {
  en: {
    "/organizer": "My campaigns — Organizers — Undersigned",
    [SIGNATURES]: "Signatures — Mathematicians and academics for the freedom of Azat Miftakhov — Undersigned",
    [`/organizer/campaigns/${CAMPAIGN}/export`]:
      "Export — Mathematicians and academics for the freedom of Azat Miftakhov — Undersigned",
    [`/organizer/campaigns/${CAMPAIGN}/delivery`]:
      "Delivery — Mathematicians and academics for the freedom of Azat Miftakhov — Undersigned",
    "/organizer/prisoners/azat-miftakhov": "Prisoner — Azat Miftakhov — Undersigned",
  },
  ru: {
    "/organizer": "Мои кампании — Организаторам — Undersigned",
    [SIGNATURES]: "Подписи — Математики и учёные — за свободу Азата Мифтахова — Undersigned",
    [`/organizer/campaigns/${CAMPAIGN}/export`]:
      "Выгрузка — Математики и учёные — за свободу Азата Мифтахова — Undersigned",
    [`/organizer/campaigns/${CAMPAIGN}/delivery`]:
      "Передача — Математики и учёные — за свободу Азата Мифтахова — Undersigned",
    "/organizer/prisoners/azat-miftakhov": "Заключённый — Азат Мифтахов — Undersigned",
  },
} as const;

for (const lang of ["en", "ru"] as const) {
  test(`organizer tabs say the page and the campaign, in ${lang}`, async ({ browser }) => {
    const page = await organizerPage(browser, lang, { width: 1280, height: 900 });
    for (const [path, title] of Object.entries(TITLES[lang])) {
      await page.goto(path);
      await expect(page, path).toHaveTitle(title);
    }
    // A move inside the app (no full load) gives the next page its own title too.
    await page.goto("/organizer");
    await page.getByTestId(`campaign-${CAMPAIGN}`).getByRole("link").first().click();
    await expect(page).toHaveTitle(new RegExp(`^${lang === "en" ? "Overview" : "Обзор"} — .+ — Undersigned$`));
    await page.context().close();
  });
}
