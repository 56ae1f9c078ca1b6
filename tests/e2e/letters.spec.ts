import * as OTPAuth from "otpauth";
import type { Browser, Page } from "@playwright/test";
import { expect, openMailTo, test } from "./fixtures";

const PRISONER = "azat-miftakhov";
const CAMPAIGN = "free-azat-miftakhov-mathematicians";
/** The demo's letter volunteers of the Miftakhov campaign (db/seeds/demo-letters.ts). */
const MODERATOR = "letters-moderator@example.org";
const TRANSLATOR = "letters-translator@example.org";
const EDITOR = "letters-editor@example.org";

/** A fresh browser for one volunteer, signed in by mailed link and a newly set-up authenticator. */
async function signIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/organizer/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const mail = await openMailTo(page, email);
  const href = await mail.getByRole("link", { name: "Sign in" }).getAttribute("href");
  await page.goto(new URL(href!).pathname);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/organizer\/totp-setup$/);
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  await page.getByRole("textbox", { name: "Code" }).fill(totp.generate());
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  return page;
}

test("a French writer writes to a demo prisoner; volunteers approve, translate, batch, print, post and record the reply; the writer hears back in French", async ({
  page,
  browser,
}) => {
  // Four people and a dozen pages: more than the default 30 s on a busy machine.
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const email = `ecrivaine-${run}@example.org`;
  const body = `Cher Azat, à Lyon il a neigé ce matin (${run}). Les enfants ont fait un bonhomme de neige devant l'école.`;

  // The writer reads the guidance, then writes in French.
  await page.goto(`/fr/prisoners/${PRISONER}`);
  await expect(page.getByTestId("prisoner-letters")).toBeVisible();
  await page.getByRole("link", { name: /^Écrire à / }).click();
  await expect(page.getByRole("heading", { name: "Avant d’écrire" })).toBeVisible();
  await page.getByRole("textbox", { name: "Votre lettre" }).fill(body);
  await page.getByLabel("Votre prénom").fill("Élise");
  await page.getByLabel("Votre pays").selectOption("FR");
  await expect(page.getByLabel("Langue de votre lettre")).toHaveValue("fr");
  await page.getByLabel("Votre adresse e-mail").fill(email);
  await page.getByLabel(/Les organisateurs peuvent lire, vérifier et traduire/).check();
  await page.getByRole("button", { name: "Envoyer ma lettre" }).click();
  await expect(page.getByRole("heading", { name: "Merci d’avoir écrit" })).toBeVisible();

  // The mail confirms the address with a button (opening the link alone does nothing).
  const confirmation = await openMailTo(page, email);
  const confirmHref = await confirmation.getByRole("link", { name: "Confirmer mon adresse" }).getAttribute("href");
  expect(confirmHref).toMatch(/\/fr\/letters\/confirm\/[A-Za-z0-9_-]{43}$/);
  await page.goto(new URL(confirmHref!).pathname);
  await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
  await expect(page.getByRole("heading", { name: "Votre adresse est confirmée" })).toBeVisible();

  // A moderator approves it.
  const moderator = await signIn(browser, MODERATOR);
  await moderator.goto(`/organizer/campaigns/${CAMPAIGN}/letters?state=submitted`);
  await moderator.getByTestId("letter-row").filter({ hasText: run }).getByRole("link").first().click();
  await expect(moderator.getByTestId("letter-body")).toHaveText(body);
  // Moderators see whether an address was left; it never reaches the print page (below).
  await expect(moderator.getByText(email)).toBeVisible();
  await moderator.getByRole("button", { name: "Approve" }).click();
  await expect(moderator.getByRole("status")).toHaveText("Approved.");
  const letterPath = new URL(moderator.url()).pathname;

  // A translator adds the Russian text; they never see the writer's address.
  const translator = await signIn(browser, TRANSLATOR);
  await expect(translator.getByRole("link", { name: "Letters to prisoners" })).toBeVisible();
  await translator.goto(letterPath);
  await expect(translator.getByText(email)).toHaveCount(0);
  await translator
    .getByRole("textbox", { name: "Translation" })
    .fill(`Дорогой Азат! В Лионе сегодня утром выпал снег (${run}). Дети слепили снеговика у школы.`);
  await translator.getByRole("button", { name: "Save the text to post" }).click();
  await expect(translator.getByRole("status")).toHaveText("Text saved.");
  await expect(translator.getByTestId("letter-state")).toHaveText("Ready to post");

  // An editor batches it, opens the print page, marks it posted on paper and records the reply.
  const editor = await signIn(browser, EDITOR);
  await editor.goto(`/organizer/campaigns/${CAMPAIGN}/letters/batches`);
  await expect(editor.getByText(run)).toBeVisible();
  await editor.getByRole("button", { name: "Make a batch of the ticked letters" }).click();
  await expect(editor).toHaveURL(/\/letters\/batches\/\d+$/);
  await expect(editor.getByTestId("batch-state")).toHaveText("Being prepared");
  await editor.getByRole("link", { name: "Printable letters" }).click();
  const printed = editor.getByTestId("printed-letter").filter({ hasText: run });
  await expect(printed).toContainText("Дорогой Азат!");
  await expect(printed).toContainText("Élise, Франция");
  await expect(printed).toContainText("ПРИМЕР АДРЕСА");
  await expect(printed).toContainText("Пожалуйста, пишите ответ печатными буквами.");
  expect(await editor.content()).not.toContain(email);
  await editor.goBack();
  await editor.getByRole("radio", { name: "Paper letter" }).check();
  await editor.getByLabel("Sender's reference").fill(`RA${run}RU`);
  await editor.getByLabel("Cost").fill("4.50");
  await editor.getByRole("button", { name: "Mark posted" }).click();
  await expect(editor.getByTestId("batch-state")).toHaveText("Posted");
  await editor.getByLabel("Received on").fill(new Date().toISOString().slice(0, 10));
  await editor.getByLabel("Text of the reply").fill(`Merci pour la neige de Lyon ! (${run})`);
  await editor.getByLabel("Pass the text on to the writers").check();
  await editor.getByRole("button", { name: "Record the reply" }).click();
  await expect(editor.getByRole("status")).toHaveText(/^Reply recorded; 1 writer was told\.$/);

  // The public page counts it, and the writer hears back in French, with the reply.
  await page.goto(`/fr/prisoners/${PRISONER}`);
  await expect(page.getByTestId("letter-counts")).toContainText("avec réponse");
  const replyRow = page.getByRole("row").filter({ hasText: email }).filter({ hasText: "a répondu" });
  await expect
    .poll(
      async () => {
        await page.goto("/dev/mailbox");
        return replyRow.count();
      },
      { timeout: 15_000 },
    )
    .toBe(1);
  await replyRow.getByRole("link").click();
  const reply = page.frameLocator("iframe");
  await expect(reply.getByText(`Merci pour la neige de Lyon ! (${run})`)).toBeVisible();
  await expect(reply.getByText("Azat Miftakhov écrit :")).toBeVisible();
});
