import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireOrganizer } from "~/http/organizer-access.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadDashboard } from "~/services/campaign-overview.server";
import { nextStepPath, type NextStep } from "~/domain/next-step";
import { can } from "~/domain/permissions";
import { isLocale } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  return loadDashboard(organizer, negotiateLocale(request));
}

/** The words of a campaign's next step (domain/next-step.ts chose it). */
function nextStepText(t: (key: string, options?: Record<string, unknown>) => string, step: NextStep, held: number) {
  switch (step.kind) {
    case "review":
      return t("dashboard.next.review", { count: held });
    case "translate":
      return t("dashboard.next.translate", { language: LOCALE_NAMES[step.locale] });
    default:
      return t(`dashboard.next.${step.kind}`);
  }
}

export default function OrganizerDashboard() {
  const { organizer, campaigns } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organizer");
  return (
    <section aria-labelledby="dashboard-title">
      <header className="page-header">
        <h1 id="dashboard-title">{t("dashboard.title")}</h1>
      </header>
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
      {campaigns.length === 0 ? <p className="empty-state">{t("dashboard.empty")}</p> : null}
      <ul className="organizer-campaigns">
        {campaigns.map((c) => {
          const uiLocale = isLocale(i18n.language) ? i18n.language : "en";
          return (
            <li key={c.slug} data-testid={`campaign-${c.slug}`}>
              <p className="page-header__meta">
                <span className={`badge badge--${c.status}`}>{t(`status.${c.status}`)}</span>
                <span>{t(`roles.${c.role}`)}</span>
              </p>
              <h2>
                {/* Translators work in the letter queue only. */}
                <Link to={`/organizer/campaigns/${c.slug}${can(c.role, "view") ? "" : "/letters"}`}>{c.title}</Link>
              </h2>
              <div>
                <p className="progress__count">
                  <strong data-testid="total">
                    {t("dashboard.total", { count: c.total, formatted: c.total.toLocaleString(i18n.language) })}
                  </strong>
                  {c.goal ? (
                    <span className="progress__goal">
                      {" "}
                      {t("dashboard.ofGoal", { goal: c.goal.toLocaleString(i18n.language) })}
                    </span>
                  ) : null}
                </p>
                {c.goal ? (
                  <div className="progress__bar" aria-hidden="true">
                    <span style={{ inlineSize: `${Math.min(100, (c.total / c.goal) * 100)}%` }} />
                  </div>
                ) : null}
              </div>
              <p className="campaign-card__actions">
                {can(c.role, "view") ? (
                  <Link to={`/organizer/campaigns/${c.slug}/signatures`}>{t("dashboard.moderate")}</Link>
                ) : null}
                {can(c.role, "translate") ? (
                  <Link to={`/organizer/campaigns/${c.slug}/letters`}>{t("orgLetters:link")}</Link>
                ) : null}
              </p>
              <p className="campaign-card__next" data-testid="next-step" data-step={c.next.kind}>
                <strong>{t("dashboard.nextLabel")}</strong>
                <Link to={nextStepPath(c.next, c.slug, uiLocale)}>{nextStepText(t, c.next, c.heldForReview)}</Link>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
