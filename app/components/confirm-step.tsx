import { useTranslation } from "react-i18next";

/**
 * The second step of a destructive action, without JavaScript: the first button only opens
 * a <details> that asks and shows the real submit button (in the same form, so the form's
 * fields go with it). Nothing is sent until that second button is pressed.
 */
export function ConfirmStep({
  label,
  summaryLabel,
  name,
  value,
  irreversible = false,
  question,
  small = true,
}: {
  /** The action, on both buttons ("Remove", "Invalidate"). */
  label: string;
  /** A fuller accessible name for the first button (e.g. which group), when the label is short. */
  summaryLabel?: string;
  /** The submit button's name and value (e.g. intent=delete), when the form needs them. */
  name?: string;
  value?: string;
  /** Says the action cannot be undone. */
  irreversible?: boolean;
  /** The question asked, when the generic one says too little. */
  question?: string;
  small?: boolean;
}) {
  const { t } = useTranslation("organizer");
  const size = small ? " button--small" : "";
  return (
    <details className="confirm-step">
      <summary className={`button button--danger${size}`} aria-label={summaryLabel}>
        {label}
      </summary>
      <span className="confirm-step__panel" role="group" aria-label={summaryLabel ?? label}>
        <span>{question ?? (irreversible ? t("confirm.irreversible") : t("confirm.question"))}</span>{" "}
        <button type="submit" name={name} value={value} className={`button button--danger${size}`}>
          {label}
        </button>
      </span>
    </details>
  );
}
