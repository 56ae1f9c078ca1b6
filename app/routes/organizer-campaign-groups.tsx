import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fieldErrorMap } from "~/schemas/fields";
import { ConfirmStep } from "~/components/confirm-step";
import { Field } from "~/components/form-kit";
import { refusedAny, rejectedForm } from "~/http/rejected-form.server";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound, orNotFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import type { Locale } from "~/domain/vocab";
import { GROUP_ID_FIELDS, groupsSchema } from "~/schemas/campaign-settings";
import {
  addGroup,
  deleteGroup,
  groupsPage,
  type GroupsResult,
  mergeGroups,
  moveGroup,
  previewMerge,
  relabelGroup,
} from "~/services/signer-groups.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("groups");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  return orNotFound(await groupsPage(access, negotiateLocale(request)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const form = await readForm(request);
  const submission = parseWithZod(form, {
    schema: groupsSchema(access.campaign.canonicalLocale),
    errorMap: fieldErrorMap,
  });
  const named = Number(form.get("group"));
  const groupId = Number.isSafeInteger(named) && named > 0 ? named : undefined;
  if (submission.status !== "success") {
    // A group id no page of ours shows is an unknown group.
    if (refusedAny(submission.reply(), GROUP_ID_FIELDS)) notFound();
    return rejectedForm(form, submission, undefined, { groupId });
  }
  const input = submission.value;
  let result: GroupsResult;
  switch (input.intent) {
    case "add":
      result = await addGroup(access, { key: input.key, labels: input.label });
      break;
    case "rename":
      result = await relabelGroup(access, { groupId: input.group, labels: input.label });
      break;
    case "move":
      result = await moveGroup(access, { groupId: input.group, direction: input.direction });
      break;
    case "mergePreview":
      result = await previewMerge(access, { fromId: input.from, intoId: input.into });
      break;
    case "merge":
      result = await mergeGroups(access, { fromId: input.from, intoId: input.into });
      break;
    case "delete":
      result = await deleteGroup(access, { groupId: input.group });
      break;
  }
  if (result.kind === "not-found") notFound();
  if (result.kind === "invalid") return rejectedForm(form, submission, result.errors, { groupId });
  return data(result);
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = SubmissionResult<string[]> | undefined;
type LabelsMeta = FieldMetadata<Partial<Record<Locale, string>> | undefined>;

/** The label inputs of one group (the original language first and required). */
function LabelFields({ page, meta }: { page: Page; meta: LabelsMeta }) {
  const { t } = useTranslation("orgCampaign");
  const labels = meta.getFieldset();
  return (
    <>
      {page.locales.map((l) => {
        const field = labels[l.code];
        const required = l.code === page.canonicalLocale;
        return (
          <Field
            key={l.code}
            id={field.id}
            label={
              <>
                {t("groups.labelIn", { language: l.name })}{" "}
                {required ? null : <span className="optional">{t("groups.optionalLabel")}</span>}
              </>
            }
            errors={field.errors}
            ns="orgCampaign"
            max={page.limits.label}
          >
            <input
              {...getInputProps(field, { type: "text" })}
              lang={l.code}
              required={required}
              maxLength={page.limits.label}
            />
          </Field>
        );
      })}
    </>
  );
}

function RenameForm({ page, group, lastResult }: { page: Page; group: Page["groups"][number]; lastResult: Reply }) {
  const { t } = useTranslation("orgCampaign");
  const [form, fields] = useForm({
    id: `rename-${group.id}`,
    lastResult,
    defaultValue: { label: group.labels },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: groupsSchema(page.canonicalLocale), errorMap: fieldErrorMap }),
  });
  return (
    <details open={Boolean(lastResult)}>
      <summary>{t("groups.rename")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" name="group" value={group.id} />
        <LabelFields page={page} meta={fields.label as LabelsMeta} />
        <p className="help">{t("groups.fallbackHelp")}</p>
        <button type="submit" className="button button--small">
          {t("groups.saveLabels")}
        </button>
      </Form>
    </details>
  );
}

