import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireOrganizer } from "~/http/organizer-access.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadDashboard } from "~/services/campaign-overview.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  return loadDashboard(organizer, negotiateLocale(request));
}

export default function OrganizerDashboard() {
  const { organizer, campaigns } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organizer");
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("dashboard.title")}</h1>
      <nav aria-label={t("dashboard.sections")}>
        <ul className="organizer-links">
          <li>
            <Link to="/organizer/prisoners">{t("dashboard.prisoners")}</Link>
          </li>
          {organizer.isAdmin ? (
            <>
              <li>
                <Link to="/organizer/campaigns/new">{t("dashboard.newCampaign")}</Link>
              </li>
              <li>
                <Link to="/organizer/admin/organizers">{t("dashboard.organizers")}</Link>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      {campaigns.length === 0 ? <p>{t("dashboard.empty")}</p> : null}
      <ul className="organizer-campaigns">
        {campaigns.map((c) => (
          <li key={c.slug} data-testid={`campaign-${c.slug}`}>
            <h2>
              <Link to={`/organizer/campaigns/${c.slug}`}>{c.title}</Link>
            </h2>
            <p>
              {t(`roles.${c.role}`)} · {t(`status.${c.status}`)} ·{" "}
              <span data-testid="total">
                {t("dashboard.total", { count: c.total, formatted: c.total.toLocaleString(i18n.language) })}
              </span>
            </p>
            <p>
              <Link to={`/organizer/campaigns/${c.slug}/signatures`}>{t("dashboard.moderate")}</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
