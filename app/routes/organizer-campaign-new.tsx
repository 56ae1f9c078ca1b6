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
import { negotiateLocale } from "~/i18n/negotiate.server";
import { createCampaignFromRequest, loadNewCampaign } from "~/services/campaign-settings.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  return loadNewCampaign(request, negotiateLocale(request));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await createCampaignFromRequest(request);
  if (result.kind === "created") return redirect(`/organizer/campaigns/${result.slug}/settings`);
  return data(result, { status: 400 });
}

export default function OrganizerCampaignNew() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("orgCampaign");
  const errors: Partial<Record<string, string>> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? page.values;
  const limits = page.limits;
  const max: Record<string, number> = { slug: limits.slug, title: limits.title, body: limits.body };
  const errorText = (name: string) => {
    const code = errors[name];
    return code ? t(`errors.${code}`, { max: max[name] ?? 0, min: limits.slugMin }) : null;
  };
  const describedBy = (name: string, help = false) =>
    [help ? `new-${name}-help` : null, errors[name] ? `new-${name}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  const errorLine = (name: string) =>
    errors[name] ? (
      <span id={`new-${name}-error`} className="field-error">
        {errorText(name)}
      </span>
    ) : null;
  return (
    <section aria-labelledby="new-title">
      <OrganizerBar />
      <h1 id="new-title">{t("new.title")}</h1>
      <p>
        <Link to="/organizer">{t("common.dashboard")}</Link>
      </p>
      <p>{t("new.intro")}</p>
      {result ? (
        <p className="form-error" role="alert">
          {t("common.fixErrors")}
        </p>
      ) : null}
      <Form method="post">
        <p className="field">
          <label htmlFor="new-slug">{t("fields.slug")}</label>
          <input
            id="new-slug"
            name="slug"
            type="text"
            required
            maxLength={limits.slug}
            defaultValue={values.slug ?? ""}
            aria-invalid={errors.slug ? true : undefined}
            aria-describedby={describedBy("slug", true)}
          />
          <span id="new-slug-help" className="help">
            {t("fields.slugHelp", { min: limits.slugMin, max: limits.slug })}
          </span>
          {errorLine("slug")}
        </p>
        <p className="field">
          <label htmlFor="new-kind">{t("fields.kind")}</label>
          <select
            id="new-kind"
            name="kind"
            defaultValue={values.kind ?? "open_letter"}
            aria-invalid={errors.kind ? true : undefined}
            aria-describedby={describedBy("kind")}
          >
            {page.kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
          {errorLine("kind")}
        </p>
        <p className="field">
          <label htmlFor="new-locale">{t("fields.locale")}</label>
          <select
            id="new-locale"
            name="locale"
            defaultValue={values.locale ?? "en"}
            aria-invalid={errors.locale ? true : undefined}
            aria-describedby={describedBy("locale", true)}
          >
            {page.locales.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
          <span id="new-locale-help" className="help">
            {t("fields.localeHelp")}
          </span>
          {errorLine("locale")}
        </p>
        <p className="field">
          <label htmlFor="new-title-field">{t("fields.title")}</label>
          <input
            id="new-title-field"
            name="title"
            type="text"
            required
            maxLength={limits.title}
            defaultValue={values.title ?? ""}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? "new-title-error" : undefined}
          />
          {errorLine("title")}
        </p>
        <p className="field">
          <label htmlFor="new-body">{t("fields.body")}</label>
          <textarea
            id="new-body"
            name="body"
            rows={16}
            required
            defaultValue={values.body ?? ""}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={describedBy("body", true)}
          />
          <span id="new-body-help" className="help">
            {t("fields.bodyHelp")}
          </span>
          {errorLine("body")}
        </p>
        <button type="submit" className="button">
          {t("new.create")}
        </button>
      </Form>
    </section>
  );
}
