import type { Submission, SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { canonicalEmail } from "~/domain/email";
import { flaggedWords } from "~/domain/letters";
import { pickTranslation } from "~/domain/translation";
import { LOCALES, type Locale } from "~/domain/vocab";
import { countryOptions } from "~/i18n/countries.server";
import { LOCALE_NAMES } from "~/i18n/config";
import { queueMail } from "~/jobs/enqueue.server";
import { findLetterByConfirmToken, insertLetter, markLetterEmailConfirmed } from "~/models/letters.server";
import { findPrisonerSlug } from "~/models/letter-settings.server";
import { findPrisonerBySlug, listPrisonerTranslations } from "~/models/prisoner.server";
import type { writeLetterSchema } from "~/schemas/letters";
import { verifyCaptcha } from "~/utils/captcha.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { hashIp, hashToken, newToken } from "~/utils/tokens.server";
import { closedReasonFor, flagWordsFor, guidanceFor, readLetterSettings } from "./letters-settings.server";
import { consume, RateLimited, type LimitName, tryConsume } from "./rate-limit.server";

/**
 * Writing to a prisoner, without an account: the guidance first, then the letter. The sign
 * form's rules apply (honeypot, hCaptcha when configured, rate limits per IP hash and
 * address, nothing stored from a refused form). An address is optional; when given it is
 * confirmed with the same scanner-safe button as a signature, and used only to tell the
 * writer that their letter was refused or answered.
 */

/** How long a hashed IP is kept for abuse review. */
const IP_HASH_DAYS = 30;

export type WriteLetterSubmission = Submission<
  z.input<typeof writeLetterSchema>,
  string[],
  z.output<typeof writeLetterSchema>
>;

async function prisonerWithSettings(slug: string, locale: Locale) {
  const db = getDb();
  const prisoner = await findPrisonerBySlug(db, slug);
  if (!prisoner) return null;
  const [translations, settings] = await Promise.all([
    listPrisonerTranslations(db, [prisoner.id]),
    readLetterSettings(db, prisoner.id),
  ]);
  const name = pickTranslation(translations, locale)?.row.name ?? slug;
  return { prisoner, name, settings };
}

/** The write page: guidance, the rules of this prisoner's letters, the form's choices. */
export async function loadWritePage(slug: string, locale: Locale) {
  const found = await prisonerWithSettings(slug, locale);
  if (!found) return null;
  const { prisoner, name, settings } = found;
  return {
    prisoner: { slug: prisoner.slug, name },
    open: settings.accepting,
    closedReason: settings.accepting ? null : closedReasonFor(settings, locale),
    guidance: guidanceFor(settings, locale),
    maxLength: settings.maxLength,
    requiredLanguage: settings.requiredLanguage,
    electronicService: settings.electronicService,
    languages: LOCALES.filter((l) => settings.acceptedLanguages.includes(l)).map((l) => ({
      code: l,
      name: LOCALE_NAMES[l],
    })),
    countries: countryOptions(locale),
    captchaSitekey: getConfig().hcaptcha?.sitekey ?? null,
  };
}

export type SubmitLetterResult =
  | { kind: "invalid"; reply: SubmissionResult<string[]>; max?: number }
  | { kind: "accepted"; confirmMailed: boolean }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "closed"; reason: string }
  | { kind: "not-found" };

/**
 * A writer sends a letter. A prisoner whose letters are closed refuses it with the public
 * reason, before its fields are looked at; a letter over the prisoner's maximum is refused
 * with the limit; nothing is stored from a refused form.
 */
