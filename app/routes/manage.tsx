import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form-kit";
import { StatusPage } from "~/components/status-page";
import { VISIBILITIES } from "~/domain/vocab";
import { readForm } from "~/http/forms.server";
import { NO_STORE, badRequest } from "~/http/responses";
import { requireLocale } from "~/i18n/route-locale";
import { LIMITS } from "~/schemas/signature";
import { manageActionSchema } from "~/schemas/manage";
import { fieldErrorMap } from "~/schemas/fields";
import { loadManagePage, manageSignature } from "~/services/signer-manage.server";
import { looksLikeToken } from "~/utils/tokens.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];

// A private page: never kept by a browser or a proxy.
export const headers: HeadersFunction = () => ({ "Cache-Control": NO_STORE, "Referrer-Policy": "no-referrer" });

/** The signer's own page, behind the private link from their mails or the thank-you page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const page = looksLikeToken(params.token) ? await loadManagePage(params.token, locale) : null;
  return data(page ? { status: "ready" as const, ...page } : { status: "invalid" as const }, {
    status: page ? 200 : 404,
    headers: { "Cache-Control": NO_STORE },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return data({ status: "invalid" as const }, { status: 404 });
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: manageActionSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") {
    const intent = form.get("intent");
    if (!["visibility", "details", "news", "withdraw"].includes(String(intent))) badRequest();
    return data({ status: "rejected" as const, reply: submission.reply() }, { status: 400 });
  }
  const result = await manageSignature(params.token, submission.value);
  switch (result.kind) {
    case "not-found":
      return data({ status: "invalid" as const }, { status: 404 });
    case "withdrawn":
      return data({ status: "withdrawn" as const, slug: result.slug, locale });
    case "saved":
      return data({ status: "saved" as const, what: result.what });
  }
}

// After a withdrawal the link is gone (the loader would answer 404): keep the page as it is.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as { status?: string } | undefined)?.status === "withdrawn" ? false : defaultShouldRevalidate;

export default function ManagePage() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t, i18n } = useTranslation("manage");
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";

  if (acted?.status === "withdrawn") {
    return (
      <StatusPage title={t("withdrawn.title")}>
        <p>{t("withdrawn.text")}</p>
        <p>
          <Link to={`/${i18n.language}/campaigns/${acted.slug}`}>{t("sign:confirm.backToCampaign")}</Link>
        </p>
      </StatusPage>
    );
  }
  if (loaded.status !== "ready" || acted?.status === "invalid") {
    return (
      <StatusPage title={t("invalid.title")}>
        <p>{t("invalid.text")}</p>
        <p>
          <Link to={`/${i18n.language}`}>{t("common:errors.backHome")}</Link>
        </p>
      </StatusPage>
    );
  }
  const { campaign, signature } = loaded;
  const errors = acted?.status === "rejected" ? (acted.reply.error ?? {}) : {};
  const saved = acted?.status === "saved" ? acted.what : null;
  const campaignHref = `/${i18n.language}/campaigns/${campaign.slug}`;

  return (
    <section className="manage-page" aria-labelledby="manage-title">
      <h1 id="manage-title">{t("title")}</h1>
      <p>
        {t("intro", { name: signature.fullName })} <Link to={campaignHref}>{campaign.title}</Link>
      </p>
      <p className="manage-page__status">{t(`status.${signature.status}`)}</p>
      {campaign.status === "delivered" ? (
        <p className="notice">{t("delivered", { date: campaign.deliveredOn ?? "" })}</p>
      ) : null}
      {saved ? (
        <p className="notice" role="status">
          {t(`saved.${saved}`)}
        </p>
      ) : null}

      <Form method="post" className="manage-page__form">
        <fieldset className="field visibility">
          <legend>{t("visibility.legend")}</legend>
          <p className="help">{t("visibility.help")}</p>
          {VISIBILITIES.map((v) => (
            <label key={v} className="choice">
              <input type="radio" name="visibility" value={v} defaultChecked={signature.visibility === v} />
              <span>
                <strong>{t(`sign:visibilityOptions.${v}.label`)}</strong>
                <span className="help">{t(`sign:visibilityOptions.${v}.help`)}</span>
              </span>
            </label>
          ))}
          <FieldError id="visibility-error" errors={errors.visibility} ns="sign" />
        </fieldset>
        <button type="submit" name="intent" value="visibility" className="button" disabled={busy}>
          {t("visibility.save")}
        </button>
      </Form>

      <Form method="post" className="manage-page__form">
        <fieldset className="field">
          <legend>{t("details.legend")}</legend>
          <div className="field">
            <label htmlFor="manage-title-field">{t("sign:titleField")}</label>
            <input
              id="manage-title-field"
              type="text"
              name="title"
              defaultValue={signature.title}
              maxLength={LIMITS.title}
              aria-describedby="title-error"
            />
            <FieldError id="title-error" errors={errors.title} ns="sign" />
          </div>
          <div className="field">
            <label htmlFor="manage-city-field">{t("sign:city")}</label>
            <input
              id="manage-city-field"
              type="text"
              name="city"
              defaultValue={signature.city}
              maxLength={LIMITS.city}
              aria-describedby="city-error"
            />
            <FieldError id="city-error" errors={errors.city} ns="sign" />
          </div>
        </fieldset>
        <button type="submit" name="intent" value="details" className="button" disabled={busy}>
          {t("details.save")}
        </button>
      </Form>

      <Form method="post" className="manage-page__form">
        <fieldset className="field">
          <legend>{t("news.legend")}</legend>
          <label className="choice">
            <input type="checkbox" name="updatesConsent" defaultChecked={signature.updatesConsent} />
            <span>{t("sign:updatesConsent")}</span>
          </label>
        </fieldset>
        <button type="submit" name="intent" value="news" className="button" disabled={busy}>
          {t("news.save")}
        </button>
      </Form>

      <Form method="post" className="manage-page__form">
        <fieldset className="field">
          <legend>{t("withdraw.legend")}</legend>
          <p>{t("withdraw.text")}</p>
        </fieldset>
        <button type="submit" name="intent" value="withdraw" className="button button--danger" disabled={busy}>
          {t("withdraw.button")}
        </button>
      </Form>

      <p className="help">
        <Link to={`/${i18n.language}/privacy`}>{t("privacyLink")}</Link>
      </p>
    </section>
  );
}
