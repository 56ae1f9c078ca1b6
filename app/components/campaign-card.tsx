import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CampaignCard as CampaignCardData } from "~/services/public-pages.server";
import { PrisonerPhoto } from "./prisoner-photo";
import { SignatureProgress } from "./progress";
import { LanguageTag } from "./translation-notice";

export function CampaignCard({ campaign }: { campaign: CampaignCardData }) {
  const { t, i18n } = useTranslation();
  const prisoner = campaign.prisoners[0];
  return (
    <article className="card campaign-card">
      {prisoner ? <PrisonerPhoto name={prisoner.name} photoUrl={prisoner.photoUrl} /> : null}
      <div className="card__body">
        <p className="eyebrow">
          {t(`campaign.kind.${campaign.kind}`)} · {t(`campaign.status.${campaign.status}`)}
        </p>
        <h3>
          <Link to={`/${i18n.language}/campaigns/${campaign.slug}`} lang={campaign.textLocale}>
            {campaign.title}
          </Link>
        </h3>
        {campaign.prisoners.length ? (
          <p className="card__for">{t("campaign.for", { names: campaign.prisoners.map((p) => p.name).join(", ") })}</p>
        ) : null}
        <p>
          <LanguageTag textLocale={campaign.textLocale} />
          <span lang={campaign.textLocale}>{campaign.summary}</span>
        </p>
        <SignatureProgress total={campaign.total} goal={campaign.goal} />
      </div>
    </article>
  );
}

/** Campaign cards in a responsive grid, or a sentence when there are none. */
export function CampaignGrid({ campaigns, empty }: { campaigns: CampaignCardData[]; empty: string }) {
  if (campaigns.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="card-grid">
      {campaigns.map((c) => (
        <li key={c.slug}>
          <CampaignCard campaign={c} />
        </li>
      ))}
    </ul>
  );
}