export async function submitLetter(
  slug: string,
  locale: Locale,
  submission: WriteLetterSubmission,
  client: { ip: string | undefined },
): Promise<SubmitLetterResult> {
  const config = getConfig();
  const found = await prisonerWithSettings(slug, locale);
  if (!found) return { kind: "not-found" };
  const { prisoner, name, settings } = found;
  if (!settings.accepting) return { kind: "closed", reason: closedReasonFor(settings, locale) };
  if (submission.status !== "success") return { kind: "invalid", reply: submission.reply() };

  const form = submission.value;
  const fieldErrors: Record<string, string[]> = {};
  if (form.body.length > settings.maxLength) fieldErrors.body = ["tooLongForPrisoner"];
  if (!settings.acceptedLanguages.includes(form.language)) fieldErrors.language = ["languageNotAccepted"];
  if (config.hcaptcha && !form["h-captcha-response"] && !form.website) fieldErrors.captcha = ["captchaRequired"];
  if (Object.keys(fieldErrors).length) {
    return { kind: "invalid", reply: submission.reply({ fieldErrors }), max: settings.maxLength };
  }
  // Bots fill the hidden field: tell them it worked and store nothing.
  if (form.website) return { kind: "accepted", confirmMailed: false };

  const email = form.email ? canonicalEmail(form.email) : null;
  const ipHash = client.ip ? hashIp(client.ip, config.sessionSecret) : null;
  try {
    const checks: [LimitName, string][] = [["signCampaign", `letters:${prisoner.id}`]];
    if (ipHash) checks.push(["signIpBurst", `letters:${ipHash}`], ["signIpDaily", `letters:${ipHash}`]);
    if (email) checks.push(["signEmail", `letters:${prisoner.id}:${email}`]);
    await consume(...checks);
  } catch (error) {
    if (error instanceof RateLimited) return { kind: "rate-limited", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }

  let reviewReason: string | null = null;
  if (config.hcaptcha) {
    const outcome = await verifyCaptcha(form["h-captcha-response"] ?? "", client.ip);
    if (outcome === "failed") {
      return { kind: "invalid", reply: submission.reply({ fieldErrors: { captcha: ["captchaFailed"] } }) };
    }
    if (outcome === "unavailable") reviewReason = "captcha_unverified";
  }

  // Confirmation mails to one address are limited like the sign form's; over the limit the
  // letter is kept, its address stays unconfirmed (and is never written to).
  const mayMail = email ? await tryConsume("mailPerAddress", `letters:${email}`) : false;
  const confirmToken = mayMail ? newToken() : null;
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await insertLetter(trx, {
        prisoner_id: prisoner.id,
        language: form.language,
        locale,
        body: form.body,
        writer_name: form.writerName,
        writer_country: form.country,
        writer_email: form.email || null,
        email_canonical: email,
        confirm_token_hash: confirmToken ? hashToken(confirmToken) : null,
        publish_consent: form.publishConsent === "on",
        flags: flaggedWords(form.body, flagWordsFor(settings, form.language)),
        review_reason: reviewReason,
        ip_hash: ipHash,
        ip_hash_expires_at: ipHash ? new Date(Date.now() + IP_HASH_DAYS * 86_400_000) : null,
      });
      if (confirmToken && form.email) {
        await queueMail(trx, {
          kind: "letter_confirmation",
          locale,
          to: form.email,
          data: {
            writerName: form.writerName,
            prisonerName: name,
            confirmUrl: `${config.appUrl}/${locale}/letters/confirm/${confirmToken}`,
          },
        });
      }
    });
  return { kind: "accepted", confirmMailed: Boolean(confirmToken) };
}

export type LetterTokenState =
  | { status: "ready"; prisonerName: string; prisonerSlug: string }
  | { status: "confirmed"; prisonerName: string; prisonerSlug: string }
  | { status: "invalid" };

async function prisonerOfLetter(prisonerId: number, locale: Locale) {
  const db = getDb();
  const [translations, slug] = await Promise.all([
    listPrisonerTranslations(db, [prisonerId]),
    findPrisonerSlug(db, prisonerId),
  ]);
  return { prisonerName: pickTranslation(translations, locale)?.row.name ?? "", prisonerSlug: slug ?? "" };
}

/** What the mailed link's page shows before its button is pressed. */
export async function describeLetterToken(token: string, locale: Locale): Promise<LetterTokenState> {
  const letter = await findLetterByConfirmToken(getDb(), hashToken(token));
  if (!letter || !letter.writer_email) return { status: "invalid" };
  const who = await prisonerOfLetter(letter.prisoner_id, locale);
  return { status: letter.email_confirmed_at ? "confirmed" : "ready", ...who };
}

/** The writer pressed Confirm: the address may now hear of a refusal or a reply. Once, under a row lock. */
export async function confirmLetterEmail(token: string, locale: Locale): Promise<LetterTokenState> {
  const prisonerId = await getDb()
    .transaction()
    .execute(async (trx) => {
      const letter = await findLetterByConfirmToken(trx, hashToken(token), { forUpdate: true });
      if (!letter || !letter.writer_email) return null;
      if (!letter.email_confirmed_at) await markLetterEmailConfirmed(trx, letter.id);
      return letter.prisoner_id;
    });
  if (prisonerId === null) return { status: "invalid" };
  return { status: "confirmed", ...(await prisonerOfLetter(prisonerId, locale)) };
}
