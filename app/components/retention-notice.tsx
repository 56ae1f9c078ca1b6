import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDay } from "./format";

/** The overview's notice, two weeks before a campaign's signer data is erased: export first. */
export function RetentionNotice({
  slug,
  retention,
}: {
  slug: string;
  retention: { runsAt: string; days: number; canExport: boolean };
}) {
  const { t, i18n } = useTranslation("orgCampaign");
  const base = `/organizer/campaigns/${slug}`;
  return (
    <div className="notice" role="note" data-testid="retention-notice" suppressHydrationWarning>
      <p>
        <strong>{t("retention.notice", { date: formatDay(retention.runsAt, i18n.language) })}</strong>{" "}
        {t("retention.noticeWhat")}
      </p>
      {retention.canExport ? (
        <p>
          <Link to={`${base}/export`}>{t("retention.exportNow")}</Link> ·{" "}
          <Link to={`${base}/settings#retention`}>{t("retention.change")}</Link>
        </p>
      ) : null}
    </div>
  );
}
