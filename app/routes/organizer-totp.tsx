import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { assertSameOrigin, requireFirstFactor, safeNext, verifySecondFactor } from "~/services/organizer-auth.server";
import { readForm } from "~/utils/forms.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireFirstFactor(request);
  if (!session.organizer.totpEnabled) throw redirect("/organizer/totp-setup");
  return null;
}

/** A code from the authenticator app, or one of the recovery codes. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const session = await requireFirstFactor(request);
  const form = await readForm(request);
  const result = await verifySecondFactor(session, String(form.get("code") ?? "").slice(0, 64));
  if (result.kind === "ok") throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return { error: true };
}

export default function OrganizerTotp() {
  const acted = useActionData<typeof action>();
  const { t } = useTranslation("organizer");
  return (
    <StatusPage title={t("totp.title")}>
      <p>{t("totp.intro")}</p>
      {acted?.error ? (
        <p className="field-error" role="alert">
          {t("totp.wrongCode")}
        </p>
      ) : null}
      <Form method="post" className="inline-form">
        <label htmlFor="totp-code">{t("totp.code")}</label>
        <input id="totp-code" name="code" autoComplete="one-time-code" required />
        <button type="submit" className="button">
          {t("totp.submit")}
        </button>
      </Form>
    </StatusPage>
  );
}
