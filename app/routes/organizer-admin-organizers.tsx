import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InviteForm, MembersResultNotice, OrganizerActionButton } from "~/components/members-forms";
import { OrganizerBar } from "~/components/organizer-bar";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { assertSameOrigin } from "~/http/organizer-access.server";
import {
  loadOrganizersAdmin,
  membersResultStatus,
  organizersAdminActionFromRequest,
} from "~/services/organizer-members.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  return loadOrganizersAdmin(request, negotiateLocale(request));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await organizersAdminActionFromRequest(request, negotiateLocale(request));
  return data(result, { status: membersResultStatus(result) });
}

export default function OrganizerAdminOrganizers() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgMembers");
  return (
    <section aria-labelledby="organizers-title">
      <OrganizerBar />
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
                  <OrganizerActionButton intent={o.disabled ? "enable" : "disable"} organizerId={o.id}>
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
      <InviteForm
        result={result}
        uiLocale={page.uiLocale}
        afterLanguage={({ values }) => (
          <p className="field">
            <label>
              <input type="checkbox" name="admin" value="on" defaultChecked={values.admin === "on"} />{" "}
              {t("admin.asAdmin")}
            </label>
          </p>
        )}
      />
    </section>
  );
}
