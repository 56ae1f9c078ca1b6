import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { safeNext } from "~/domain/safe-next";
import { formValues, readForm } from "~/http/forms.server";
import { assertSameOrigin, readSession } from "~/http/organizer-access.server";
import { loginRequestSchema } from "~/schemas/organizer-auth";
import { requestLoginLink } from "~/services/organizer-auth.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("login");

/** `?next=` (an organizer page) travels with the form into the mailed link. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await readSession(request);
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  if (session?.secondFactorAt) throw redirect(next);
  return { next };
}

/** Always the same answer, so the form never tells who has an account. */
export async function action({ request }: ActionFunctionArgs) {
  // No session yet, so no guard: the Origin is checked here.
  assertSameOrigin(request);
  const parsed = loginRequestSchema.safeParse(formValues(await readForm(request)));
  if (parsed.success) await requestLoginLink(parsed.data.email, parsed.data.next ?? null);
  return { sent: true as const };
}

export default function OrganizerLogin() {
  const { next } = useLoaderData<typeof loader>();
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
        <input type="hidden" name="next" value={next} />
        <label htmlFor="organizer-email">{t("login.email")}</label>
        <input id="organizer-email" name="email" type="email" required autoComplete="email" />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
    </StatusPage>
  );
}
