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
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form-kit";
import { StatusPage } from "~/components/status-page";
import { readForm } from "~/http/forms.server";
import { notFound, PUBLIC_PAGE_CACHE } from "~/http/responses";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";
import { fieldErrorMap } from "~/schemas/fields";
import { LETTER_LIMITS, writeLetterSchema } from "~/schemas/letters";
import { loadWritePage, submitLetter } from "~/services/letters-writing.server";
import { pageMeta, rootDataFrom } from "~/utils/seo";

/** Letters carry a few pages of text; the form is bigger than a signature's. */
const WRITE_FORM_BYTES = 256 * 1024;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const page = await loadWritePage(params.slug ?? "", locale);
  if (!page) notFound();
  const sent = new URL(request.url).searchParams.get("sent");
  return { ...page, sent: sent === "confirm" ? ("confirm" as const) : sent === "1" ? ("sent" as const) : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const slug = params.slug ?? "";
  const t = getFixedT(locale, "letters");
  const submission = parseWithZod(await readForm(request, WRITE_FORM_BYTES), {
    schema: writeLetterSchema,
    errorMap: fieldErrorMap,
  });
  const result = await submitLetter(slug, locale, submission, { ip: context.clientIp });
  switch (result.kind) {
    case "accepted":
      return redirect(`/${locale}/prisoners/${slug}/write?sent=${result.confirmMailed ? "confirm" : "1"}`);
    case "invalid":
      return data({ lastResult: result.reply, formError: null, max: result.max ?? null }, { status: 400 });
    case "rate-limited":
      return data(
        { lastResult: null, formError: t("write.rateLimited"), max: null },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    case "closed":
      return data(
        { lastResult: null, formError: t("write.closed", { reason: result.reason }), max: null },
        { status: 409 },
      );
    case "not-found":
      notFound();
  }
}

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_PAGE_CACHE });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        ...pageMeta({
          title: `${data.prisoner.name} — Undersigned`,
          description: data.guidance.slice(0, 160),
          root: rootDataFrom(matches),
          path: `/prisoners/${data.prisoner.slug}/write`,
        }),
      ]
    : [{ title: "Undersigned" }];

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} style={{ whiteSpace: "pre-line" }}>
            {p}
          </p>
        ))}
    </>
  );
}

