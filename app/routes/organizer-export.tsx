import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { RecentExports } from "~/components/recent-exports";
import { SIGNATURE_STATES } from "~/domain/vocab";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { createExport, loadExportPage } from "~/services/exports.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** Columns ticked when the form opens: what a letter's delivery usually needs. */
const DEFAULT_COLUMNS = ["full_name", "title", "group", "country", "visibility", "signed_at"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadExportPage(request, params.slug ?? "", negotiateLocale(request));
}

/** Records the export and opens its page (which starts the download); a bad form comes back with 400. */
export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await createExport(request, params.slug ?? "", negotiateLocale(request));
  if (result.kind === "created") return redirect(`${result.url}?start=1`, 303);
  return data(result, { status: 400 });
}

export default function OrganizerExport() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("exports");
  const invalid = result?.kind === "invalid" ? result : null;
  const errors: Partial<Record<string, string>> = invalid?.errors ?? {};
  const values = invalid?.values ?? {
    format: "csv",
    columns: DEFAULT_COLUMNS,
    states: ["verified"],
    groups: [] as string[],
    countries: "",
    verifiedFrom: "",
    verifiedTo: "",
    bom: true,
    locale: i18n.language,
  };
  const error = (name: string) => {
    const code = errors[name];
    return code ? (
      <p className="field-error" id={`${name}-error`}>
        {t(`errors.${code}`)}
      </p>
    ) : null;
  };
  return (
    <section aria-labelledby="export-title">
      <OrganizerBar />
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("export.back")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/publication`}>{t("export.publication")}</Link>
      </p>
      <h1 id="export-title">{t("export.title")}</h1>
      <p>{page.title}</p>
      <p>{t("export.intro")}</p>
      <p>{t("export.once", { count: page.downloadMinutes })}</p>
      {page.invalid || invalid ? (
        <p className="notice" role="alert">
          {t("export.invalid")}
        </p>
      ) : null}
      {/* A key per answer: a refused form is drawn again with what was sent. */}
      <Form method="post" className="organizer-export" key={invalid ? JSON.stringify(invalid.values) : "form"}>
        <fieldset className="field">
          <legend>{t("export.format")}</legend>
          {page.formats.map((f) => (
            <label key={f} style={{ display: "block" }}>
              <input type="radio" name="format" value={f} defaultChecked={f === values.format} />{" "}
              {t(`export.formats.${f}`)}
            </label>
          ))}
          {error("format")}
          <label style={{ display: "block" }}>
            <input type="checkbox" name="bom" defaultChecked={values.bom} /> {t("export.bom")}
          </label>
          <label style={{ display: "block" }}>
            {t("export.language")}{" "}
            <select name="locale" defaultValue={values.locale}>
              {SUPPORTED_LOCALES.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          {error("locale")}
        </fieldset>
        <fieldset className="field" aria-invalid={errors.columns ? true : undefined}>
          <legend>{t("export.columns")}</legend>
          {page.columns.map((c) => (
            <label key={c} style={{ display: "block" }}>
              <input type="checkbox" name="columns" value={c} defaultChecked={values.columns.includes(c)} />{" "}
              {t(`columns.${c}`)}
            </label>
          ))}
          {error("columns")}
        </fieldset>
        <fieldset className="field">
          <legend>{t("export.filters")}</legend>
          <fieldset>
            <legend>{t("export.states")}</legend>
            {SIGNATURE_STATES.map((s) => (
              <label key={s} style={{ display: "block" }}>
                <input type="checkbox" name="states" value={s} defaultChecked={values.states.includes(s)} />{" "}
                {t(`states.${s}`)}
              </label>
            ))}
            {error("states")}
          </fieldset>
          <fieldset>
            <legend>{t("export.groups")}</legend>
            {page.groups.map((g) => (
              <label key={g.key} style={{ display: "block" }}>
                <input type="checkbox" name="groups" value={g.key} defaultChecked={values.groups.includes(g.key)} />{" "}
                {g.label}
              </label>
            ))}
            {error("groups")}
          </fieldset>
          <label style={{ display: "block" }}>
            {t("export.countries")}{" "}
            <input
              name="countries"
              defaultValue={values.countries}
              aria-invalid={errors.countries ? true : undefined}
              aria-describedby={errors.countries ? "countries-error" : undefined}
            />
          </label>
          {error("countries")}
          <label style={{ display: "block" }}>
            {t("export.verifiedFrom")}{" "}
            <input
              type="date"
              name="verifiedFrom"
              defaultValue={values.verifiedFrom}
              aria-invalid={errors.verifiedFrom ? true : undefined}
            />
          </label>
          {error("verifiedFrom")}
          <label style={{ display: "block" }}>
            {t("export.verifiedTo")}{" "}
            <input
              type="date"
              name="verifiedTo"
              defaultValue={values.verifiedTo}
              aria-invalid={errors.verifiedTo ? true : undefined}
            />
          </label>
          {error("verifiedTo")}
        </fieldset>
        <button type="submit" className="button">
          {t("export.submit")}
        </button>
      </Form>
      {page.recent ? <RecentExports slug={page.slug} exports={page.recent} /> : null}
    </section>
  );
}
