import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fieldErrorMap } from "~/schemas/fields";
import { SlugField } from "~/components/campaign-settings-fields";
import { Field } from "~/components/form-kit";
import { rejectedForm } from "~/http/rejected-form.server";
import { readForm } from "~/http/forms.server";
import { requireAdmin } from "~/http/organizer-access.server";
import { orNotFound, notFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { newCampaignSchema, SETTINGS_LIMITS } from "~/schemas/campaign-settings";
import { createCampaign, newCampaignPage } from "~/services/campaign-creation.server";
import type { z } from "zod";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("newCampaign");

/** Letters in Cyrillic take several bytes a character, twice over once form-encoded. */
const NEW_CAMPAIGN_FORM_BYTES = 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireAdmin(request);
  return orNotFound(newCampaignPage(organizer, negotiateLocale(request)));
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireAdmin(request);
  const form = await readForm(request, NEW_CAMPAIGN_FORM_BYTES);
  const submission = parseWithZod(form, { schema: newCampaignSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  const result = await createCampaign(organizer, submission.value);
  switch (result.kind) {
    case "created":
      return redirect(`/organizer/campaigns/${result.slug}/settings`);
    case "invalid":
      return rejectedForm(form, submission, result.errors);
    case "not-found":
      return notFound();
  }
}

export default function OrganizerCampaignNew() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("orgCampaign");
  const [form, fields] = useForm<z.input<typeof newCampaignSchema>, z.output<typeof newCampaignSchema>>({
    id: "new-campaign",
    lastResult: result?.reply,
    defaultValue: page.values,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newCampaignSchema, errorMap: fieldErrorMap }),
  });
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">{t("new.title")}</h1>
      <p>
        <Link to="/organizer">{t("common.dashboard")}</Link>
      </p>
      <p>{t("new.intro")}</p>
      {result ? (
        <p className="form-error" role="alert">
          {t("common.fixErrors")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <SlugField
          meta={fields.slug}
          hint={t("fields.slugHelp", { min: SETTINGS_LIMITS.slugMin, max: SETTINGS_LIMITS.slug })}
        />
        <Field id={fields.kind.id} label={t("fields.kind")} errors={fields.kind.errors} ns="orgCampaign">
          <select {...getSelectProps(fields.kind)}>
            {page.kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={fields.locale.id}
          label={t("fields.locale")}
          hint={t("fields.localeHelp")}
          errors={fields.locale.errors}
          ns="orgCampaign"
        >
          <select {...getSelectProps(fields.locale, { ariaDescribedBy: `${fields.locale.id}-hint` })}>
            {page.locales.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={fields.title.id}
          label={t("fields.title")}
          errors={fields.title.errors}
          ns="orgCampaign"
          max={page.limits.title}
        >
          <input {...getInputProps(fields.title, { type: "text" })} required maxLength={page.limits.title} />
        </Field>
        <Field
          id={fields.body.id}
          label={t("fields.body")}
          hint={t("fields.bodyHelp")}
          errors={fields.body.errors}
          ns="orgCampaign"
          max={page.limits.body}
        >
          <textarea
            {...getTextareaProps(fields.body, { ariaDescribedBy: `${fields.body.id}-hint` })}
            rows={16}
            required
          />
        </Field>
        <button type="submit" className="button">
          {t("new.create")}
        </button>
      </Form>
    </section>
  );
}
