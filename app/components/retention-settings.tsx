import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describedBy, Field } from "./form-kit";
import { formatDay } from "./format";

export interface RetentionSettingsView {
  days: number;
  minDays: number;
  maxDays: number;
  state: "running" | "scheduled" | "done";
  runsAt: string | null;
  ranAt: string | null;
  reminderDays: number;
}

/**
 * The settings page's retention section: what is erased and when, the date it runs (or ran),
 * and the period, which owners and editors may change within its bounds.
 */
export function RetentionSettings({
  retention,
  error,
  typed,
  saved,
}: {
  retention: RetentionSettingsView;
  /** The refused value's error code, and the value as typed. */
  error?: string | null;
  typed?: string | null;
  saved: boolean;
}) {
  const { t, i18n } = useTranslation("orgCampaign");
  const id = "retention-days";
  const when = (iso: string) => formatDay(iso, i18n.language);
  return (
    <section aria-labelledby="retention">
      <h2 id="retention">{t("retention.title")}</h2>
      <p className="help">{t("retention.what")}</p>
      <p data-testid="retention-state" suppressHydrationWarning>
        {retention.state === "scheduled" && retention.runsAt ? (
          <strong>{t("retention.scheduled", { date: when(retention.runsAt) })}</strong>
        ) : retention.state === "done" && retention.ranAt ? (
          t("retention.done", { date: when(retention.ranAt) })
        ) : (
          t("retention.running", { count: retention.days })
        )}
      </p>
      {retention.state !== "done" ? (
        <p className="help">{t("retention.reminder", { count: retention.reminderDays })}</p>
      ) : null}
      {saved ? (
        <p className="notice" role="status">
          {t("retention.saved")}
        </p>
      ) : null}
      {retention.state !== "done" ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="retention" />
          <Field
            id={id}
            label={t("retention.days")}
            hint={t("retention.bounds", { min: retention.minDays, max: retention.maxDays })}
            errors={error}
            ns="orgCampaign"
          >
            <input
              id={id}
              name="days"
              type="text"
              inputMode="numeric"
              size={4}
              style={{ maxWidth: "8rem" }}
              defaultValue={typed ?? String(retention.days)}
              aria-describedby={describedBy(id, { hint: true })}
              aria-invalid={error ? true : undefined}
            />
          </Field>
          <button type="submit" className="button">
            {t("retention.save")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
