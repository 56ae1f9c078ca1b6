import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** One export as a list shows it: who asked, when, what, how far. No signer data. */
export interface RecentExport {
  id: number;
  /** The organizer who asked for it. */
  by: string;
  format: "csv" | "xlsx" | "json";
  state: "requested" | "running" | "done" | "failed";
  rowsTotal: number | null;
  rowsDone: number;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * A campaign's recent exports, for owners and admins (the campaign overview and the export
 * pages). `slug` makes each row a link to the export's page.
 */
export function RecentExports({ slug, exports }: { slug: string; exports: readonly RecentExport[] }) {
  const { t, i18n } = useTranslation("exports");
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <section aria-labelledby="recent-exports-title">
      <h2 id="recent-exports-title">{t("recent.title")}</h2>
      {exports.length === 0 ? (
        <p>{t("recent.empty")}</p>
      ) : (
        <table className="organizer-table">
          <thead>
            <tr>
              <th scope="col">{t("recent.when")}</th>
              <th scope="col">{t("recent.who")}</th>
              <th scope="col">{t("recent.format")}</th>
              <th scope="col">{t("recent.rows")}</th>
              <th scope="col">{t("recent.state")}</th>
            </tr>
          </thead>
          <tbody>
            {exports.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/organizer/campaigns/${slug}/exports/${e.id}`}>
                    <time dateTime={e.createdAt} suppressHydrationWarning>
                      {new Date(e.createdAt).toLocaleString(i18n.language)}
                    </time>
                  </Link>
                </td>
                <td>{e.by}</td>
                <td>{e.format.toUpperCase()}</td>
                <td>
                  {e.state === "requested"
                    ? number(e.rowsTotal ?? 0)
                    : t("progress", {
                        done: number(e.rowsDone),
                        total: number(e.rowsTotal ?? 0),
                        count: e.rowsTotal ?? 0,
                      })}
                </td>
                <td>{t(`exportStates.${e.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
