import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/form-kit";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound } from "~/http/responses";
import { EDIT_FORM_BYTES, NEWS_LIMITS, newsSchema } from "~/schemas/campaign-editing";
import { loadNewsEditor, publishCampaignNews } from "~/services/campaign-editing.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("newUpdate");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const page = await loadNewsEditor(access);
  if (page.kind === "not-found") notFound();
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const submission = parseWithZod(await readForm(request, EDIT_FORM_BYTES), {
    schema: newsSchema(access.campaign.canonicalLocale),
  });
  if (submission.status !== "success") {
    return data({ kind: "invalid" as const, result: submission.reply() }, { status: 400 });
  }
  const published = await publishCampaignNews(access, submission.value);
  if (published.kind === "not-found") notFound();
  return data({ ...published, result: null });
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
  const [form, fields] = useForm({
    id: "campaign-news",
    lastResult: result?.kind === "invalid" ? result.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newsSchema(page.canonicalLocale) }),
  });
  const titles = fields.title.getFieldset();
  const bodies = fields.body.getFieldset();
  return (
    <section aria-labelledby="news-title">
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
          <Form method="post" {...getFormProps(form)}>
            {page.locales.map((locale) => {
              const language = languageName(locale, i18n.language);
              const title = titles[locale];
              const body = bodies[locale];
              const titleId = `title-${locale}`;
              const bodyId = `body-${locale}`;
              return (
                <fieldset key={locale} lang={locale}>
                  <legend>
                    {locale === page.canonicalLocale
                      ? t("news.requiredLanguage", { language })
                      : t("news.optionalLanguage", { language })}
                  </legend>
                  <Field
                    id={titleId}
                    label={t("news.fieldTitle")}
                    errors={title.errors}
                    ns="orgCampaign"
                    max={NEWS_LIMITS.title}
                  >
                    <input
                      {...getInputProps(title, { type: "text" })}
                      id={titleId}
                      size={80}
                      aria-describedby={describedBy(titleId)}
                    />
                  </Field>
                  <Field
                    id={bodyId}
                    label={t("news.fieldBody")}
                    errors={body.errors}
                    ns="orgCampaign"
                    max={NEWS_LIMITS.body}
                  >
                    <textarea
                      {...getTextareaProps(body)}
                      id={bodyId}
                      rows={locale === page.canonicalLocale ? 10 : 4}
                      cols={80}
                      aria-describedby={describedBy(bodyId)}
                    />
                  </Field>
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
