import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  return { slug: params.slug ?? "", title: getFixedT(locale, "sign")("checkInbox.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} — Undersigned` },
  { name: "robots", content: "noindex" },
];

/** The same page whether the address is new or has signed before. */
export default function CheckInbox() {
  const { slug } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <StatusPage title={t("sign:checkInbox.title")} icon="✉">
      <p>{t("sign:checkInbox.text")}</p>
      <p className="help">{t("sign:checkInbox.spam")}</p>
      <p>
        <Link to={`/${i18n.language}/campaigns/${slug}`}>{t("sign:checkInbox.back")}</Link>
      </p>
    </StatusPage>
  );
}
