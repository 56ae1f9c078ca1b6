import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/form-kit";
import { isLocale, type Locale, TRANSLATION_STATUSES } from "~/domain/vocab";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound } from "~/http/responses";
import { campaignTextSchema, EDIT_FORM_BYTES, TEXT_LIMITS } from "~/schemas/campaign-editing";
import { loadTextEditor, saveCampaignText } from "~/services/campaign-editing.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("text");

function languageParam(value: string | undefined): Locale {
  if (!isLocale(value)) notFound();
  return value;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const page = await loadTextEditor(access, languageParam(params.locale));
  if (page.kind === "not-found") notFound();
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const locale = languageParam(params.locale);
  const submission = parseWithZod(await readForm(request, EDIT_FORM_BYTES), { schema: campaignTextSchema });
  if (submission.status !== "success") {
    return data({ kind: "invalid" as const, result: submission.reply() }, { status: 400 });
  }
  const saved = await saveCampaignText(access, locale, submission.value);
  if (saved.kind === "not-found") notFound();
  return data({ ...saved, result: null, savedAt: Date.now() });
}

function languageName(code: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export default function OrganizerCampaignText() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("organizer");
  const language = languageName(page.locale, i18n.language);
  return (
    <section aria-labelledby="text-title">
      <h1 id="text-title">{t("textEdit.title", { language })}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("textEdit.overview")}</Link> ·{" "}
        {page.exists ? (
          <a href={`/${page.locale}/campaigns/${page.slug}`} target="_blank" rel="noreferrer">
            {t("textEdit.preview")}
          </a>
        ) : null}
      </p>
      {page.exists ? (
        <p>{t("textEdit.version", { version: page.version })}</p>
      ) : (
        <p className="notice">{t("textEdit.creating")}</p>
      )}
      <p>{t("textEdit.versionNote")}</p>
      {result?.kind === "saved" ? (
        <p className="notice" role="status">
          {result.newVersion
            ? t("textEdit.saved", { version: result.version })
            : t("textEdit.savedSameVersion", { version: result.version })}
        </p>
      ) : null}
      {result?.kind === "invalid" ? (
        <p className="notice" role="alert">
          {t("textEdit.fixErrors")}
        </p>
      ) : null}
      {/* A saved text starts a fresh form from what was stored. */}
      <TextForm
        key={result?.kind === "saved" ? `saved-${result.savedAt}` : "form"}
        values={page.values}
        lastResult={result?.kind === "invalid" ? result.result : undefined}
      />
    </section>
  );
}

function TextForm({
  values,
  lastResult,
}: {
  values: Record<"title" | "summary" | "body" | "target" | "status", string>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("organizer");
  const [form, fields] = useForm({
    id: "campaign-text",
    lastResult,
    defaultValue: values,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: campaignTextSchema }),
  });
  const line = (name: "title" | "target") => {
    const id = `field-${name}`;
    return (
      <Field
        key={name}
        id={id}
        label={t(`textEdit.fields.${name}`)}
        errors={fields[name].errors}
        ns="orgCampaign"
        max={TEXT_LIMITS[name]}
      >
        <input
          {...getInputProps(fields[name], { type: "text" })}
          id={id}
          size={80}
          aria-describedby={describedBy(id)}
        />
      </Field>
    );
  };
  const paragraphs = (name: "summary" | "body", rows: number) => {
    const id = `field-${name}`;
    return (
      <Field
        key={name}
        id={id}
        label={t(`textEdit.fields.${name}`)}
        errors={fields[name].errors}
        ns="orgCampaign"
        max={TEXT_LIMITS[name]}
      >
        <textarea
          {...getTextareaProps(fields[name])}
          id={id}
          rows={rows}
          cols={80}
          aria-describedby={describedBy(id)}
        />
      </Field>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)}>
      {line("title")}
      {paragraphs("summary", 3)}
      {line("target")}
      {paragraphs("body", 20)}
      <Field id="field-status" label={t("textEdit.fields.status")} errors={fields.status.errors} ns="orgCampaign">
        <select {...getSelectProps(fields.status)} id="field-status" aria-describedby={describedBy("field-status")}>
          {TRANSLATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`textEdit.statuses.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="button">
        {t("textEdit.save")}
      </button>
    </Form>
  );
}