function MergeForm({ page, lastResult }: { page: Page; lastResult: Reply }) {
  const { t } = useTranslation("orgCampaign");
  const [form, fields] = useForm({
    id: "merge",
    lastResult,
    defaultValue: {
      from: String(page.groups[page.groups.length - 1]?.id ?? ""),
      into: String(page.groups[0]?.id ?? ""),
    },
  });
  const options = page.groups.map((g) => (
    <option key={g.id} value={g.id}>
      {g.label}
    </option>
  ));
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="mergePreview" />
      <div className="field-row">
        <Field id={fields.from.id} label={t("groups.mergeFrom")} errors={fields.from.errors} ns="orgCampaign">
          <select {...getSelectProps(fields.from)}>{options}</select>
        </Field>
        <Field id={fields.into.id} label={t("groups.mergeInto")} errors={fields.into.errors} ns="orgCampaign">
          <select {...getSelectProps(fields.into)}>{options}</select>
        </Field>
      </div>
      <button type="submit" className="button">
        {t("groups.mergeShow")}
      </button>
    </Form>
  );
}

function AddGroupForm({ page, lastResult }: { page: Page; lastResult: Reply }) {
  const { t } = useTranslation("orgCampaign");
  const [form, fields] = useForm({
    id: "add-group",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: groupsSchema(page.canonicalLocale), errorMap: fieldErrorMap }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      <Field
        id={fields.key.id}
        label={t("groups.key")}
        hint={t("groups.keyHelp", { max: page.limits.groupKey })}
        errors={fields.key.errors}
        ns="orgCampaign"
        max={page.limits.groupKey}
      >
        <input
          {...getInputProps(fields.key, { type: "text", ariaDescribedBy: `${fields.key.id}-hint` })}
          required
          maxLength={page.limits.groupKey}
        />
      </Field>
      <LabelFields page={page} meta={fields.label as LabelsMeta} />
      <button type="submit" className="button">
        {t("groups.add")}
      </button>
    </Form>
  );
}

export default function OrganizerCampaignGroups() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgCampaign");
  const invalid = result?.kind === "invalid" ? result : null;
  const intent = invalid?.values.intent;
  /** The refused form's reply, for that form only (one group's labels, not every group's). */
  const replyFor = (formIntents: string[], groupId?: number): Reply =>
    invalid && intent && formIntents.includes(intent) && (groupId === undefined || invalid.groupId === groupId)
      ? invalid.reply
      : undefined;
  const number = (n: number) => n.toLocaleString(i18n.language);
  const labelOf = (id: number) => page.groups.find((g) => g.id === id)?.label ?? "";
  const groupError = invalid?.errors.group;
  return (
    <section aria-labelledby="groups-title">
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
          {page.groups.map((g, i) => (
            <tr key={g.id} data-testid={`group-${g.key}`}>
              <td>
                <code>{g.key}</code>
              </td>
              <td>
                {g.label}
                {/* Remounted when its labels change, so the form shows the saved ones. */}
                <RenameForm
                  key={JSON.stringify(g.labels)}
                  page={page}
                  group={g}
                  lastResult={replyFor(["rename"], g.id)}
                />
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
                      <ConfirmStep
                        label={t("groups.delete")}
                        summaryLabel={t("groups.deleteLabel", { label: g.label })}
                      />
                    </Form>
                  ) : (
                    <span className="help">{g.signatures > 0 ? t("groups.mergeInstead") : null}</span>
                  )}
                </div>
              </td>
            </tr>
          ))}
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
      {page.groups.length > 1 ? <MergeForm page={page} lastResult={replyFor(["mergePreview", "merge"])} /> : null}

      <h2>{t("groups.addTitle")}</h2>
      {/* A fresh, empty form once a group was added. */}
      <AddGroupForm
        key={result?.kind === "saved" && result.action === "added" ? result.key : "add"}
        page={page}
        lastResult={replyFor(["add"])}
      />
    </section>
  );
}
