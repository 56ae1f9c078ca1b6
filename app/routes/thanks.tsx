import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { useFormat } from "~/components/format";
import { requireLocale } from "~/i18n/route-locale";
import { ShareBar } from "~/components/share-bar";
import { getConfig } from "~/utils/env.server";
import { loadThanksPage } from "~/services/public-pages.server";
import { NO_STORE, notFound } from "~/http/responses";
import { looksLikeToken } from "~/utils/tokens.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];
// It may carry the signer's private link (?m=): never kept by a browser or a proxy.
export const headers = () => ({ "Cache-Control": NO_STORE });

/**
 * After confirming. Shows the signer's position and the campaign, never their name: a
 * forwarded link reveals nothing about who signed.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const page = await loadThanksPage(params.slug ?? "", locale);
  if (!page) notFound();
  const url = new URL(request.url);
  const n = Number(url.searchParams.get("n"));
  const manageToken = url.searchParams.get("m") ?? undefined;
  return {
    ...page,
    position: Number.isInteger(n) && n > 0 && n <= page.total ? n : null,
    /** The signer's private link (from the confirmation), shown so they can change their mind later. */
    manageToken: looksLikeToken(manageToken) ? manageToken : null,
    shareUrl: `${getConfig().appUrl}/${locale}/campaigns/${page.slug}`,
  };
}

export default function ThanksPage() {
  const { title, slug, position, total, shareUrl, manageToken } = useLoaderData<typeof loader>();
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
      {manageToken ? (
        <p className="thanks__manage">
          {t("manage:link.lead")}{" "}
          <Link to={`/${i18n.language}/manage/${manageToken}`} rel="nofollow">
            {t("manage:link.label")}
          </Link>
        </p>
      ) : null}
      <p>
        <Link to={`/${i18n.language}/campaigns/${slug}`}>{t("sign:confirm.backToCampaign")}</Link>
      </p>
    </StatusPage>
  );
}
