import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PrisonerSummary } from "~/services/public-pages.server";
import { PrisonerPhoto } from "./prisoner-photo";
import { LanguageTag } from "./translation-notice";

export function PrisonerCard({ prisoner }: { prisoner: PrisonerSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="card prisoner-card">
      <PrisonerPhoto name={prisoner.name} photoUrl={prisoner.photoUrl} size="sm" />
      <div className="card__body">
        <h3>
          <Link to={`/${i18n.language}/prisoners/${prisoner.slug}`}>{prisoner.name}</Link>
        </h3>
        <p className="eyebrow">{t(`prisoner.status.${prisoner.status}`)}</p>
        {prisoner.summary ? (
          <p>
            <LanguageTag textLocale={prisoner.textLocale} />
            <span lang={prisoner.textLocale}>{prisoner.summary}</span>
          </p>
        ) : null}
      </div>
    </article>
  );
}
