import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CampaignCharts, DigestSwitch } from "~/components/campaign-charts";
import { readForm } from "~/http/forms.server";
import { rejectedForm } from "~/http/rejected-form.server";
import { digestSchema } from "~/schemas/campaign-outcome";
import { fieldErrorMap } from "~/schemas/fields";
import { useTranslation } from "react-i18next";
import { RecentExports } from "~/components/recent-exports";
import { RetentionNotice } from "~/components/retention-notice";
import { can, type CampaignAbility, type CampaignRole } from "~/domain/permissions";
import { LOCALES } from "~/domain/vocab";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadCampaignOverview, setCampaignDigest } from "~/services/campaign-overview.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("overview");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "view");
  return loadCampaignOverview(access, negotiateLocale(request));
}

/** Owners turn their daily digest of this campaign on or off. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "manage");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: digestSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  const saved = await setCampaignDigest(access, submission.value.digest === "on");
  if (!saved) return rejectedForm(form, submission, { digest: "ownersOnly" });
  return data({ kind: "digestSaved" as const, on: submission.value.digest === "on" });
}

/** Audit labels live with the feature that writes them: organizer:audit.actions.* or <ns>:audit.*. */
function auditKeys(action: string): string[] {
  return [
    `audit.actions.${action}`,
    ...["orgCampaign", "orgPrisoners", "orgMembers", "orgModeration", "exports", "orgLetters", "orgInsights"].map(
      (ns) => `${ns}:audit.${action}`,
    ),
  ];
}

/** The overview's links and the ability each asks for (the pages check it again). */
const LINKS: ReadonlyArray<[path: string, label: string, ability: CampaignAbility]> = [
  ["signatures", "campaignLinks.moderate", "view"],
  ["signals", "campaignLinks.signals", "moderate"],
  ["invalidate", "campaignLinks.invalidate", "moderate"],
  ["settings", "campaignLinks.settings", "edit"],
  ["groups", "campaignLinks.groups", "edit"],
  ["updates/new", "campaignLinks.writeNews", "edit"],
  ["export", "campaignLinks.export", "edit"],
  ["publication", "campaignLinks.publication", "edit"],
  ["delivery", "campaignLinks.delivery", "edit"],
  ["paper", "orgInsights:links.paper", "edit"],
  ["follow-up", "orgInsights:links.followUp", "edit"],
  ["members", "campaignLinks.members", "manage"],
  ["letters", "orgLetters:link", "translate"],
];

/** What this member may open for the campaign. */
function CampaignLinks({ slug, role }: { slug: string; role: CampaignRole }) {
  const { t } = useTranslation("organizer");
  const base = `/organizer/campaigns/${slug}`;
  return (
    <nav aria-label={t("campaignLinks.label")} className="organizer-links">
      <ul>
        {LINKS.filter(([, , ability]) => can(role, ability)).map(([path, key]) => (
          <li key={path}>
            <Link to={`${base}/${path}`}>{t(key)}</Link>
          </li>
        ))}
      </ul>
      {can(role, "edit") ? (
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
      {can(role, "edit") ? (
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
      <header className="page-header">
        <h1 id="campaign-title">{page.title}</h1>
        <p className="page-header__meta">
          <span data-testid="role">
            {page.memberRole
              ? t("roles.memberAndAdmin", { role: t(`roles.${page.memberRole}`) })
              : t(`roles.${page.role}`)}
          </span>
          <span aria-hidden="true">·</span>
          <strong data-testid="total">
            {t("dashboard.total", { count: page.total, formatted: page.total.toLocaleString(i18n.language) })}
          </strong>
        </p>
        <CampaignLinks slug={page.slug} role={page.role} />
      </header>
      {page.retention ? <RetentionNotice slug={page.slug} retention={page.retention} /> : null}
      {page.digest ? <DigestSwitch on={page.digest.on} /> : null}
      <CampaignCharts charts={page.charts} />
      {page.recentExports ? <RecentExports slug={page.slug} exports={page.recentExports} /> : null}
      <h2>{t("audit.title")}</h2>
      {page.audit.length === 0 ? (
        <p className="empty-state">{t("audit.empty")}</p>
      ) : (
        <table className="organizer-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col" className="num">
                {t("audit.rows")}
              </th>
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
                <td className="num">{a.rowCount ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
