import { expect, MIFTAKHOV_LETTER, test } from "./fixtures";

/** Hostile or broken requests get a clear 4xx, never a 500. */
const SIGN_URL = `/en${MIFTAKHOV_LETTER}`;
const form = "application/x-www-form-urlencoded";

test("an oversized form is refused with 413", async ({ request }) => {
  const response = await request.post(SIGN_URL, {
    headers: { "Content-Type": form },
    data: `fullName=${"a".repeat(200_000)}`,
  });
  expect(response.status()).toBe(413);
});

test("a body that is not a form is refused with 415", async ({ request }) => {
  const response = await request.post(SIGN_URL, {
    headers: { "Content-Type": "application/json" },
    data: JSON.stringify({ fullName: "x" }),
  });
  expect(response.status()).toBe(415);
});

test("invalid UTF-8 and NUL bytes get a field error, not a crash", async ({ request }) => {
  const body = Buffer.concat([
    Buffer.from("fullName=Ada"),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from("%00&email=a%40example.org&group=mathematicians&country=FR&visibility=public"),
  ]);
  const response = await request.post(SIGN_URL, { headers: { "Content-Type": form }, data: body });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Please remove invisible or direction-changing characters.");
});

test("signing a draft or unknown campaign is a 404", async ({ request }) => {
  const response = await request.post("/en/campaigns/not-a-campaign", {
    headers: { "Content-Type": form },
    data: "fullName=Ada&email=a%40example.org&group=x&country=FR&visibility=public",
  });
  expect(response.status()).toBe(404);
});

test("made-up confirmation and withdrawal links get a friendly 404 page", async ({ page }) => {
  for (const path of ["/en/confirm/not-a-token", `/en/confirm/${"A".repeat(43)}`, `/en/withdraw/${"B".repeat(43)}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/not valid|Nothing to remove/);
  }
});

test("a malformed or enormous Accept-Language never breaks the redirect", async ({ request }) => {
  for (const header of [";;;,,q=abc", "x;q=0.1,".repeat(1_000), "ru-RU;q=2,*;q=-1"]) {
    const response = await request.get("/", { headers: { "Accept-Language": header }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toMatch(/^\/(en|ru|fr|de|es|uk)$/);
  }
  // Beyond Node's 16 KB of headers the server itself answers 431, before any of our code.
  const huge = await request.get("/", { headers: { "Accept-Language": "x".repeat(20_000) }, maxRedirects: 0 });
  expect(huge.status()).toBe(431);
});

test("pages other than embeds refuse to be framed", async ({ request }) => {
  const response = await request.get(SIGN_URL);
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
