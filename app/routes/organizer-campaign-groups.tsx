import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { groupsAction, isRejected, loadGroups } from "~/services/campaign-settings.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadGroups(request, params.slug ?? "", negotiateLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await groupsAction(request, params.slug ?? "");
  return data(result, { status: isRejected(result) ? 400 : 200 });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

/** The label inputs of one group (the original language first and required). */
function LabelFields({
  page,
  prefix,
  values,
  errors,
}: {
  page: Page;
  prefix: string;
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
}) {
  const { t } = useTranslation("orgCampaign");
  return (
    <>
      {page.locales.map((l) => {
        const name = `label.${l.code}`;
        const id = `${prefix}-label-${l.code}`;
        const required = l.code === page.canonicalLocale;
        return (
          <p className="field" key={l.code}>
            <label htmlFor={id}>
              {t("groups.labelIn", { language: l.name })}{" "}
              {required ? null : <span className="optional">{t("groups.optionalLabel")}</span>}
            </label>
            <input
              id={id}
              name={name}
              type="text"
              lang={l.code}
              required={required}
              maxLength={page.limits.label}
              defaultValue={values[name] ?? ""}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `${id}-error` : undefined}
            />
            {errors[name] ? (
              <span id={`${id}-error`} className="field-error">
                {t(`errors.${errors[name]}`, { max: page.limits.label })}
              </span>
            ) : null}
          </p>
        );
      })}
    </>
  );
}

