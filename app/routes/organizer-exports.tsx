import { useEffect, useRef, useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecentExports } from "~/components/recent-exports";
import { exportIdParam } from "~/http/export-download.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound } from "~/http/responses";
import { LOCALE_NAMES } from "~/i18n/config";
import { loadExportRecord } from "~/services/exports.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("exportFile");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const page = await loadExportRecord(access, exportIdParam(params.id));
  if (page.kind === "not-found") notFound();
  return page;
}

/**
 * One export: what was asked for, by whom and when, the single download, and its progress
 * ("N of M rows", read again every second while it runs; without JavaScript the page
 * reloads itself while it runs).
 */
export default function OrganizerExportRecord() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("exports");
  const revalidator = useRevalidator();
  const [searchParams] = useSearchParams();
  const [started, setStarted] = useState(false);
  const autoStarted = useRef(false);
  const e = page.export;
  const number = (n: number) => n.toLocaleString(i18n.language);
  const running = e.state === "running";
  const watching = running || (started && e.state === "requested");

  // Straight from the form: start the download (the page stays, the browser saves the file).
  useEffect(() => {
    if (autoStarted.current || searchParams.get("start") !== "1" || !page.canDownload) return;
    autoStarted.current = true;
    setStarted(true);
    window.location.assign(page.fileUrl);
  }, [searchParams, page.canDownload, page.fileUrl]);

  useEffect(() => {
    if (!watching) return;
    const timer = window.setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => window.clearInterval(timer);
  }, [watching, revalidator]);

  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  return (
    <section aria-labelledby="export-record-title">
      {running ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("export.back")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/export`}>{t("record.newExport")}</Link>
      </p>
      <h1 id="export-record-title">{t("record.title", { id: e.id })}</h1>
      <dl>
        <dt>{t("record.state")}</dt>
        <dd data-testid="export-state">{t(`exportStates.${e.state}`)}</dd>
        <dt>{t("record.rows")}</dt>
        <dd data-testid="export-progress" aria-live="polite">
          {e.state === "requested"
            ? t("record.estimated", { count: e.rowsTotal ?? 0, formatted: number(e.rowsTotal ?? 0) })
            : t("progress", { done: number(e.rowsDone), total: number(e.rowsTotal ?? 0), count: e.rowsTotal ?? 0 })}
        </dd>
        <dt>{t("record.format")}</dt>
        <dd>{t(`export.formats.${e.format}`)}</dd>
        <dt>{t("record.by")}</dt>
        <dd>{e.by}</dd>
        <dt>{t("record.createdAt")}</dt>
        <dd>
          <time dateTime={e.createdAt} suppressHydrationWarning>
            {date(e.createdAt)}
          </time>
        </dd>
        {e.finishedAt ? (
          <>
            <dt>{t("record.finishedAt")}</dt>
            <dd>
              <time dateTime={e.finishedAt} suppressHydrationWarning>
                {date(e.finishedAt)}
              </time>
            </dd>
          </>
        ) : null}
        <dt>{t("record.columns")}</dt>
        <dd>{e.columns.map((c) => t(`columns.${c}`)).join(", ")}</dd>
        <dt>{t("record.language")}</dt>
        <dd>{LOCALE_NAMES[e.locale]}</dd>
        <dt>{t("record.headers")}</dt>
        <dd>{t(`export.headersOptions.${e.headers}`)}</dd>
        <dt>{t("export.states")}</dt>
        <dd>{e.filters.states.map((s) => t(`states.${s}`)).join(", ")}</dd>
        <dt>{t("export.groups")}</dt>
        <dd>{e.filters.groups.length ? e.filters.groups.join(", ") : t("record.all")}</dd>
        <dt>{t("record.countries")}</dt>
        <dd>{e.filters.countries.length ? e.filters.countries.join(", ") : t("record.all")}</dd>
        <dt>{t("record.dates")}</dt>
        <dd>
          {e.filters.verifiedFrom || e.filters.verifiedTo
            ? t("record.dateRange", { from: e.filters.verifiedFrom ?? "…", to: e.filters.verifiedTo ?? "…" })
            : t("record.anyDate")}
        </dd>
        {e.sha256 ? (
          <>
            <dt>{t("record.sha256")}</dt>
            <dd>
              <code>{e.sha256}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {page.canDownload ? (
        <>
          <p>{t("record.once", { count: page.downloadMinutes })}</p>
          {started ? (
            <p className="notice" role="status">
              {t("record.starting")}
            </p>
          ) : null}
          <p>
            <a className="button" href={page.fileUrl} onClick={() => setStarted(true)}>
              {t("record.download")}
            </a>
          </p>
        </>
      ) : page.expired ? (
        <p className="notice">{t("record.expired", { count: page.downloadMinutes })}</p>
      ) : null}
      {page.recent ? <RecentExports slug={page.slug} exports={page.recent} /> : null}
    </section>
  );
}
