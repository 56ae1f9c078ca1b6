import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/format";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";
import { loadCampaignCard } from "~/services/public-pages.server";
import { getConfig } from "~/utils/env.server";
import { notFound, PUBLIC_PAGE_CACHE } from "~/http/responses";
import posterStyles from "~/styles/poster.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: posterStyles }];

/** A printable A4 poster: title, prisoners, a QR code to the campaign, the count and the address. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const card = await loadCampaignCard(params.slug ?? "", locale);
  if (!card) notFound();
  const url = `${getConfig().appUrl}/${locale}/campaigns/${card.slug}`;
  const names = card.prisoners.map((p) => p.name);
  return {
    slug: card.slug,
    kind: card.kind,
    title: card.title,
    total: card.total,
    signable: card.status === "open",
    // Joined here, so the browser's list formatting can never differ from the server's.
    names: names.length ? new Intl.ListFormat(locale, { type: "conjunction" }).format(names) : null,
    shortUrl: url.replace(/^https?:\/\//, ""),
    metaTitle: getFixedT(locale, "poster")("metaTitle", { title: card.title }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} — Undersigned` : "Undersigned" },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_PAGE_CACHE });

export default function PosterPage() {
  const { slug, kind, title, total, signable, names, shortUrl } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("poster");
  const { number } = useFormat();
  const campaignPath = `/${i18n.language}/campaigns/${slug}`;
  return (
    <div className="poster-page">
      <div className="poster-toolbar">
        <p className="poster-toolbar__hint">{t("printHint")}</p>
        <button type="button" className="button poster-toolbar__print" onClick={() => window.print()}>
          {t("print")}
        </button>
        <Link to={campaignPath}>{t("back")}</Link>
      </div>

      <article className="poster" aria-labelledby="poster-title">
        <p className="poster__brand">Undersigned</p>
        <p className="poster__kind">{t(`common:campaign.kind.${kind}`)}</p>
        <h1 id="poster-title" className="poster__title">
          {title}
        </h1>
        {names ? <p className="poster__prisoners">{t("for", { names })}</p> : null}
        <figure className="poster__qr">
          <img src={`${campaignPath}/qr.svg`} alt={t("qrAlt", { url: shortUrl })} width={512} height={512} />
          <figcaption className="poster__cta">{signable ? t("scanToSign") : t("scanToRead")}</figcaption>
        </figure>
        {total > 0 ? (
          <p className="poster__count">{t("count", { count: total, formatted: number(total) })}</p>
        ) : signable ? (
          <p className="poster__count">{t("firstToSign")}</p>
        ) : null}
        <p className="poster__url">
          {t("orVisit")} <span className="poster__address">{shortUrl}</span>
        </p>
      </article>
    </div>
  );
}
