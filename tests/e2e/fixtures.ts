import { test as base, expect, type Page } from "@playwright/test";

/**
 * Every journey fails if the page logs an error or throws: users would see a broken page.
 * The one message tolerated is Chromium's note about a page that was meant to be an error
 * page (a 404 document the test navigated to on purpose).
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const documentStatuses = new Set<number>();
      page.on("response", (response) => {
        if (response.request().isNavigationRequest() && response.status() >= 400) {
          documentStatuses.add(response.status());
        }
      });
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(String(error)));
      await use(errors);
      const unexpected = errors.filter((text) => {
        // Playwright reading inside the mailbox's sandboxed (script-less) mail frame makes
        // Chromium log this; the page itself runs no script there.
        if (text.startsWith("Blocked script execution in 'about:srcdoc'")) return false;
        const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(text)?.[1];
        return !(status && documentStatuses.has(Number(status)));
      });
      expect(unexpected, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const MIFTAKHOV_LETTER = "/campaigns/free-azat-miftakhov-mathematicians";

/** The demo letter's count as the JSON API reads it: at most 1.5 s old (server/app.js, API_STALE_MS). */
export async function apiTotal(page: Page): Promise<number> {
  const response = await page.request.get(`/api${MIFTAKHOV_LETTER}`);
  return ((await response.json()) as { total: number }).total;
}

/** The count once it has stopped moving: two reads further apart than the longest a count is kept (1.5 s) agree. */
export async function settledTotal(page: Page): Promise<number> {
  let last = await apiTotal(page);
  await expect
    .poll(
      async () => {
        const now = await apiTotal(page);
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [1_600] },
    )
    .toBe(true);
  return last;
}

/** Opens the newest captured mail to `address` in the development mailbox, waiting for it. */
export async function openMailTo(page: Page, address: string) {
  const row = page.getByRole("row").filter({ hasText: address }).first();
  // The worker sends within a second or two; reload the mailbox until the mail is there.
  await expect
    .poll(
      async () => {
        await page.goto("/dev/mailbox");
        return row.count();
      },
      { timeout: 15_000 },
    )
    .toBe(1);
  await row.getByRole("link").click();
  return page.frameLocator("iframe");
}
