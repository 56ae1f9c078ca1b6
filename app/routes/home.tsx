import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignGrid } from "~/components/campaign-card";
import { PrisonerCard } from "~/components/prisoner-card";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";
import { loadHomePage } from "~/services/public-pages.server";
import { listUpcomingBirthdays } from "~/services/letters-public.server";
import { UpcomingBirthdays } from "~/components/prisoner-letters";
import { PUBLIC_PAGE_CACHE } from "~/http/responses";
import { pageMeta, rootDataFrom } from "~/utils/seo";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const t = getFixedT(locale);
  const [page, birthdays] = await Promise.all([loadHomePage(locale), listUpcomingBirthdays(locale)]);
  return { ...page, birthdays, meta: { title: t("home.metaTitle"), description: t("home.metaDescription") } };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_PAGE_CACHE });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    title: data?.meta.title ?? "Undersigned",
    description: data?.meta.description,
    root: rootDataFrom(matches),
    path: "",
  });

export default function Home() {
  const { campaigns, prisoners, birthdays } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="hero__lead">{t("home.lead")}</p>
      </section>

      <section id="campaigns" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">{t("home.campaignsTitle")}</h2>
        <CampaignGrid campaigns={campaigns} empty={t("home.noCampaigns")} />
      </section>

      <UpcomingBirthdays birthdays={birthdays} />

      <section id="prisoners" aria-labelledby="prisoners-title">
        <h2 id="prisoners-title">{t("home.prisonersTitle")}</h2>
        {prisoners.length === 0 ? (
          <p className="empty">{t("home.noPrisoners")}</p>
        ) : (
          <ul className="card-grid card-grid--small">
            {prisoners.map((p) => (
              <li key={p.slug}>
                <PrisonerCard prisoner={p} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
