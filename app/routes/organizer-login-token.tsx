import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { assertSameOrigin, readSessionCookie, sessionCookie } from "~/http/organizer-access.server";
import { localeCookie, localeFromQuery } from "~/i18n/negotiate.server";
import {
  consumeLoginToken,
  describeLoginLink,
  INVITATION_DAYS,
  LOGIN_TOKEN_MINUTES,
} from "~/services/organizer-auth.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("loginLink");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

/** Opening the mailed link signs nobody in (scanners prefetch links): it shows a button. */
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await describeLoginLink(params.token);
  const validFor = { invitationDays: INVITATION_DAYS, loginMinutes: LOGIN_TOKEN_MINUTES };
  return data({ ...link, validFor }, { status: link.state === "ready" ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  // The session the browser had (if any) ends: a new one starts at every sign-in.
  const result = await consumeLoginToken(params.token, readSessionCookie(request));
  if (result.kind === "ok") {
    const headers = new Headers({ "Set-Cookie": sessionCookie(result.sessionToken) });
    // The mailed link's language (`?lng=`, the invitee's) stays for the pages that follow.
    const lng = localeFromQuery(request.url);
    if (lng) headers.append("Set-Cookie", localeCookie(lng));
    throw redirect(result.next, { headers });
  }
  return data({ state: result.kind }, { status: 410 });
}

export default function OrganizerLoginToken() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted?.state ?? loaded.state;
  const { t } = useTranslation("organizer");
  // Invitation links last days, links asked for on the sign-in page minutes: say which this is.
  const validity =
    loaded.kind === "invitation"
      ? t("link.validityInvitation", { count: loaded.validFor.invitationDays })
      : loaded.kind === "login"
        ? t("link.validityLogin", { count: loaded.validFor.loginMinutes })
        : null;
  if (state === "ready") {
    return (
      <StatusPage title={loaded.kind === "invitation" ? t("link.invitationTitle") : t("link.title")}>
        <p>{t("link.text")}</p>
        {validity ? <p data-testid="link-validity">{validity}</p> : null}
        <Form method="post">
          <button type="submit" className="button">
            {t("link.button")}
          </button>
        </Form>
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t("link.invalidTitle")}>
      <p>{t("link.invalidText")}</p>
      {validity ? <p data-testid="link-validity">{validity}</p> : null}
      <p>
        <Link to="/organizer/login">{t("link.again")}</Link>
      </p>
    </StatusPage>
  );
}
