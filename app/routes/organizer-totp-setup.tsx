import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { safeNext } from "~/domain/safe-next";
import { formValues, readForm } from "~/http/forms.server";
import { requireFirstFactor } from "~/http/organizer-access.server";
import { secondFactorSchema } from "~/schemas/organizer-auth";
import { beginTotpSetup, completeTotpSetup } from "~/services/organizer-auth.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("totpSetup");

/**
 * Once TOTP is on, this page only says so: after the form's POST the loader runs again
 * (with or without JavaScript), and the recovery codes in the action's answer must stay.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireFirstFactor(request);
  // Where "Continue" leads (an invitation lands on its campaign).
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  if (session.organizer.totpEnabled) {
    if (!session.secondFactorAt) {
      throw redirect(next === "/organizer" ? "/organizer/totp" : `/organizer/totp?next=${encodeURIComponent(next)}`);
    }
    return { enabled: true as const, next };
  }
  const setup = await beginTotpSetup(session);
  if (setup.kind === "signed-out") throw redirect("/organizer/login");
  if (setup.kind === "enabled") throw redirect("/organizer/totp");
  return { enabled: false as const, next, secret: setup.secret, uri: setup.uri, qrSvg: setup.qrSvg };
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === "POST" ? false : defaultShouldRevalidate;

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireFirstFactor(request);
  const { code } = secondFactorSchema.parse(formValues(await readForm(request)));
  return completeTotpSetup(session, code);
}

export default function OrganizerTotpSetup() {
  const setup = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t } = useTranslation("organizer");
  if (acted?.kind === "ok") {
    return (
      <StatusPage title={t("totpSetup.doneTitle")}>
        <p>{t("totpSetup.recoveryIntro")}</p>
        <ul className="recovery-codes" data-testid="recovery-codes">
          {acted.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link to={setup.next} className="button">
            {t("totpSetup.continue")}
          </Link>
        </p>
      </StatusPage>
    );
  }
  if (setup.enabled) {
    return (
      <StatusPage title={t("totpSetup.doneTitle")}>
        <p>
          <Link to={setup.next} className="button">
            {t("totpSetup.continue")}
          </Link>
        </p>
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t("totpSetup.title")}>
      <p>{t("totpSetup.intro")}</p>
      <div
        className="totp-qr"
        role="img"
        aria-label={t("totpSetup.qrLabel")}
        // The SVG is generated on the server by the qrcode package from our own URI.
        dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
      />
      <p>{t("totpSetup.secretLabel")}</p>
      <p>
        <code data-testid="totp-secret">{setup.secret}</code>
      </p>
      <details>
        <summary>{t("totpSetup.uriLabel")}</summary>
        <code style={{ wordBreak: "break-all" }}>{setup.uri}</code>
      </details>
      {acted?.kind === "wrong-code" ? (
        <p className="field-error" role="alert">
          {t("totp.wrongCode")}
        </p>
      ) : null}
      <Form method="post" className="inline-form">
        <label htmlFor="totp-code">{t("totp.code")}</label>
        <input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" required />
        <button type="submit" className="button">
          {t("totpSetup.submit")}
        </button>
      </Form>
    </StatusPage>
  );
}
