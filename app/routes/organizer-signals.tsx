import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { parseBurstThreshold } from "~/schemas/moderation";
import { loadSignals, type NameFinding } from "~/services/abuse-signals.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("signals");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "moderate");
  const threshold = parseBurstThreshold(new URL(request.url).searchParams.get("threshold"));
  return loadSignals(access, { threshold });
}

type Burst = Awaited<ReturnType<typeof loader>>["ipBursts"][number];

export default function OrganizerSignals() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("orgModeration");
  const { t: to } = useTranslation("organizer");
  const base = `/organizer/campaigns/${page.slug}`;
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { timeZone: "UTC" });
  const number = (n: number) => n.toLocaleString(i18n.language);
  const idsLink = (rows: readonly { id: number }[]) =>
    `${base}/signatures?ids=${rows
      .slice(0, 200)
      .map((r) => r.id)
      .join(",")}`;

  const bursts = (kind: "ip" | "domain", rows: readonly Burst[]) => (
    <section aria-labelledby={`bursts-${kind}`}>
      <h3 id={`bursts-${kind}`}>{t(`signals.bursts.${kind}`)}</h3>
      {rows.length === 0 ? (
        <p>{t("signals.none")}</p>
      ) : (
        <table className="organizer-table">
          <thead>
            <tr>
              <th scope="col">{t(kind === "ip" ? "invalidate.ip" : "invalidate.domain")}</th>
              <th scope="col">{t("signals.bursts.peak")}</th>
              <th scope="col">{t("signals.bursts.total")}</th>
              <th scope="col">{t("signals.bursts.first")}</th>
              <th scope="col">{t("signals.bursts.last")}</th>
              <th scope="col">{t("columns.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.key} data-testid={`burst-${kind}`}>
                <td>
                  <code>{b.key}</code>
                </td>
                <td>{number(b.peak)}</td>
                <td>{number(b.total)}</td>
                <td>{when(b.firstAt)}</td>
                <td>{when(b.lastAt)}</td>
                <td>
                  <Link to={`${base}/signatures?${kind}=${encodeURIComponent(b.key)}`}>{t("signals.show")}</Link> ·{" "}
                  <Link to={`${base}/invalidate?${b.invalidate}`}>{t("signals.invalidate")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );

  const names = (id: string, rows: readonly NameFinding[], matchLabel: string) => (
    <section aria-labelledby={id}>
      <h3 id={id}>{t(`signals.${id}.title`)}</h3>
      <p>{t(`signals.${id}.intro`)}</p>
      {rows.length === 0 ? (
        <p>{t("signals.none")}</p>
      ) : (
        <>
          <p>
            <Link to={idsLink(rows)}>{t("signals.showAll", { count: rows.length })}</Link>
          </p>
          <table className="organizer-table">
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("signatures.title")}</th>
                <th scope="col">{t("columns.state")}</th>
                <th scope="col">{matchLabel}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid={`finding-${id}`}>
                  <td>
                    <Link to={idsLink([r])}>{r.fullName}</Link>
                  </td>
                  <td>{r.title}</td>
                  <td>{to(`states.${r.state}`)}</td>
                  <td>{r.match}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );

  return (
    <section aria-labelledby="signals-title">
      <h1 id="signals-title">{t("signals.title")}</h1>
      <p>
        <Link to={base}>{t("overview")}</Link> · <Link to={`${base}/signatures`}>{t("signaturesLink")}</Link> ·{" "}
        <Link to={`${base}/invalidate`}>{t("invalidate.title")}</Link>
      </p>

      <h2>{t("signals.bursts.title")}</h2>
      <p>{t("signals.bursts.intro", { count: page.threshold, days: page.days })}</p>
      <Form method="get" className="organizer-filters">
        <label>
          {t("signals.bursts.threshold")}{" "}
          <input name="threshold" type="number" min={1} max={10000} defaultValue={page.threshold} />
        </label>{" "}
        <button type="submit" className="button button--small">
          {t("signals.apply")}
        </button>
      </Form>
      {bursts("ip", page.ipBursts)}
      {bursts("domain", page.domainBursts)}

      <h2>{t("signals.namesTitle")}</h2>
      {page.capped ? <p className="notice">{t("signals.capped", { count: page.scanned })}</p> : null}
      {names("imitations", page.imitations, t("signals.imitations.match"))}
      {names("claims", page.claims, t("signals.claims.match"))}

      <h2 id="disposable">{t("signals.disposable.title")}</h2>
      <p>{t("signals.disposable.intro")}</p>
      {page.disposable.length === 0 ? (
        <p>{t("signals.none")}</p>
      ) : (
        <table className="organizer-table">
          <thead>
            <tr>
              <th scope="col">{t("invalidate.domain")}</th>
              <th scope="col">{t("signals.bursts.total")}</th>
              <th scope="col">{t("columns.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {page.disposable.map((d) => (
              <tr key={d.domain} data-testid="disposable-domain">
                <td>
                  <code>{d.domain}</code>
                </td>
                <td>{number(d.count)}</td>
                <td>
                  <Link to={`${base}/signatures?domain=${encodeURIComponent(d.domain)}`}>{t("signals.show")}</Link> ·{" "}
                  <Link to={`${base}/invalidate?domain=${encodeURIComponent(d.domain)}`}>
                    {t("signals.invalidate")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
