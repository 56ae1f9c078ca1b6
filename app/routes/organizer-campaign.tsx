import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { LOCALES } from "~/domain/vocab";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadCampaignOverview } from "~/services/moderation.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCampaignOverview(request, params.slug ?? "", negotiateLocale(request));
}

export default function OrganizerCampaign() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organizer");
  return (
    <section aria-labelledby="campaign-title">
      <OrganizerBar />
      <h1 id="campaign-title">{page.title}</h1>
      <p>
        {t(`roles.${page.role}`)} ·{" "}
        <span data-testid="total">
          {t("dashboard.total", { count: page.total, formatted: page.total.toLocaleString(i18n.language) })}
        </span>
      </p>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}/signatures`}>{t("dashboard.moderate")}</Link>
      </p>
      {page.role === "owner" || page.role === "editor" || page.role === "admin" ? (
        <nav aria-label={t("campaignLinks.texts")}>
          <p>
            {t("campaignLinks.texts")}:{" "}
            {LOCALES.map((l, i) => (
              <span key={l}>
                {i > 0 ? " · " : null}
                <Link to={`/organizer/campaigns/${page.slug}/texts/${l}`} lang={l}>
                  {l.toUpperCase()}
                </Link>
              </span>
            ))}
          </p>
          <p>
            <Link to={`/organizer/campaigns/${page.slug}/updates/new`}>{t("campaignLinks.writeNews")}</Link>
          </p>
        </nav>
      ) : null}
      <h2>{t("audit.title")}</h2>
      {page.audit.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <table className="organizer-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.rows")}</th>
            </tr>
          </thead>
          <tbody>
            {page.audit.map((a) => (
              <tr key={a.id}>
                <td>
                  <time dateTime={a.createdAt} suppressHydrationWarning>
                    {new Date(a.createdAt).toLocaleString(i18n.language)}
                  </time>
                </td>
                <td>{a.organizer ?? "—"}</td>
                <td>{t(`audit.actions.${a.action}`, { defaultValue: a.action })}</td>
                <td>{a.rowCount ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
