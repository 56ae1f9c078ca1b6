import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignGrid } from "~/components/campaign-card";
import { useFormat } from "~/components/format";
import { PrisonerPhoto } from "~/components/prisoner-photo";
import { LanguageTag } from "~/components/translation-notice";
import { requireLocale } from "~/i18n/route-locale";
import { loadPrisonerPage } from "~/services/public-pages.server";
import { loadPrisonerLetters } from "~/services/letters-public.server";
import { PrisonerLetters } from "~/components/prisoner-letters";
import { notFound, PUBLIC_PAGE_CACHE } from "~/http/responses";
import { pageMeta, rootDataFrom } from "~/utils/seo";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const page = await loadPrisonerPage(params.slug ?? "", locale);
  if (!page) notFound();
  return { ...page, letters: await loadPrisonerLetters(params.slug ?? "", locale) };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_PAGE_CACHE });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageMeta({
        title: `${data.prisoner.name} — Undersigned`,
        description: data.prisoner.summary,
        root: rootDataFrom(matches),
        path: `/prisoners/${data.prisoner.slug}`,
      })
    : [{ title: "Undersigned" }];

export default function PrisonerPage() {
  const { prisoner, events, campaigns, letters } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { date } = useFormat();
  return (
    <article className="prisoner">
      <header className="prisoner__header">
        <PrisonerPhoto name={prisoner.name} photoUrl={prisoner.photoUrl} size="lg" />
        <div>
          <h1>{prisoner.name}</h1>
          <p className="eyebrow">{t(`prisoner.status.${prisoner.status}`)}</p>
          <dl className="facts">
            {prisoner.detainedOn ? (
              <>
                <dt>{t("prisoner.detainedSince")}</dt>
                <dd>{date(prisoner.detainedOn)}</dd>
              </>
            ) : null}
            {prisoner.facility ? (
              <>
                <dt>{t("prisoner.facility")}</dt>
                <dd>{prisoner.facility}</dd>
              </>
            ) : null}
          </dl>
        </div>
      </header>
      {prisoner.fallback ? <p className="notice">{t("translation.profileMissing")}</p> : null}
      <section className="prose" lang={prisoner.textLocale} dangerouslySetInnerHTML={{ __html: prisoner.bioHtml }} />

      {events.length ? (
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("prisoner.timeline")}</h2>
          {events.some((e) => e.locale !== i18n.language) ? (
            <p className="translation-notice">{t("translation.eventsMissing")}</p>
          ) : null}
          <ol className="timeline">
            {events.map((e, i) => (
              <li key={i}>
                <time dateTime={e.on}>{date(e.on)}</time>
                <p lang={e.locale}>
                  <LanguageTag textLocale={e.locale} />
                  {e.text}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {letters ? <PrisonerLetters slug={prisoner.slug} name={prisoner.name} letters={letters} /> : null}

      <section aria-labelledby="prisoner-campaigns-title">
        <h2 id="prisoner-campaigns-title">{t("prisoner.campaigns")}</h2>
        <CampaignGrid campaigns={campaigns} empty={t("prisoner.noCampaigns")} />
      </section>
    </article>
  );
}
