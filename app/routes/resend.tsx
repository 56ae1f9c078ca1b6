import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";
import { resendConfirmation } from "~/services/signing.server";
import { readForm } from "~/http/forms.server";
import { notFound } from "~/http/responses";

export async function loader() {
  notFound();
}

/** "Send me a new link" from an expired confirmation page. Same answer for every address. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const form = await readForm(request);
  const email = form.get("email");
  if (typeof email !== "string" || email.length > 254 || !email.includes("@")) {
    return data({ error: getFixedT(locale, "sign")("errors.emailInvalid") }, { status: 400 });
  }
  const result = await resendConfirmation(params.slug ?? "", locale, email, { ip: context.clientIp });
  if (result.kind === "rate-limited") {
    return data({ error: getFixedT(locale, "sign")("rateLimited") }, { status: 429 });
  }
  return redirect(`/${locale}/campaigns/${params.slug}/check-inbox`);
}
