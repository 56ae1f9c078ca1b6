import { getConfig, HCAPTCHA_TEST_SECRET, HCAPTCHA_TEST_SITEKEY } from "~/utils/env.server";

export type CaptchaOutcome = "passed" | "failed" | "unavailable";

const TIMEOUT_MS = 4_000;

/**
 * An outbound client (plumbing, like the mailer): verifies an hCaptcha token once with the configured siteverify endpoint. "unavailable"
 * means we could not ask (network, timeout, 5xx, garbage): the caller keeps the signature
 * pending and flagged instead of losing it or counting it.
 */
export async function verifyCaptcha(token: string, remoteIp: string | undefined): Promise<CaptchaOutcome> {
  const captcha = getConfig().hcaptcha;
  if (!captcha) return "passed";
  const body = new URLSearchParams({ secret: captcha.secret, response: token, sitekey: captcha.sitekey });
  if (remoteIp) body.set("remoteip", remoteIp);
  let response: Response;
  try {
    response = await fetch(captcha.verifyUrl, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    console.warn(`[captcha] verifier unreachable: ${(error as Error).message}`);
    return "unavailable";
  }
  if (!response.ok) {
    console.warn(`[captcha] verifier answered ${response.status}`);
    return "unavailable";
  }
  let result: { success?: unknown; hostname?: unknown };
  try {
    result = (await response.json()) as typeof result;
  } catch {
    console.warn("[captcha] verifier answered something that is not JSON");
    return "unavailable";
  }
  if (result.success !== true) return "failed";
  // A token solved on another site must not pass here, and an answer that does not say where
  // it was solved proves nothing. hCaptcha's test keys answer with a placeholder hostname,
  // which we accept only while this site runs with exactly those public test keys.
  const expected = new URL(getConfig().appUrl).hostname;
  if (result.hostname === expected) return "passed";
  const testKeys = captcha.sitekey === HCAPTCHA_TEST_SITEKEY && captcha.secret === HCAPTCHA_TEST_SECRET;
  if (testKeys && result.hostname === "dummy-key-pass") return "passed";
  return "failed";
}
