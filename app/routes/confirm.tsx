import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";
import type { Locale } from "~/domain/vocab";
import { confirmSignature, describeToken } from "~/services/signing.server";
import { looksLikeToken } from "~/utils/tokens.server";

type TokenState = Awaited<ReturnType<typeof describeToken>>;

/** The page's heading for each state of the link, as a key under `sign:confirm`. */
const TITLE_KEYS = {
  ready: "title",
  "already-confirmed": "alreadyTitle",
  "awaiting-review": "reviewTitle",
  expired: "expiredTitle",
  invalid: "invalidTitle",
} as const;

/** The tab's title: what the page asks or says, and the letter when the link names one. */
function pageTitle(state: TokenState, locale: Locale): string {
  const t = getFixedT(locale);
  const heading = t(`sign:confirm.${TITLE_KEYS[state.status]}`);
  const letter = "campaignTitle" in state && state.campaignTitle ? ` — ${state.campaignTitle}` : "";
  return `${heading}${letter} — Undersigned`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? "Undersigned" },
  { name: "robots", content: "noindex" },
];

/** Unknown links answer 404 and expired ones 410, with a friendly page either way. */
function withStatus(state: TokenState, locale: Locale) {
  const code = state.status === "invalid" ? 404 : state.status === "expired" ? 410 : 200;
  return data({ ...state, pageTitle: pageTitle(state, locale) }, { status: code });
}

/** Opening the mailed link confirms nothing (mail scanners prefetch links): it shows a button. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return withStatus({ status: "invalid" }, locale);
  return withStatus(await describeToken("confirm", params.token, locale), locale);
}

export async function action({ params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return withStatus({ status: "invalid" }, locale);
  const result = await confirmSignature(params.token);
  switch (result.kind) {
    case "confirmed":
    case "already-confirmed": {
      // The thank-you page shows the signer's private "manage my signature" link (m).
      const params = new URLSearchParams();
      if (result.kind === "confirmed") params.set("n", String(result.position));
      if (result.manageToken) params.set("m", result.manageToken);
      const query = params.toString();
      return redirect(`/${locale}/campaigns/${result.slug}/thanks${query ? `?${query}` : ""}`);
    }
    case "awaiting-review":
      return { status: "awaiting-review" as const, slug: result.slug, manageToken: result.manageToken };
    case "expired":
    case "invalid":
      return withStatus(await describeToken("confirm", params.token, locale), locale);
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
        {state.manageToken ? (
          <p>
            <Link to={`/${i18n.language}/manage/${state.manageToken}`}>{t("manage:link.label")}</Link>
          </p>
        ) : null}
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
