import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { requireLocale } from "~/i18n/route-locale";
import { describeToken, withdrawSignature } from "~/services/signing.server";
import { looksLikeToken } from "~/utils/tokens.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const state = looksLikeToken(params.token)
    ? await describeToken("withdraw", params.token, locale)
    : ({ status: "invalid" } as const);
  return data(state, { status: state.status === "invalid" ? 404 : 200 });
}

/** Only the button removes the signature; opening the link does nothing. */
export async function action({ params }: ActionFunctionArgs) {
  requireLocale(params);
  if (!looksLikeToken(params.token)) return data({ status: "invalid" as const }, { status: 404 });
  const result = await withdrawSignature(params.token);
  return result.kind === "withdrawn"
    ? data({ status: "withdrawn" as const, slug: result.slug })
    : data({ status: "invalid" as const }, { status: 404 });
}

export default function WithdrawPage() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted ?? loaded;
  const { t, i18n } = useTranslation();
  if (state.status === "withdrawn") {
    return (
      <StatusPage title={t("sign:withdraw.doneTitle")}>
        <p>{t("sign:withdraw.doneText")}</p>
        <p>
          <Link to={`/${i18n.language}/campaigns/${state.slug}`}>{t("sign:confirm.backToCampaign")}</Link>
        </p>
      </StatusPage>
    );
  }
  if (state.status === "invalid") {
    return (
      <StatusPage title={t("sign:withdraw.invalidTitle")}>
        <p>{t("sign:withdraw.invalidText")}</p>
        <p>
          <Link to={`/${i18n.language}`}>{t("errors.backHome")}</Link>
        </p>
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t("sign:withdraw.title")}>
      <p>{t("sign:withdraw.text", { title: "campaignTitle" in state ? state.campaignTitle : "" })}</p>
      <Form method="post">
        <button type="submit" className="button button--danger">
          {t("sign:withdraw.button")}
        </button>
      </Form>
    </StatusPage>
  );
}
