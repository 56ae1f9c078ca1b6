import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import HCaptcha from "@hcaptcha/react-hcaptcha";
import { Form, Link, useNavigation, useParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { VISIBILITIES } from "~/domain/vocab";
import { LIMITS, signatureErrorMap, signatureSchema } from "~/schemas/signature";

export interface SignFormProps {
  groups: { key: string; label: string }[];
  lastResult: SubmissionResult<string[]> | null | undefined;
  formError?: string | null;
  captchaSitekey: string | null;
  countries: { code: string; name: string }[];
  refTag?: string | null;
  /** The organizer preview: every control shown, none usable, nothing submitted. */
  disabled?: boolean;
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.map((e) => t(`sign:errors.${e}`, { defaultValue: t("sign:errors.invalid") })).join(" ")}
    </p>
  );
}

export function SignatureForm({
  groups,
  lastResult,
  formError,
  captchaSitekey,
  countries,
  refTag,
  disabled = false,
}: SignFormProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { slug } = useParams();
  const [captchaToken, setCaptchaToken] = useState("");
  const [form, fields] = useForm({
    id: "sign",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate({ formData }) {
      return parseWithZod(formData, { schema: signatureSchema, errorMap: signatureErrorMap });
    },
    defaultValue: { visibility: "public" },
  });
  const submitting = navigation.state === "submitting";
  const captchaErrors = (form.allErrors.captcha ?? []) as string[];

  const controls = (
    <>
      <div className="field">
        <label htmlFor={fields.fullName.id}>{t("sign:fullName")}</label>
        <input
          {...getInputProps(fields.fullName, { type: "text" })}
          autoComplete="name"
          maxLength={LIMITS.name}
          aria-describedby={`${fields.fullName.errorId}`}
        />
        <FieldError id={fields.fullName.errorId} errors={fields.fullName.errors} />
      </div>

      <div className="field">
        <label htmlFor={fields.email.id}>{t("sign:email")}</label>
        <input
          {...getInputProps(fields.email, { type: "email" })}
          autoComplete="email"
          maxLength={LIMITS.email}
          aria-describedby={`${fields.email.errorId} email-help`}
        />
        <p id="email-help" className="help">
          {t("sign:emailHelp")}
        </p>
        <FieldError id={fields.email.errorId} errors={fields.email.errors} />
      </div>

      <div className="field">
        <label htmlFor={fields.group.id}>{t("sign:group")}</label>
        <select {...getSelectProps(fields.group)}>
          <option value="">{t("sign:choose")}</option>
          {groups.map((g) => (
            <option key={g.key} value={g.key}>
              {g.label}
            </option>
          ))}
        </select>
        <FieldError id={fields.group.errorId} errors={fields.group.errors} />
      </div>

      <div className="field">
        <label htmlFor={fields.title.id}>
          {t("sign:titleField")} <span className="optional">{t("sign:optional")}</span>
        </label>
        <input
          {...getInputProps(fields.title, { type: "text" })}
          autoComplete="organization-title"
          maxLength={LIMITS.title}
          placeholder={t("sign:titlePlaceholder")}
        />
        <FieldError id={fields.title.errorId} errors={fields.title.errors} />
      </div>

      <div className="field-row">
        <div className="field">
          <label htmlFor={fields.country.id}>{t("sign:country")}</label>
          <select {...getSelectProps(fields.country)} autoComplete="country">
            <option value="">{t("sign:choose")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError id={fields.country.errorId} errors={fields.country.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.city.id}>
            {t("sign:city")} <span className="optional">{t("sign:optional")}</span>
          </label>
          <input
            {...getInputProps(fields.city, { type: "text" })}
            maxLength={LIMITS.city}
            autoComplete="address-level2"
          />
          <FieldError id={fields.city.errorId} errors={fields.city.errors} />
        </div>
      </div>

      <div className="field">
        <label htmlFor={fields.comment.id}>
          {t("sign:comment")} <span className="optional">{t("sign:optional")}</span>
        </label>
        <textarea {...getTextareaProps(fields.comment)} rows={3} maxLength={LIMITS.comment} />
        <FieldError id={fields.comment.errorId} errors={fields.comment.errors} />
      </div>

      <fieldset className="field visibility">
        <legend>{t("sign:visibility")}</legend>
        {VISIBILITIES.map((v) => (
          <label key={v} className="choice">
            <input
              type="radio"
              name={fields.visibility.name}
              value={v}
              defaultChecked={(fields.visibility.initialValue ?? "public") === v}
            />
            <span>
              <strong>{t(`sign:visibilityOptions.${v}.label`)}</strong>
              <span className="help">{t(`sign:visibilityOptions.${v}.help`)}</span>
            </span>
          </label>
        ))}
        <FieldError id={fields.visibility.errorId} errors={fields.visibility.errors} />
      </fieldset>

      <label className="choice">
        <input type="checkbox" name={fields.updatesConsent.name} value="on" defaultChecked={false} />
        <span>{t("sign:updatesConsent")}</span>
      </label>

      {refTag ? <input type="hidden" name="ref" value={refTag} /> : null}

      {/* Honeypot: hidden from people and from assistive technology; bots fill it in. */}
      <div className="hp" aria-hidden="true">
        <label htmlFor="sign-website">Website</label>
        <input id="sign-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>

      {captchaSitekey ? (
        <div className="field">
          <HCaptcha
            sitekey={captchaSitekey}
            languageOverride={i18n.language}
            onVerify={setCaptchaToken}
            onExpire={() => setCaptchaToken("")}
          />
          <input type="hidden" name="h-captcha-response" value={captchaToken} />
          <FieldError id="captcha-error" errors={captchaErrors} />
        </div>
      ) : null}

      <p className="help">
        {t("sign:privacy")} <Link to={`/${i18n.language}/privacy`}>{t("manage:privacyLink")}</Link>
      </p>
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? t("sign:submitting") : t("sign:submit")}
      </button>
    </>
  );

  return (
    <Form method="post" className="sign-form" {...getFormProps(form)} aria-labelledby="sign-heading">
      <h2 id="sign-heading">{t("sign:title")}</h2>
      <p className="sign-form__lead">{t("sign:lead")}</p>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}

      {disabled ? (
        // A disabled fieldset disables every control in it, the submit button included.
        <fieldset disabled className="sign-form__preview" style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
          {controls}
        </fieldset>
      ) : (
        controls
      )}
      <p className="help sign-form__manage">
        <Link to={`/${i18n.language}/campaigns/${slug}/manage`}>{t("manage:lostLink")}</Link>
      </p>
    </Form>
  );
}
