import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { SIGNATURE_STATES } from "~/domain/vocab";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadExportPage } from "~/services/exports.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** Columns ticked when the form opens: what a letter's delivery usually needs. */
const DEFAULT_COLUMNS = new Set(["full_name", "title", "group", "country", "visibility", "signed_at"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadExportPage(request, params.slug ?? "", negotiateLocale(request));
}

export default function OrganizerExport() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("exports");
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
      {page.invalid ? (
        <p className="notice" role="alert">
          {t("export.invalid")}
        </p>
      ) : null}
      {/* A plain form to a resource route: the answer is a file, which the browser downloads. */}
      <form method="post" action={`/organizer/campaigns/${page.slug}/export/download`} className="organizer-export">
        <fieldset>
          <legend>{t("export.format")}</legend>
          {page.formats.map((f) => (
            <label key={f} style={{ display: "block" }}>
              <input type="radio" name="format" value={f} defaultChecked={f === "csv"} /> {t(`export.formats.${f}`)}
            </label>
          ))}
          <label style={{ display: "block" }}>
            <input type="checkbox" name="bom" defaultChecked /> {t("export.bom")}
          </label>
          <label style={{ display: "block" }}>
            {t("export.language")}{" "}
            <select name="locale" defaultValue={i18n.language}>
              {SUPPORTED_LOCALES.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>{t("export.columns")}</legend>
          {page.columns.map((c) => (
            <label key={c} style={{ display: "block" }}>
              <input type="checkbox" name="columns" value={c} defaultChecked={DEFAULT_COLUMNS.has(c)} />{" "}
              {t(`columns.${c}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("export.filters")}</legend>
          <fieldset>
            <legend>{t("export.states")}</legend>
            {SIGNATURE_STATES.map((s) => (
              <label key={s} style={{ display: "block" }}>
                <input type="checkbox" name="states" value={s} defaultChecked={s === "verified"} /> {t(`states.${s}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("export.groups")}</legend>
            {page.groups.map((g) => (
              <label key={g.key} style={{ display: "block" }}>
                <input type="checkbox" name="groups" value={g.key} /> {g.label}
              </label>
            ))}
          </fieldset>
          <label style={{ display: "block" }}>
            {t("export.countries")} <input name="countries" pattern="[A-Za-z]{2}([ ,;]+[A-Za-z]{2})*" />
          </label>
          <label style={{ display: "block" }}>
            {t("export.verifiedFrom")} <input type="date" name="verifiedFrom" />
          </label>
          <label style={{ display: "block" }}>
            {t("export.verifiedTo")} <input type="date" name="verifiedTo" />
          </label>
        </fieldset>
        <button type="submit" className="button">
          {t("export.submit")}
        </button>
      </form>
    </section>
  );
}
