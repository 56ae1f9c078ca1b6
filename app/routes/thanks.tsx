import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { useFormat } from "~/components/format";
import { requireLocale } from "~/i18n/route-locale";
import { ShareBar } from "~/components/share-bar";
import { getConfig } from "~/utils/env.server";
import { loadThanksPage } from "~/services/public-pages.server";
import { notFound } from "~/http/responses";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];

/**
 * After confirming. Shows the signer's position and the campaign, never their name: a
 * forwarded link reveals nothing about who signed.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const page = await loadThanksPage(params.slug ?? "", locale);
  if (!page) notFound();
  const n = Number(new URL(request.url).searchParams.get("n"));
  return {
    ...page,
    position: Number.isInteger(n) && n > 0 && n <= page.total ? n : null,
    shareUrl: `${getConfig().appUrl}/${locale}/campaigns/${page.slug}`,
  };
}

export default function ThanksPage() {
  const { title, slug, position, total, shareUrl } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { number } = useFormat();
  return (
    <StatusPage title={t("sign:thanks.title")} icon="✓">
      {position ? (
        <p className="thanks__position">{t("sign:thanks.position", { position: number(position) })}</p>
      ) : null}
      <p>{t("sign:thanks.text", { title, count: total, total: number(total) })}</p>
      <p>{t("sign:thanks.share")}</p>
      <ShareBar url={shareUrl} title={title} />
      <p>
        <Link to={`/${i18n.language}/campaigns/${slug}`}>{t("sign:confirm.backToCampaign")}</Link>
      </p>
    </StatusPage>
  );
}
