import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The form kit: every form's field frame and error line, so errors sit next to their field,
 * are announced (aria-describedby + role), and read the same everywhere. Error messages are
 * codes from app/schemas/fields.ts (or a form's own schema), translated under `ns:errors.*`
 * with the limit as {{max}}.
 */

/** One or more error codes of a field, translated; nothing when there are none. */
export function FieldError({
  id,
  errors,
  ns,
  max,
}: {
  id: string;
  /** Conform's `field.errors`, or a single code from a service's typed result. */
  errors: readonly string[] | string | null | undefined;
  /** The namespace whose `errors.*` keys translate the codes (e.g. "orgCampaign"). */
  ns: string;
  max?: number;
}) {
  const { t } = useTranslation(ns);
  const list = typeof errors === "string" ? [errors] : (errors ?? []);
  if (list.length === 0) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {list.map((code) => t(`errors.${code}`, { max, defaultValue: t("errors.invalid", { max }) })).join(" ")}
    </p>
  );
}

/**
 * A labelled field: label, control, optional hint and its error, wired together by ids.
 * `children` is the control; give it `id={id}` and `aria-describedby={describedBy}`.
 */
export function Field({
  id,
  label,
  hint,
  optional,
  errors,
  ns,
  max,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown after the label as "(optional)". */
  optional?: boolean;
  errors?: readonly string[] | string | null;
  ns: string;
  max?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation("common");
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional ? <span className="field-optional"> ({t("optional")})</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} errors={errors} ns={ns} max={max} />
    </div>
  );
}

/** The ids a control should name in aria-describedby. */
export function describedBy(id: string, { hint = false }: { hint?: boolean } = {}): string {
  return hint ? `${id}-hint ${id}-error` : `${id}-error`;
}

/**
 * A form that is one button: the page's action reads `intent` and nothing else (approve,
 * mark delivered, remove a photo). Destructive ones that need a second click use ConfirmStep.
 */
export function IntentButton({
  intent,
  className = "button",
  children,
}: {
  intent: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={className}>
        {children}
      </button>
    </Form>
  );
}
