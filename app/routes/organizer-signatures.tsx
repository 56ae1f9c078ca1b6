import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { FieldError } from "~/components/form-kit";
import { SIGNATURE_STATES, VISIBILITIES } from "~/domain/vocab";
import { formValues, readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { badRequest, notFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { parseModerationQuery, signaturesActionSchema, TITLE_MAX, titleFormSchema } from "~/schemas/moderation";
import { loadModeration, signaturesAction, type SignatureFieldErrors } from "~/services/moderation.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("signatures");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "view");
  const query = parseModerationQuery(new URL(request.url).searchParams);
  return loadModeration(access, query, negotiateLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "moderate");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: signaturesActionSchema });
  if (submission.status !== "success") {
    // An intent no form of ours sends is a 400; a tampered id the same 404 as someone else's signature.
    const intent = form.get("intent");
    if (intent !== "title" && intent !== "resend") badRequest();
    if (submission.error?.id) notFound();
    const values = formValues(form);
    const id = Number(values.id);
    const errors: SignatureFieldErrors = { title: submission.error?.title?.[0] ?? "invalid" };
    return data({ kind: "invalid" as const, id, errors, values: { title: values.title ?? "" } }, { status: 400 });
  }
  const result = await signaturesAction(access, submission.value);
  if (result.kind === "not-found") notFound();
  const status = result.kind === "invalid" ? 400 : result.kind === "rate-limited" ? 429 : 200;
  return data(result, { status });
}

const ROW_ACTIONS = {
  verified: ["hide", "invalidate"],
  hidden: ["unhide", "invalidate"],
  pending: ["invalidate"],
  invalidated: [],
  withdrawn: [],
} as const;

type ActionResult = ReturnType<typeof useActionData<typeof action>>;

/** Correcting one signer's affiliation: Conform, with the server's answer for this row as its last result. */
function TitleForm({ id, title, done }: { id: number; title: string; done: ActionResult }) {
  const { t: tm } = useTranslation("orgModeration");
  const mine = done?.kind === "invalid" && done.id === id && done.errors.title ? done : null;
  // The server's answer as Conform's last result; kept by reference (Conform reports every new one).
  const lastResult = useMemo<SubmissionResult<string[]> | undefined>(
    () =>
      mine
        ? {
            status: "error",
            initialValue: { id: String(id), title: mine.values.title },
            error: { title: [mine.errors.title!] },
            state: { validated: { id: true, title: true } },
          }
        : undefined,
    [mine, id],
  );
  const [form, fields] = useForm({
    id: `title-${id}`,
    lastResult,
    defaultValue: { id: String(id), title },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: titleFormSchema }),
  });
  const invalid = Boolean(fields.title.errors?.length);
  return (
    <details open={mine !== null || invalid}>
      <summary>{tm("signatures.correctTitle")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="id" value={id} />
        <label>
          {tm("signatures.title")} <input {...getInputProps(fields.title, { type: "text" })} size={30} />
        </label>{" "}
        <button type="submit" name="intent" value="title" className="button button--small">
          {tm("signatures.saveTitle")}
        </button>
        <FieldError id={fields.title.errorId} errors={fields.title.errors} ns="orgModeration" max={TITLE_MAX} />
      </Form>
    </details>
  );
}

