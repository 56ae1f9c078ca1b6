import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireOrganizer } from "~/http/organizer-access.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadPrisonerList } from "~/services/prisoner-profile.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("prisoners");

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  return loadPrisonerList(organizer, negotiateLocale(request));
}

export default function OrganizerPrisoners() {
  const { prisoners, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation("orgPrisoners");
  const { t: tc } = useTranslation("common");
  return (
    <section aria-labelledby="prisoners-title">
      <h1 id="prisoners-title">{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {canCreate ? (
        <p>
          <Link to="/organizer/prisoners/new" className="button">
            {t("list.new")}
          </Link>
        </p>
      ) : null}
      {prisoners.length === 0 ? (
        <p className="empty">{t("list.empty")}</p>
      ) : (
        <table className="organizer-table">
          <caption className="visually-hidden">{t("list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("list.name")}</th>
              <th scope="col">{t("list.status")}</th>
              <th scope="col">{t("list.languages")}</th>
              <th scope="col">{t("list.photo")}</th>
            </tr>
          </thead>
          <tbody>
            {prisoners.map((p) => (
              <tr key={p.slug} data-testid={`prisoner-${p.slug}`}>
                <td>
                  <Link to={`/organizer/prisoners/${p.slug}`}>{p.name}</Link>
                </td>
                <td>{tc(`prisoner.status.${p.status}`)}</td>
                <td>{p.locales.join(", ")}</td>
                <td>{p.hasPhoto ? t("list.hasPhoto") : t("list.noPhoto")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
