import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InviteForm, MembersResultNotice, OrganizerActionButton } from "~/components/members-forms";
import { MEMBER_ROLES } from "~/domain/vocab";
import { readForm } from "~/http/forms.server";
import { answerOperation, rejectedForm } from "~/http/rejected-form.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound, orNotFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { membersErrorMap, membersActionSchema } from "~/schemas/organizer-members";
import {
  changeMemberRole,
  inviteMember,
  loadMembersPage,
  removeMember,
  resendMemberInvitation,
} from "~/services/organizer-members.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("members");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "manage");
  const uiLocale = negotiateLocale(request);
  return { ...orNotFound(await loadMembersPage(access, uiLocale)), uiLocale };
}

/** One of invite, role, remove, resend. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "manage");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: membersActionSchema, errorMap: membersErrorMap });
  if (submission.status !== "success") {
    // A row's organizer id that is not one names nobody: the same 404 as an unknown member.
    if (submission.error?.organizerId) notFound();
    return rejectedForm(form, submission);
  }
  const input = submission.value;
  const result =
    input.intent === "invite"
      ? await inviteMember(access, {
          email: input.email,
          role: input.role,
          locale: input.locale ?? negotiateLocale(request),
        })
      : input.intent === "role"
        ? await changeMemberRole(access, input)
        : input.intent === "remove"
          ? await removeMember(access, input)
          : await resendMemberInvitation(access, input);
  return answerOperation(result, form, submission);
}

export default function OrganizerCampaignMembers() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(["orgMembers", "organizer"]);
  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">{t("members.title", { title: page.title })}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("members.overview")}</Link>
      </p>
      <p>{t("members.intro")}</p>
      {result ? <MembersResultNotice result={result} /> : null}

      <table className="organizer-table">
        <caption>{t("members.listCaption", { count: page.members.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("members.email")}</th>
            <th scope="col">{t("members.role")}</th>
            <th scope="col">{t("members.state")}</th>
            <th scope="col">{t("members.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {page.members.map((m) => (
            <tr key={m.id} data-testid="member-row">
              <td>
                {m.email}
                {m.id === page.me ? ` ${t("members.you")}` : ""}
              </td>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="organizerId" value={m.id} />
                  <label htmlFor={`role-${m.id}`} className="visually-hidden">
                    {t("members.roleFor", { email: m.email })}
                  </label>
                  <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                    {MEMBER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`organizer:roles.${r}`)}
                      </option>
                    ))}
                  </select>{" "}
                  <button type="submit" className="button button--small">
                    {t("members.changeRole")}
                  </button>
                </Form>
              </td>
              <td>
                {m.disabled
                  ? t("members.states.disabled")
                  : m.active
                    ? t("members.states.active")
                    : t("members.states.invited")}
              </td>
              <td>
                {!m.active && !m.disabled ? (
                  <OrganizerActionButton intent="resend" organizerId={m.id}>
                    {t("members.resend")}
                  </OrganizerActionButton>
                ) : null}
                <OrganizerActionButton intent="remove" organizerId={m.id} confirm={{ label: t("members.remove") }}>
                  {t("members.remove")}
                </OrganizerActionButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("invite.title")}</h2>
      <p>{t("invite.intro")}</p>
      <InviteForm invitee="member" result={result} uiLocale={page.uiLocale} />
    </section>
  );
}
