import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { SIGNATURE_STATES, VISIBILITIES } from "~/domain/vocab";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadModeration, signaturesAction } from "~/services/moderation.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadModeration(request, params.slug ?? "", negotiateLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await signaturesAction(request, params.slug ?? "");
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

export default function OrganizerSignatures() {
  const page = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t, i18n } = useTranslation("organizer");
  const { t: tm } = useTranslation("orgModeration");
  const { query } = page;
  const invalidateQuery = new URLSearchParams();
  if (query.ip) invalidateQuery.set("ip", query.ip);
  if (query.domain) invalidateQuery.set("domain", query.domain);
  const titleError = (id: number): string | null =>
    done?.kind === "invalid" && done.id === id && done.errors.title
      ? tm(`errors.${done.errors.title}`, { max: 200 })
      : null;
  const pageLink = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== "page") params.set(k, String(v));
    params.set("page", String(n));
    return `?${params.toString()}`;
  };
  return (
    <section aria-labelledby="moderation-title">
      <OrganizerBar />
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
        <button type="submit" className="button button--small">
          {t("moderation.filter")}
        </button>
      </Form>
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
          {(["hide", "unhide", "invalidate", "notable", "unnotable"] as const).map((a) => (
            <button key={a} type="submit" name="intent" value={a} className="button button--small">
              {t(`actions.${a}`)}
            </button>
          ))}
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
              <td>{t(`states.${r.state}`)}</td>
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
                  <Form method="post" style={{ display: "flex", gap: "0.25rem", flexWrap: "wrap" }}>
                    <input type="hidden" name="id" value={r.id} />
                    {ROW_ACTIONS[r.state].map((a) => (
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
                    {r.state === "pending" ? (
                      <button type="submit" name="intent" value="resend" className="button button--small">
                        {tm("signatures.resend")}
                      </button>
                    ) : null}
                  </Form>
                  {r.state !== "withdrawn" ? (
                    <details open={titleError(r.id) !== null}>
                      <summary>{tm("signatures.correctTitle")}</summary>
                      <Form method="post">
                        <input type="hidden" name="id" value={r.id} />
                        <label>
                          {tm("signatures.title")}{" "}
                          <input
                            name="title"
                            size={30}
                            defaultValue={
                              titleError(r.id) !== null && done?.kind === "invalid" ? done.values.title : r.title
                            }
                            aria-invalid={titleError(r.id) ? true : undefined}
                          />
                        </label>{" "}
                        <button type="submit" name="intent" value="title" className="button button--small">
                          {tm("signatures.saveTitle")}
                        </button>
                        {titleError(r.id) ? <span className="field-error"> {titleError(r.id)}</span> : null}
                      </Form>
                    </details>
                  ) : null}
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
