import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { LOCALES } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { assertSameOrigin } from "~/services/organizer-auth.server";
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
  const invalid = result?.kind === "invalid" ? result : null;
  const values: Record<string, string> = invalid?.values.intent === "invite" ? invalid.values : {};
  const emailError = invalid?.errors.email ? t(`errors.${invalid.errors.email}`) : null;
  return (
    <section aria-labelledby="organizers-title">
      <OrganizerBar />
      <h1 id="organizers-title">{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      {result ? <ResultNotice result={result} /> : null}

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
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="resend" />
                    <input type="hidden" name="organizerId" value={o.id} />
                    <button type="submit" className="button button--small">
                      {t("members.resend")}
                    </button>
                  </Form>
                ) : null}
                {o.id === page.me ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value={o.disabled ? "enable" : "disable"} />
                    <input type="hidden" name="organizerId" value={o.id} />
                    <button type="submit" className="button button--small">
                      {o.disabled ? t("admin.enable") : t("admin.disable")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("admin.inviteTitle")}</h2>
      <p>{t("admin.inviteIntro")}</p>
      <Form method="post" key={result?.kind === "invited" ? `sent-${result.email}` : "invite"}>
        <input type="hidden" name="intent" value="invite" />
        <p className="field">
          <label htmlFor="invite-email">{t("invite.email")}</label>
          <input
            id="invite-email"
            name="email"
            type="email"
            required
            maxLength={254}
            defaultValue={values.email ?? ""}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? "invite-email-error" : undefined}
          />
          {emailError ? (
            <span id="invite-email-error" className="field-error">
              {emailError}
            </span>
          ) : null}
        </p>
        <p className="field">
          <label htmlFor="invite-locale">{t("invite.language")}</label>
          <select id="invite-locale" name="locale" defaultValue={values.locale ?? page.uiLocale}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
          <span>{t("invite.languageNote")}</span>
        </p>
        <p className="field">
          <label>
            <input type="checkbox" name="admin" value="on" defaultChecked={values.admin === "on"} />{" "}
            {t("admin.asAdmin")}
          </label>
        </p>
        <button type="submit" className="button">
          {t("invite.submit")}
        </button>
      </Form>
    </section>
  );
}

/** What the last form did, or why it did not. */
function ResultNotice({ result }: { result: { kind: string; email?: string; reason?: string } }) {
  const { t } = useTranslation("orgMembers");
  if (result.kind === "invalid") {
    return (
      <p className="notice" role="alert">
        {t("results.fixErrors")}
      </p>
    );
  }
  if (result.kind === "refused" || result.kind === "limited") {
    return (
      <p className="notice" role="alert">
        {t(result.kind === "limited" ? "errors.limited" : `errors.${result.reason ?? "invalid"}`)}
      </p>
    );
  }
  return (
    <p className="notice" role="status">
      {t(`results.${result.kind}`, { email: result.email ?? "" })}
    </p>
  );
}
