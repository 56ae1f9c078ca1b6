import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecentExports } from "~/components/recent-exports";
import { OrganizerBar } from "~/components/organizer-bar";
import { LOCALES } from "~/domain/vocab";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadCampaignOverview } from "~/services/moderation.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCampaignOverview(request, params.slug ?? "", negotiateLocale(request));
}

/** Audit labels live with the feature that writes them: organizer:audit.actions.* or <ns>:audit.*. */
function auditKeys(action: string): string[] {
  return [
    `audit.actions.${action}`,
    ...["orgCampaign", "orgPrisoners", "orgMembers", "orgModeration", "exports"].map((ns) => `${ns}:audit.${action}`),
  ];
}

type Role = "owner" | "editor" | "moderator" | "viewer" | "admin";
const EDIT: readonly Role[] = ["owner", "editor", "admin"];
const MODERATE: readonly Role[] = ["owner", "editor", "moderator", "admin"];
const OWN: readonly Role[] = ["owner", "admin"];

/** What this member may open for the campaign; the pages check the role again. */
function CampaignLinks({ slug, role }: { slug: string; role: Role }) {
  const { t } = useTranslation("organizer");
  const base = `/organizer/campaigns/${slug}`;
  const links: Array<[string, string, readonly Role[]]> = [
    ["signatures", "campaignLinks.moderate", ["owner", "editor", "moderator", "viewer", "admin"]],
    ["signals", "campaignLinks.signals", MODERATE],
    ["invalidate", "campaignLinks.invalidate", MODERATE],
    ["settings", "campaignLinks.settings", EDIT],
    ["groups", "campaignLinks.groups", EDIT],
    ["updates/new", "campaignLinks.writeNews", EDIT],
    ["export", "campaignLinks.export", EDIT],
    ["publication", "campaignLinks.publication", EDIT],
    ["delivery", "campaignLinks.delivery", EDIT],
    ["members", "campaignLinks.members", OWN],
  ];
  return (
    <nav aria-label={t("campaignLinks.label")} className="organizer-links">
      <ul>
        {links
          .filter(([, , roles]) => roles.includes(role))
          .map(([path, key]) => (
            <li key={path}>
              <Link to={`${base}/${path}`}>{t(key)}</Link>
            </li>
          ))}
      </ul>
      {EDIT.includes(role) ? (
        <p>
          {t("campaignLinks.texts")}:{" "}
          {LOCALES.map((l, i) => (
            <span key={l}>
              {i > 0 ? " · " : null}
              <Link to={`${base}/texts/${l}`} lang={l}>
                {l.toUpperCase()}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      {EDIT.includes(role) ? (
        <p>
          {t("campaignLinks.preview")}:{" "}
          {LOCALES.map((l, i) => (
            <span key={l}>
              {i > 0 ? " · " : null}
              <Link to={`${base}/preview/${l}`} lang={l}>
                {l.toUpperCase()}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </nav>
  );
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
      <CampaignLinks slug={page.slug} role={page.role} />
      {page.recentExports ? <RecentExports slug={page.slug} exports={page.recentExports} /> : null}
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
                <td>{t(auditKeys(a.action), { defaultValue: a.action })}</td>
                <td>{a.rowCount ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
