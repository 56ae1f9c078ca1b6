import {
  type FieldMetadata,
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
import { fieldErrorMap } from "~/schemas/fields";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/config";
import { Field } from "~/components/form-kit";
import { rejectedForm } from "~/http/rejected-form.server";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound, orNotFound } from "~/http/responses";
import { deliveryResponseFields, recordDeliveryFields } from "~/schemas/campaign-settings";
import { outcomeSchema } from "~/schemas/campaign-outcome";
import { AnswerForms, DueField } from "~/components/answer-forms";
import type { z } from "zod";
import {
  deliveryPage,
  recordAnswer,
  recordCampaignDelivery,
  saveDeliveryResponse,
  setAnswerDue,
} from "~/services/campaign-delivery.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("delivery");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  return orNotFound(await deliveryPage(access));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: outcomeSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  const input = submission.value;
  const result =
    input.intent === "record"
      ? await recordCampaignDelivery(access, input)
      : input.intent === "response"
        ? await saveDeliveryResponse(access, input)
        : input.intent === "due"
          ? await setAnswerDue(access, input.dueOn)
          : await recordAnswer(access, input);
  if (result.kind === "not-found") notFound();
  if (result.kind === "invalid") return rejectedForm(form, submission, result.errors);
  return data(result, { status: result.kind === "refused" ? 400 : 200 });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

/** A language's name in the page's language ("Russian", "russe"), for sentences. */
function languageName(code: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The authorities' response: optional when recording, the only field afterwards. */
function ResponseField({
  page,
  meta,
  optionalNote,
}: {
  page: Page;
  meta: FieldMetadata<string | undefined>;
  optionalNote: boolean;
}) {
  const { t } = useTranslation("orgCampaign");
  return (
    <Field
      id={meta.id}
      label={
        <>
          {t("fields.response")}
          {optionalNote ? (
            <>
              {" "}
              <span className="optional">{t("delivery.responseLater")}</span>
            </>
          ) : null}
        </>
      }
      errors={meta.errors}
      ns="orgCampaign"
      max={page.limits.response}
    >
      <textarea {...getTextareaProps(meta)} rows={6} maxLength={page.limits.response} />
    </Field>
  );
}

type Reply = SubmissionResult<string[]> | undefined;

function RecordForm({ page, lastResult }: { page: Page; lastResult: Reply }) {
  const { t } = useTranslation("orgCampaign");
  const [form, fields] = useForm<z.input<typeof recordDeliveryFields>, z.output<typeof recordDeliveryFields>>({
    id: "delivery-record",
    lastResult,
    defaultValue: page.values,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: recordDeliveryFields, errorMap: fieldErrorMap }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="record" />
      <Field
        id={fields.deliveredOn.id}
        label={t("fields.deliveredOn")}
        errors={fields.deliveredOn.errors}
        ns="orgCampaign"
      >
        <input {...getInputProps(fields.deliveredOn, { type: "date" })} required />
      </Field>
      <Field
        id={fields.deliveredTo.id}
        label={t("fields.deliveredTo")}
        errors={fields.deliveredTo.errors}
        ns="orgCampaign"
        max={page.limits.deliveredTo}
      >
        <input {...getInputProps(fields.deliveredTo, { type: "text" })} required maxLength={page.limits.deliveredTo} />
      </Field>
      <ResponseField page={page} meta={fields.response} optionalNote />
      <DueField value={page.values.dueOn ?? ""} error={lastResult?.error?.dueOn?.[0]} />
      <Field
        id={fields.listLocale.id}
        label={t("delivery.listLocale")}
        errors={fields.listLocale.errors}
        ns="orgCampaign"
      >
        <select {...getSelectProps(fields.listLocale)}>
          {SUPPORTED_LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
              {l === page.canonicalLocale ? ` (${t("delivery.original")})` : ""}
            </option>
          ))}
        </select>
      </Field>
      <p className="help">{t("delivery.hashExplained")}</p>
      <button type="submit" className="button">
        {t("delivery.record")}
      </button>
    </Form>
  );
}

