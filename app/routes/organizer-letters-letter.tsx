import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { Field, IntentButton } from "~/components/form-kit";
import { can } from "~/domain/permissions";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { rejectedForm } from "~/http/rejected-form.server";
import { notFound, orNotFound } from "~/http/responses";
import { isMultipart, readUpload } from "~/http/upload.server";
import { LOCALE_NAMES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { fieldErrorMap } from "~/schemas/fields";
import { LETTER_LIMITS, letterActionSchema, MAX_SCAN_BYTES, replySchema } from "~/schemas/letters";
import { actOnLetter, loadLetter } from "~/services/letters-queue.server";
import { recordReply } from "~/services/letters-replies.server";
import { ReplyForm } from "~/components/letter-reply-form";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("letter");

function letterIdOf(params: { letterId?: string }): number {
  if (!/^[1-9]\d{0,8}$/.test(params.letterId ?? "")) notFound();
  return Number(params.letterId);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "translate");
  return orNotFound(await loadLetter(access, letterIdOf(params), negotiateLocale(request)));
}

const REPLY_FIELDS = ["intent", "receivedOn", "text", "passOn"] as const;

/** Every form of the letter page; a reply with a scan comes as multipart/form-data. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "translate");
  const letterId = letterIdOf(params);
  if (isMultipart(request)) {
    if (!can(access.role, "edit")) return data({ kind: "forbidden" as const }, { status: 403 });
    const upload = await readUpload(request, { fileField: "scan", fields: REPLY_FIELDS, maxBytes: MAX_SCAN_BYTES });
    if (upload.kind === "tooLarge") return data({ kind: "scan" as const, error: "scanTooLarge" }, { status: 413 });
    if (upload.kind === "malformed") return data({ kind: "scan" as const, error: "scanNotImage" }, { status: 400 });
    const submission = parseWithZod(upload.form, { schema: replySchema, errorMap: fieldErrorMap });
    if (submission.status !== "success") return rejectedForm(upload.form, submission);
    const result = await recordReply(access, { letterId }, submission.value, upload.file);
    if (result.kind === "not-found") notFound();
    if (result.kind === "invalid") return data({ kind: "scan" as const, error: result.error }, { status: 400 });
    if (result.kind === "refused") return data(result, { status: 409 });
    return data(result);
  }
  const form = await readForm(request, 256 * 1024);
  const submission = parseWithZod(form, { schema: letterActionSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  const result = await actOnLetter(access, letterId, submission.value);
  switch (result.kind) {
    case "not-found":
      notFound();
    // eslint-disable-next-line no-fallthrough -- notFound throws
    case "forbidden":
      return data(result, { status: 403 });
    case "refused":
      return data(result, { status: 409 });
    case "done":
      return data(result);
  }
}

const ns = "orgLetters";

export default function OrganizerLetter() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation([ns, "organizer"]);
  const { letter, can: may } = page;
  const base = `/organizer/campaigns/${page.slug}/letters`;
  const invalid = result && "kind" in result && result.kind === "invalid" ? result : null;
  const errors = invalid?.errors ?? {};
  const canTranslate = may.translate && ["approved", "returned", "translated"].includes(letter.state);
  return (
    <section aria-labelledby="letter-title">
      <h1 id="letter-title">{t("letter.title", { id: letter.id, name: letter.writerName })}</h1>
      <p>
        <Link to={base}>{t("letter.back")}</Link>
      </p>
      {result && "kind" in result ? (
        result.kind === "done" || result.kind === "recorded" ? (
          <p className="notice" role="status">
            {result.kind === "recorded"
              ? t("reply.recorded", { count: result.notified })
              : t(`letter.done.${result.intent}`)}
          </p>
        ) : result.kind === "refused" ? (
          <p className="form-error" role="alert">
            {t(`errors.${result.reason}`)}
          </p>
        ) : result.kind === "forbidden" ? (
          <p className="form-error" role="alert">
            {t("errors.forbidden")}
          </p>
        ) : result.kind === "scan" ? (
          <p className="form-error" role="alert">
            {t(`errors.${result.error}`, { max: MAX_SCAN_BYTES / 1024 / 1024 })}
          </p>
        ) : (
          <p className="form-error" role="alert">
            {t("errors.fixErrors")}
          </p>
        )
      ) : null}

      <dl className="facts">
        <dt>{t("letter.state")}</dt>
        <dd data-testid="letter-state">{t(`states.${letter.state}`)}</dd>
        <dt>{t("queue.prisoner")}</dt>
        <dd>{letter.prisoner}</dd>
        <dt>{t("queue.writer")}</dt>
        <dd>
          {letter.writerName} ({letter.writerCountry})
        </dd>
        <dt>{t("queue.language")}</dt>
        <dd>{LOCALE_NAMES[letter.language]}</dd>
        <dt>{t("queue.written")}</dt>
        <dd>{new Date(letter.createdAt).toLocaleString(i18n.language, { timeZone: "UTC" })} UTC</dd>
        {letter.email !== null ? (
          <>
            <dt>{t("letter.email")}</dt>
            <dd>
              {letter.email ?? t("letter.noEmail")}{" "}
              {letter.email ? `(${letter.emailConfirmed ? t("letter.confirmed") : t("letter.unconfirmed")})` : null}
            </dd>
          </>
        ) : null}
        {letter.batch ? (
          <>
            <dt>{t("letter.batch")}</dt>
            <dd>
              {may.edit ? (
                <Link to={`${base}/batches/${letter.batch.id}`}>#{letter.batch.id}</Link>
              ) : (
                `#${letter.batch.id}`
              )}{" "}
              ({t(`batchStates.${letter.batch.state}`)})
            </dd>
          </>
        ) : null}
        {letter.rejectReason ? (
          <>
            <dt>{t("letter.rejectReason")}</dt>
            <dd>{letter.rejectReason}</dd>
          </>
        ) : null}
        {letter.reviewReason ? (
          <>
            <dt>{t("letter.review")}</dt>
            <dd>{t("letter.captchaUnverified")}</dd>
          </>
        ) : null}
      </dl>
      {letter.flags.length ? (
        <p className="notice" data-testid="letter-flags">
          {t("letter.flagged", { words: letter.flags.join(", ") })}
        </p>
      ) : null}

      <h2>{t("letter.original")}</h2>
      <blockquote lang={letter.language} style={{ whiteSpace: "pre-wrap" }} data-testid="letter-body">
        {letter.body}
      </blockquote>

      {letter.translation ? (
        <>
          <h2>
            {t("letter.translation")} ({t(`translationKinds.${letter.translationKind}`)}
            {letter.translationKind === "machine"
              ? ` · ${letter.translationChecked ? t("letter.checked") : t("letter.notChecked")}`
              : ""}
            )
          </h2>
          <blockquote lang={page.requiredLanguage} style={{ whiteSpace: "pre-wrap" }} data-testid="letter-translation">
            {letter.translation}
          </blockquote>
        </>
      ) : null}

      {may.moderate && letter.state === "submitted" ? (
        <IntentButton intent="approve">{t("letter.approve")}</IntentButton>
      ) : null}

      {canTranslate ? (
        <>
          <h2 id="translate-title">{t("letter.translateTitle", { language: LOCALE_NAMES[page.requiredLanguage] })}</h2>
          {letter.language === page.requiredLanguage ? (
            <IntentButton intent="as_written" className="button button--small">
              {t("letter.asWritten")}
            </IntentButton>
          ) : null}
          <Form method="post" aria-labelledby="translate-title" key={letter.translation ?? ""}>
            <input type="hidden" name="intent" value="translate" />
            <Field
              id="translation"
              label={t("letter.translationField")}
              hint={t("letter.translationHint")}
              errors={errors.translation}
              ns={ns}
              max={LETTER_LIMITS.translation}
            >
              <textarea
                id="translation"
                name="translation"
                rows={12}
                lang={page.requiredLanguage}
                maxLength={LETTER_LIMITS.translation}
                defaultValue={invalid?.values.translation ?? letter.translation ?? ""}
                aria-describedby="translation-hint translation-error"
              />
            </Field>
            <fieldset className="field">
              <legend>{t("letter.kind")}</legend>
              {(["human", "machine"] as const).map((k) => (
                <label key={k} className="choice">
                  <input
                    type="radio"
                    name="kind"
                    value={k}
                    defaultChecked={(letter.translationKind === "machine" ? "machine" : "human") === k}
                  />{" "}
                  {t(`translationKinds.${k}`)}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button">
              {t("letter.saveTranslation")}
            </button>
          </Form>
        </>
      ) : null}

      {may.translate &&
      letter.state === "translated" &&
      letter.translationKind === "machine" &&
      !letter.translationChecked ? (
        <IntentButton intent="check">{t("letter.check")}</IntentButton>
      ) : null}
      {may.translate && letter.state === "translated" ? (
        <IntentButton intent="withdraw_translation" className="button button--small">
          {t("letter.withdrawTranslation")}
        </IntentButton>
      ) : null}

      {may.moderate && ["submitted", "approved", "translated"].includes(letter.state) ? (
        <Form method="post" aria-labelledby="reject-title">
          <h2 id="reject-title">{t("letter.rejectTitle")}</h2>
          <input type="hidden" name="intent" value="reject" />
          <Field
            id="reason"
            label={t("letter.reason")}
            hint={t("letter.reasonHint")}
            errors={errors.reason}
            ns={ns}
            max={LETTER_LIMITS.reason}
          >
            <input
              id="reason"
              name="reason"
              type="text"
              maxLength={LETTER_LIMITS.reason}
              defaultValue={invalid?.values.reason ?? ""}
              aria-describedby="reason-hint reason-error"
            />
          </Field>
          <ConfirmStep label={t("letter.reject")} irreversible />
        </Form>
      ) : null}

      {may.moderate && letter.publishConsent && letter.state !== "rejected" ? (
        <Form method="post" aria-labelledby="excerpt-title">
          <h2 id="excerpt-title">{t("letter.excerptTitle")}</h2>
          <input type="hidden" name="intent" value="excerpt" />
          <Field
            id="excerpt"
            label={t("letter.excerpt")}
            hint={t("letter.excerptHint")}
            errors={errors.excerpt}
            ns={ns}
            max={LETTER_LIMITS.excerpt}
          >
            <textarea
              id="excerpt"
              name="excerpt"
              rows={3}
              maxLength={LETTER_LIMITS.excerpt}
              defaultValue={letter.publicExcerpt ?? ""}
              aria-describedby="excerpt-hint excerpt-error"
            />
          </Field>
          <button type="submit" className="button button--small">
            {t("letter.saveExcerpt")}
          </button>
        </Form>
      ) : null}

      {may.edit && letter.state === "posted" ? (
        <IntentButton intent="delivered" className="button button--small">
          {t("letter.markDelivered")}
        </IntentButton>
      ) : null}
      {may.edit && (letter.state === "posted" || letter.state === "delivered") ? (
        <>
          <IntentButton intent="returned" className="button button--small">
            {t("letter.markReturned")}
          </IntentButton>
          <ReplyForm errors={errors} values={invalid?.values ?? {}} />
        </>
      ) : null}

      {page.replies.length ? (
        <>
          <h2>{t("reply.listTitle")}</h2>
          <ul>
            {page.replies.map((r) => (
              <li key={r.id}>
                {r.receivedOn} · {t("reply.notified", { count: r.writersNotified })}
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
