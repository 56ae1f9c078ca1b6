import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { Field } from "~/components/form-kit";
import { LOCALES, MEMBER_ROLES } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";
import { INVITE_LIMITS, memberInviteSchema, membersErrorMap, organizerInviteSchema } from "~/schemas/organizer-members";

/*
 * The forms of the organizer-members pages (a campaign's members, and the platform admin's
 * list of organizers), which answer with the same kinds of results.
 */

/** The last answer of an organizer-members form, as far as the invite form needs it. */
export interface InviteResult {
  kind: string;
  email?: string;
  /** What a refused form was sent with (its `intent` says which form). */
  values?: Record<string, string>;
  /** Conform's reply to a refused form: its values and field errors. */
  reply?: SubmissionResult<string[]>;
}

/** The invite form's fields (the members page asks for a role, the organizers page for admin). */
interface InviteFields {
  intent: "invite";
  email: string;
  role?: string;
  locale?: string;
  admin?: boolean;
}

/**
 * The form that invites an organizer by email, in the language of their choice: the email
 * field (with its error), then a role (`invitee="member"`: a campaign's members page) or
 * the platform-admin checkbox (`invitee="organizer"`: the organizers page), the language select
 * and the submit button. After an invitation was sent the form starts empty again.
 */
export function InviteForm({
  invitee,
  result,
  uiLocale,
}: {
  invitee: "member" | "organizer";
  result: InviteResult | undefined;
  /** The language preselected for the invitation mail. */
  uiLocale: string;
}) {
  const refused = result?.kind === "invalid" && result.values?.intent === "invite" ? result.reply : undefined;
  return (
    <InviteFormFields
      key={result?.kind === "invited" ? `sent-${result.email}` : "invite"}
      invitee={invitee}
      lastResult={refused}
      uiLocale={uiLocale}
    />
  );
}

function InviteFormFields({
  invitee,
  lastResult,
  uiLocale,
}: {
  invitee: "member" | "organizer";
  lastResult: SubmissionResult<string[]> | undefined;
  uiLocale: string;
}) {
  const { t } = useTranslation(["orgMembers", "organizer"]);
  const [form, fields] = useForm<InviteFields>({
    id: "invite",
    lastResult,
    defaultValue: { role: "editor", locale: uiLocale },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate({ formData }) {
      return parseWithZod(formData, {
        schema: invitee === "member" ? memberInviteSchema : organizerInviteSchema,
        errorMap: membersErrorMap,
      });
    },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="invite" />
      <Field id={fields.email.id} label={t("invite.email")} errors={fields.email.errors} ns="orgMembers">
        <input {...getInputProps(fields.email, { type: "email" })} required maxLength={INVITE_LIMITS.email} />
      </Field>
      {invitee === "member" ? (
        <Field id={fields.role.id} label={t("invite.role")} errors={fields.role.errors} ns="orgMembers">
          <select {...getSelectProps(fields.role)}>
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`organizer:roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field
        id={fields.locale.id}
        label={t("invite.language")}
        hint={t("invite.languageNote")}
        errors={fields.locale.errors}
        ns="orgMembers"
      >
        <select {...getSelectProps(fields.locale, { ariaDescribedBy: `${fields.locale.id}-hint` })}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </Field>
      {invitee === "organizer" ? (
        <p className="field">
          <label>
            <input {...getInputProps(fields.admin, { type: "checkbox", value: "on" })} /> {t("admin.asAdmin")}
          </label>
        </p>
      ) : null}
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
  confirm,
}: {
  intent: string;
  organizerId: number;
  children: ReactNode;
  /** A destructive action (remove, disable): asks once more before it is sent. */
  confirm?: { label: string; summaryLabel?: string };
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="organizerId" value={organizerId} />
      {confirm ? (
        <ConfirmStep label={confirm.label} summaryLabel={confirm.summaryLabel} />
      ) : (
        <button type="submit" className="button button--small">
          {children}
        </button>
      )}
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
