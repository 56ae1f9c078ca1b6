import { useId } from "react";
import { useTranslation } from "react-i18next";

/**
 * Charts drawn on the server as plain SVG (no script, nothing fetched): each is a figure
 * whose picture is labelled for screen readers and followed by the same numbers as a table
 * (in a <details>, open without JavaScript). Bars share one scale per chart.
 */

export interface BarPoint {
  key: string;
  label: string;
  value: number;
}

const WIDTH = 640;

function useNumber() {
  const { i18n } = useTranslation();
  return (n: number) => n.toLocaleString(i18n.language);
}

/** The table behind a chart. */
function DataTable({ caption, head, rows }: { caption: string; head: [string, string]; rows: [string, string][] }) {
  const { t } = useTranslation("orgInsights");
  return (
    <details className="chart__data">
      <summary>{t("charts.showTable")}</summary>
      <table className="organizer-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head[0]}</th>
            <th scope="col">{head[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value], i) => (
            <tr key={`${label}-${i}`}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Horizontal bars, one per category, largest first as given. */
export function BarChart({
  title,
  points,
  columns,
  summary,
  testId,
}: {
  title: string;
  points: BarPoint[];
  /** The table's column headings: what a row is, what its number counts. */
  columns: [string, string];
  /** One sentence for screen readers: what the picture shows. */
  summary: string;
  testId?: string;
}) {
  const id = useId();
  const number = useNumber();
  const { t } = useTranslation("orgInsights");
  const max = Math.max(1, ...points.map((p) => p.value));
  const row = 26;
  const labelWidth = 200;
  const barArea = WIDTH - labelWidth - 90;
  const height = Math.max(row, points.length * row) + 4;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {points.length === 0 ? (
        <p className="help">{t("charts.empty")}</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          className="chart__svg"
          preserveAspectRatio="xMinYMin meet"
        >
          <desc id={`${id}-desc`}>{summary}</desc>
          {points.map((p, i) => {
            const y = i * row + 4;
            const w = Math.max(p.value > 0 ? 2 : 0, Math.round((p.value / max) * barArea));
            return (
              <g key={p.key}>
                <text x={labelWidth - 8} y={y + 15} textAnchor="end" className="chart__label">
                  {p.label.length > 28 ? `${p.label.slice(0, 27)}…` : p.label}
                </text>
                <rect x={labelWidth} y={y + 3} width={w} height={row - 8} rx={2} className="chart__bar" />
                <text x={labelWidth + w + 6} y={y + 15} className="chart__value">
                  {number(p.value)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <DataTable caption={title} head={columns} rows={points.map((p) => [p.label, number(p.value)])} />
    </figure>
  );
}

/** Columns over time: daily buckets, then hourly ones (drawn in a second colour). */
export function TimeChart({
  title,
  points,
  columns,
  summary,
}: {
  title: string;
  points: { key: string; hourly: boolean; value: number }[];
  columns: [string, string];
  summary: string;
}) {
  const id = useId();
  const number = useNumber();
  const { t, i18n } = useTranslation("orgInsights");
  const max = Math.max(1, ...points.map((p) => p.value));
  const height = 180;
  const plot = height - 24;
  const step = points.length ? (WIDTH - 60) / points.length : 0;
  const when = (p: { key: string; hourly: boolean }) =>
    new Date(p.key).toLocaleString(i18n.language, {
      timeZone: "UTC",
      ...(p.hourly ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" } : { dateStyle: "medium" }),
    });
  const first = points[0];
  const last = points.at(-1);
  const firstHourly = points.findIndex((p) => p.hourly);
  return (
    <figure className="chart" data-testid="chart-over-time">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {points.every((p) => p.value === 0) ? (
        <p className="help">{t("charts.empty")}</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          className="chart__svg"
        >
          <desc id={`${id}-desc`}>{summary}</desc>
          <line x1={50} x2={WIDTH - 10} y1={plot} y2={plot} className="chart__axis" />
          <text x={46} y={12} textAnchor="end" className="chart__value">
            {number(max)}
          </text>
          <text x={46} y={plot} textAnchor="end" className="chart__value">
            0
          </text>
          {points.map((p, i) => {
            const h = Math.round((p.value / max) * (plot - 8));
            return (
              <rect
                key={p.key}
                x={52 + i * step}
                y={plot - h}
                width={Math.max(1, step - 1)}
                height={h}
                className={p.hourly ? "chart__bar chart__bar--recent" : "chart__bar"}
              />
            );
          })}
          {first ? (
            <text x={52} y={height - 6} className="chart__label">
              {when(first)}
            </text>
          ) : null}
          {firstHourly > 0 ? (
            <text x={52 + firstHourly * step} y={height - 6} textAnchor="middle" className="chart__label">
              {t("charts.hourlyFrom")}
            </text>
          ) : null}
          {last ? (
            <text x={WIDTH - 10} y={height - 6} textAnchor="end" className="chart__label">
              {when(last)}
            </text>
          ) : null}
        </svg>
      )}
      <DataTable caption={title} head={columns} rows={points.map((p) => [when(p), number(p.value)])} />
    </figure>
  );
}
