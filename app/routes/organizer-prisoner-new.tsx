import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/form-kit";
import { LOCALES, PRISONER_STATUSES } from "~/domain/vocab";
import { formValues, readForm } from "~/http/forms.server";
import { requireOrganizer } from "~/http/organizer-access.server";
import { orNotFound } from "~/http/responses";
import { LOCALE_NAMES } from "~/i18n/config";
import { firstErrors, newPrisonerSchema } from "~/schemas/prisoner-editing";
import { findPrisonerCreator } from "~/services/prisoner-access.server";
import { createPrisoner, loadNewPrisonerForm } from "~/services/prisoner-profile.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("newPrisoner");

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  return orNotFound(await loadNewPrisonerForm(organizer));
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  // Who may not add prisoners gets the 404 before anything about the form.
  const creator = orNotFound(await findPrisonerCreator(organizer));
  const form = await readForm(request);
  const schema = newPrisonerSchema({
    campaignIds: creator.campaigns.map((c) => c.id),
    campaignRequired: !organizer.isAdmin,
  });
  const submission = parseWithZod(form, { schema, disableAutoCoercion: true });
  const values = formValues(form);
  if (submission.status !== "success") {
    const reply = submission.reply();
    return data({ kind: "invalid" as const, errors: firstErrors(reply.error), values, reply }, { status: 400 });
  }
  const result = await createPrisoner(creator, submission.value);
  if (result.kind === "created") throw redirect(`/organizer/prisoners/${result.slug}`);
  const fieldErrors = Object.fromEntries(
    Object.entries(result.errors).map(([name, code]) => [name, [code ?? "invalid"]]),
  );
  return data(
    { kind: "invalid" as const, errors: result.errors, values, reply: submission.reply({ fieldErrors }) },
    { status: 400 },
  );
}

export default function OrganizerPrisonerNew() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgPrisoners");
  const { t: tc } = useTranslation("common");
  const uiLocale = LOCALES.find((l) => l === i18n.language) ?? "en";
  const schema = useMemo(
    () => newPrisonerSchema({ campaignIds: page.campaigns.map((c) => c.id), campaignRequired: !page.isAdmin }),
    [page.campaigns, page.isAdmin],
  );
  const [form, fields] = useForm({
    id: "new-prisoner",
    lastResult: result?.reply,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema, disableAutoCoercion: true }),
    defaultValue: {
      status: "detained",
      locale: uiLocale,
      campaign: page.isAdmin ? "" : String(page.campaigns[0]?.id ?? ""),
    },
  });
  const ns = "orgPrisoners";
  return (
    <section aria-labelledby="new-prisoner-title">
      <h1 id="new-prisoner-title">{t("new.title")}</h1>
      <p>
        <Link to="/organizer/prisoners">{t("editor.back")}</Link>
      </p>
      {result?.kind === "invalid" ? (
        <p className="form-error" role="alert">
          {t("editor.fixErrors")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <Field
          id={fields.slug.id}
          label={t("fields.slug")}
          hint={t("fields.slugHelp")}
          errors={fields.slug.errors}
          ns={ns}
          max={page.limits.slug}
        >
          <input
            {...getInputProps(fields.slug, { type: "text" })}
            required
            maxLength={page.limits.slug}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            aria-describedby={describedBy(fields.slug.id, { hint: true })}
          />
        </Field>
        <Field id={fields.status.id} label={t("fields.status")} errors={fields.status.errors} ns={ns}>
          <select {...getSelectProps(fields.status)} aria-describedby={describedBy(fields.status.id)}>
            {PRISONER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tc(`prisoner.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={fields.locale.id} label={t("fields.language")} errors={fields.locale.errors} ns={ns}>
          <select {...getSelectProps(fields.locale)} aria-describedby={describedBy(fields.locale.id)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={fields.name.id} label={t("fields.name")} errors={fields.name.errors} ns={ns} max={page.limits.name}>
          <input
            {...getInputProps(fields.name, { type: "text" })}
            required
            maxLength={page.limits.name}
            aria-describedby={describedBy(fields.name.id)}
          />
        </Field>
        {page.campaigns.length ? (
          <Field
            id={fields.campaign.id}
            label={t("fields.campaign")}
            hint={t("fields.campaignHelp")}
            errors={fields.campaign.errors}
            ns={ns}
          >
            <select
              {...getSelectProps(fields.campaign)}
              required={!page.isAdmin}
              aria-describedby={describedBy(fields.campaign.id, { hint: true })}
            >
              {page.isAdmin ? <option value="">{t("fields.noCampaign")}</option> : null}
              {page.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <button type="submit" className="button">
          {t("new.create")}
        </button>
      </Form>
    </section>
  );
}
