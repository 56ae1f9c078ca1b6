import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/domain/vocab";
import { LanguageSwitcher } from "./language-switcher";

export function SiteHeader({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to={`/${locale}`} className="brand" aria-label={t("nav.homeLabel")}>
          <span aria-hidden="true" className="brand__mark">
            ✒
          </span>{" "}
          Undersigned
        </Link>
        <nav aria-label={t("nav.main")} className="site-nav">
          <Link to={`/${locale}#campaigns`}>{t("nav.campaigns")}</Link>
          <Link to={`/${locale}#prisoners`}>{t("nav.prisoners")}</Link>
        </nav>
        <LanguageSwitcher locale={locale} />
      </div>
    </header>
  );
}
