import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CampaignOutcome, CountryPicture } from "~/components/campaign-outcome";
import { CountryNamesContext } from "~/components/country-names";
import { useFormat } from "~/components/format";
import { PrisonerPhoto } from "~/components/prisoner-photo";
import { SignatureProgress } from "~/components/progress";
import { ShareBar } from "~/components/share-bar";
import { SignatoryGroups } from "~/components/signatory-groups";
import { SignatureForm } from "~/components/signature-form";
import { TranslationNotice } from "~/components/translation-notice";
import type { CampaignView as CampaignViewData } from "~/services/public-pages.server";

/** The list made by `countryListFor` ("AF:Afghanistan|AL:Albania|…"), back as options. */
export function decodeCountryList(list: string): { code: string; name: string }[] {
  if (!list) return [];
  return list.split("|").map((entry) => ({ code: entry.slice(0, 2), name: entry.slice(3) }));
}

export interface CampaignViewProps {
  data: CampaignViewData;
  actionData?: { lastResult: SubmissionResult<string[]> | null; formError: string | null } | undefined;
}

/**
 * The body of a campaign page, as readers see it: the public page and the organizer
 * preview render this same component (the preview with its form disabled).
 */
export function CampaignView({ data, actionData }: CampaignViewProps) {
  const {
    campaign,
    text,
    availableLocales,
    groups,
    countries,
    signable,
    captchaSitekey,
    countryList,
    shareUrl,
    ref,
    updates,
    preview,
  } = data;
  const countryOptions = useMemo(() => decodeCountryList(countryList), [countryList]);
  const countryNames = useMemo(() => Object.fromEntries(countryOptions.map((c) => [c.code, c.name])), [countryOptions]);
  const { t, i18n } = useTranslation();
  const { number, date } = useFormat();
  // A draft will take signatures once opened: its preview shows the (disabled) form.
  const showForm = signable || (preview && campaign.status === "draft");
  return (
    <CountryNamesContext.Provider value={countryNames}>
      <article className="campaign">
        <header className="campaign__header">
          <p className="eyebrow">
            {t(`campaign.kind.${campaign.kind}`)} · {t(`campaign.status.${campaign.status}`)}
          </p>
          <h1 lang={text.locale}>{text.title}</h1>
          {campaign.prisoners.length ? (
            <ul className="campaign__prisoners">
              {campaign.prisoners.map((p) => (
                <li key={p.slug}>
                  <PrisonerPhoto name={p.name} photoUrl={p.photoUrl} size="sm" />
                  <Link to={`/${i18n.language}/prisoners/${p.slug}`}>{p.name}</Link>
                </li>
              ))}
            </ul>
          ) : null}
          <SignatureProgress total={campaign.total} goal={campaign.goal} />
          <CampaignOutcome outcome={data.outcome} />
          {showForm ? (
            // On a phone the form is under the whole letter: this gets there from the first screen.
            <a href="#sign-here" className="button sign-jump" data-testid="sign-jump">
              {t("sign:title")} <span aria-hidden="true">↓</span>
            </a>
          ) : null}
          {campaign.status === "delivered" && campaign.deliveredOn ? (
            <p className="notice">
              {t("campaign.delivered", { date: date(campaign.deliveredOn), to: campaign.deliveredTo ?? "" })}
            </p>
          ) : null}
        </header>

        <TranslationNotice
          pageLocale={i18n.language}
          textLocale={text.locale}
          status={text.status}
          fallback={text.fallback}
          canonicalLocale={campaign.canonicalLocale}
          availableLocales={availableLocales}
          slug={campaign.slug}
        />

        <div className="campaign__body">
          <section className="letter" aria-labelledby="letter-title" lang={text.locale}>
            <h2 id="letter-title" className="visually-hidden" lang={i18n.language}>
              {t("campaign.letterHeading")}
            </h2>
            {text.target ? <p className="letter__target">{text.target}</p> : null}
            <div className="prose" dangerouslySetInnerHTML={{ __html: text.bodyHtml }} />
          </section>
          <aside className="campaign__sign" id="sign-here">
            {showForm ? (
              <SignatureForm
                groups={groups.map((g) => ({ key: g.key, label: g.label }))}
                lastResult={actionData?.lastResult}
                formError={actionData?.formError}
                captchaSitekey={preview ? null : captchaSitekey}
                countries={countryOptions}
                refTag={ref}
                disabled={preview}
              />
            ) : (
              <p className="notice">{t("sign:notOpen")}</p>
            )}
            <ShareBar url={shareUrl} title={text.title} />
            <p className="spread-tools">
              <Link to={`/${i18n.language}/campaigns/${campaign.slug}/poster`}>{t("campaign.poster")}</Link>
              <Link to={`/${i18n.language}/campaigns/${campaign.slug}/embed-code`}>{t("campaign.embed")}</Link>
            </p>
          </aside>
        </div>

        {updates.length ? (
          <section className="updates" aria-labelledby="updates-title">
            <h2 id="updates-title">{t("campaign.updates")}</h2>

            {updates.map((u) => (
              <article key={u.publishedAt + u.title} className="update" lang={u.locale}>
                <h3>{u.title}</h3>

                <p className="eyebrow">
                  <time dateTime={u.publishedAt}>{date(u.publishedAt)}</time>
                </p>

                <div className="prose" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
              </article>
            ))}
          </section>
        ) : null}

        <section className="signatories" aria-labelledby="signatories-title">
          <h2 id="signatories-title">{t("campaign.signatoriesTitle")}</h2>
          <SignatoryGroups
            groups={groups}
            unlisted={data.unlisted}
            allHref={`/${i18n.language}/campaigns/${campaign.slug}/signatories`}
          />
          <p>
            <Link to={`/${i18n.language}/campaigns/${campaign.slug}/signatories`}>{t("signatories.seeAll")}</Link>
          </p>
          {countries.length ? (
            <>
              <h3>{t("campaign.byCountry")}</h3>
              <CountryPicture countries={countries} names={countryNames} />
              <ul className="country-counts">
                {countries.map((c) => (
                  <li key={c.country}>
                    {countryNames[c.country] ?? c.country} <span className="count">{number(c.count)}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </article>
    </CountryNamesContext.Provider>
  );
}
