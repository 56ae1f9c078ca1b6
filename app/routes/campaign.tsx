import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PrisonerPhoto } from "~/components/prisoner-photo";
import { SignatoryGroups } from "~/components/signatory-groups";
import { SignatureProgress } from "~/components/progress";
import { TranslationNotice } from "~/components/translation-notice";
import { useFormat } from "~/components/format";
import { requireLocale } from "~/i18n/route-locale";
import { loadCampaignPage } from "~/services/public-pages.server";
import { notFound, PUBLIC_PAGE_CACHE } from "~/utils/http";
import { pageMeta, rootDataFrom } from "~/utils/seo";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const page = await loadCampaignPage(params.slug ?? "", locale);
  if (!page) notFound();
  return page;
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? PUBLIC_PAGE_CACHE,
});

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageMeta({
        title: `${data.text.title} — Undersigned`,
        description: data.text.description,
        root: rootDataFrom(matches),
        path: `/campaigns/${data.campaign.slug}`,
      })
    : [{ title: "Undersigned" }];

export default function CampaignPage() {
  const { campaign, text, availableLocales, groups, countries } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { number, country, date } = useFormat();
  return (
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

      <section className="letter" aria-labelledby="letter-title" lang={text.locale}>
        <h2 id="letter-title" className="visually-hidden" lang={i18n.language}>
          {t("campaign.letterHeading")}
        </h2>
        {text.target ? <p className="letter__target">{text.target}</p> : null}
        <div className="prose" dangerouslySetInnerHTML={{ __html: text.bodyHtml }} />
      </section>

      <section className="signatories" aria-labelledby="signatories-title">
        <h2 id="signatories-title">{t("campaign.signatoriesTitle")}</h2>
        <SignatoryGroups groups={groups} />
        {countries.length ? (
          <>
            <h3>{t("campaign.byCountry")}</h3>
            <ul className="country-counts">
              {countries.map((c) => (
                <li key={c.country}>
                  {country(c.country)} <span className="count">{number(c.count)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </article>
  );
}