export default function OrganizerSignatures() {
  const page = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t, i18n } = useTranslation("organizer");
  const { t: tm } = useTranslation("orgModeration");
  const { query } = page;
  const invalidateQuery = new URLSearchParams();
  if (query.ip) invalidateQuery.set("ip", query.ip);
  if (query.domain) invalidateQuery.set("domain", query.domain);
  const pageLink = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== "page") params.set(k, String(v));
    params.set("page", String(n));
    return `?${params.toString()}`;
  };
  return (
    <section aria-labelledby="moderation-title">
      <h1 id="moderation-title">{page.title}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("moderation.overview")}</Link> ·{" "}
        <span data-testid="total">
          {t("dashboard.total", { count: page.total, formatted: page.total.toLocaleString(i18n.language) })}
        </span>
      </p>
      {done?.kind === "moderated" ? (
        <p className="notice" role="status">
          {t("moderation.done", { count: done.rowCount })}
        </p>
      ) : null}
      {done?.kind === "title" ? (
        <p className="notice" role="status">
          {tm(done.changed ? "signatures.titleSaved" : "signatures.titleUnchanged")}
        </p>
      ) : null}
      {done?.kind === "resent" ? (
        <p className="notice" role="status">
          {tm("signatures.resent")}
        </p>
      ) : null}
      {done?.kind === "rate-limited" ? (
        <p className="notice" role="alert">
          {tm("signatures.rateLimited")}
        </p>
      ) : null}
      {done?.kind === "invalid" && done.errors.resend ? (
        <p className="notice" role="alert">
          {tm(`errors.${done.errors.resend}`)}
        </p>
      ) : null}
      {!page.canModerate ? <p className="notice">{t("moderation.readOnly")}</p> : null}

      <Form method="get" className="organizer-filters">
        <label>
          {t("moderation.search")} <input name="q" type="search" defaultValue={query.q ?? ""} />
        </label>
        <label>
          {t("moderation.state")}{" "}
          <select name="state" defaultValue={query.state ?? ""}>
            <option value="">{t("moderation.any")}</option>
            {SIGNATURE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`states.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("moderation.group")}{" "}
          <select name="group" defaultValue={query.group ?? ""}>
            <option value="">{t("moderation.any")}</option>
            {page.groups.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("moderation.country")} <input name="country" size={3} maxLength={2} defaultValue={query.country ?? ""} />
        </label>
        <label>
          {t("moderation.visibility")}{" "}
          <select name="visibility" defaultValue={query.visibility ?? ""}>
            <option value="">{t("moderation.any")}</option>
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {t(`visibilities.${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("moderation.notable")}{" "}
          <select name="notable" defaultValue={query.notable ?? ""}>
            <option value="">{t("moderation.any")}</option>
            <option value="yes">{t("moderation.yes")}</option>
            <option value="no">{t("moderation.no")}</option>
          </select>
        </label>
        <label>
          {tm("signatures.ipHash")} <input name="ip" size={12} maxLength={32} defaultValue={query.ip ?? ""} />
        </label>
        <label>
          {tm("signatures.domain")} <input name="domain" size={16} defaultValue={query.domain ?? ""} />
        </label>
        {query.ids ? <input type="hidden" name="ids" value={query.ids} /> : null}
        {query.review ? <input type="hidden" name="review" value={query.review} /> : null}
        <button type="submit" className="button button--small">
          {t("moderation.filter")}
        </button>
      </Form>
      {page.held > 0 || query.review ? (
        <p data-testid="review-queue">
          {query.review ? (
            <>
              {tm("signatures.reviewQueueShown")}{" "}
              <Link to={`/organizer/campaigns/${page.slug}/signatures`}>{tm("signatures.clear")}</Link>
            </>
          ) : (
            <Link to="?review=held">{tm("signatures.reviewQueue", { count: page.held })}</Link>
          )}
        </p>
      ) : null}
      {query.ids ? (
        <p>
          {tm("signatures.idsFilter")}{" "}
          <Link to={`/organizer/campaigns/${page.slug}/signatures`}>{tm("signatures.clear")}</Link>
        </p>
      ) : null}
      {page.canModerate && invalidateQuery.toString() ? (
        <p>
          <Link to={`/organizer/campaigns/${page.slug}/invalidate?${invalidateQuery.toString()}`}>
            {tm("signatures.invalidateMatching")}
          </Link>
        </p>
      ) : null}

      <p>
        {t("moderation.matching", { count: page.matching, formatted: page.matching.toLocaleString(i18n.language) })}
      </p>

      {page.canModerate ? (
        <Form method="post" id="bulk-form" className="organizer-bulk">
          <span>{t("moderation.selected")}</span>{" "}
          {(["hide", "unhide", "notable", "unnotable"] as const).map((a) => (
            <button key={a} type="submit" name="intent" value={a} className="button button--small">
              {t(`actions.${a}`)}
            </button>
          ))}
          {page.held > 0 ? (
            <button type="submit" name="intent" value="release" className="button button--small">
              {tm("signatures.release")}
            </button>
          ) : null}
          {/* Final actions ask once more (without JavaScript too). */}
          <ConfirmStep label={t("actions.invalidate")} name="intent" value="invalidate" irreversible />
          {page.held > 0 ? (
            <ConfirmStep label={tm("signatures.reject")} name="intent" value="reject" irreversible />
          ) : null}
        </Form>
      ) : null}

      <table className="organizer-table">
        <thead>
          <tr>
            {page.canModerate ? <th scope="col">{t("moderation.select")}</th> : null}
            <th scope="col">{t("moderation.name")}</th>
            <th scope="col">{t("moderation.email")}</th>
            <th scope="col">{t("moderation.group")}</th>
            <th scope="col">{t("moderation.country")}</th>
            <th scope="col">{t("moderation.visibility")}</th>
            <th scope="col">{t("moderation.state")}</th>
            <th scope="col">{t("moderation.notable")}</th>
            <th scope="col">{tm("signatures.ipHash")}</th>
            {page.canModerate ? <th scope="col">{t("moderation.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id} data-testid="signature-row">
              {page.canModerate ? (
                <td>
                  <input
                    type="checkbox"
                    name="id"
                    value={r.id}
                    form="bulk-form"
                    aria-label={t("moderation.selectOne", { name: r.fullName })}
                  />
                </td>
              ) : null}
              <td>
                {r.fullName}
                {r.title ? <small> — {r.title}</small> : null}
              </td>
              <td>{r.email}</td>
              <td>{r.group}</td>
              <td>{r.country}</td>
              <td>{t(`visibilities.${r.visibility}`)}</td>
              <td>
                {t(`states.${r.state}`)}
                {r.heldForReview ? (
                  <small>
                    {" "}
                    — {tm("signatures.heldForReview")}
                    {r.reviewReason ? `: ${tm(`signatures.reviewReasons.${r.reviewReason}`, r.reviewReason)}` : ""}
                  </small>
                ) : null}
              </td>
              <td>{r.notable ? t("moderation.yes") : ""}</td>
              <td>
                {r.ipHash ? (
                  <Link to={`?ip=${r.ipHash}`} title={r.ipHash}>
                    <code>{r.ipHash.slice(0, 10)}</code>
                  </Link>
                ) : null}
              </td>
              {page.canModerate ? (
                <td>
                  <details className="row-menu" open={done?.kind === "invalid" && done.id === r.id}>
                    <summary aria-label={t("moderation.actionsFor", { name: r.fullName })}>
                      {t("moderation.actions")}
                    </summary>
                    <div className="row-menu__items">
                      <Form method="post">
                        <input type="hidden" name="id" value={r.id} />
                        {ROW_ACTIONS[r.state]
                          .filter((a) => a !== "invalidate")
                          .map((a) => (
                            <button key={a} type="submit" name="intent" value={a} className="button button--small">
                              {t(`actions.${a}`)}
                            </button>
                          ))}
                        <button
                          type="submit"
                          name="intent"
                          value={r.notable ? "unnotable" : "notable"}
                          className="button button--small"
                        >
                          {t(`actions.${r.notable ? "unnotable" : "notable"}`)}
                        </button>
                        {r.heldForReview ? (
                          <>
                            <button type="submit" name="intent" value="release" className="button button--small">
                              {tm("signatures.release")}
                            </button>
                            <ConfirmStep label={tm("signatures.reject")} name="intent" value="reject" irreversible />
                          </>
                        ) : null}
                        {(ROW_ACTIONS[r.state] as readonly string[]).includes("invalidate") ? (
                          <ConfirmStep label={t("actions.invalidate")} name="intent" value="invalidate" irreversible />
                        ) : null}
                        {r.state === "pending" ? (
                          <button type="submit" name="intent" value="resend" className="button button--small">
                            {tm("signatures.resend")}
                          </button>
                        ) : null}
                      </Form>
                      {r.state !== "withdrawn" ? <TitleForm id={r.id} title={r.title} done={done} /> : null}
                    </div>
                  </details>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>

      {page.pages > 1 ? (
        <nav aria-label={t("moderation.pages")} style={{ display: "flex", gap: "1rem" }}>
          {query.page > 1 ? <Link to={pageLink(query.page - 1)}>{t("moderation.previous")}</Link> : null}
          <span>{t("moderation.pageOf", { page: query.page, pages: page.pages })}</span>
          {query.page < page.pages ? <Link to={pageLink(query.page + 1)}>{t("moderation.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
