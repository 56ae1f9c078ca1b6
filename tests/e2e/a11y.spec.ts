import { seriousViolations } from "./axe";
import { expect, MIFTAKHOV_LETTER, test } from "./fixtures";

/**
 * Accessibility (issue 16): axe-core finds no serious or critical problem on the public pages
 * a visitor reaches from a shared link, on a 390×844 phone, in Russian and French. The
 * organizer pages are checked in a11y-organizer.spec.ts.
 */

const PHONE = { width: 390, height: 844 };

const PAGES = [
  ["home", ""],
  ["campaign", MIFTAKHOV_LETTER],
  ["signatories", `${MIFTAKHOV_LETTER}/signatories`],
  ["prisoner", "/prisoners/azat-miftakhov"],
] as const;

for (const lang of ["ru", "fr"] as const) {
  for (const [name, path] of PAGES) {
    test(`axe: the ${name} page in ${lang} on a phone has no serious or critical problem`, async ({ page }) => {
      await page.setViewportSize(PHONE);
      const response = await page.goto(`/${lang}${path}`);
      expect(response?.status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}
