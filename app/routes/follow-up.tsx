import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { requireLocale } from "~/i18n/route-locale";
import { describeFollowUp, signFollowUp } from "~/services/follow-up.server";
import { looksLikeToken } from "~/utils/tokens.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];

/**
 * The page of a follow-up invitation: the new text and the signer's previous details. Opening
 * it signs nothing (mail scanners prefetch links); only its button does.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return data({ status: "invalid" as const }, { status: 404 });
  const state = await describeFollowUp(params.token, locale);
  return data(state, { status: state.status === "invalid" ? 404 : 200, headers: { "Cache-Control": "no-store" } });
}

export async function action({ params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return data({ outcome: "invalid" as const }, { status: 404 });
  const result = await signFollowUp(params.token);
  if (result.kind === "signed") return redirect(`/${locale}/campaigns/${result.slug}/thanks?m=${result.manageToken}`);
  if (result.kind === "invalid") return data({ outcome: "invalid" as const }, { status: 404 });
  return data({ outcome: result.kind, slug: result.slug }, { status: 409 });
}

export default function FollowUpPage() {
  const state = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  if (state.status === "invalid" || acted?.outcome === "invalid") {
    return (
      <StatusPage title={t("followUp.invalidTitle")}>
        <p>{t("followUp.invalidText")}</p>
        <p>
          <Link to={`/${i18n.language}`}>{t("errors.backHome")}</Link>
        </p>
      </StatusPage>
    );
  }
  const back = (
    <p>
      <Link to={`/${i18n.language}/campaigns/${state.slug}`}>{t("followUp.toCampaign")}</Link>
    </p>
  );
  if (state.status === "used" || acted?.outcome === "already") {
    return (
      <StatusPage title={t("followUp.alreadyTitle")}>
        <p>{t("followUp.alreadyText")}</p>
        {back}
      </StatusPage>
    );
  }
  if (state.status === "closed" || acted?.outcome === "closed") {
    return (
      <StatusPage title={t("followUp.closedTitle")}>
        <p>{t("followUp.closedText")}</p>
        {back}
      </StatusPage>
    );
  }
  const s = state.signer;
  return (
    <StatusPage title={t("followUp.title")}>
      <article className="letter" lang={state.textLocale}>
        <h2>{state.title}</h2>
        <div className="prose" dangerouslySetInnerHTML={{ __html: state.bodyHtml }} />
      </article>
      <h2>{t("followUp.detailsTitle")}</h2>
      <dl className="follow-up__details">
        <dt>{t("followUp.name")}</dt>
        <dd>{s.fullName}</dd>
        <dt>{t("followUp.group")}</dt>
        <dd>{s.group}</dd>
        {s.title ? (
          <>
            <dt>{t("followUp.affiliation")}</dt>
            <dd>{s.title}</dd>
          </>
        ) : null}
        <dt>{t("followUp.country")}</dt>
        <dd>{s.countryName}</dd>
        <dt>{t("followUp.visibility")}</dt>
        <dd>{t(`followUp.visibilities.${s.visibility}`)}</dd>
      </dl>
      <p className="help">{t("followUp.explain")}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("followUp.button")}
        </button>
      </Form>
    </StatusPage>
  );
}