function ResponseForm({ page, lastResult }: { page: Page; lastResult: Reply }) {
  const { t } = useTranslation("orgCampaign");
  const [form, fields] = useForm<z.input<typeof deliveryResponseFields>, z.output<typeof deliveryResponseFields>>({
    id: "delivery-response",
    lastResult,
    defaultValue: { response: page.values.response },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deliveryResponseFields, errorMap: fieldErrorMap }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="response" />
      <ResponseField page={page} meta={fields.response} optionalNote={false} />
      <button type="submit" className="button">
        {t("delivery.saveResponse")}
      </button>
    </Form>
  );
}

export default function OrganizerCampaignDelivery() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["orgCampaign", "organizer"]);
  const invalid = result?.kind === "invalid" ? result : null;
  const day = (value: string | null) =>
    value
      ? new Date(`${value}T00:00:00Z`).toLocaleDateString(i18n.language, { dateStyle: "long", timeZone: "UTC" })
      : "";
  const record = page.record;
  return (
    <section aria-labelledby="delivery-title">
      <h1 id="delivery-title">{t("delivery.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("common.overview")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/settings`}>{t("settings.title")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/publication`}>{t("delivery.publication")}</Link>
      </p>
      <p data-testid="status">{t("settings.current", { status: t(`organizer:status.${page.status}`) })}</p>
      {result?.kind === "delivered" ? (
        <p className="notice" role="status">
          {t("delivery.recorded")}
        </p>
      ) : null}
      {result?.kind === "responseSaved" ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      {result?.kind === "refused" ? (
        <p className="form-error" role="alert">
          {result.status === "delivered"
            ? t("errors.alreadyDelivered")
            : t("errors.notDeliverable", { status: t(`organizer:status.${result.status}`) })}
        </p>
      ) : null}
      {invalid ? (
        <p className="form-error" role="alert">
          {t("common.fixErrors")}
        </p>
      ) : null}

      {record ? (
        <>
          <h2>{t("delivery.recordTitle")}</h2>
          <dl>
            <dt>{t("fields.deliveredOn")}</dt>
            <dd>{day(record.on)}</dd>
            <dt>{t("fields.deliveredTo")}</dt>
            <dd>{record.to}</dd>
            <dt>{t("delivery.rows")}</dt>
            <dd data-testid="rows">{record.rows ?? "—"}</dd>
            <dt>{t("delivery.listLocaleStored")}</dt>
            <dd data-testid="list-locale">{languageName(record.locale, i18n.language)}</dd>
            <dt>{t("delivery.sha256")}</dt>
            <dd>
              <code data-testid="sha256" style={{ overflowWrap: "anywhere" }}>
                {record.sha256 ?? "—"}
              </code>
            </dd>
          </dl>
          <p data-testid="sha256-language">
            {t("delivery.hashOf", { language: languageName(record.locale, i18n.language) })}{" "}
            <a href={`/organizer/campaigns/${page.slug}/publication?lang=${record.locale}`}>
              {t("delivery.checkList")}
            </a>
          </p>
          <p className="help">{t("delivery.hashExplained")}</p>
          <h2>{t("delivery.responseTitle")}</h2>
          {/* Remounted when the saved response changes, so the form shows it. */}
          <ResponseForm
            key={record.response ?? ""}
            page={page}
            lastResult={invalid?.values.intent === "response" ? invalid.reply : undefined}
          />
          <AnswerForms
            page={page}
            invalid={invalid}
            saved={result?.kind === "dueSaved" || result?.kind === "answerSaved" ? result : null}
          />
        </>
      ) : page.canRecord ? (
        <>
          <p>{t("delivery.intro")}</p>
          <RecordForm page={page} lastResult={invalid?.values.intent === "record" ? invalid.reply : undefined} />
        </>
      ) : (
        <p>{t("delivery.draft")}</p>
      )}
    </section>
  );
}
