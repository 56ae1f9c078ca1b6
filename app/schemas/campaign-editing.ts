import { z } from "zod";
import { LOCALES, type Locale, TRANSLATION_STATUSES } from "~/domain/vocab";
import { multiLine, oneOf, singleLine } from "./fields";

/**
 * The organizer's letter-text and news forms, shared by the browser (Conform, instant field
 * errors) and the server (the only judge). Error messages are codes translated under
 * `orgCampaign:errors.*`.
 */

/** Length limits of the organizer's text and news forms. */
export const TEXT_LIMITS = { title: 300, summary: 1000, body: 50_000, target: 300 } as const;
export const NEWS_LIMITS = { title: 300, body: 50_000 } as const;

/** Long letters in Cyrillic take several bytes a character, twice over once form-encoded. */
export const EDIT_FORM_BYTES = 1024 * 1024;

/** One language's text of a campaign: a new title or body makes a new version. */
export const campaignTextSchema = z.object({
  title: singleLine(TEXT_LIMITS.title, { required: true }),
  summary: multiLine(TEXT_LIMITS.summary),
  body: multiLine(TEXT_LIMITS.body, { required: true }),
  target: singleLine(TEXT_LIMITS.target),
  status: oneOf(TRANSLATION_STATUSES),
});

export type CampaignTextInput = z.output<typeof campaignTextSchema>;

/** One field per language (`title.en`, `title.ru`…); a form without any of them is all empty. */
function perLanguage(field: () => z.ZodType<string, z.ZodTypeDef, string | undefined>) {
  return z.object({ en: field(), ru: field(), fr: field(), de: field(), es: field(), uk: field() }).default({});
}

/**
 * Campaign news from `title.<lng>` / `body.<lng>` fields: the campaign's original language
 * is required, any other language is optional but needs both its title and its text.
 */
export function newsSchema(canonicalLocale: Locale) {
  return z
    .object({
      title: perLanguage(() => singleLine(NEWS_LIMITS.title)),
      body: perLanguage(() => multiLine(NEWS_LIMITS.body)),
    })
    .superRefine((value, ctx) => {
      const required = (field: "title" | "body", locale: Locale) =>
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field, locale], message: "required" });
      for (const locale of LOCALES) {
        const title = value.title[locale];
        const body = value.body[locale];
        if (!title && !body) {
          if (locale === canonicalLocale) {
            required("title", locale);
            required("body", locale);
          }
          continue;
        }
        if (!title) required("title", locale);
        if (!body) required("body", locale);
      }
    })
    .transform((value) => ({
      translations: LOCALES.filter((locale) => value.title[locale] && value.body[locale]).map((locale) => ({
        locale,
        title: value.title[locale],
        body: value.body[locale],
      })),
    }));
}

export type NewsInput = z.output<ReturnType<typeof newsSchema>>;
