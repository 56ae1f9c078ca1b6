import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/form-kit";
import { ReplyForm } from "~/components/letter-reply-form";
import { POSTING_METHODS } from "~/domain/letters";
import { today } from "~/domain/dates";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { rejectedForm } from "~/http/rejected-form.server";
import { notFound, orNotFound } from "~/http/responses";
import { isMultipart, readUpload } from "~/http/upload.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { fieldErrorMap } from "~/schemas/fields";
import { batchActionSchema, LETTER_LIMITS, MAX_SCAN_BYTES, replySchema } from "~/schemas/letters";
import { actOnBatch, loadBatch } from "~/services/letters-batches.server";
import { recordReply } from "~/services/letters-replies.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("letterBatch");

function batchIdOf(params: { batchId?: string }): number {
  if (!/^[1-9]\d{0,8}$/.test(params.batchId ?? "")) notFound();
  return Number(params.batchId);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  return orNotFound(await loadBatch(access, batchIdOf(params), negotiateLocale(request)));
}

const REPLY_FIELDS = ["intent", "receivedOn", "text", "passOn"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const batchId = batchIdOf(params);
  if (isMultipart(request)) {
    const upload = await readUpload(request, { fileField: "scan", fields: REPLY_FIELDS, maxBytes: MAX_SCAN_BYTES });
    if (upload.kind === "tooLarge") return data({ kind: "scan" as const, error: "scanTooLarge" }, { status: 413 });
    if (upload.kind === "malformed") return data({ kind: "scan" as const, error: "scanNotImage" }, { status: 400 });
    const submission = parseWithZod(upload.form, { schema: replySchema, errorMap: fieldErrorMap });
    if (submission.status !== "success") return rejectedForm(upload.form, submission);
    const result = await recordReply(access, { batchId }, submission.value, upload.file);
    if (result.kind === "not-found") notFound();
    if (result.kind === "invalid") return data({ kind: "scan" as const, error: result.error }, { status: 400 });
    if (result.kind === "refused") return data(result, { status: 409 });
    return data(result);
  }
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: batchActionSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  const result = await actOnBatch(access, batchId, submission.value);
  if (result.kind === "not-found") notFound();
  if (result.kind === "refused") return data(result, { status: 409 });
  return data(result);
}

const ns = "orgLetters";

