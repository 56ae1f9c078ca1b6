import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldError } from "~/components/form-kit";
import { MAX_LETTER_LENGTH } from "~/domain/letters";
import { LOCALES } from "~/domain/vocab";
import { readForm } from "~/http/forms.server";
import { requireOrganizer } from "~/http/organizer-access.server";
import { rejectedForm } from "~/http/rejected-form.server";
import { orNotFound } from "~/http/responses";
import { LOCALE_NAMES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { fieldErrorMap } from "~/schemas/fields";
import { letterSettingsSchema } from "~/schemas/letters";
import { loadLetterSettingsPage, saveLetterSettingsFor } from "~/services/letters-settings.server";
import { findPrisonerAccess } from "~/services/prisoner-access.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("letterSettings", (data) => (data as { name?: string }).name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const access = orNotFound(await findPrisonerAccess(organizer, params.slug ?? ""));
  return loadLetterSettingsPage(access, negotiateLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const access = orNotFound(await findPrisonerAccess(organizer, params.slug ?? ""));
  const form = await readForm(request, 512 * 1024);
  const submission = parseWithZod(form, { schema: letterSettingsSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  return data(await saveLetterSettingsFor(access, submission.value));
}

const ns = "orgLetters";

/** A prisoner's letter settings: open or closed, the address, languages, length, guidance, word lists. */
export default function OrganizerPrisonerLetters() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(ns);
  const invalid = result?.kind === "invalid" ? result : null;
  const errors = invalid?.errors ?? {};
  const s = page.settings;
  return (
    <section aria-labelledby="letter-settings-title">
      <h1 id="letter-settings-title">{t("settings.title", { name: page.name })}</h1>
      <p>
        <Link to={`/organizer/prisoners/${page.slug}`}>{t("settings.back")}</Link> ·{" "}
        <a href={`/${i18n.language}/prisoners/${page.slug}/write`} target="_blank" rel="noreferrer">
          {t("settings.preview")}
        </a>
      </p>
      {result?.kind === "saved" ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      {invalid ? (
        <p className="form-error" role="alert">
          {t("errors.fixErrors")}
        </p>
      ) : null}
      <Form method="post" key={JSON.stringify(s)}>
        <label className="choice">
          <input type="checkbox" name="accepting" value="on" defaultChecked={s.accepting} />{" "}
          <span>{t("settings.accepting")}</span>
        </label>
        <Field
          id="address-block"
          label={t("settings.addressBlock")}
          hint={t("settings.addressBlockHint")}
          errors={errors.addressBlock}
          ns={ns}
          max={page.limits.addressBlock}
        >
          <textarea
            id="address-block"
            name="addressBlock"
            rows={5}
            maxLength={page.limits.addressBlock}
            defaultValue={s.addressBlock}
            aria-describedby="address-block-hint address-block-error"
          />
        </Field>
        <Field
          id="name-line"
          label={t("settings.nameLine")}
          hint={t("settings.nameLineHint")}
          errors={errors.nameLine}
          ns={ns}
          max={page.limits.nameLine}
        >
          <input
            id="name-line"
            name="nameLine"
            type="text"
            maxLength={page.limits.nameLine}
            defaultValue={s.nameLine}
            aria-describedby="name-line-hint name-line-error"
          />
        </Field>
        <div>
          <Field id="required-language" label={t("settings.requiredLanguage")} errors={errors.requiredLanguage} ns={ns}>
            <select id="required-language" name="requiredLanguage" defaultValue={s.requiredLanguage}>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="max-length"
            label={t("settings.maxLength")}
            hint={t("settings.maxLengthHint", { max: MAX_LETTER_LENGTH })}
            errors={errors.maxLength}
            ns={ns}
            max={MAX_LETTER_LENGTH}
          >
            <input
              id="max-length"
              name="maxLength"
              type="number"
              min={100}
              max={MAX_LETTER_LENGTH}
              defaultValue={s.maxLength}
              aria-describedby="max-length-hint max-length-error"
            />
          </Field>
          <Field
            id="birthday"
            label={t("settings.birthday")}
            hint={t("settings.birthdayHint")}
            errors={errors.birthday}
            ns={ns}
          >
            <input
              id="birthday"
              name="birthday"
              type="text"
              placeholder="MM-DD"
              pattern="[01][0-9]-[0-3][0-9]"
              defaultValue={s.birthday ?? ""}
              aria-describedby="birthday-hint birthday-error"
            />
          </Field>
        </div>
        <fieldset className="field">
          <legend>{t("settings.acceptedLanguages")}</legend>
          {LOCALES.map((l) => (
            <label key={l} className="choice">
              <input
                type="checkbox"
                name="acceptedLanguages"
                value={l}
                defaultChecked={s.acceptedLanguages.includes(l)}
              />{" "}
              <span lang={l}>{LOCALE_NAMES[l]}</span>
            </label>
          ))}
          <FieldError id="accepted-languages-error" errors={errors.acceptedLanguages} ns={ns} />
        </fieldset>
        <label className="choice">
          <input type="checkbox" name="electronicService" value="on" defaultChecked={s.electronicService} />{" "}
          <span>{t("settings.electronicService")}</span>
        </label>

        <h2>{t("settings.perLanguage")}</h2>
        <p className="help">{t("settings.perLanguageHelp")}</p>
        {LOCALES.map((l) => {
          const text = s.texts[l];
          const id = (name: string) => `texts-${l}-${name}`;
          const error = (name: string) => errors[`texts.${l}.${name}`];
          return (
            <details key={l} open={l === i18n.language || Object.keys(errors).some((k) => k.startsWith(`texts.${l}.`))}>
              <summary>{LOCALE_NAMES[l]}</summary>
              <fieldset className="field" lang={l}>
                <legend className="visually-hidden">{LOCALE_NAMES[l]}</legend>
                <Field
                  id={id("closed")}
                  label={t("settings.closedReason")}
                  hint={t("settings.closedReasonHint")}
                  errors={error("closedReason")}
                  ns={ns}
                  max={page.limits.closedReason}
                >
                  <input
                    id={id("closed")}
                    name={`texts.${l}.closedReason`}
                    type="text"
                    maxLength={page.limits.closedReason}
                    defaultValue={text.closedReason}
                  />
                </Field>
                <Field
                  id={id("guidance")}
                  label={t("settings.guidance")}
                  hint={t("settings.guidanceHint")}
                  errors={error("guidance")}
                  ns={ns}
                  max={page.limits.guidance}
                >
                  <textarea
                    id={id("guidance")}
                    name={`texts.${l}.guidance`}
                    rows={10}
                    maxLength={page.limits.guidance}
                    defaultValue={text.guidance || page.defaults[l].guidance}
                  />
                </Field>
                <Field
                  id={id("words")}
                  label={t("settings.flagWords")}
                  hint={t("settings.flagWordsHint")}
                  errors={error("flagWords")}
                  ns={ns}
                  max={page.limits.flagWords}
                >
                  <textarea
                    id={id("words")}
                    name={`texts.${l}.flagWords`}
                    rows={6}
                    maxLength={page.limits.flagWords}
                    defaultValue={text.flagWords ? text.flagWords.join("\n") : page.defaults[l].flagWords}
                  />
                </Field>
              </fieldset>
            </details>
          );
        })}
        <button type="submit" className="button">
          {t("settings.save")}
        </button>
      </Form>
    </section>
  );
}
