import { useTranslation } from "react-i18next";
import { useFormat } from "./format";

export function SignatureProgress({ total, goal }: { total: number; goal: number | null }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const percent = goal ? Math.min(100, Math.round((total / goal) * 100)) : null;
  return (
    <div className="progress">
      <p className="progress__count">
        <strong>{number(total)}</strong> {t("campaign.signatures", { count: total })}
        {goal ? <span className="progress__goal"> {t("campaign.goalOf", { goal: number(goal) })}</span> : null}
      </p>
      {percent !== null ? (
        <div
          className="progress__bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={t("campaign.progressLabel", { percent })}
        >
          <span style={{ inlineSize: `${percent}%` }} />
        </div>
      ) : null}
    </div>
  );
}
