import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The strip above every organizer page: where you are, and the way out. */
export function OrganizerBar({ email }: { email?: string }) {
  const { t } = useTranslation("organizer");
  return (
    <nav className="organizer-bar" aria-label={t("bar.label")}>
      <Link to="/organizer">{t("bar.dashboard")}</Link>
      {email ? <span>{t("bar.signedInAs", { email })}</span> : null}
      <Form method="post" action="/organizer/logout">
        <button type="submit" className="button button--small">
          {t("bar.logout")}
        </button>
      </Form>
    </nav>
  );
}
