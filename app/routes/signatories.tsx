import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CountryNamesContext } from "~/components/country-names";
import { useFormat } from "~/components/format";
import { Signatory } from "~/components/signatory-groups";
import { countryOptions } from "~/i18n/countries.server";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";
import { loadSignatoriesPage } from "~/services/public-pages.server";
import { notFound, PUBLIC_PAGE_CACHE } from "~/http/responses";
import { pageMeta, rootDataFrom } from "~/utils/seo";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const url = new URL(request.url);
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const page = await loadSignatoriesPage(params.slug ?? "", locale, {
    group: url.searchParams.get("group") ?? undefined,
    country: url.searchParams.get("country") ?? undefined,
    q: url.searchParams.get("q") ?? undefined,
    page: Number.isFinite(pageParam) ? pageParam : 1,
  });
  if (!page) notFound();
  return {
    ...page,
    countryNames: Object.fromEntries(countryOptions(locale).map((c) => [c.code, c.name])),
    metaTitle: getFixedT(locale)("signatories.metaTitle", { title: page.campaign.title }),
    metaDescription: getFixedT(locale)("signatories.metaDescription", {
      title: page.campaign.title,
      total: page.campaign.total.toLocaleString(locale),
    }),
  };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_PAGE_CACHE });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        ...pageMeta({
          title: `${data.metaTitle} — Undersigned`,
          description: data.metaDescription,
          root: rootDataFrom(matches),
          path: `/campaigns/${data.campaign.slug}/signatories`,
        }),
        // Filtered and later pages are not worth indexing; the first page is.
        ...(data.page > 1 || data.filter.q || data.filter.country || data.filter.group
          ? [{ name: "robots", content: "noindex" }]
          : []),
      ]
    : [{ title: "Undersigned" }];

export default function SignatoriesPage() {
  const { campaign, groups, countries, filter, page, pages, total, signatories, countryNames } =
    useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { number } = useFormat();
  const sortedCountries = useMemo(
    () => [...countries].sort((a, b) => (countryNames[a] ?? a).localeCompare(countryNames[b] ?? b, i18n.language)),
    [countries, countryNames, i18n.language],
  );
  // This page's signatories by profession, in the campaign's order of groups, as on the campaign page.
  const byGroup = useMemo(
    () =>
      groups
        .map((g) => ({ ...g, signatories: signatories.filter((s) => s.groupKey === g.key) }))
        .filter((g) => g.signatories.length > 0),
    [groups, signatories],
  );
  // Those who chose to be counted only: never listed, so said once, on the unfiltered list.
  const unlisted = filter.q || filter.group || filter.country ? 0 : Math.max(0, campaign.total - total);
  const base = `/${i18n.language}/campaigns/${campaign.slug}/signatories`;
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    if (filter.group) params.set("group", filter.group);
    if (filter.country) params.set("country", filter.country);
    if (filter.q) params.set("q", filter.q);
    if (n > 1) params.set("page", String(n));
    const query = params.toString();
    return query ? `${base}?${query}` : base;
  };
  return (
    <CountryNamesContext.Provider value={countryNames}>
      <section aria-labelledby="signatories-title" className="signatories-page">
        <p className="eyebrow">
          <Link to={`/${i18n.language}/campaigns/${campaign.slug}`}>{campaign.title}</Link>
        </p>
        <h1 id="signatories-title">{t("signatories.title")}</h1>
        <Form method="get" className="filters" role="search">
          <div className="field">
            <label htmlFor="q">{t("signatories.search")}</label>
            <input id="q" name="q" type="search" defaultValue={filter.q} maxLength={100} aria-describedby="q-help" />
            <p id="q-help" className="help">
              {t("signatories.searchHelp")}
            </p>
          </div>
          <div className="field">
            <label htmlFor="group">{t("signatories.group")}</label>
            <select id="group" name="group" defaultValue={filter.group}>
              <option value="">{t("signatories.allGroups")}</option>
              {groups.map((g) => (
                <option key={g.key} value={g.key}>
                  {g.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="country">{t("signatories.country")}</label>
            <select id="country" name="country" defaultValue={filter.country}>
              <option value="">{t("signatories.allCountries")}</option>
              {sortedCountries.map((c) => (
                <option key={c} value={c}>
                  {countryNames[c] ?? c}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("signatories.apply")}
          </button>
        </Form>
        <p aria-live="polite">{t("signatories.results", { count: total, formatted: number(total) })}</p>
        {unlisted > 0 ? (
          <p className="more" data-testid="unlisted">
            {t("campaign.countedOnly", { count: unlisted })}
          </p>
        ) : null}
        {byGroup.length ? (
          <div className="signatory-groups">
            {byGroup.map((g) => (
              <section key={g.key} className="signatory-group" aria-labelledby={`list-group-${g.key}`}>
                <h2 id={`list-group-${g.key}`}>{g.label}</h2>
                <ul className="signatory-list">
                  {g.signatories.map((s, i) => (
                    <Signatory key={i} signatory={s} groupLabel={s.group} groupKey={s.groupKey} />
                  ))}
                </ul>
              </section>
            ))}
          </div>
        ) : (
          <p className="empty">{t("signatories.none")}</p>
        )}
        {pages > 1 ? (
          <nav aria-label={t("signatories.pagination")} className="pagination">
            {page > 1 ? <Link to={pageHref(page - 1)}>{t("signatories.previous")}</Link> : <span />}
            <span>{t("signatories.pageOf", { page: number(page), pages: number(pages) })}</span>
            {page < pages ? <Link to={pageHref(page + 1)}>{t("signatories.next")}</Link> : <span />}
          </nav>
        ) : null}
      </section>
    </CountryNamesContext.Provider>
  );
}
