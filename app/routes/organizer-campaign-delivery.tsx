import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { deliveryAction, isRejected, loadDelivery } from "~/services/campaign-settings.server";
import { assertSameOrigin } from "~/http/organizer-access.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadDelivery(request, params.slug ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await deliveryAction(request, params.slug ?? "");
  return data(result, { status: isRejected(result) ? 400 : 200 });
}

export default function OrganizerCampaignDelivery() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["orgCampaign", "organizer"]);
  const invalid = result?.kind === "invalid" ? result : null;
  const errors: Partial<Record<string, string>> = invalid?.errors ?? {};
  const values: Record<string, string> = invalid ? { ...page.values, ...invalid.values } : page.values;
  const { limits } = page;
  const max: Record<string, number> = { deliveredTo: limits.deliveredTo, response: limits.response };
  const errorLine = (name: string) =>
    errors[name] ? (
      <span id={`delivery-${name}-error`} className="field-error">
        {t(`errors.${errors[name]}`, { max: max[name] ?? 0 })}
      </span>
    ) : null;
  const invalidProps = (name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `delivery-${name}-error` : undefined,
  });
  /** The authorities' response: optional when recording, the only field afterwards. */
  const responseField = (optionalNote: boolean) => (
    <p className="field">
      <label htmlFor="delivery-response">
        {t("fields.response")}
        {optionalNote ? (
          <>
            {" "}
            <span className="optional">{t("delivery.responseLater")}</span>
          </>
        ) : null}
      </label>
      <textarea
        id="delivery-response"
        name="response"
        rows={6}
        maxLength={limits.response}
        defaultValue={values.response ?? ""}
        {...invalidProps("response")}
      />
      {errorLine("response")}
    </p>
  );
  const day = (value: string | null) =>
    value
      ? new Date(`${value}T00:00:00Z`).toLocaleDateString(i18n.language, { dateStyle: "long", timeZone: "UTC" })
      : "";
  const record = page.record;
  return (
    <section aria-labelledby="delivery-title">
      <OrganizerBar />
      <h1 id="delivery-title">{t("delivery.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("common.overview")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/settings`}>{t("settings.title")}</Link> ·{" "}
        <Link to={`/organizer/campaigns/${page.slug}/publication`}>{t("delivery.publication")}</Link>
      </p>
      <p data-testid="status">{t("settings.current", { status: t(`organizer:status.${page.status}`) })}</p>
      {result?.kind === "delivered" ? (
        <p className="notice" role="status">
          {t("delivery.recorded")}
        </p>
      ) : null}
      {result?.kind === "responseSaved" ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      {result?.kind === "refused" ? (
        <p className="form-error" role="alert">
          {result.status === "delivered"
            ? t("errors.alreadyDelivered")
            : t("errors.notDeliverable", { status: t(`organizer:status.${result.status}`) })}
        </p>
      ) : null}
      {invalid ? (
        <p className="form-error" role="alert">
          {t("common.fixErrors")}
        </p>
      ) : null}

      {record ? (
        <>
          <h2>{t("delivery.recordTitle")}</h2>
          <dl>
            <dt>{t("fields.deliveredOn")}</dt>
            <dd>{day(record.on)}</dd>
            <dt>{t("fields.deliveredTo")}</dt>
            <dd>{record.to}</dd>
            <dt>{t("delivery.rows")}</dt>
            <dd data-testid="rows">{record.rows ?? "—"}</dd>
            <dt>{t("delivery.sha256")}</dt>
            <dd>
              <code data-testid="sha256" style={{ overflowWrap: "anywhere" }}>
                {record.sha256 ?? "—"}
              </code>
            </dd>
          </dl>
          <p className="help">{t("delivery.hashExplained")}</p>
          <h2>{t("delivery.responseTitle")}</h2>
          <Form method="post" key={record.response ?? ""}>
            <input type="hidden" name="intent" value="response" />
            {responseField(false)}
            <button type="submit" className="button">
              {t("delivery.saveResponse")}
            </button>
          </Form>
        </>
      ) : page.canRecord ? (
        <>
          <p>{t("delivery.intro")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="record" />
            <p className="field">
              <label htmlFor="delivery-deliveredOn">{t("fields.deliveredOn")}</label>
              <input
                id="delivery-deliveredOn"
                name="deliveredOn"
                type="date"
                required
                defaultValue={values.deliveredOn ?? ""}
                {...invalidProps("deliveredOn")}
              />
              {errorLine("deliveredOn")}
            </p>
            <p className="field">
              <label htmlFor="delivery-deliveredTo">{t("fields.deliveredTo")}</label>
              <input
                id="delivery-deliveredTo"
                name="deliveredTo"
                type="text"
                required
                maxLength={limits.deliveredTo}
                defaultValue={values.deliveredTo ?? ""}
                {...invalidProps("deliveredTo")}
              />
              {errorLine("deliveredTo")}
            </p>
            {responseField(true)}
            <p className="help">{t("delivery.hashExplained")}</p>
            <button type="submit" className="button">
              {t("delivery.record")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("delivery.draft")}</p>
      )}
    </section>
  );
}
