import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describedBy, FieldError } from "~/components/form-kit";
import { RecentExports } from "~/components/recent-exports";
import { SIGNATURE_STATES } from "~/domain/vocab";
import { readExportForm } from "~/http/export-form.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound } from "~/http/responses";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { EXPORT_HEADERS, exportFormSchema } from "~/schemas/exports";
import { createExport, EXPORT_FRESH_SECOND_FACTOR_MINUTES, loadExportPage } from "~/services/exports.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("export");

/** Columns ticked when the form opens: what a letter's delivery usually needs. */
const DEFAULT_COLUMNS = ["full_name", "title", "group", "country", "visibility", "signed_at"];

const EXPORT_ACCESS = { freshSecondFactorMinutes: EXPORT_FRESH_SECOND_FACTOR_MINUTES };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit", EXPORT_ACCESS);
  const page = await loadExportPage(access, negotiateLocale(request));
  if (page.kind === "not-found") notFound();
  return { ...page, invalid: new URL(request.url).searchParams.get("invalid") === "1" };
}

/** Records the export and opens its page (which starts the download); a bad form comes back with 400. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit", EXPORT_ACCESS);
  const form = await readExportForm(request, negotiateLocale(request));
  if (!form.ok) return data(form.invalid, { status: 400 });
  const result = await createExport(access, form.input);
  if (result.kind === "not-found") notFound();
  return redirect(`${result.url}?start=1`, 303);
}

export default function OrganizerExport() {
  const page = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t, i18n } = useTranslation("exports");
  const [form, fields] = useForm({
    id: "export",
    lastResult: refused?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate({ formData }) {
      return parseWithZod(formData, { schema: exportFormSchema });
    },
    defaultValue: {
      format: "csv",
      columns: DEFAULT_COLUMNS,
      states: ["verified"],
      groups: [],
      countries: "",
      verifiedFrom: "",
      verifiedTo: "",
      bom: true,
      locale: i18n.language,
      headers: "",
    },
  });
  const choices = (
    field: Parameters<typeof getCollectionProps>[0],
    type: "radio" | "checkbox",
    options: readonly string[],
    label: (value: string) => string,
  ) =>
    getCollectionProps(field, { type, options: [...options] }).map(({ key, ...props }) => (
      <label key={key} style={{ display: "block" }}>
        <input {...props} aria-describedby={describedBy(field.id)} /> {label(props.value)}
      </label>
    ));
  return (
    <section aria-labelledby="export-title">
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("export.back")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/publication`}>{t("export.publication")}</Link>
      </p>
      <h1 id="export-title">{t("export.title")}</h1>
      <p>{page.title}</p>
      <p>{t("export.intro")}</p>
      <p>{t("export.once", { count: page.downloadMinutes })}</p>
      {page.invalid || form.status === "error" ? (
        <p className="notice" role="alert">
          {t("export.invalid")}
        </p>
      ) : null}
      <Form method="post" className="organizer-export" {...getFormProps(form)}>
        <fieldset className="field" aria-invalid={fields.format.errors ? true : undefined}>
          <legend>{t("export.format")}</legend>
          {choices(fields.format, "radio", page.formats, (f) => t(`export.formats.${f}`))}
          <FieldError id={fields.format.errorId} errors={fields.format.errors} ns="exports" />
          <label style={{ display: "block" }}>
            <input {...getInputProps(fields.bom, { type: "checkbox" })} /> {t("export.bom")}
          </label>
          <label style={{ display: "block" }}>
            {t("export.language")}{" "}
            <select {...getSelectProps(fields.locale)} aria-describedby={describedBy(fields.locale.id)}>
              {SUPPORTED_LOCALES.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <FieldError id={fields.locale.errorId} errors={fields.locale.errors} ns="exports" />
          <label style={{ display: "block" }}>
            {t("export.headers")}{" "}
            <select {...getSelectProps(fields.headers)} aria-describedby={describedBy(fields.headers.id)}>
              <option value="">{t("export.headersOptions.auto")}</option>
              {EXPORT_HEADERS.map((h) => (
                <option key={h} value={h}>
                  {t(`export.headersOptions.${h}`)}
                </option>
              ))}
            </select>
          </label>
          <FieldError id={fields.headers.errorId} errors={fields.headers.errors} ns="exports" />
        </fieldset>
        <fieldset className="field" aria-invalid={fields.columns.errors ? true : undefined}>
          <legend>{t("export.columns")}</legend>
          {/* Each column as its header reads in the file: the words, and the machine header. */}
          {choices(fields.columns, "checkbox", page.columns, (c) => `${t(`columns.${c}`)} (${c})`)}
          <FieldError id={fields.columns.errorId} errors={fields.columns.errors} ns="exports" />
        </fieldset>
        <fieldset className="field">
          <legend>{t("export.filters")}</legend>
          <fieldset aria-invalid={fields.states.errors ? true : undefined}>
            <legend>{t("export.states")}</legend>
            {choices(fields.states, "checkbox", SIGNATURE_STATES, (s) => t(`states.${s}`))}
            <FieldError id={fields.states.errorId} errors={fields.states.errors} ns="exports" />
          </fieldset>
          <fieldset aria-invalid={fields.groups.errors ? true : undefined}>
            <legend>{t("export.groups")}</legend>
            {choices(
              fields.groups,
              "checkbox",
              page.groups.map((g) => g.key),
              (key) => page.groups.find((g) => g.key === key)?.label ?? key,
            )}
            <FieldError id={fields.groups.errorId} errors={fields.groups.errors} ns="exports" />
          </fieldset>
          <label style={{ display: "block" }}>
            {t("export.countries")}{" "}
            <input
              {...getInputProps(fields.countries, { type: "text" })}
              aria-describedby={describedBy(fields.countries.id)}
            />
          </label>
          <FieldError id={fields.countries.errorId} errors={fields.countries.errors} ns="exports" />
          <label style={{ display: "block" }}>
            {t("export.verifiedFrom")}{" "}
            <input
              {...getInputProps(fields.verifiedFrom, { type: "date" })}
              aria-describedby={describedBy(fields.verifiedFrom.id)}
            />
          </label>
          <FieldError id={fields.verifiedFrom.errorId} errors={fields.verifiedFrom.errors} ns="exports" />
          <label style={{ display: "block" }}>
            {t("export.verifiedTo")}{" "}
            <input
              {...getInputProps(fields.verifiedTo, { type: "date" })}
              aria-describedby={describedBy(fields.verifiedTo.id)}
            />
          </label>
          <FieldError id={fields.verifiedTo.errorId} errors={fields.verifiedTo.errors} ns="exports" />
        </fieldset>
        <button type="submit" className="button">
          {t("export.submit")}
        </button>
      </Form>
      {page.recent ? <RecentExports slug={page.slug} exports={page.recent} /> : null}
    </section>
  );
}
