import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { requireLocale } from "~/i18n/route-locale";
import { isValidUnsubscribeToken, unsubscribe } from "~/services/updates.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];

/** Opening the link changes nothing (link scanners); the button, or a mail client's one-click POST, does. */
export async function loader({ params }: LoaderFunctionArgs) {
  requireLocale(params);
  const valid = isValidUnsubscribeToken(params.token ?? "");
  return data({ status: valid ? ("ready" as const) : ("invalid" as const) }, { status: valid ? 200 : 404 });
}

export async function action({ params }: ActionFunctionArgs) {
  requireLocale(params);
  const done = await unsubscribe(params.token ?? "");
  return data({ status: done ? ("done" as const) : ("invalid" as const) }, { status: done ? 200 : 404 });
}

export default function UnsubscribePage() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted ?? loaded;
  const { t, i18n } = useTranslation();
  if (state.status === "done") {
    return (
      <StatusPage title={t("sign:unsubscribe.doneTitle")} icon="✓">
        <p>{t("sign:unsubscribe.doneText")}</p>
      </StatusPage>
    );
  }
  if (state.status === "invalid") {
    return (
      <StatusPage title={t("sign:unsubscribe.invalidTitle")}>
        <p>
          <Link to={`/${i18n.language}`}>{t("errors.backHome")}</Link>
        </p>
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t("sign:unsubscribe.title")}>
      <p>{t("sign:unsubscribe.text")}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("sign:unsubscribe.button")}
        </button>
      </Form>
    </StatusPage>
  );
}
