import type { Page } from "@playwright/test";
import { expect, MIFTAKHOV_LETTER, openMailTo, settledTotal, test } from "./fixtures";

const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;

async function fillSignForm(page: Page, fields: { name: string; email: string; title?: string }) {
  const form = page.getByRole("form", { name: "Signer cette lettre" });
  await form.getByLabel("Prénom et nom", { exact: true }).fill(fields.name);
  await form.getByLabel("Adresse électronique", { exact: true }).fill(fields.email);
  await form.getByLabel("Je signe dans la catégorie", { exact: true }).selectOption({ label: "Mathématiciens" });
  if (fields.title) await form.getByLabel("Fonction et affiliation (facultatif)", { exact: true }).fill(fields.title);
  await form.getByLabel("Pays", { exact: true }).selectOption({ label: "France" });
  return form;
}

// These journeys change the campaign's count: run them one after the other.
test.describe.configure({ mode: "serial" });

async function total(page: Page): Promise<number> {
  return Number((await page.locator(".progress__count strong").first().innerText()).replace(/\D/g, ""));
}

test("a mathematician signs the letter in French, confirms from the mail, and is counted and listed", async ({
  page,
}) => {
  await page.goto(`/fr${MIFTAKHOV_LETTER}`);
  const before = await settledTotal(page);
  const email = uniqueEmail("germain");
  const form = await fillSignForm(page, { name: "Sophie Germain", email, title: "Mathématicienne, Paris" });
  await form.getByRole("button", { name: "Signer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultez votre messagerie");

  // Not counted before the confirmation.
  expect(await settledTotal(page)).toBe(before);

  const mail = await openMailTo(page, email);
  await mail.getByRole("link", { name: "Confirmer ma signature" }).click();
  await expect(page).toHaveURL(/\/fr\/confirm\//);
  await page.getByRole("button", { name: "Confirmer ma signature" }).click();
  // n: the position; m: the signer's private "manage my signature" link (issue 12).
  await expect(page).toHaveURL(/\/thanks\?n=\d+&m=[\w-]{43}$/);
  await expect(page.getByText(/Votre signature porte le numéro \d+/)).toBeVisible();

  // The page is cached for a few seconds: reload as a reader would until the count moves.
  await expect
    .poll(async () => {
      await page.goto(`/fr${MIFTAKHOV_LETTER}`);
      return total(page);
    })
    .toBe(before + 1);
  const mathematicians = page.getByRole("region", { name: /^Mathématiciens/ });
  await expect(mathematicians.getByText("Sophie Germain")).toBeVisible();
});

test("a signer who chose 'counted only' is counted but appears nowhere in the page", async ({ page, request }) => {
  await page.goto(`/fr${MIFTAKHOV_LETTER}`);
  const before = await settledTotal(page);
  const email = uniqueEmail("hidden");
  const secretName = `Caché Inconnu ${Math.random().toString(36).slice(2, 6)}`;
  const form = await fillSignForm(page, { name: secretName, email, title: "Institut secret" });
  await form.getByRole("radio", { name: /^Comptée uniquement/ }).check();
  await form.getByRole("button", { name: "Signer" }).click();
  await expect(page).toHaveURL(/check-inbox/);

  const mail = await openMailTo(page, email);
  await mail.getByRole("link", { name: "Confirmer ma signature" }).click();
  await page.getByRole("button", { name: "Confirmer ma signature" }).click();
  await expect(page).toHaveURL(/\/thanks/);
  await expect(page.locator("main")).not.toContainText(secretName);

  await expect
    .poll(async () => {
      await page.goto(`/fr${MIFTAKHOV_LETTER}`);
      return total(page);
    })
    .toBe(before + 1);
  for (const lng of ["fr", "en", "ru"]) {
    const html = await (await request.get(`/${lng}${MIFTAKHOV_LETTER}`)).text();
    expect(html).not.toContain(secretName);
    expect(html).not.toContain("Institut secret");
    expect(html).not.toContain(email);
    const data = await (await request.get(`/${lng}${MIFTAKHOV_LETTER}.data`)).text();
    expect(data).not.toContain(secretName);
  }
});

test("bad input shows a field error in the page's language and keeps what was typed", async ({ page }) => {
  await page.goto(`/fr${MIFTAKHOV_LETTER}`);
  const form = await fillSignForm(page, { name: "=HYPERLINK(1)", email: "pas-une-adresse" });
  await form.getByRole("button", { name: "Signer" }).click();
  await expect(form.getByText("Veuillez ne pas commencer par =, +, -, @ ou une tabulation.")).toBeVisible();
  await expect(form.getByLabel("Adresse électronique", { exact: true })).toHaveValue("pas-une-adresse");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server answers bad input with a 400 and field errors, keeping the values", async ({ page }) => {
    await page.goto(`/fr${MIFTAKHOV_LETTER}`);
    const form = await fillSignForm(page, { name: "Émilie du Châtelet", email: "sans-domaine@" });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      form.getByRole("button", { name: "Signer" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.getByText("Veuillez saisir une adresse électronique valide", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Prénom et nom", { exact: true })).toHaveValue("Émilie du Châtelet");
  });
});
