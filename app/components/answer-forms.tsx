import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/form-kit";
import { LOCALES, type Locale } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";

/**
 * The outcome forms of the delivery page (after delivery): when the answer is due, and the
 * answer itself (day, document, text per language, news to signers the first time). Plain
 * forms: errors come back from the server as one code per field, with the values typed.
 */

interface Invalid {
  errors: Partial<Record<string, string>>;
  values: Record<string, string>;
}

interface Page {
  canonicalLocale: Locale;
  answer: { dueOn: string | null; answeredOn: string | null; documentUrl: string | null };
  values: Record<string, string>;
}

/** The optional "answer due by" day, on the record form and on its own after delivery. */
export function DueField({ value, error }: { value: string; error?: string }) {
  const { t } = useTranslation("orgInsights");
  return (
    <Field id="dueOn" label={t("answer.dueOn")} hint={t("answer.dueHint")} optional errors={error} ns="orgInsights">
      <input
        id="dueOn"
        name="dueOn"
        type="date"
        defaultValue={value}
        aria-describedby={describedBy("dueOn", { hint: true })}
        aria-invalid={error ? true : undefined}
      />
    </Field>
  );
}

export function AnswerForms({
  page,
  invalid,
  saved,
}: {
  page: Page;
  invalid: Invalid | null;
  saved: { kind: "dueSaved" } | { kind: "answerSaved"; notified: boolean } | null;
}) {
  const { t } = useTranslation("orgInsights");
  const mine = (intent: string) => (invalid?.values.intent === intent ? invalid : null);
  const due = mine("due");
  const answer = mine("answer");
  const value = (name: string) => answer?.values[name] ?? page.values[name] ?? "";
  const firstTime = page.answer.answeredOn === null;
  return (
    <>
      {saved ? (
        <p className="notice" role="status">
          {saved.kind === "answerSaved" && saved.notified ? t("answer.savedNotified") : t("answer.saved")}
        </p>
      ) : null}
      <h2 id="answer-due-title">{t("answer.dueTitle")}</h2>
      <Form method="post" aria-labelledby="answer-due-title">
        <input type="hidden" name="intent" value="due" />
        <DueField value={due?.values.dueOn ?? page.values.dueOn ?? ""} error={due?.errors.dueOn} />
        <button type="submit" className="button">
          {t("answer.saveDue")}
        </button>
      </Form>

      <h2 id="answer-title">{t("answer.title")}</h2>
      <p className="help">{t("answer.intro")}</p>
      <Form method="post" aria-labelledby="answer-title">
        <input type="hidden" name="intent" value="answer" />
        <Field id="answeredOn" label={t("answer.answeredOn")} errors={answer?.errors.answeredOn} ns="orgInsights">
          <input
            id="answeredOn"
            name="answeredOn"
            type="date"
            required
            defaultValue={value("answeredOn")}
            aria-describedby={describedBy("answeredOn")}
          />
        </Field>
        {LOCALES.map((locale) => (
          <Field
            key={locale}
            id={`text.${locale}`}
            label={t("answer.textIn", { language: LOCALE_NAMES[locale] })}
            optional={locale !== page.canonicalLocale}
            errors={answer?.errors[`text.${locale}`]}
            ns="orgInsights"
          >
            <textarea
              id={`text.${locale}`}
              name={`text.${locale}`}
              lang={locale}
              rows={locale === page.canonicalLocale ? 6 : 3}
              defaultValue={value(`text.${locale}`)}
              aria-describedby={describedBy(`text.${locale}`)}
            />
          </Field>
        ))}
        <Field
          id="documentUrl"
          label={t("answer.documentUrl")}
          hint={t("answer.documentHint")}
          optional
          errors={answer?.errors.documentUrl}
          ns="orgInsights"
        >
          <input
            id="documentUrl"
            name="documentUrl"
            type="url"
            defaultValue={value("documentUrl")}
            aria-describedby={describedBy("documentUrl", { hint: true })}
          />
        </Field>
        {firstTime ? (
          <div className="field field--check">
            <input id="notify" name="notify" type="checkbox" defaultChecked />
            <label htmlFor="notify">{t("answer.notify")}</label>
          </div>
        ) : null}
        <button type="submit" className="button">
          {t("answer.save")}
        </button>
      </Form>
    </>
  );
}
