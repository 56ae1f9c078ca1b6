import { seriousViolations } from "./axe";
import { signInAsDemoOrganizer } from "./demo-organizer";
import { expect, test } from "./fixtures";

/**
 * The organizer side (issue 16): axe-core finds no serious or critical problem on the
 * dashboard, the moderation list and the export form; the demo's abuse-signals page has
 * something to show; destructive actions ask once more, without JavaScript. Runs in the
 * "chromium-after" project: it signs in as the demo organizer, like organizer.spec.ts and
 * insights.spec.ts.
 */

const CAMPAIGN = "free-azat-miftakhov-mathematicians";

test("organizer pages: no serious axe problem, demo signals to see, and destructive actions that ask first", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsDemoOrganizer(page);

  for (const path of [
    "/organizer",
    `/organizer/campaigns/${CAMPAIGN}/signatures`,
    `/organizer/campaigns/${CAMPAIGN}/export`,
  ]) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }

  // The export form names each column as the file will: the words, and the machine header.
  await page.goto(`/organizer/campaigns/${CAMPAIGN}/export`);
  await expect(page.getByLabel("Confirmed at (signed_at)")).toBeChecked();
  await expect(page.getByLabel("Column headers")).toHaveValue("");

  // The demo campaign's signals: a burst from one IP hash and a look-alike of a notable name.
  await page.goto(`/organizer/campaigns/${CAMPAIGN}/signals`);
  await expect(page.getByText("Marta Kowalczyk-Lind").first()).toBeVisible();
  await expect(page.getByText("Мartа Kowalczyk-Lind")).toBeVisible();
  await expect(page.getByText("d3a0b0057a", { exact: false }).first()).toBeVisible();

  // Invalidating asks once more: the first button only reveals the question and the real one.
  await page.goto(`/organizer/campaigns/${CAMPAIGN}/invalidate`);
  const invalidate = page.getByRole("button", { name: "Invalidate", exact: true });
  await expect(invalidate).toBeHidden();
  await page.locator("summary", { hasText: "Invalidate" }).click();
  await expect(page.getByText("This cannot be undone. Are you sure?")).toBeVisible();
  await expect(invalidate).toBeVisible();
});
