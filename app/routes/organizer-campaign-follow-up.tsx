import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/form-kit";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { rejectedForm } from "~/http/rejected-form.server";
import { notFound, orNotFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { followUpSchema } from "~/schemas/campaign-outcome";
import { fieldErrorMap } from "~/schemas/fields";
import { followUpPage, inviteFollowUpSigners, linkFollowUp } from "~/services/follow-up.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("followUp");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  return orNotFound(await followUpPage(access, negotiateLocale(request)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: followUpSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  const input = submission.value;
  const result =
    input.intent === "link" ? await linkFollowUp(access, input.earlier) : await inviteFollowUpSigners(access);
  if (result.kind === "not-found") notFound();
  if (result.kind === "invalid") return rejectedForm(form, submission, result.errors);
  return data(result, { status: result.kind === "refused" ? 400 : 200 });
}

export default function OrganizerCampaignFollowUp() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(["orgInsights", "orgCampaign"]);
  const invalid = result?.kind === "invalid" ? result : null;
  return (
    <section aria-labelledby="follow-up-title">
      <h1 id="follow-up-title">{t("followUp.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("orgCampaign:common.overview")}</Link>
      </p>
      <p className="help">{t("followUp.intro")}</p>
      {result?.kind === "linked" ? (
        <p className="notice" role="status">
          {result.earlier ? t("followUp.linked") : t("followUp.unlinked")}
        </p>
      ) : null}
      {result?.kind === "inviting" ? (
        <p className="notice" role="status">
          {t("followUp.inviting")}
        </p>
      ) : null}
      {result?.kind === "refused" ? (
        <p className="form-error" role="alert">
          {t(`followUp.refused.${result.reason}`)}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="link" />
        <Field id="earlier" label={t("followUp.earlier")} errors={invalid?.errors.earlier} ns="orgInsights">
          <select
            id="earlier"
            name="earlier"
            defaultValue={invalid?.values.earlier ?? page.earlier?.slug ?? ""}
            aria-describedby={describedBy("earlier")}
          >
            <option value="">{t("followUp.none")}</option>
            {page.candidates.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button">
          {t("followUp.save")}
        </button>
      </Form>
      {page.earlier ? (
        <>
          <h2>{t("followUp.inviteTitle")}</h2>
          <p>{t("followUp.inviteIntro", { title: page.earlier.title })}</p>
          <p data-testid="follow-up-stats">
            {t("followUp.stats", { sent: page.invitations.sent, used: page.invitations.used })}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="invite" />
            <button type="submit" className="button" disabled={page.status !== "open"}>
              {t("followUp.invite")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
