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
import { assertSameOrigin, consumeLoginToken, describeLoginToken } from "~/services/organizer-auth.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

/** Opening the mailed link signs nobody in (scanners prefetch links): it shows a button. */
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await describeLoginToken(params.token);
  return data({ state }, { status: state === "ready" ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await consumeLoginToken(params.token, request);
  if (result.kind === "ok") throw redirect(result.next, { headers: { "Set-Cookie": result.cookie } });
  return data({ state: result.kind }, { status: 410 });
}

export default function OrganizerLoginToken() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted?.state ?? loaded.state;
  const { t } = useTranslation("organizer");
  if (state === "ready") {
    return (
      <StatusPage title={t("link.title")}>
        <p>{t("link.text")}</p>
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
      <p>
        <Link to="/organizer/login">{t("link.again")}</Link>
      </p>
    </StatusPage>
  );
}