/** One batch: its letters, the print and text copies, its posting, its outcome and replies. */
export default function OrganizerLetterBatch() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(ns);
  const { batch } = page;
  const base = `/organizer/campaigns/${page.slug}/letters`;
  const invalid = result?.kind === "invalid" ? result : null;
  const errors = invalid?.errors ?? {};
  const values = invalid?.values ?? {};
  const day = (value: string | null) =>
    value
      ? new Date(`${value}T00:00:00Z`).toLocaleDateString(i18n.language, { dateStyle: "long", timeZone: "UTC" })
      : "—";
  return (
    <section aria-labelledby="batch-title">
      <h1 id="batch-title">{t("batch.title", { id: batch.id, name: page.prisoner })}</h1>
      <p>
        <Link to={`${base}/batches`}>{t("batch.back")}</Link> ·{" "}
        <Link to={`${base}/batches/${batch.id}/print`}>{t("batch.print")}</Link> ·{" "}
        <a href={`${base}/batches/${batch.id}/text`}>{t("batch.text")}</a>
      </p>
      {result?.kind === "done" ? (
        <p className="notice" role="status">
          {t(`batch.done.${result.intent}`, { letters: result.letters })}
        </p>
      ) : null}
      {result?.kind === "recorded" ? (
        <p className="notice" role="status">
          {t("reply.recorded", { count: result.notified })}
        </p>
      ) : null}
      {result?.kind === "refused" ? (
        <p className="form-error" role="alert">
          {t("errors.state")}
        </p>
      ) : null}
      {result?.kind === "scan" ? (
        <p className="form-error" role="alert">
          {t(`errors.${result.error}`, { max: MAX_SCAN_BYTES / 1024 / 1024 })}
        </p>
      ) : null}
      {invalid ? (
        <p className="form-error" role="alert">
          {t("errors.fixErrors")}
        </p>
      ) : null}
      {page.addressMissing ? <p className="notice">{t("batch.addressMissing")}</p> : null}

      <dl className="facts">
        <dt>{t("letter.state")}</dt>
        <dd data-testid="batch-state">{t(`batchStates.${batch.state}`)}</dd>
        {batch.method ? (
          <>
            <dt>{t("batch.method")}</dt>
            <dd>{t(`methods.${batch.method}`)}</dd>
            <dt>{t("batch.postedOn")}</dt>
            <dd>{day(batch.postedOn)}</dd>
            <dt>{t("batch.reference")}</dt>
            <dd>{batch.reference ?? "—"}</dd>
            <dt>{t("batch.cost")}</dt>
            <dd>{batch.cost ? `${batch.cost} ${batch.currency ?? ""}` : "—"}</dd>
          </>
        ) : null}
        {batch.outcomeOn ? (
          <>
            <dt>{t("batch.outcomeOn")}</dt>
            <dd>{day(batch.outcomeOn)}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t("batch.lettersTitle", { count: page.letters.length })}</h2>
      <ul className="plain-list">
        {page.letters.map((l) => (
          <li key={l.id}>
            <Link to={`${base}/${l.id}`}>#{l.id}</Link> · {l.writerName} ({l.writerCountry}) · {t(`states.${l.state}`)}{" "}
            — <em>{l.preview}…</em>
            {batch.state === "prepared" ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="letterId" value={l.id} />
                <button type="submit" className="button button--small">
                  {t("batch.remove")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>

      {batch.state === "prepared" ? (
        <Form method="post" aria-labelledby="posted-title">
          <h2 id="posted-title">{t("batch.postedTitle")}</h2>
          <input type="hidden" name="intent" value="posted" />
          <fieldset className="field">
            <legend>{t("batch.method")}</legend>
            {POSTING_METHODS.map((m) => (
              <label key={m} className="choice">
                <input
                  type="radio"
                  name="method"
                  value={m}
                  defaultChecked={(values.method ?? "paper") === m}
                  disabled={m === "electronic" && !page.electronicService}
                />{" "}
                {t(`methods.${m}`)}
              </label>
            ))}
          </fieldset>
          <div className="field-row">
            <Field id="posted-on" label={t("batch.postedOn")} errors={errors.postedOn} ns={ns}>
              <input id="posted-on" name="postedOn" type="date" required defaultValue={values.postedOn ?? today()} />
            </Field>
            <Field id="posted-reference" label={t("batch.reference")} errors={errors.reference} ns={ns}>
              <input
                id="posted-reference"
                name="reference"
                type="text"
                maxLength={LETTER_LIMITS.reference}
                defaultValue={values.reference ?? ""}
              />
            </Field>
          </div>
          <div className="field-row">
            <Field id="posted-cost" label={t("batch.cost")} errors={errors.cost} ns={ns}>
              <input id="posted-cost" name="cost" type="text" inputMode="decimal" defaultValue={values.cost ?? ""} />
            </Field>
            <Field id="posted-currency" label={t("batch.currency")} errors={errors.currency} ns={ns}>
              <input
                id="posted-currency"
                name="currency"
                type="text"
                maxLength={3}
                defaultValue={values.currency ?? "EUR"}
              />
            </Field>
          </div>
          <button type="submit" className="button">
            {t("batch.markPosted")}
          </button>
        </Form>
      ) : null}

      {batch.state === "posted" ? (
        <Form method="post" aria-labelledby="delivered-title">
          <h2 id="delivered-title">{t("batch.outcomeTitle")}</h2>
          <Field id="outcome-on" label={t("batch.outcomeOn")} errors={errors.outcomeOn} ns={ns}>
            <input id="outcome-on" name="outcomeOn" type="date" required defaultValue={values.outcomeOn ?? today()} />
          </Field>
          <button type="submit" name="intent" value="delivered" className="button button--small">
            {t("batch.markDelivered")}
          </button>{" "}
          <button type="submit" name="intent" value="returned" className="button button--small">
            {t("batch.markReturned")}
          </button>
        </Form>
      ) : null}

      {batch.state === "posted" || batch.state === "delivered" ? <ReplyForm errors={errors} values={values} /> : null}

      {page.replies.length ? (
        <>
          <h2>{t("reply.listTitle")}</h2>
          <ul>
            {page.replies.map((r) => (
              <li key={r.id} data-testid="reply">
                {day(r.receivedOn)} · {t("reply.notified", { count: r.writersNotified })}
                {r.hasScan ? (
                  <>
                    {" · "}
                    <a href={`${base}/replies/${r.id}/scan`} target="_blank" rel="noreferrer">
                      {t("reply.scan")}
                    </a>
                  </>
                ) : null}
                {r.text ? <blockquote style={{ whiteSpace: "pre-wrap" }}>{r.text}</blockquote> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
