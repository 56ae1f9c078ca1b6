import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InviteForm, MembersResultNotice, OrganizerActionButton } from "~/components/members-forms";
import { readForm } from "~/http/forms.server";
import { answerOperation, rejectedForm } from "~/http/rejected-form.server";
import { requireAdmin } from "~/http/organizer-access.server";
import { notFound, orNotFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { membersErrorMap, organizersAdminActionSchema } from "~/schemas/organizer-members";
import {
  disableOrganizer,
  enableOrganizer,
  inviteOrganizer,
  loadOrganizersPage,
  resendOrganizerInvitation,
} from "~/services/organizer-admin.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("organizers");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  return { ...orNotFound(await loadOrganizersPage(admin)), uiLocale: negotiateLocale(request) };
}

/** One of invite, disable, enable, resend. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: organizersAdminActionSchema, errorMap: membersErrorMap });
  if (submission.status !== "success") {
    // A row's organizer id that is not one names nobody: the same 404 as an unknown account.
    if (submission.error?.organizerId) notFound();
    return rejectedForm(form, submission);
  }
  const input = submission.value;
  const result =
    input.intent === "invite"
      ? await inviteOrganizer(admin, {
          email: input.email,
          admin: input.admin,
          locale: input.locale ?? negotiateLocale(request),
        })
      : input.intent === "disable"
        ? await disableOrganizer(admin, input)
        : input.intent === "enable"
          ? await enableOrganizer(admin, input)
          : await resendOrganizerInvitation(admin, input);
  return answerOperation(result, form, submission);
}

export default function OrganizerAdminOrganizers() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgMembers");
  return (
    <section aria-labelledby="organizers-title">
      <h1 id="organizers-title">{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      {result ? <MembersResultNotice result={result} /> : null}

      <table className="organizer-table">
        <caption>{t("admin.listCaption", { count: page.organizers.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("members.email")}</th>
            <th scope="col">{t("admin.isAdmin")}</th>
            <th scope="col">{t("admin.lastLogin")}</th>
            <th scope="col">{t("admin.campaigns")}</th>
            <th scope="col">{t("members.state")}</th>
            <th scope="col">{t("members.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {page.organizers.map((o) => (
            <tr key={o.id} data-testid="organizer-row">
              <td>
                {o.email}
                {o.id === page.me ? ` ${t("members.you")}` : ""}
              </td>
              <td>{o.isAdmin ? t("admin.yes") : t("admin.no")}</td>
              <td>
                {o.lastLoginAt ? (
                  <time dateTime={o.lastLoginAt} suppressHydrationWarning>
                    {new Date(o.lastLoginAt).toLocaleString(i18n.language)}
                  </time>
                ) : (
                  t("admin.never")
                )}
              </td>
              <td>{o.campaigns.toLocaleString(i18n.language)}</td>
              <td>
                {o.disabled
                  ? t("members.states.disabled")
                  : o.lastLoginAt
                    ? t("members.states.active")
                    : t("members.states.invited")}
              </td>
              <td>
                {!o.lastLoginAt && !o.disabled ? (
                  <OrganizerActionButton intent="resend" organizerId={o.id}>
                    {t("members.resend")}
                  </OrganizerActionButton>
                ) : null}
                {o.id === page.me ? null : (
                  <OrganizerActionButton
                    intent={o.disabled ? "enable" : "disable"}
                    organizerId={o.id}
                    confirm={o.disabled ? undefined : { label: t("admin.disable") }}
                  >
                    {o.disabled ? t("admin.enable") : t("admin.disable")}
                  </OrganizerActionButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("admin.inviteTitle")}</h2>
      <p>{t("admin.inviteIntro")}</p>
      <InviteForm invitee="organizer" result={result} uiLocale={page.uiLocale} />
    </section>
  );
}
