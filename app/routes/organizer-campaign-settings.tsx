import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fieldErrorMap } from "~/schemas/fields";
import { formatDay } from "~/components/format";
import { SlugField } from "~/components/campaign-settings-fields";
import { Field, FieldError } from "~/components/form-kit";
import { refusedAny, rejectedForm } from "~/http/rejected-form.server";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound, orNotFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { nestedValues, saveSettingsFields, settingsSchema } from "~/schemas/campaign-settings";
import { changeStatus, saveSettings, settingsPage } from "~/services/campaign-settings.server";
import { changeRetentionDays, retentionSettings } from "~/services/retention.server";
import { retentionSchema } from "~/schemas/retention";
import { RetentionSettings } from "~/components/retention-settings";
import type { z } from "zod";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("settings");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const page = orNotFound(await settingsPage(access, negotiateLocale(request)));
  const retention = orNotFound(await retentionSettings(access));
  /** After a rename the page is loaded afresh under its new address, with ?saved=1. */
  return { ...page, retention, justSaved: new URL(request.url).searchParams.get("saved") === "1" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const form = await readForm(request);
  if (form.get("intent") === "retention") {
    const asked = parseWithZod(form, { schema: retentionSchema, errorMap: fieldErrorMap });
    if (asked.status !== "success") return rejectedForm(form, asked);
    const changed = await changeRetentionDays(access, asked.value.days);
    if (changed.kind === "not-found") notFound();
    if (changed.kind === "invalid") return rejectedForm(form, asked, changed.errors);
    return data(changed);
  }
  const submission = parseWithZod(form, { schema: settingsSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") {
    const reply = submission.reply();
    // A prisoner id no page of ours shows is an unknown prisoner.
    if (refusedAny(reply, ["prisoner"])) notFound();
    if (form.get("intent") === "status") return rejectedForm(form, submission, { status: "invalid" });
    return rejectedForm(form, submission);
  }
  const input = submission.value;
  if (input.intent === "status") {
    const result = await changeStatus(access, input.to);
    if (result.kind === "not-found") notFound();
    return data(result, { status: result.kind === "refused" ? 400 : 200 });
  }
  const result = await saveSettings(access, input);
  switch (result.kind) {
    case "saved":
      if (result.renamed) return redirect(`/organizer/campaigns/${result.slug}/settings?saved=1`);
      return data(result);
    case "invalid":
      return rejectedForm(form, submission, result.errors);
    case "not-found":
      return notFound();
  }
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
  const invalidSave = invalid && invalid.values.intent === "save" ? invalid : null;
  const invalidRetention = invalid && invalid.values.intent === "retention" ? invalid : null;
  const status = (s: string) => t(`organizer:status.${s}`);
  const when = (iso: string | null) => (iso ? formatDay(new Date(iso).toISOString(), i18n.language) : "");
  const saved = result?.kind === "saved" || (!result && page.justSaved);
  return (
    <section aria-labelledby="settings-title">
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
      {invalid?.errors.status ? (
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

      <RetentionSettings
        key={`${page.retention.days}-${result?.kind ?? ""}`}
        retention={result?.kind === "retentionSaved" ? result.retention : page.retention}
        error={invalidRetention?.errors.days ?? null}
        typed={typeof invalidRetention?.values.days === "string" ? invalidRetention.values.days : null}
        saved={result?.kind === "retentionSaved"}
      />

      <h2>{t("settings.formTitle")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      {invalidSave ? (
        <p className="form-error" role="alert">
          {t("common.fixErrors")}
        </p>
      ) : null}
      {/* Remounted when the saved values change, so the form shows them afresh. */}
      <SettingsForm key={JSON.stringify(page.values)} page={page} lastResult={invalidSave?.reply} />
    </section>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

/** The settings form (kind, address, goal, addressees, prisoners), kept as typed when refused. */
function SettingsForm({ page, lastResult }: { page: Page; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("orgCampaign");
  const { limits } = page;
  const [form, fields] = useForm<z.input<typeof saveSettingsFields>, z.output<typeof saveSettingsFields>>({
    id: "settings",
    lastResult,
    defaultValue: nestedValues(page.values),
    shouldValidate: "onBlur",
    // The server checks the rest (positions of ticked prisoners, prisoners that exist).
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveSettingsFields, errorMap: fieldErrorMap }),
  });
  const targets = fields.target.getFieldset();
  const ticked = fields.prisoner.getFieldset();
  const positions = fields.position.getFieldset();
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <Field id={fields.kind.id} label={t("fields.kind")} errors={fields.kind.errors} ns="orgCampaign">
        <select {...getSelectProps(fields.kind)}>
          {page.kinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <SlugField meta={fields.slug} hint={t("settings.slugHelp", { min: limits.slugMin, max: limits.slug })} />
      <Field
        id={fields.goal.id}
        label={t("fields.goal")}
        hint={t("settings.goalHelp")}
        errors={fields.goal.errors}
        ns="orgCampaign"
        max={limits.goal}
      >
        <input
          {...getInputProps(fields.goal, { type: "text", ariaDescribedBy: `${fields.goal.id}-hint` })}
          inputMode="numeric"
        />
      </Field>

      <h3>{t("settings.targetsTitle")}</h3>
      <p className="help">{t("settings.targetsHelp")}</p>
      {page.targets.length === 0 ? <p>{t("settings.noTexts")}</p> : null}
      {page.targets.map((target) => {
        const meta = targets[target.locale];
        if (!meta) return null;
        return (
          <Field
            key={target.locale}
            id={meta.id}
            label={t("settings.target", { language: target.name })}
            errors={meta.errors}
            ns="orgCampaign"
            max={limits.target}
          >
            <input {...getInputProps(meta, { type: "text" })} lang={target.locale} maxLength={limits.target} />
          </Field>
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
              const box = ticked[String(p.id)];
              const position = positions[String(p.id)];
              if (!box || !position) return null;
              return (
                <tr key={p.id}>
                  <td>
                    <input {...getInputProps(box, { type: "checkbox" })} />
                  </td>
                  <td>
                    <label htmlFor={box.id}>{p.name}</label>
                  </td>
                  <td>
                    <input
                      {...getInputProps(position, { type: "text" })}
                      inputMode="numeric"
                      size={3}
                      aria-label={t("settings.positionOf", { name: p.name })}
                    />
                    <FieldError id={position.errorId} errors={position.errors} ns="orgCampaign" />
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
  );
}
