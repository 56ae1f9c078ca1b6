import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMailDate } from "~/components/format";
import { getFixedT } from "~/i18n/i18n.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadMailbox } from "~/services/mailbox.server";
import { notFound } from "~/http/responses";

/** Development only: the mails captured while no SMTP server is configured. A 404 otherwise. */
export async function loader({ request }: LoaderFunctionArgs) {
  const mails = await loadMailbox();
  if (!mails) notFound();
  const t = getFixedT(negotiateLocale(request));
  return { mails, title: t("mailbox.title") };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — Undersigned` : "Undersigned" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function DevMailbox() {
  const { mails } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">{t("mailbox.title")}</h1>
      <p className="notice">{t("mailbox.intro")}</p>
      {mails.length ? (
        <table className="mailbox-table">
          <caption className="visually-hidden">{t("mailbox.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("mailbox.date")}</th>
              <th scope="col">{t("mailbox.to")}</th>
              <th scope="col">{t("mailbox.subject")}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.id}>
                <td style={{ whiteSpace: "nowrap" }}>
                  <time dateTime={mail.date} suppressHydrationWarning>
                    {formatMailDate(mail.date, i18n.language)}
                  </time>
                </td>
                <td>{mail.to}</td>
                <td>
                  <Link to={`/dev/mailbox/${mail.id}`}>{mail.subject || t("mailbox.noSubject")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t("mailbox.empty")}</p>
      )}
    </section>
  );
}
