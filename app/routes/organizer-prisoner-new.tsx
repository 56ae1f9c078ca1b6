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
import { LOCALES, PRISONER_STATUSES } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";
import { assertSameOrigin } from "~/http/organizer-access.server";
import { createPrisonerFromRequest, loadNewPrisonerForm } from "~/services/prisoner-editing.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  return loadNewPrisonerForm(request);
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await createPrisonerFromRequest(request);
  if (result.kind === "created") throw redirect(`/organizer/prisoners/${result.slug}`);
  return data(result, { status: 400 });
}

export default function OrganizerPrisonerNew() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgPrisoners");
  const { t: tc } = useTranslation("common");
  const errors: Partial<Record<string, string>> = result?.kind === "invalid" ? result.errors : {};
  const values: Record<string, string> = result?.kind === "invalid" ? result.values : {};
  const error = (name: string, max?: number) => {
    const code = errors[name];
    return code ? (
      <span id={`new-${name}-error`} className="field-error">
        {t(`errors.${code}`, { max: max ?? 0 })}
      </span>
    ) : null;
  };
  const described = (name: string) =>
    errors[name] ? { "aria-invalid": true as const, "aria-describedby": `new-${name}-error` } : {};
  const uiLocale = LOCALES.find((l) => l === i18n.language) ?? "en";
  return (
    <section aria-labelledby="new-prisoner-title">
      <OrganizerBar />
      <h1 id="new-prisoner-title">{t("new.title")}</h1>
      <p>
        <Link to="/organizer/prisoners">{t("editor.back")}</Link>
      </p>
      {result?.kind === "invalid" ? (
        <p className="form-error" role="alert">
          {t("editor.fixErrors")}
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
            maxLength={page.limits.slug}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            defaultValue={values.slug ?? ""}
            {...described("slug")}
          />
          <span className="help">{t("fields.slugHelp")}</span>
          {error("slug", page.limits.slug)}
        </p>
        <p className="field">
          <label htmlFor="new-status">{t("fields.status")}</label>
          <select id="new-status" name="status" defaultValue={values.status ?? "detained"} {...described("status")}>
            {PRISONER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tc(`prisoner.status.${s}`)}
              </option>
            ))}
          </select>
          {error("status")}
        </p>
        <p className="field">
          <label htmlFor="new-locale">{t("fields.language")}</label>
          <select id="new-locale" name="locale" defaultValue={values.locale ?? uiLocale} {...described("locale")}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
          {error("locale")}
        </p>
        <p className="field">
          <label htmlFor="new-name">{t("fields.name")}</label>
          <input
            id="new-name"
            name="name"
            type="text"
            required
            maxLength={page.limits.name}
            defaultValue={values.name ?? ""}
            {...described("name")}
          />
          {error("name", page.limits.name)}
        </p>
        {page.campaigns.length ? (
          <p className="field">
            <label htmlFor="new-campaign">{t("fields.campaign")}</label>
            <select
              id="new-campaign"
              name="campaign"
              required={!page.isAdmin}
              defaultValue={values.campaign ?? (page.isAdmin ? "" : String(page.campaigns[0]?.id ?? ""))}
              {...described("campaign")}
            >
              {page.isAdmin ? <option value="">{t("fields.noCampaign")}</option> : null}
              {page.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
            <span className="help">{t("fields.campaignHelp")}</span>
            {error("campaign")}
          </p>
        ) : null}
        <button type="submit" className="button">
          {t("new.create")}
        </button>
      </Form>
    </section>
  );
}