export default function OrganizerCampaignGroups() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgCampaign");
  const invalid = result?.kind === "invalid" ? result : null;
  const intent = invalid?.values.intent;
  const errorsFor = (formIntent: string, groupId?: number): Partial<Record<string, string>> =>
    invalid && intent === formIntent && (groupId === undefined || invalid.groupId === groupId) ? invalid.errors : {};
  const valuesFor = (formIntent: string, fallback: Record<string, string>, groupId?: number) =>
    invalid && intent === formIntent && (groupId === undefined || invalid.groupId === groupId)
      ? invalid.values
      : fallback;
  const number = (n: number) => n.toLocaleString(i18n.language);
  const labelOf = (id: number) => page.groups.find((g) => g.id === id)?.label ?? "";
  const addErrors = errorsFor("add");
  const mergeErrors = { ...errorsFor("mergePreview"), ...errorsFor("merge") };
  const groupError = invalid?.errors.group;
  return (
    <section aria-labelledby="groups-title">
      <OrganizerBar />
      <h1 id="groups-title">{t("groups.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("common.overview")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/settings`}>{t("settings.title")}</Link>
      </p>
      <p>{t("groups.intro")}</p>
      {result?.kind === "saved" ? (
        <p className="notice" role="status">
          {result.action === "merged"
            ? t("groups.done.merged", { count: result.moved ?? 0, key: result.key })
            : t(`groups.done.${result.action}`, { key: result.key })}
        </p>
      ) : null}
      {invalid ? (
        <p className="form-error" role="alert">
          {groupError ? t(`errors.${groupError}`) : t("common.fixErrors")}
        </p>
      ) : null}

      <table className="organizer-table">
        <thead>
          <tr>
            <th scope="col">{t("groups.key")}</th>
            <th scope="col">{t("groups.label")}</th>
            <th scope="col">{t("groups.signatures")}</th>
            <th scope="col">{t("groups.counted")}</th>
            <th scope="col">{t("groups.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {page.groups.map((g, i) => {
            const renameErrors = errorsFor("rename", g.id);
            const renameValues = valuesFor(
              "rename",
              Object.fromEntries(Object.entries(g.labels).map(([l, label]) => [`label.${l}`, label ?? ""])),
              g.id,
            );
            return (
              <tr key={g.id} data-testid={`group-${g.key}`}>
                <td>
                  <code>{g.key}</code>
                </td>
                <td>
                  {g.label}
                  <details open={Object.keys(renameErrors).length > 0}>
                    <summary>{t("groups.rename")}</summary>
                    <Form method="post" key={JSON.stringify(renameValues)}>
                      <input type="hidden" name="intent" value="rename" />
                      <input type="hidden" name="group" value={g.id} />
                      <LabelFields page={page} prefix={`group-${g.id}`} values={renameValues} errors={renameErrors} />
                      <p className="help">{t("groups.fallbackHelp")}</p>
                      <button type="submit" className="button button--small">
                        {t("groups.saveLabels")}
                      </button>
                    </Form>
                  </details>
                </td>
                <td>{number(g.signatures)}</td>
                <td>{number(g.verified)}</td>
                <td>
                  <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap", alignItems: "center" }}>
                    <Form method="post">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="group" value={g.id} />
                      <input type="hidden" name="direction" value="up" />
                      <button
                        type="submit"
                        className="button button--small"
                        disabled={i === 0}
                        aria-label={t("groups.moveUpLabel", { label: g.label })}
                      >
                        {t("groups.moveUp")}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="group" value={g.id} />
                      <input type="hidden" name="direction" value="down" />
                      <button
                        type="submit"
                        className="button button--small"
                        disabled={i === page.groups.length - 1}
                        aria-label={t("groups.moveDownLabel", { label: g.label })}
                      >
                        {t("groups.moveDown")}
                      </button>
                    </Form>
                    {g.signatures === 0 && page.groups.length > 1 ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="group" value={g.id} />
                        <button
                          type="submit"
                          className="button button--small button--danger"
                          aria-label={t("groups.deleteLabel", { label: g.label })}
                        >
                          {t("groups.delete")}
                        </button>
                      </Form>
                    ) : (
                      <span className="help">{g.signatures > 0 ? t("groups.mergeInstead") : null}</span>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t("groups.mergeTitle")}</h2>
      <p className="help">{t("groups.mergeHelp")}</p>
      {result?.kind === "mergePreview" ? (
        <div className="notice" role="status">
          <p>
            {t("groups.mergePreview", {
              count: result.signatures,
              formatted: number(result.signatures),
              from: labelOf(result.from.id),
              into: labelOf(result.into.id),
            })}{" "}
            {t("groups.mergeCounted", { count: result.verified, formatted: number(result.verified) })}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="merge" />
            <input type="hidden" name="from" value={result.from.id} />
            <input type="hidden" name="into" value={result.into.id} />
            <button type="submit" className="button button--danger">
              {t("groups.mergeConfirm", { from: labelOf(result.from.id), into: labelOf(result.into.id) })}
            </button>
          </Form>
        </div>
      ) : null}
      {page.groups.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="mergePreview" />
          <div className="field-row">
            <p className="field">
              <label htmlFor="merge-from">{t("groups.mergeFrom")}</label>
              <select id="merge-from" name="from" defaultValue={String(page.groups[page.groups.length - 1]?.id ?? "")}>
                {page.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.label}
                  </option>
                ))}
              </select>
            </p>
            <p className="field">
              <label htmlFor="merge-into">{t("groups.mergeInto")}</label>
              <select
                id="merge-into"
                name="into"
                defaultValue={String(page.groups[0]?.id ?? "")}
                aria-invalid={mergeErrors.into ? true : undefined}
                aria-describedby={mergeErrors.into ? "merge-into-error" : undefined}
              >
                {page.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.label}
                  </option>
                ))}
              </select>
              {mergeErrors.into ? (
                <span id="merge-into-error" className="field-error">
                  {t(`errors.${mergeErrors.into}`)}
                </span>
              ) : null}
            </p>
          </div>
          <button type="submit" className="button">
            {t("groups.mergeShow")}
          </button>
        </Form>
      ) : null}

      <h2>{t("groups.addTitle")}</h2>
      <Form method="post" key={result?.kind === "saved" && result.action === "added" ? result.key : "add"}>
        <input type="hidden" name="intent" value="add" />
        <p className="field">
          <label htmlFor="add-key">{t("groups.key")}</label>
          <input
            id="add-key"
            name="key"
            type="text"
            required
            maxLength={page.limits.groupKey}
            defaultValue={valuesFor("add", {}).key ?? ""}
            aria-invalid={addErrors.key ? true : undefined}
            aria-describedby={addErrors.key ? "add-key-help add-key-error" : "add-key-help"}
          />
          <span id="add-key-help" className="help">
            {t("groups.keyHelp", { max: page.limits.groupKey })}
          </span>
          {addErrors.key ? (
            <span id="add-key-error" className="field-error">
              {t(`errors.${addErrors.key}`, { max: page.limits.groupKey })}
            </span>
          ) : null}
        </p>
        <LabelFields page={page} prefix="add" values={valuesFor("add", {})} errors={addErrors} />
        <button type="submit" className="button">
          {t("groups.add")}
        </button>
      </Form>
    </section>
  );
}
