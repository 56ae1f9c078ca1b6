import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InviteForm, MembersResultNotice, OrganizerActionButton } from "~/components/members-forms";
import { OrganizerBar } from "~/components/organizer-bar";
import { MEMBER_ROLES } from "~/domain/vocab";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { assertSameOrigin } from "~/http/organizer-access.server";
import { loadMembersPage, membersActionFromRequest, membersResultStatus } from "~/services/organizer-members.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadMembersPage(request, params.slug ?? "", negotiateLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await membersActionFromRequest(request, params.slug ?? "", negotiateLocale(request));
  return data(result, { status: membersResultStatus(result) });
}

export default function OrganizerCampaignMembers() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(["orgMembers", "organizer"]);
  return (
    <section aria-labelledby="members-title">
      <OrganizerBar />
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
                <OrganizerActionButton intent="remove" organizerId={m.id}>
                  {t("members.remove")}
                </OrganizerActionButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("invite.title")}</h2>
      <p>{t("invite.intro")}</p>
      <InviteForm
        result={result}
        uiLocale={page.uiLocale}
        beforeLanguage={({ values, errors }) => (
          <p className="field">
            <label htmlFor="invite-role">{t("invite.role")}</label>
            <select id="invite-role" name="role" defaultValue={values.role ?? "editor"}>
              {MEMBER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`organizer:roles.${r}`)}
                </option>
              ))}
            </select>
            {errors.role ? <span className="field-error">{t(`errors.${errors.role}`)}</span> : null}
          </p>
        )}
      />
    </section>
  );
}
