import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SignatureForm } from "~/components/signature-form";
import { countryOptions } from "~/i18n/countries.server";
import { getFixedT } from "~/i18n/i18n.server";
import { getConfig } from "~/utils/env.server";
import { ShareBar } from "~/components/share-bar";
import { CountryNamesContext } from "~/components/country-names";
import { useMemo } from "react";
import { submitSignature } from "~/services/signing.server";
import { readForm } from "~/utils/forms.server";
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

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const page = await loadCampaignPage(params.slug ?? "", locale);
  if (!page) notFound();
  // Which channel brought the reader (?ref=telegram); kept with their signature, if any.
  const ref = new URL(request.url).searchParams.get("ref");
  return {
    ...page,
    countryOptions: countryOptions(locale),
    shareUrl: `${getConfig().appUrl}/${locale}/campaigns/${page.campaign.slug}`,
    ref: ref && /^[a-z0-9_-]{1,32}$/.test(ref) ? ref : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const slug = params.slug ?? "";
  const t = getFixedT(locale);
  const form = await readForm(request);
  const result = await submitSignature(slug, locale, form, { ip: context.clientIp });
  switch (result.kind) {
    case "accepted":
      return redirect(`/${locale}/campaigns/${slug}/check-inbox`);
    case "invalid":
      return data({ lastResult: result.reply, formError: null }, { status: 400 });
    case "rate-limited":
      return data(
        { lastResult: null, formError: t("sign:rateLimited") },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    case "not-open":
      return data({ lastResult: null, formError: t("sign:notOpen") }, { status: 409 });
    case "not-found":
      notFound();
  }
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? PUBLIC_PAGE_CACHE,
});

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: "Undersigned" }];
  const root = rootDataFrom(matches);
  const path = `/campaigns/${data.campaign.slug}`;
  return pageMeta({
    title: `${data.text.title} — Undersigned`,
    socialTitle: data.text.title,
    description: data.text.description,
    root,
    path,
    image: `${root?.appUrl ?? ""}/${root?.locale ?? "en"}${path}/card.png`,
  });
};

export default function CampaignPage() {
  const {
    campaign,
    text,
    availableLocales,
    groups,
    countries,
    signable,
    captchaSitekey,
    countryOptions,
    shareUrl,
    ref,
    updates,
  } = useLoaderData<typeof loader>();
  const countryNames = useMemo(() => Object.fromEntries(countryOptions.map((c) => [c.code, c.name])), [countryOptions]);
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const { number, date } = useFormat();
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
          <aside className="campaign__sign">
            {signable ? (
              <SignatureForm
                groups={groups.map((g) => ({ key: g.key, label: g.label }))}
                lastResult={actionData?.lastResult}
                formError={actionData?.formError}
                captchaSitekey={captchaSitekey}
                countries={countryOptions}
                refTag={ref}
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
          <SignatoryGroups groups={groups} allHref={`/${i18n.language}/campaigns/${campaign.slug}/signatories`} />
          <p>
            <Link to={`/${i18n.language}/campaigns/${campaign.slug}/signatories`}>{t("signatories.seeAll")}</Link>
          </p>
          {countries.length ? (
            <>
              <h3>{t("campaign.byCountry")}</h3>
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
