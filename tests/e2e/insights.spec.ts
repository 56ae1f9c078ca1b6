import { signInAsDemoOrganizer } from "./demo-organizer";
import { expect, openMailTo, test } from "./fixtures";

const CAMPAIGN = "release-boris-kagarlitsky";

test("the organizer sees the campaign move, records delivery and answer; a consenting signer gets the news in Russian; the public page shows the timeline", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A signer in Russian who agreed to news.
  const email = `ru-news-${Date.now()}@example.org`;
  await page.goto(`/ru/campaigns/${CAMPAIGN}`);
  const form = page.getByRole("form", { name: "Подписать это письмо" });
  await form.getByLabel("Имя и фамилия", { exact: true }).fill("Мария Тестова");
  await form.getByLabel("Адрес электронной почты", { exact: true }).fill(email);
  await form.getByLabel("Я подписываю в группе", { exact: true }).selectOption({ index: 1 });
  await form.getByLabel("Страна", { exact: true }).selectOption({ label: "Германия" });
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "Подписать" }).click();
  const confirmMail = await openMailTo(page, email);
  await page.goto(
    new URL((await confirmMail.getByRole("link", { name: "Подтвердить мою подпись" }).getAttribute("href"))!).pathname,
  );
  await page.getByRole("button", { name: "Подтвердить мою подпись" }).click();
  await expect(page).toHaveURL(/\/thanks/);

  // The overview draws the campaign: over time, by group, country, channel, and the confirmation funnel.
  await signInAsDemoOrganizer(page);
  await page.goto(`/organizer/campaigns/${CAMPAIGN}`);
  const charts = page.getByRole("region", { name: "How the campaign is moving" });
  await expect(charts.getByRole("img")).toHaveCount(5);
  for (const caption of ["By group", "By country", /^By channel/, /^Signatures over time/]) {
    await expect(charts.locator("figcaption").filter({ hasText: caption })).toBeVisible();
  }
  const byCountry = page.getByTestId("chart-by-country");
  await byCountry.getByText("Show the numbers as a table").click();
  await expect(byCountry.getByRole("row", { name: /Germany/ })).toBeVisible();
  await expect(page.getByTestId("confirmation-rate")).toContainText("Confirmation rate");

  // Delivery with an answer due, then the answer, told to signers who asked.
  await page.goto(`/organizer/campaigns/${CAMPAIGN}/delivery`);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Delivered on").fill(today);
  await page.getByLabel("Delivered to").fill("The Presidential Administration");
  await page.getByLabel(/^Answer due by/).fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Record the delivery" }).click();
  await expect(page.getByTestId("status")).toContainText(/delivered/i);
  await page.getByLabel("Answered on").fill(today);
  await page
    .getByLabel(/^Answer in English/)
    .fill("Your appeal has been forwarded to the Prosecutor General's Office.");
  await page.getByLabel(/^Answer in Русский/).fill("Ваше обращение направлено в Генеральную прокуратуру.");
  await page.getByRole("button", { name: "Save the answer" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved. Signers who asked for news will get it by email.");

  // The consenting signer reads the news in Russian.
  // The fan-out runs in the background: wait for the news (its subject names the answer).
  const newsRow = page.getByRole("row").filter({ hasText: email }).filter({ hasText: "ответ на письмо" });
  await expect
    .poll(
      async () => {
        await page.goto("/dev/mailbox");
        return newsRow.count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await newsRow.getByRole("link").first().click();
  const news = page.frameLocator("iframe");
  await expect(news.getByText("Ваше обращение направлено в Генеральную прокуратуру.")).toBeVisible();

  // The public page shows the timeline.
  await page.goto(`/ru/campaigns/${CAMPAIGN}`);
  const timeline = page.getByTestId("timeline");
  await expect(timeline.getByRole("heading", { name: "Что произошло" })).toBeVisible();
  await expect(timeline).toContainText("Вручено: The Presidential Administration");
  await expect(timeline).toContainText("Ответ получен");
  await expect(page.getByTestId("answer")).toContainText("Генеральную прокуратуру");
  await expect(page.getByTestId("country-picture")).toBeVisible();
});
