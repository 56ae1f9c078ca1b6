import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LETTER_LIMITS } from "~/schemas/letters";
import { Field } from "./form-kit";

/**
 * Recording the prisoner's reply (to a batch or to one letter): the day it came, its text,
 * whether the text is passed on to the writers, and an optional scan. Multipart, since a
 * scan may come with it; the server re-encodes the scan without metadata.
 */
export function ReplyForm({
  errors,
  values,
}: {
  errors: Partial<Record<string, string>>;
  values: Partial<Record<string, string>>;
}) {
  const { t } = useTranslation("orgLetters");
  const ns = "orgLetters";
  return (
    <Form method="post" encType="multipart/form-data" aria-labelledby="reply-title">
      <h2 id="reply-title">{t("reply.title")}</h2>
      <p className="help">{t("reply.intro")}</p>
      <input type="hidden" name="intent" value="reply" />
      <Field id="reply-received" label={t("reply.receivedOn")} errors={errors.receivedOn} ns={ns}>
        <input
          id="reply-received"
          name="receivedOn"
          type="date"
          required
          defaultValue={values.receivedOn ?? ""}
          aria-describedby="reply-received-error"
        />
      </Field>
      <Field
        id="reply-text"
        label={t("reply.text")}
        hint={t("reply.textHint")}
        errors={errors.text}
        ns={ns}
        max={LETTER_LIMITS.reply}
      >
        <textarea
          id="reply-text"
          name="text"
          rows={6}
          maxLength={LETTER_LIMITS.reply}
          defaultValue={values.text ?? ""}
          aria-describedby="reply-text-hint reply-text-error"
        />
      </Field>
      <label className="choice">
        <input type="checkbox" name="passOn" value="on" defaultChecked={values.passOn === "on"} />{" "}
        <span>{t("reply.passOn")}</span>
      </label>
      <Field id="reply-scan" label={t("reply.scanField")} hint={t("reply.scanHint")} ns={ns}>
        <input id="reply-scan" name="scan" type="file" accept="image/*" aria-describedby="reply-scan-hint" />
      </Field>
      <button type="submit" className="button">
        {t("reply.save")}
      </button>
    </Form>
  );
}
