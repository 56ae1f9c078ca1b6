import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocale } from "~/i18n/route-locale";
import { describeToken, withdrawSignature } from "~/services/signing.server";
import { looksLikeToken } from "~/utils/tokens.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return { status: "invalid" as const };
  return describeToken("withdraw", params.token, locale);
}

/** Only the button removes the signature; opening the link does nothing. */
export async function action({ params }: ActionFunctionArgs) {
  requireLocale(params);
  if (!looksLikeToken(params.token)) return { status: "invalid" as const };
  const result = await withdrawSignature(params.token);
  return result.kind === "withdrawn"
    ? { status: "withdrawn" as const, slug: result.slug }
    : { status: "invalid" as const };
}

export default function WithdrawPage() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted ?? loaded;
  const { t, i18n } = useTranslation();
  if (state.status === "withdrawn") {
    return (
      <section className="status-page" aria-labelledby="status-title">
        <h1 id="status-title">{t("sign:withdraw.doneTitle")}</h1>
        <p>{t("sign:withdraw.doneText")}</p>
        <p>
          <Link to={`/${i18n.language}/campaigns/${state.slug}`}>{t("sign:confirm.backToCampaign")}</Link>
        </p>
      </section>
    );
  }
  if (state.status === "invalid") {
    return (
      <section className="status-page" aria-labelledby="status-title">
        <h1 id="status-title">{t("sign:withdraw.invalidTitle")}</h1>
        <p>{t("sign:withdraw.invalidText")}</p>
        <p>
          <Link to={`/${i18n.language}`}>{t("errors.backHome")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="status-page" aria-labelledby="status-title">
      <h1 id="status-title">{t("sign:withdraw.title")}</h1>
      <p>{t("sign:withdraw.text", { title: "campaignTitle" in state ? state.campaignTitle : "" })}</p>
      <Form method="post">
        <button type="submit" className="button button--danger">
          {t("sign:withdraw.button")}
        </button>
      </Form>
    </section>
  );
}
