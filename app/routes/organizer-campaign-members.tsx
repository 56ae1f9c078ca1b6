import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { LOCALES, MEMBER_ROLES } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { assertSameOrigin } from "~/services/organizer-auth.server";
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
  const invalid = result?.kind === "invalid" ? result : null;
  const values: Record<string, string> = invalid?.values.intent === "invite" ? invalid.values : {};
  const emailError = invalid?.errors.email ? t(`errors.${invalid.errors.email}`) : null;
  return (
    <section aria-labelledby="members-title">
      <OrganizerBar />
      <h1 id="members-title">{t("members.title", { title: page.title })}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("members.overview")}</Link>
      </p>
      <p>{t("members.intro")}</p>
      {result ? <ResultNotice result={result} /> : null}

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
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="resend" />
                    <input type="hidden" name="organizerId" value={m.id} />
                    <button type="submit" className="button button--small">
                      {t("members.resend")}
                    </button>
                  </Form>
                ) : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="organizerId" value={m.id} />
                  <button type="submit" className="button button--small">
                    {t("members.remove")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("invite.title")}</h2>
      <p>{t("invite.intro")}</p>
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
          <label htmlFor="invite-role">{t("invite.role")}</label>
          <select id="invite-role" name="role" defaultValue={values.role ?? "editor"}>
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`organizer:roles.${r}`)}
              </option>
            ))}
          </select>
          {invalid?.errors.role ? <span className="field-error">{t(`errors.${invalid.errors.role}`)}</span> : null}
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
