import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { FieldError } from "~/components/form-kit";
import { INVALIDATABLE_STATES } from "~/domain/vocab";
import { formValues, readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound } from "~/http/responses";
import {
  CRITERIA_FIELDS,
  CRITERIA_MAX,
  type CriteriaErrors,
  type CriteriaValues,
  criteriaErrorsOf,
  criteriaValuesOf,
  invalidationFormSchema,
  NAME_PATTERN_MAX,
} from "~/schemas/invalidation";
import {
  loadInvalidation,
  previewInvalidation,
  requestInvalidation,
  toInvalidationCriteria,
} from "~/services/invalidation.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("invalidate");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "moderate");
  return loadInvalidation(access, criteriaValuesOf(Object.fromEntries(new URL(request.url).searchParams)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "moderate");
  const form = await readForm(request);
  const values = criteriaValuesOf(formValues(form));
  const submission = parseWithZod(form, { schema: invalidationFormSchema });
  if (submission.status !== "success") {
    // An intent no form of ours sends: the form itself is invalid.
    const errors: CriteriaErrors = submission.error?.intent
      ? { form: "invalid" }
      : criteriaErrorsOf(submission.error ?? {});
    return data({ kind: "invalid" as const, errors, values }, { status: 400 });
  }
  const { intent, ...criteria } = submission.value;
  if (intent === "preview") {
    const preview = await previewInvalidation(access, toInvalidationCriteria(criteria));
    if (preview.kind === "not-found") notFound();
    return data({ ...preview, values });
  }
  const queued = await requestInvalidation(access, toInvalidationCriteria(criteria));
  if (queued.kind === "not-found") notFound();
  return data(queued.kind === "nothing" ? { ...queued, values } : queued);
}

type ActionResult = ReturnType<typeof useActionData<typeof action>>;

/**
 * The criteria form (Conform): checked in the browser on blur and on submit, and by the
 * server, whose answer (errors, or the values previewed) is its last result.
 */
