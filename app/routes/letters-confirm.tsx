import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPage } from "~/components/status-page";
import { NO_STORE } from "~/http/responses";
import { requireLocale } from "~/i18n/route-locale";
import { confirmLetterEmail, describeLetterToken, type LetterTokenState } from "~/services/letters-writing.server";
import { looksLikeToken } from "~/utils/tokens.server";

export const meta: MetaFunction = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex" }];

function answer(state: LetterTokenState) {
  return data(state, { status: state.status === "invalid" ? 404 : 200, headers: { "Cache-Control": NO_STORE } });
}

/** Opening the mailed link confirms nothing (mail scanners prefetch links): it shows a button. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return answer({ status: "invalid" });
  return answer(await describeLetterToken(params.token, locale));
}

export async function action({ params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  if (!looksLikeToken(params.token)) return answer({ status: "invalid" });
  return answer(await confirmLetterEmail(params.token, locale));
}

export default function LetterConfirmPage() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted ?? loaded;
  const { t, i18n } = useTranslation("letters");
  if (state.status === "invalid") {
    return (
      <StatusPage title={t("confirm.invalidTitle")}>
        <p>{t("confirm.invalidText")}</p>
        <p>
          <Link to={`/${i18n.language}`}>{t("common:errors.backHome")}</Link>
        </p>
      </StatusPage>
    );
  }
  const back = (
    <p>
      <Link to={`/${i18n.language}/prisoners/${state.prisonerSlug}`}>
        {t("write.back", { name: state.prisonerName })}
      </Link>
    </p>
  );
  if (state.status === "confirmed") {
    return (
      <StatusPage title={t("confirm.doneTitle")}>
        <p>{t("confirm.doneText", { name: state.prisonerName })}</p>
        {back}
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t("confirm.title")}>
      <p>{t("confirm.text", { name: state.prisonerName })}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("confirm.button")}
        </button>
      </Form>
    </StatusPage>
  );
}
