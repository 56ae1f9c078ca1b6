import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { requireLocale } from "~/i18n/route-locale";
import { confirmSignature, describeToken } from "~/services/signing.server";
import { looksLikeToken } from "~/utils/tokens.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];

type TokenState = Awaited<ReturnType<typeof describeToken>>;

/** Unknown links answer 404 and expired ones 410, with a friendly page either way. */
function withStatus<T extends { status: string }>(state: T) {
  const code = state.status === "invalid" ? 404 : state.status === "expired" ? 410 : 200;
  return data(state, { status: code });
}

/** Opening the mailed link confirms nothing (mail scanners prefetch links): it shows a button. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return withStatus<TokenState>({ status: "invalid" });
  return withStatus(await describeToken("confirm", params.token, locale));
}

export async function action({ params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return withStatus({ status: "invalid" as const });
  const result = await confirmSignature(params.token);
  switch (result.kind) {
    case "confirmed":
      return redirect(`/${locale}/campaigns/${result.slug}/thanks?n=${result.position}`);
    case "already-confirmed":
      return redirect(`/${locale}/campaigns/${result.slug}/thanks`);
    case "awaiting-review":
      return { status: "awaiting-review" as const, slug: result.slug };
    case "expired":
    case "invalid":
      return withStatus(await describeToken("confirm", params.token, locale));
  }
}

export default function ConfirmPage() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted ?? loaded;
  const { t, i18n } = useTranslation();
  const campaignLink =
    "slug" in state && state.slug ? (
      <p>
        <Link to={`/${i18n.language}/campaigns/${state.slug}`}>{t("sign:confirm.backToCampaign")}</Link>
      </p>
    ) : null;
  if (state.status === "ready") {
    return (
      <StatusPage title={t("sign:confirm.title")}>
        <p>{t("sign:confirm.text", { title: state.campaignTitle })}</p>
        <Form method="post">
          <button type="submit" className="button">
            {t("sign:confirm.button")}
          </button>
        </Form>
      </StatusPage>
    );
  }
  if (state.status === "awaiting-review") {
    return (
      <StatusPage title={t("sign:confirm.reviewTitle")}>
        <p>{t("sign:confirm.reviewText")}</p>
        {campaignLink}
      </StatusPage>
    );
  }
  if (state.status === "already-confirmed") {
    return (
      <StatusPage title={t("sign:confirm.alreadyTitle")}>
        <p>{t("sign:confirm.alreadyText")}</p>
        {campaignLink}
      </StatusPage>
    );
  }
  if (state.status === "expired") {
    return (
      <StatusPage title={t("sign:confirm.expiredTitle")}>
        <p>{t("sign:confirm.expiredText")}</p>
        <Form method="post" action={`/${i18n.language}/campaigns/${state.slug}/resend`} className="inline-form">
          <label htmlFor="resend-email">{t("sign:email")}</label>
          <input id="resend-email" name="email" type="email" required autoComplete="email" />
          <button type="submit" className="button">
            {t("sign:confirm.resend")}
          </button>
        </Form>
        {campaignLink}
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t("sign:confirm.invalidTitle")}>
      <p>{t("sign:confirm.invalidText")}</p>
      <p>
        <Link to={`/${i18n.language}`}>{t("errors.backHome")}</Link>
      </p>
    </StatusPage>
  );
}