function CriteriaForm({
  result,
  defaultValue,
}: {
  result: Exclude<ActionResult, { kind: "queued" }>;
  defaultValue: Record<string, string | undefined>;
}) {
  const { t } = useTranslation("orgModeration");
  const { t: to } = useTranslation("organizer");
  // The server's answer as Conform's last result; kept by reference (Conform reports every new one).
  const lastResult = useMemo<SubmissionResult<string[]> | undefined>(
    () =>
      result
        ? {
            status: result.kind === "invalid" ? "error" : undefined,
            initialValue: result.values,
            error:
              result.kind === "invalid"
                ? Object.fromEntries(
                    CRITERIA_FIELDS.filter((f) => result.errors[f]).map((f) => [f, [result.errors[f]!]]),
                  )
                : undefined,
            state: { validated: Object.fromEntries(CRITERIA_FIELDS.map((f) => [f, true])) },
          }
        : undefined,
    [result],
  );
  const [form, fields] = useForm<Required<CriteriaValues> & { intent: string }>({
    id: "criteria",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invalidationFormSchema }),
  });
  const formError = (result?.kind === "invalid" ? result.errors.form : undefined) ?? form.errors?.[0];
  const error = (name: (typeof CRITERIA_FIELDS)[number]) => (
    <FieldError id={fields[name].errorId} errors={fields[name].errors} ns="orgModeration" max={CRITERIA_MAX[name]} />
  );

  return (
    <>
      {formError ? (
        <p className="notice" role="alert">
          {t(`errors.${formError}`)}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <p>
          <label htmlFor={fields.domain.id}>{t("invalidate.domain")}</label>{" "}
          <input {...getInputProps(fields.domain, { type: "text" })} size={30} placeholder="example.org" />
          {error("domain")}
        </p>
        <p>
          <label htmlFor={fields.ip.id}>{t("invalidate.ip")}</label>{" "}
          <input {...getInputProps(fields.ip, { type: "text" })} size={34} maxLength={64} />
          {error("ip")}
        </p>
        <p>
          <label htmlFor={fields.from.id}>{t("invalidate.from")}</label>{" "}
          <input {...getInputProps(fields.from, { type: "datetime-local" })} step={1} />
          {error("from")} <label htmlFor={fields.to.id}>{t("invalidate.to")}</label>{" "}
          <input {...getInputProps(fields.to, { type: "datetime-local" })} step={1} />
          {error("to")}
          <br />
          <small>{t("invalidate.utc")}</small>
        </p>
        <p>
          <label htmlFor={fields.name.id}>{t("invalidate.name")}</label>{" "}
          <input {...getInputProps(fields.name, { type: "text" })} size={30} maxLength={NAME_PATTERN_MAX} />
          {error("name")}
          <br />
          <small>{t("invalidate.nameHint")}</small>
        </p>
        <p>
          <label htmlFor={fields.state.id}>{t("invalidate.state")}</label>{" "}
          <select {...getSelectProps(fields.state)}>
            <option value="">{t("invalidate.anyState")}</option>
            {INVALIDATABLE_STATES.map((s) => (
              <option key={s} value={s}>
                {to(`states.${s}`)}
              </option>
            ))}
          </select>
          {error("state")}
        </p>
        {/* A <div>, not a <p>: the confirm step is a <details>, which a paragraph cannot hold. */}
        <div style={{ display: "flex", gap: "0.5rem", alignItems: "flex-start", flexWrap: "wrap" }}>
          <button type="submit" name="intent" value="preview" className="button">
            {t("invalidate.preview")}
          </button>
          <ConfirmStep label={t("invalidate.submit")} name="intent" value="invalidate" irreversible small={false} />
        </div>
      </Form>
    </>
  );
}

export default function OrganizerInvalidate() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgModeration");
  const { t: to } = useTranslation("organizer");
  const revalidator = useRevalidator();

  // While a job is queued or running, its progress is read again every 2 seconds.
  useEffect(() => {
    if (!page.running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [page.running, revalidator]);

  const number = (n: number) => n.toLocaleString(i18n.language);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { timeZone: "UTC" });

  return (
    <section aria-labelledby="invalidate-title">
      <h1 id="invalidate-title">{t("invalidate.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("overview")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/signatures`}>{t("signaturesLink")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/signals`}>{t("signals.title")}</Link>
      </p>
      <p>{t("invalidate.intro")}</p>

      {result?.kind === "queued" ? (
        <p className="notice" role="status">
          {t("invalidate.queued", { count: result.total, formatted: number(result.total) })}
        </p>
      ) : null}
      {result?.kind === "nothing" ? (
        <p className="notice" role="status">
          {t("invalidate.nothing")}
        </p>
      ) : null}
      <CriteriaForm
        key={result?.kind === "queued" ? `queued-${result.jobId}` : "criteria"}
        result={result?.kind === "queued" ? undefined : result}
        defaultValue={result?.kind === "queued" ? {} : page.values}
      />

      {result?.kind === "preview" ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t("invalidate.previewTitle")}</h2>
          <p data-testid="preview-total">
            {t("invalidate.wouldHit", { count: result.total, formatted: number(result.total) })}{" "}
            {INVALIDATABLE_STATES.map((s) => `${to(`states.${s}`)}: ${number(result.counts[s])}`).join(" · ")}
          </p>
          {result.sample.length ? (
            <table className="organizer-table">
              <caption>{t("invalidate.sample", { count: result.sample.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("columns.name")}</th>
                  <th scope="col">{t("columns.email")}</th>
                  <th scope="col">{t("columns.state")}</th>
                  <th scope="col">{t("columns.signedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {result.sample.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.fullName}
                      {s.title ? <small> — {s.title}</small> : null}
                    </td>
                    <td>{s.email}</td>
                    <td>{to(`states.${s.state}`)}</td>
                    <td>{when(s.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      <h2>{t("invalidate.jobs")}</h2>
      {page.jobs.length === 0 ? (
        <p>{t("invalidate.noJobs")}</p>
      ) : (
        <table className="organizer-table">
          <thead>
            <tr>
              <th scope="col">{t("columns.requested")}</th>
              <th scope="col">{t("columns.criteria")}</th>
              <th scope="col">{t("columns.progress")}</th>
              <th scope="col">{t("columns.state")}</th>
            </tr>
          </thead>
          <tbody>
            {page.jobs.map((j) => (
              <tr key={j.id} data-testid="invalidation-job">
                <td>
                  {when(j.createdAt)}
                  {j.organizer ? <small> — {j.organizer}</small> : null}
                </td>
                <td>
                  {Object.entries(j.criteria)
                    .filter(([, v]) => v)
                    .map(([k, v]) => `${t(`invalidate.${k}`)}: ${k === "state" ? to(`states.${v}`) : v}`)
                    .join("; ")}
                </td>
                <td>
                  <progress max={Math.max(j.total, 1)} value={j.done} />{" "}
                  {t("invalidate.progress", { done: number(j.done), total: number(j.total) })}
                </td>
                <td>
                  {t(`jobStates.${j.state}`)}
                  {j.finishedAt ? <small> — {when(j.finishedAt)}</small> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
