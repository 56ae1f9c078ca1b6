import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { TEXT_LIMITS } from "~/schemas/campaign-editing";
import { TRANSLATION_STATUSES } from "~/domain/vocab";
import { loadTextEditor, saveCampaignTextFromRequest } from "~/services/campaign-editing.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadTextEditor(request, params.slug ?? "", params.locale);
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await saveCampaignTextFromRequest(request, params.slug ?? "", params.locale);
  return data(result, { status: result.kind === "invalid" ? 400 : 200 });
}

function languageName(code: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

const FIELDS = [
  { name: "title", rows: 0 },
  { name: "summary", rows: 3 },
  { name: "target", rows: 0 },
  { name: "body", rows: 20 },
] as const;

export default function OrganizerCampaignText() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("organizer");
  const errors = result?.kind === "invalid" ? result.errors : {};
  const values: Record<string, string> = result?.kind === "invalid" ? result.values : page.values;
  const language = languageName(page.locale, i18n.language);
  const errorText = (name: string) => {
    const code = errors[name];
    return code ? t(`errors.${code}`, { max: (TEXT_LIMITS as Record<string, number>)[name] ?? 0 }) : null;
  };
  return (
    <section aria-labelledby="text-title">
      <OrganizerBar />
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
      <Form method="post" key={result?.kind === "saved" ? `v${result.version}` : "form"}>
        {FIELDS.map((f) => {
          const error = errorText(f.name);
          const id = `field-${f.name}`;
          return (
            <p key={f.name}>
              <label htmlFor={id}>{t(`textEdit.fields.${f.name}`)}</label>
              <br />
              {f.rows ? (
                <textarea
                  id={id}
                  name={f.name}
                  rows={f.rows}
                  cols={80}
                  defaultValue={values[f.name] ?? ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
              ) : (
                <input
                  id={id}
                  name={f.name}
                  size={80}
                  defaultValue={values[f.name] ?? ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
              )}
              {error ? (
                <>
                  <br />
                  <span id={`${id}-error`} className="field-error">
                    {error}
                  </span>
                </>
              ) : null}
            </p>
          );
        })}
        <p>
          <label htmlFor="field-status">{t("textEdit.fields.status")}</label>{" "}
          <select id="field-status" name="status" defaultValue={values.status ?? "reviewed"}>
            {TRANSLATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`textEdit.statuses.${s}`)}
              </option>
            ))}
          </select>
          {errorText("status") ? <span className="field-error"> {errorText("status")}</span> : null}
        </p>
        <button type="submit" className="button">
          {t("textEdit.save")}
        </button>
      </Form>
    </section>
  );
}
