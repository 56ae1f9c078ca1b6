import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function SiteFooter({ demoMode }: { demoMode: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <footer className="site-footer">
      {demoMode ? (
        <p className="demo-notice" role="note">
          <strong>{t("footer.demoTitle")}</strong> {t("footer.demoText")}
        </p>
      ) : null}
      <p>{t("footer.about")}</p>
      <p>
        <Link to={`/${i18n.language}/privacy`}>{t("manage:privacyLink")}</Link>
      </p>
    </footer>
  );
}
