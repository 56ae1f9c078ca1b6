import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { NEWS_LIMITS } from "~/schemas/campaign-editing";
import { loadNewsEditor, publishCampaignNewsFromRequest } from "~/services/campaign-editing.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadNewsEditor(request, params.slug ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await publishCampaignNewsFromRequest(request, params.slug ?? "");
  return data(result, { status: result.kind === "invalid" ? 400 : 200 });
}

function languageName(code: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export default function OrganizerUpdateNew() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("organizer");
  const errors = result?.kind === "invalid" ? result.errors : {};
  const values: Record<string, string> = result?.kind === "invalid" ? result.values : {};
  const errorText = (name: string, max: number) => {
    const code = errors[name];
    return code ? t(`errors.${code}`, { max }) : null;
  };
  return (
    <section aria-labelledby="news-title">
      <OrganizerBar />
      <h1 id="news-title">{t("news.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("textEdit.overview")}</Link>
      </p>
      {result?.kind === "published" ? (
        <p className="notice" role="status">
          {t("news.published")}
        </p>
      ) : (
        <>
          <p>{t("news.intro")}</p>
          {result?.kind === "invalid" ? (
            <p className="notice" role="alert">
              {t("textEdit.fixErrors")}
            </p>
          ) : null}
          <Form method="post">
            {page.locales.map((locale) => {
              const language = languageName(locale, i18n.language);
              const titleError = errorText(`title.${locale}`, NEWS_LIMITS.title);
              const bodyError = errorText(`body.${locale}`, NEWS_LIMITS.body);
              return (
                <fieldset key={locale} lang={locale}>
                  <legend>
                    {locale === page.canonicalLocale
                      ? t("news.requiredLanguage", { language })
                      : t("news.optionalLanguage", { language })}
                  </legend>
                  <p>
                    <label htmlFor={`title-${locale}`}>{t("news.fieldTitle")}</label>
                    <br />
                    <input
                      id={`title-${locale}`}
                      name={`title.${locale}`}
                      size={80}
                      defaultValue={values[`title.${locale}`] ?? ""}
                      aria-invalid={titleError ? true : undefined}
                      aria-describedby={titleError ? `title-${locale}-error` : undefined}
                    />
                    {titleError ? (
                      <>
                        <br />
                        <span id={`title-${locale}-error`} className="field-error">
                          {titleError}
                        </span>
                      </>
                    ) : null}
                  </p>
                  <p>
                    <label htmlFor={`body-${locale}`}>{t("news.fieldBody")}</label>
                    <br />
                    <textarea
                      id={`body-${locale}`}
                      name={`body.${locale}`}
                      rows={locale === page.canonicalLocale ? 10 : 4}
                      cols={80}
                      defaultValue={values[`body.${locale}`] ?? ""}
                      aria-invalid={bodyError ? true : undefined}
                      aria-describedby={bodyError ? `body-${locale}-error` : undefined}
                    />
                    {bodyError ? (
                      <>
                        <br />
                        <span id={`body-${locale}-error`} className="field-error">
                          {bodyError}
                        </span>
                      </>
                    ) : null}
                  </p>
                </fieldset>
              );
            })}
            <button type="submit" className="button">
              {t("news.publish")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
