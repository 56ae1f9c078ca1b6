import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { isRejected, loadSettings, settingsAction } from "~/services/campaign-settings.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadSettings(request, params.slug ?? "", negotiateLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await settingsAction(request, params.slug ?? "");
  if (result.kind === "saved" && result.renamed)
    return redirect(`/organizer/campaigns/${result.slug}/settings?saved=1`);
  return data(result, { status: isRejected(result) ? 400 : 200 });
}

const TRANSITION_LABELS: Record<string, string> = {
  "draft>open": "settings.actions.open",
  "open>closed": "settings.actions.close",
  "closed>open": "settings.actions.reopen",
};

export default function OrganizerCampaignSettings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["orgCampaign", "organizer"]);
  const invalid = result?.kind === "invalid" ? result : null;
  const errors: Partial<Record<string, string>> = invalid?.errors ?? {};
  const values: Record<string, string> = invalid && invalid.values.intent === "save" ? invalid.values : page.values;
  const { limits } = page;
  const status = (s: string) => t(`organizer:status.${s}`);
  const errorText = (name: string) => {
    const code = errors[name];
    if (!code) return null;
    const max = name.startsWith("target.") ? limits.target : name === "slug" ? limits.slug : limits.goal;
    return t(`errors.${code}`, { max, min: limits.slugMin });
  };
  const errorLine = (name: string, id: string) =>
    errors[name] ? (
      <span id={`${id}-error`} className="field-error">
        {errorText(name)}
      </span>
    ) : null;
  const invalidProps = (name: string, id: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-error` : undefined,
  });
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleDateString(i18n.language, { dateStyle: "long" } as Intl.DateTimeFormatOptions) : "";
  const saved = result?.kind === "saved" || (!result && page.justSaved);
  return (
    <section aria-labelledby="settings-title">
      <OrganizerBar />
      <h1 id="settings-title">{t("settings.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("common.overview")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/groups`}>{t("groups.title")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/delivery`}>{t("delivery.title")}</Link>
      </p>

      <h2>{t("settings.statusTitle")}</h2>
      <p data-testid="status" suppressHydrationWarning>
        {t("settings.current", { status: status(page.status) })}
        {page.openedAt ? ` · ${t("settings.openedAt", { date: when(page.openedAt) })}` : null}
        {page.closedAt ? ` · ${t("settings.closedAt", { date: when(page.closedAt) })}` : null}
      </p>
      {result?.kind === "statusChanged" ? (
        <p className="notice" role="status">
          {t("settings.statusChanged", { status: status(result.to) })}
        </p>
      ) : null}
      {result?.kind === "refused" ? (
        <p className="form-error" role="alert">
          {t("errors.transition", { from: status(result.from), to: status(result.to) })}
        </p>
      ) : null}
      {errors.status ? (
        <p className="form-error" role="alert">
          {t("errors.invalid")}
        </p>
      ) : null}
      {page.transitions.length ? (
        <div style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
          {page.transitions.map((to) => (
            <Form method="post" key={to}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="to" value={to} />
              <button type="submit" className={to === "closed" ? "button button--danger" : "button"}>
                {t(TRANSITION_LABELS[`${page.status}>${to}`] ?? "settings.actions.open")}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
      <p className="help">
        {page.status === "delivered" ? t("settings.deliveredNote") : t("settings.deliveryHint")}{" "}
        <Link to={`/organizer/campaigns/${page.slug}/delivery`}>{t("delivery.title")}</Link>
      </p>

      <h2>{t("settings.formTitle")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      {invalid && invalid.values.intent === "save" ? (
        <p className="form-error" role="alert">
          {t("common.fixErrors")}
        </p>
      ) : null}
      <Form method="post" key={JSON.stringify(values)}>
        <input type="hidden" name="intent" value="save" />
        <p className="field">
          <label htmlFor="settings-kind">{t("fields.kind")}</label>
          <select id="settings-kind" name="kind" defaultValue={values.kind} {...invalidProps("kind", "settings-kind")}>
            {page.kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
          {errorLine("kind", "settings-kind")}
        </p>
        <p className="field">
          <label htmlFor="settings-slug">{t("fields.slug")}</label>
          <input
            id="settings-slug"
            name="slug"
            type="text"
            required
            maxLength={limits.slug}
            defaultValue={values.slug ?? ""}
            {...invalidProps("slug", "settings-slug")}
          />
          <span className="help">{t("settings.slugHelp", { min: limits.slugMin, max: limits.slug })}</span>
          {errorLine("slug", "settings-slug")}
        </p>
        <p className="field">
          <label htmlFor="settings-goal">{t("fields.goal")}</label>
          <input
            id="settings-goal"
            name="goal"
            type="text"
            inputMode="numeric"
            defaultValue={values.goal ?? ""}
            {...invalidProps("goal", "settings-goal")}
          />
          <span className="help">{t("settings.goalHelp")}</span>
          {errorLine("goal", "settings-goal")}
        </p>

        <h3>{t("settings.targetsTitle")}</h3>
        <p className="help">{t("settings.targetsHelp")}</p>
        {page.targets.length === 0 ? <p>{t("settings.noTexts")}</p> : null}
        {page.targets.map((target) => {
          const name = `target.${target.locale}`;
          const id = `settings-target-${target.locale}`;
          return (
            <p className="field" key={target.locale}>
              <label htmlFor={id}>{t("settings.target", { language: target.name })}</label>
              <input
                id={id}
                name={name}
                type="text"
                lang={target.locale}
                maxLength={limits.target}
                defaultValue={values[name] ?? ""}
                {...invalidProps(name, id)}
              />
              {errorLine(name, id)}
            </p>
          );
        })}

        <h3>{t("settings.prisonersTitle")}</h3>
        <p className="help">{t("settings.prisonersHelp")}</p>
        {page.prisoners.length === 0 ? (
          <p>{t("settings.noPrisoners")}</p>
        ) : (
          <table className="organizer-table">
            <thead>
              <tr>
                <th scope="col">{t("settings.linked")}</th>
                <th scope="col">{t("settings.prisoner")}</th>
                <th scope="col">{t("settings.position")}</th>
              </tr>
            </thead>
            <tbody>
              {page.prisoners.map((p) => {
                const posName = `position.${p.id}`;
                const posId = `settings-position-${p.id}`;
                return (
                  <tr key={p.id}>
                    <td>
                      <input
                        type="checkbox"
                        id={`settings-prisoner-${p.id}`}
                        name={`prisoner.${p.id}`}
                        defaultChecked={values[`prisoner.${p.id}`] === "on"}
                      />
                    </td>
                    <td>
                      <label htmlFor={`settings-prisoner-${p.id}`}>{p.name}</label>
                    </td>
                    <td>
                      <input
                        id={posId}
                        name={posName}
                        type="text"
                        inputMode="numeric"
                        size={3}
                        aria-label={t("settings.positionOf", { name: p.name })}
                        defaultValue={values[posName] ?? ""}
                        aria-invalid={errors[posName] ? true : undefined}
                        aria-describedby={errors[posName] ? `${posId}-error` : undefined}
                      />
                      {errorLine(posName, posId)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <button type="submit" className="button">
          {t("settings.save")}
        </button>
      </Form>
    </section>
  );
}
