import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { assertSameOrigin, readSession, requestLoginLink } from "~/services/organizer-auth.server";
import { readForm } from "~/utils/forms.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await readSession(request);
  if (session?.secondFactorAt) throw redirect("/organizer");
  return null;
}

/** Always the same answer, so the form never tells who has an account. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const email = String(form.get("email") ?? "").trim();
  if (email.length > 3 && email.length < 320 && email.includes("@")) await requestLoginLink(email);
  return { sent: true };
}

export default function OrganizerLogin() {
  const acted = useActionData<typeof action>();
  const { t } = useTranslation("organizer");
  if (acted?.sent) {
    return (
      <StatusPage title={t("login.sentTitle")}>
        <p>{t("login.sentText")}</p>
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t("login.title")}>
      <p>{t("login.intro")}</p>
      <Form method="post" className="inline-form">
        <label htmlFor="organizer-email">{t("login.email")}</label>
        <input id="organizer-email" name="email" type="email" required autoComplete="email" />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
    </StatusPage>
  );
}
