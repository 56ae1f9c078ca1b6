import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form-kit";
import { StatusPage } from "~/components/status-page";
import { readForm } from "~/http/forms.server";
import { NO_STORE, notFound } from "~/http/responses";
import { requireLocale } from "~/i18n/route-locale";
import { fieldErrorMap } from "~/schemas/fields";
import { lostLinkSchema } from "~/schemas/manage";
import { loadThanksPage } from "~/services/public-pages.server";
import { requestManageLink } from "~/services/signer-manage.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": NO_STORE });

/** "Lost your link?": type the address you signed with, get a fresh private link by mail. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const page = await loadThanksPage(params.slug ?? "", locale);
  if (!page) notFound();
  return { slug: page.slug, title: page.title };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const submission = parseWithZod(await readForm(request), { schema: lostLinkSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") {
    return data({ status: "rejected" as const, errors: submission.error?.email ?? ["emailInvalid"] }, { status: 400 });
  }
  const result = await requestManageLink(params.slug ?? "", locale, submission.value.email, { ip: context.clientIp });
  if (result.kind === "not-found") notFound();
  if (result.kind === "rate-limited") return data({ status: "rate-limited" as const }, { status: 429 });
  // The same answer whether or not this address signed.
  return data({ status: "sent" as const });
}

export default function LostLinkPage() {
  const { slug, title } = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t, i18n } = useTranslation("manage");
  if (acted?.status === "sent") {
    return (
      <StatusPage title={t("lost.sentTitle")}>
        <p>{t("lost.sentText")}</p>
        <p>
          <Link to={`/${i18n.language}/campaigns/${slug}`}>{t("sign:confirm.backToCampaign")}</Link>
        </p>
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t("lost.title")}>
      <p>{t("lost.text", { title })}</p>
      <Form method="post" className="manage-page__form">
        <div className="field">
          <label htmlFor="lost-email">{t("sign:email")}</label>
          <input
            id="lost-email"
            name="email"
            type="email"
            required
            autoComplete="email"
            aria-describedby="lost-error"
          />
          <FieldError id="lost-error" errors={acted?.status === "rejected" ? acted.errors : null} ns="sign" />
          {acted?.status === "rate-limited" ? (
            <p className="field-error" role="alert">
              {t("sign:rateLimited")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("lost.button")}
        </button>
      </Form>
    </StatusPage>
  );
}
