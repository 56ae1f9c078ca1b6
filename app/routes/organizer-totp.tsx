import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { safeNext } from "~/domain/safe-next";
import { formValues, readForm } from "~/http/forms.server";
import { requireFirstFactor } from "~/http/organizer-access.server";
import { secondFactorSchema } from "~/schemas/organizer-auth";
import { verifySecondFactor } from "~/services/organizer-auth.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("totp");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireFirstFactor(request);
  if (!session.organizer.totpEnabled) {
    const next = new URL(request.url).searchParams.get("next");
    throw redirect(`/organizer/totp-setup${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  }
  return null;
}

/** A code from the authenticator app, or one of the recovery codes; too many tries answer 429. */
export async function action({ request }: ActionFunctionArgs) {
  const session = await requireFirstFactor(request);
  const { code } = secondFactorSchema.parse(formValues(await readForm(request)));
  const result = await verifySecondFactor(session, code);
  if (result.kind === "ok") throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  if (result.kind === "limited") {
    return data(
      { error: "limited" as const },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return data({ error: "wrong-code" as const }, { status: 400 });
}

export default function OrganizerTotp() {
  const acted = useActionData<typeof action>();
  const { t } = useTranslation("organizer");
  return (
    <StatusPage title={t("totp.title")}>
      <p>{t("totp.intro")}</p>
      {acted?.error ? (
        <p className="field-error" role="alert">
          {acted.error === "limited" ? t("totp.limited") : t("totp.wrongCode")}
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
