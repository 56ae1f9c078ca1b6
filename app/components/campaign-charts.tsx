import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CampaignCharts as Charts } from "~/services/campaign-insights.server";
import { BarChart, TimeChart } from "./charts";

/** The overview's pictures of a campaign: over time, by group, country and channel, and the confirmation funnel. */
export function CampaignCharts({ charts }: { charts: Charts }) {
  const { t, i18n } = useTranslation("orgInsights");
  const n = (v: number) => v.toLocaleString(i18n.language);
  const total = charts.byGroup.reduce((sum, g) => sum + g.value, 0);
  const f = charts.funnel;
  const rate = f.started ? Math.round((f.confirmed / f.started) * 100) : null;
  const top = (points: { label: string; value: number }[]) =>
    points
      .slice(0, 3)
      .map((p) => `${p.label} ${n(p.value)}`)
      .join(", ");
  return (
    <section aria-labelledby="charts-title" className="charts">
      <h2 id="charts-title">{t("charts.title")}</h2>
      {charts.onPaper ? (
        <p data-testid="overview-on-paper">
          {t("charts.onPaper", { count: charts.onPaper, formatted: n(charts.onPaper) })}
        </p>
      ) : null}
      <TimeChart
        title={t("charts.overTime")}
        points={charts.overTime}
        columns={[t("charts.when"), t("charts.signatures")]}
        summary={t("charts.overTimeSummary", {
          total: n(charts.overTime.reduce((s, p) => s + p.value, 0)),
          max: n(Math.max(0, ...charts.overTime.map((p) => p.value))),
        })}
      />
      <div className="charts__grid">
        <BarChart
          testId="chart-by-group"
          title={t("charts.byGroup")}
          points={charts.byGroup}
          columns={[t("charts.group"), t("charts.signatures")]}
          summary={t("charts.topSummary", { total: n(total), top: top(charts.byGroup) })}
        />
        <BarChart
          testId="chart-by-country"
          title={t("charts.byCountry")}
          points={charts.byCountry}
          columns={[t("charts.country"), t("charts.signatures")]}
          summary={t("charts.topSummary", { total: n(total), top: top(charts.byCountry) })}
        />
        <BarChart
          testId="chart-by-channel"
          title={t("charts.byChannel")}
          points={charts.byChannel}
          columns={[t("charts.channel"), t("charts.signatures")]}
          summary={t("charts.topSummary", { total: n(total), top: top(charts.byChannel) })}
        />
        <BarChart
          testId="chart-funnel"
          title={t("charts.funnel", { count: f.days })}
          points={[
            { key: "started", label: t("charts.started"), value: f.started },
            { key: "confirmed", label: t("charts.confirmed"), value: f.confirmed },
            { key: "counted", label: t("charts.counted"), value: f.counted },
            { key: "waiting", label: t("charts.waiting"), value: f.waiting },
            { key: "held", label: t("charts.held"), value: f.held },
          ]}
          columns={[t("charts.step"), t("charts.signatures")]}
          summary={
            rate === null
              ? t("charts.empty")
              : t("charts.rate", { rate, started: n(f.started), confirmed: n(f.confirmed) })
          }
        />
      </div>
      {rate !== null ? (
        <p data-testid="confirmation-rate">
          {t("charts.rate", { rate, started: n(f.started), confirmed: n(f.confirmed) })}
        </p>
      ) : null}
    </section>
  );
}

/** An owner's daily digest of this campaign, on or off. */
export function DigestSwitch({ on }: { on: boolean }) {
  const { t } = useTranslation("orgInsights");
  return (
    <Form method="post" className="digest-switch">
      <input type="hidden" name="intent" value="digest" />
      <input type="hidden" name="digest" value={on ? "off" : "on"} />
      <p>
        <span data-testid="digest-state">{on ? t("digest.on") : t("digest.off")}</span>{" "}
        <button type="submit" className="button button--secondary">
          {on ? t("digest.turnOff") : t("digest.turnOn")}
        </button>
      </p>
    </Form>
  );
}