function WriteForm({
  page,
  lastResult,
  formError,
}: {
  page: ReturnType<typeof useLoaderData<typeof loader>>;
  lastResult: SubmissionResult<string[]> | null | undefined;
  formError: string | null | undefined;
}) {
  const { t, i18n } = useTranslation("letters");
  const navigation = useNavigation();
  const [captchaToken, setCaptchaToken] = useState("");
  const defaultLanguage = page.languages.find((l) => l.code === i18n.language)?.code ?? "";
  const [form, fields] = useForm({
    id: "write",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: writeLetterSchema, errorMap: fieldErrorMap }),
    defaultValue: { language: defaultLanguage },
  });
  const captchaErrors = (form.allErrors.captcha ?? []) as string[];
  const max = page.maxLength;
  return (
    <Form method="post" className="sign-form" {...getFormProps(form)} aria-labelledby="write-form-title">
      <h2 id="write-form-title">{t("write.formTitle")}</h2>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={fields.body.id}>{t("write.body")}</label>
        <textarea
          {...getTextareaProps(fields.body)}
          rows={14}
          maxLength={max}
          aria-describedby={`${fields.body.errorId} write-body-help`}
        />
        <p id="write-body-help" className="help">
          {t("write.bodyHelp", { max })}
        </p>
        <FieldError id={fields.body.errorId} errors={fields.body.errors} ns="letters" max={max} />
      </div>
      <div className="field">
        <label htmlFor={fields.writerName.id}>{t("write.writerName")}</label>
        <input
          {...getInputProps(fields.writerName, { type: "text" })}
          autoComplete="given-name"
          maxLength={LETTER_LIMITS.name}
          aria-describedby={`${fields.writerName.errorId} write-name-help`}
        />
        <p id="write-name-help" className="help">
          {t("write.writerNameHelp")}
        </p>
        <FieldError id={fields.writerName.errorId} errors={fields.writerName.errors} ns="letters" />
      </div>
      <div className="field">
        <label htmlFor={fields.country.id}>{t("write.country")}</label>
        <select {...getSelectProps(fields.country)} autoComplete="country">
          <option value="">{t("write.choose")}</option>
          {page.countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError id={fields.country.errorId} errors={fields.country.errors} ns="letters" />
      </div>
      <div className="field">
        <label htmlFor={fields.language.id}>{t("write.language")}</label>
        <select {...getSelectProps(fields.language)}>
          <option value="">{t("write.choose")}</option>
          {page.languages.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </select>
        <FieldError id={fields.language.errorId} errors={fields.language.errors} ns="letters" />
      </div>
      <div className="field">
        <label htmlFor={fields.email.id}>
          {t("write.email")} <span className="optional">{t("write.optional")}</span>
        </label>
        <input
          {...getInputProps(fields.email, { type: "email" })}
          autoComplete="email"
          maxLength={LETTER_LIMITS.email}
          aria-describedby={`${fields.email.errorId} write-email-help`}
        />
        <p id="write-email-help" className="help">
          {t("write.emailHelp")}
        </p>
        <FieldError id={fields.email.errorId} errors={fields.email.errors} ns="letters" />
      </div>
      <label className="choice">
        <input type="checkbox" name={fields.consent.name} value="on" aria-describedby={fields.consent.errorId} />
        <span>{t("write.consent")}</span>
      </label>
      <FieldError id={fields.consent.errorId} errors={fields.consent.errors} ns="letters" />
      <label className="choice">
        <input type="checkbox" name={fields.publishConsent.name} value="on" />
        <span>{t("write.publishConsent")}</span>
      </label>
      {/* Honeypot: hidden from people and from assistive technology; bots fill it in. */}
      <div className="hp" aria-hidden="true">
        <label htmlFor="write-website">Website</label>
        <input id="write-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      {page.captchaSitekey ? (
        <div className="field">
          <HCaptcha
            sitekey={page.captchaSitekey}
            languageOverride={i18n.language}
            onVerify={setCaptchaToken}
            onExpire={() => setCaptchaToken("")}
          />
          <input type="hidden" name="h-captcha-response" value={captchaToken} />
          <FieldError id="captcha-error" errors={captchaErrors} ns="letters" />
        </div>
      ) : null}
      <p className="help">{t("write.privacy")}</p>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? t("write.sending") : t("write.submit")}
      </button>
    </Form>
  );
}

export default function PrisonerWrite() {
  const page = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t, i18n } = useTranslation("letters");
  const back = (
    <p>
      <Link to={`/${i18n.language}/prisoners/${page.prisoner.slug}`}>
        {t("write.back", { name: page.prisoner.name })}
      </Link>
    </p>
  );
  if (page.sent) {
    return (
      <StatusPage title={t("sent.title")} icon="✉">
        <p>{t("sent.text", { name: page.prisoner.name })}</p>
        {page.sent === "confirm" ? <p>{t("sent.confirm")}</p> : null}
        <p>{t("sent.delay")}</p>
        {back}
      </StatusPage>
    );
  }
  return (
    <article className="write-letter">
      <h1>{t("write.title", { name: page.prisoner.name })}</h1>
      {back}
      {!page.open ? (
        <p className="notice" role="status" data-testid="letters-closed">
          {t("write.closed", { reason: page.closedReason })}
        </p>
      ) : null}
      <section aria-labelledby="guidance-title" className="prose">
        <h2 id="guidance-title">{t("write.guidanceTitle")}</h2>
        <Paragraphs text={page.guidance} />
        <ul>
          <li>{t("write.factLanguage", { language: t(`languages.${page.requiredLanguage}`) })}</li>
          <li>{t("write.factDelay")}</li>
          {page.electronicService ? <li>{t("write.factElectronic")}</li> : null}
          <li>{t("write.factPrivacy")}</li>
        </ul>
      </section>
      {page.open ? (
        <WriteForm page={page} lastResult={acted?.lastResult} formError={acted?.formError} />
      ) : acted?.formError ? (
        <p className="form-error" role="alert">
          {acted.formError}
        </p>
      ) : null}
    </article>
  );
}
