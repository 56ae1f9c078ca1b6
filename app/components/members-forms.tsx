import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";

/*
 * The forms of the organizer-members pages (a campaign's members, and the platform admin's
 * list of organizers), which answer with the same kinds of results.
 */

/** The last answer of an organizer-members form, as far as the invite form needs it. */
export interface InviteResult {
  kind: string;
  email?: string;
  values?: Record<string, string>;
  errors?: Partial<Record<string, string>>;
}

/** What the invite form was last sent with (when that was refused), and the field errors. */
export interface InviteFormState {
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
}

/**
 * The form that invites an organizer by email, in the language of their choice: the email
 * field (with its error), the language select and the submit button. A route adds its own
 * fields before and after the language (`beforeLanguage`, `afterLanguage`). After an
 * invitation was sent the form starts empty again.
 */
export function InviteForm({
  result,
  uiLocale,
  beforeLanguage,
  afterLanguage,
}: {
  result: InviteResult | undefined;
  /** The language preselected for the invitation mail. */
  uiLocale: string;
  beforeLanguage?: (form: InviteFormState) => ReactNode;
  afterLanguage?: (form: InviteFormState) => ReactNode;
}) {
  const { t } = useTranslation("orgMembers");
  const invalid = result?.kind === "invalid" ? result : null;
  const form: InviteFormState = {
    values: invalid?.values?.intent === "invite" ? invalid.values : {},
    errors: invalid?.errors ?? {},
  };
  const emailError = form.errors.email ? t(`errors.${form.errors.email}`) : null;
  return (
    <Form method="post" key={result?.kind === "invited" ? `sent-${result.email}` : "invite"}>
      <input type="hidden" name="intent" value="invite" />
      <p className="field">
        <label htmlFor="invite-email">{t("invite.email")}</label>
        <input
          id="invite-email"
          name="email"
          type="email"
          required
          maxLength={254}
          defaultValue={form.values.email ?? ""}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "invite-email-error" : undefined}
        />
        {emailError ? (
          <span id="invite-email-error" className="field-error">
            {emailError}
          </span>
        ) : null}
      </p>
      {beforeLanguage?.(form)}
      <p className="field">
        <label htmlFor="invite-locale">{t("invite.language")}</label>
        <select id="invite-locale" name="locale" defaultValue={form.values.locale ?? uiLocale}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        <span>{t("invite.languageNote")}</span>
      </p>
      {afterLanguage?.(form)}
      <button type="submit" className="button">
        {t("invite.submit")}
      </button>
    </Form>
  );
}

/** A one-button form acting on one organizer of the list (`intent`: resend, remove, disable, …). */
export function OrganizerActionButton({
  intent,
  organizerId,
  children,
}: {
  intent: string;
  organizerId: number;
  children: ReactNode;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="organizerId" value={organizerId} />
      <button type="submit" className="button button--small">
        {children}
      </button>
    </Form>
  );
}

/** What the last form did, or why it did not. */
export function MembersResultNotice({ result }: { result: { kind: string; email?: string; reason?: string } }) {
  const { t } = useTranslation("orgMembers");
  if (result.kind === "invalid") {
    return (
      <p className="notice" role="alert">
        {t("results.fixErrors")}
      </p>
    );
  }
  if (result.kind === "refused" || result.kind === "limited") {
    return (
      <p className="notice" role="alert">
        {t(result.kind === "limited" ? "errors.limited" : `errors.${result.reason ?? "invalid"}`)}
      </p>
    );
  }
  return (
    <p className="notice" role="status">
      {t(`results.${result.kind}`, { email: result.email ?? "" })}
    </p>
  );
}
