import { useTranslation } from "react-i18next";
import { useRouteLoaderData } from "@remix-run/react";

export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<{ locale: string }>("root");
  const notFound = status === 404;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__code">{status}</p>
      <h1 id="error-title">{notFound ? t("errors.notFoundTitle") : t("errors.serverTitle")}</h1>
      <p>{notFound ? t("errors.notFoundText") : t("errors.serverText")}</p>
      <p>
        <a href={`/${root?.locale ?? "en"}`}>{t("errors.backHome")}</a>
      </p>
    </section>
  );
}
