import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/format";
import type { PublicOutcome } from "~/services/campaign-outcome.server";

/**
 * What happened to the campaign, on its public page: "including N on paper", the timeline
 * (opened → goal reached → delivered → answer due → answered, or no answer after the due
 * day), and the addressee's answer in the reader's language.
 */
export function CampaignOutcome({ outcome }: { outcome: PublicOutcome | null }) {
  const { t } = useTranslation();
  const { number, date } = useFormat();
  if (!outcome) return null;
  const showTimeline = outcome.steps.some((s) => s.kind !== "opened");
  return (
    <>
      {outcome.onPaper ? (
        <p className="campaign__paper" data-testid="on-paper">
          {t("outcome.onPaper", { count: outcome.onPaper, formatted: number(outcome.onPaper) })}
        </p>
      ) : null}
      {showTimeline ? (
        <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline">
          <h2 id="timeline-title" className="timeline__title">
            {t("outcome.timelineTitle")}
          </h2>
          <ol className="timeline__steps">
            {outcome.steps.map((s) => (
              <li key={s.kind} className={`timeline__step timeline__step--${s.kind}`}>
                {s.kind === "opened" ? t("outcome.opened", { date: date(s.on) }) : null}
                {s.kind === "goalReached" ? t("outcome.goalReached", { goal: number(s.goal) }) : null}
                {s.kind === "delivered" ? t("outcome.delivered", { date: date(s.on), to: s.to }) : null}
                {s.kind === "answerDue"
                  ? s.overdue
                    ? t("outcome.noAnswer", { date: date(s.on) })
                    : t("outcome.answerDue", { date: date(s.on) })
                  : null}
                {s.kind === "answered" ? t("outcome.answered", { date: date(s.on) }) : null}
              </li>
            ))}
          </ol>
          {outcome.answer ? (
            <blockquote className="timeline__answer" lang={outcome.answer.locale} data-testid="answer">
              {outcome.answer.text.split(/\n\s*\n/).map((p, i) => (
                <p key={i}>{p}</p>
              ))}
              {outcome.answer.documentUrl ? (
                <p>
                  <a href={outcome.answer.documentUrl} rel="noopener noreferrer nofollow">
                    {t("outcome.document")}
                  </a>
                </p>
              ) : null}
            </blockquote>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

/**
 * The countries of the campaign's signers as bars, from the public per-country numbers
 * (which leave out "counted only" signers). The list below it carries the same numbers as text.
 */
export function CountryPicture({
  countries,
  names,
}: {
  countries: { country: string; count: number }[];
  names: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const shown = countries.slice(0, 12);
  if (shown.length < 2) return null;
  const max = Math.max(1, ...shown.map((c) => c.count));
  const row = 24;
  const width = 560;
  const labelWidth = 170;
  const bars = width - labelWidth - 70;
  const top = shown
    .slice(0, 3)
    .map((c) => `${names[c.country] ?? c.country} ${number(c.count)}`)
    .join(", ");
  return (
    <svg
      viewBox={`0 0 ${width} ${shown.length * row + 4}`}
      role="img"
      aria-label={t("outcome.countryPicture", { top })}
      className="country-picture"
      data-testid="country-picture"
    >
      {shown.map((c, i) => {
        const w = Math.max(2, Math.round((c.count / max) * bars));
        const name = names[c.country] ?? c.country;
        return (
          <g key={c.country}>
            <text x={labelWidth - 8} y={i * row + 17} textAnchor="end" className="chart__label">
              {name.length > 24 ? `${name.slice(0, 23)}…` : name}
            </text>
            <rect x={labelWidth} y={i * row + 5} width={w} height={row - 8} rx={2} className="chart__bar" />
            <text x={labelWidth + w + 6} y={i * row + 17} className="chart__value">
              {number(c.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
