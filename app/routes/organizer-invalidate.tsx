import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { invalidationAction, loadInvalidation } from "~/services/invalidation.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadInvalidation(request, params.slug ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await invalidationAction(request, params.slug ?? "");
  return data(result, { status: result.kind === "invalid" ? 400 : 200 });
}

const STATES = ["pending", "verified", "hidden"] as const;

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

  const values: Record<string, string | undefined> =
    result && result.kind !== "queued" ? result.values : result?.kind === "queued" ? {} : page.values;
  const errors: Record<string, string | undefined> = result?.kind === "invalid" ? result.errors : {};
  const number = (n: number) => n.toLocaleString(i18n.language);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { timeZone: "UTC" });
  const fieldProps = (name: string) => ({
    id: `criteria-${name}`,
    name,
    defaultValue: values[name] ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `criteria-${name}-error` : undefined,
  });
  const fieldError = (name: string) =>
    errors[name] ? (
      <span id={`criteria-${name}-error`} className="field-error">
        {" "}
        {t(`errors.${errors[name]}`, { max: 100 })}
      </span>
    ) : null;

  return (
    <section aria-labelledby="invalidate-title">
      <OrganizerBar />
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
      {errors.form ? (
        <p className="notice" role="alert">
          {t(`errors.${errors.form}`)}
        </p>
      ) : null}

      <Form method="post" key={result?.kind === "queued" ? `queued-${result.jobId}` : "criteria"}>
        <p>
          <label htmlFor="criteria-domain">{t("invalidate.domain")}</label>{" "}
          <input {...fieldProps("domain")} size={30} placeholder="example.org" />
          {fieldError("domain")}
        </p>
        <p>
          <label htmlFor="criteria-ip">{t("invalidate.ip")}</label>{" "}
          <input {...fieldProps("ip")} size={34} maxLength={64} />
          {fieldError("ip")}
        </p>
        <p>
          <label htmlFor="criteria-from">{t("invalidate.from")}</label>{" "}
          <input {...fieldProps("from")} type="datetime-local" step={1} />
          {fieldError("from")} <label htmlFor="criteria-to">{t("invalidate.to")}</label>{" "}
          <input {...fieldProps("to")} type="datetime-local" step={1} />
          {fieldError("to")}
          <br />
          <small>{t("invalidate.utc")}</small>
        </p>
        <p>
          <label htmlFor="criteria-name">{t("invalidate.name")}</label>{" "}
          <input {...fieldProps("name")} size={30} maxLength={100} />
          {fieldError("name")}
          <br />
          <small>{t("invalidate.nameHint")}</small>
        </p>
        <p>
          <label htmlFor="criteria-state">{t("invalidate.state")}</label>{" "}
          <select {...fieldProps("state")}>
            <option value="">{t("invalidate.anyState")}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {to(`states.${s}`)}
              </option>
            ))}
          </select>
          {fieldError("state")}
        </p>
        <p style={{ display: "flex", gap: "0.5rem" }}>
          <button type="submit" name="intent" value="preview" className="button">
            {t("invalidate.preview")}
          </button>
          <button type="submit" name="intent" value="invalidate" className="button">
            {t("invalidate.submit")}
          </button>
        </p>
      </Form>

      {result?.kind === "preview" ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t("invalidate.previewTitle")}</h2>
          <p data-testid="preview-total">
            {t("invalidate.wouldHit", { count: result.total, formatted: number(result.total) })}{" "}
            {STATES.map((s) => `${to(`states.${s}`)}: ${number(result.counts[s])}`).join(" · ")}
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
