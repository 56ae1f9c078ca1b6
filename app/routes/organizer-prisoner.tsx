import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { describedBy, Field, FieldError, IntentButton } from "~/components/form-kit";
import { PrisonerPhoto } from "~/components/prisoner-photo";
import { type Locale, LOCALES, PRISONER_STATUSES, TRANSLATION_STATUSES } from "~/domain/vocab";
import { formValues, readForm } from "~/http/forms.server";
import { requireOrganizer } from "~/http/organizer-access.server";
import { badRequest, notFound, orNotFound } from "~/http/responses";
import { LOCALE_NAMES } from "~/i18n/config";
import type { FieldErrors } from "~/schemas/fields";
import {
  detailsFieldErrors,
  eventAddSchema,
  eventSaveSchema,
  eventTextsOf,
  firstErrors,
  PRISONER_LIMITS,
  prisonerDetailsSchema,
  prisonerEditorSchema,
} from "~/schemas/prisoner-editing";
import { readUpload } from "~/http/upload.server";
import { MAX_PHOTO_BYTES, removePrisonerPhoto, uploadPrisonerPhoto } from "~/services/photos.server";
import { findPrisonerAccess, type PrisonerAccess } from "~/services/prisoner-access.server";
import { loadPrisonerEditor, savePrisonerDetails } from "~/services/prisoner-profile.server";
import { addPrisonerEvent, deletePrisonerEvent, savePrisonerEvent } from "~/services/prisoner-timeline.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts): the prisoner's name in the page's language, else the first one written. */
export const meta = organizerMeta("prisoner", (data, locale) => {
  const texts = (data as { texts?: Record<string, { name?: string } | undefined> }).texts ?? {};
  return texts[locale]?.name ?? Object.values(texts).find((t) => t?.name)?.name;
});

/** Six biographies in Cyrillic, form-encoded. */
const EDIT_FORM_BYTES = 2 * 1024 * 1024;

type EditorIntent = "details" | "event_add" | "event_save" | "event_delete" | "photo" | "photo_remove";

/** What the editor's forms get back: errors are codes under orgPrisoners `errors.*`. */
type EditorReply =
  | { kind: "saved"; intent: EditorIntent }
  | {
      kind: "invalid";
      intent: EditorIntent;
      eventId?: number;
      errors: FieldErrors;
      values: Record<string, string>;
      /** Conform's reply, for the forms Conform parses (the timeline's). */
      reply?: SubmissionResult<string[]>;
    };

function saved(intent: EditorIntent) {
  return data<EditorReply>({ kind: "saved", intent }, { status: 200 });
}

function invalid(
  intent: EditorIntent,
  errors: FieldErrors,
  values: Record<string, string>,
  extra: { status?: 400 | 413; eventId?: number; reply?: SubmissionResult<string[]> } = {},
) {
  const { status = 400, ...rest } = extra;
  return data<EditorReply>({ kind: "invalid", intent, errors, values, ...rest }, { status });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  return orNotFound(await loadPrisonerEditor(organizer, params.slug ?? ""));
}

/**
 * Every form of the editor page. Who may not edit this prisoner gets the 404 before anything
 * about the form. The photo form comes as multipart/form-data; the details form has flat
 * field names (see prisonerDetailsSchema); the timeline forms are parsed by Conform.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const access = orNotFound(await findPrisonerAccess(organizer, params.slug ?? ""));
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return photoAction(request, access);
  }
  const form = await readForm(request, EDIT_FORM_BYTES);
  const values = formValues(form);
  if (values.intent === "details") {
    const parsed = prisonerDetailsSchema.safeParse(values);
    if (!parsed.success) return invalid("details", detailsFieldErrors(parsed.error), values);
    await savePrisonerDetails(access, parsed.data);
    return saved("details");
  }
  const submission = parseWithZod(form, { schema: prisonerEditorSchema, disableAutoCoercion: true });
  if (submission.status !== "success") {
    const reply = submission.reply();
    const errors = firstErrors(reply.error);
    // No form of ours sends an unknown intent; unknown event ids are the one 404.
    if (errors.intent) badRequest();
    if (errors.eventId) notFound();
    const intent = values.intent as EditorIntent;
    const eventId = intent === "event_save" ? Number(values.eventId) : undefined;
    return invalid(intent, errors, values, { eventId, reply });
  }
  const input = submission.value;
  switch (input.intent) {
    case "event_add":
      await addPrisonerEvent(access, { occurredOn: input.occurredOn, texts: eventTextsOf(input.text) });
      return saved("event_add");
    case "event_save": {
      const event = { occurredOn: input.occurredOn, texts: eventTextsOf(input.text) };
      if ((await savePrisonerEvent(access, input.eventId, event)).kind === "not-found") notFound();
      return saved("event_save");
    }
    case "event_delete":
      if ((await deletePrisonerEvent(access, input.eventId)).kind === "not-found") notFound();
      return saved("event_delete");
    case "photo_remove":
      if ((await removePrisonerPhoto(access)).kind === "not-found") notFound();
      return saved("photo_remove");
  }
}

async function photoAction(request: Request, access: PrisonerAccess) {
  const upload = await readUpload(request, { fileField: "photo", fields: ["intent"], maxBytes: MAX_PHOTO_BYTES });
  if (upload.kind === "tooLarge") return invalid("photo", { photo: "photoTooLarge" }, {}, { status: 413 });
  if (upload.kind === "malformed") return invalid("photo", { photo: "photoMissing" }, {});
  if (upload.form.get("intent") !== "photo") badRequest();
  if (!upload.file) return invalid("photo", { photo: "photoMissing" }, {});
  const result = await uploadPrisonerPhoto(access, upload.file);
  if (result.kind === "not-found") notFound();
  if (result.kind === "invalid") {
    return invalid("photo", { photo: result.error }, {}, { status: result.error === "photoTooLarge" ? 413 : 400 });
  }
  return saved("photo");
}

// ---------------------------------------------------------------------------------------
// Page

const ns = "orgPrisoners";

function invalidProps(id: string, code: string | undefined) {
  return code ? { "aria-invalid": true as const, "aria-describedby": describedBy(id) } : {};
}

/** An event's date and texts: the form of an existing event (`eventId`) or of a new one. */
function EventForm({
  formId,
  eventId,
  defaults,
  lastResult,
  submitLabel,
  labelledBy,
}: {
  formId: string;
  eventId?: number;
  defaults: { occurredOn: string; text: Partial<Record<Locale, string>> };
  lastResult: SubmissionResult<string[]> | null | undefined;
  submitLabel: string;
  labelledBy?: string;
}) {
  const { t } = useTranslation(ns);
  const schema = eventId === undefined ? eventAddSchema : eventSaveSchema;
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema, disableAutoCoercion: true }),
    defaultValue: defaults,
  });
  const texts = fields.text.getFieldset();
  const max = PRISONER_LIMITS.eventText;
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby={labelledBy}>
      <input type="hidden" name="intent" value={eventId === undefined ? "event_add" : "event_save"} />
      {eventId === undefined ? null : <input type="hidden" name="eventId" value={eventId} />}
      <Field id={fields.occurredOn.id} label={t("events.date")} errors={fields.occurredOn.errors} ns={ns}>
        <input
          {...getInputProps(fields.occurredOn, { type: "date" })}
          required
          aria-describedby={describedBy(fields.occurredOn.id)}
        />
      </Field>
      <FieldError id={fields.text.errorId} errors={fields.text.errors} ns={ns} />
      {LOCALES.map((l) => (
        <Field
          key={l}
          id={texts[l].id}
          label={<span lang={l}>{LOCALE_NAMES[l]}</span>}
          errors={texts[l].errors}
          ns={ns}
          max={max}
        >
          <textarea
            {...getTextareaProps(texts[l])}
            rows={2}
            maxLength={max}
            lang={l}
            aria-describedby={describedBy(texts[l].id)}
          />
        </Field>
      ))}
      <button type="submit" className={eventId === undefined ? "button" : "button button--small"}>
        {submitLabel}
      </button>
    </Form>
  );
}

export default function OrganizerPrisoner() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EditorReply | undefined;
  const { t, i18n } = useTranslation(ns);
  const { t: tc } = useTranslation("common");
  const failed = result?.kind === "invalid" ? result : null;
  const errorsFor = (intent: EditorIntent): FieldErrors => (failed && failed.intent === intent ? failed.errors : {});

  const stored: Record<string, string> = {
    status: page.status,
    bornOn: page.bornOn,
    detainedOn: page.detainedOn,
  };
  for (const l of LOCALES) {
    const text = page.texts[l];
    stored[`name.${l}`] = text.name;
    stored[`summary.${l}`] = text.summary;
    stored[`bio.${l}`] = text.bio;
    stored[`facility.${l}`] = text.facility;
    stored[`status.${l}`] = text.status;
  }
  const detailErrors = errorsFor("details");
  const details = failed?.intent === "details" ? failed.values : stored;
  const photoErrors = { ...errorsFor("photo"), ...errorsFor("photo_remove") };
  const displayName =
    page.texts[LOCALES.find((l) => l === i18n.language) ?? "en"].name ||
    LOCALES.map((l) => page.texts[l].name).find(Boolean) ||
    page.slug;

  return (
    <section aria-labelledby="prisoner-title">
      <h1 id="prisoner-title">{t("editor.title", { name: displayName })}</h1>
      <p>
        <Link to="/organizer/prisoners">{t("editor.back")}</Link> ·{" "}
        <a href={`/${i18n.language}/prisoners/${page.slug}`} target="_blank" rel="noreferrer">
          {t("editor.preview")}
        </a>{" "}
        · <Link to={`/organizer/prisoners/${page.slug}/letters`}>{t("orgLetters:settings.link")}</Link>
      </p>
      {result?.kind === "saved" ? (
        <p className="notice" role="status">
          {t(`saved.${result.intent}`)}
        </p>
      ) : null}
      {failed ? (
        <p className="form-error" role="alert">
          {t("editor.fixErrors")}
        </p>
      ) : null}

      <h2 id="photo-title">{t("photo.title")}</h2>
      <PrisonerPhoto name={displayName} photoUrl={page.photoUrl} size="lg" />
      <Form method="post" encType="multipart/form-data" aria-labelledby="photo-title" key={page.photoUrl ?? "none"}>
        <input type="hidden" name="intent" value="photo" />
        <Field
          id="photo-file"
          label={t("photo.choose")}
          hint={t("photo.help", { max: page.maxPhotoMegabytes })}
          errors={photoErrors.photo}
          ns={ns}
          max={page.maxPhotoMegabytes}
        >
          <input
            id="photo-file"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic"
            required
            aria-invalid={photoErrors.photo ? true : undefined}
            aria-describedby={describedBy("photo-file", { hint: true })}
          />
        </Field>
        <button type="submit" className="button">
          {t("photo.upload")}
        </button>
      </Form>
      {page.photoUrl ? (
        <IntentButton intent="photo_remove" className="button button--small button--danger">
          {t("photo.remove")}
        </IntentButton>
      ) : null}

      <h2 id="details-title">{t("editor.details")}</h2>
      {/* Flat field names (`status` beside `status.en`): read by the server without Conform. */}
      <Form method="post" aria-labelledby="details-title" key={JSON.stringify(stored)}>
        <input type="hidden" name="intent" value="details" />
        <div className="field-row">
          <Field id="field-status" label={t("fields.status")} errors={detailErrors.status} ns={ns}>
            <select
              id="field-status"
              name="status"
              defaultValue={details.status}
              {...invalidProps("field-status", detailErrors.status)}
            >
              {PRISONER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tc(`prisoner.status.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="field-bornOn" label={t("fields.bornOn")} errors={detailErrors.bornOn} ns={ns}>
            <input
              id="field-bornOn"
              name="bornOn"
              type="date"
              defaultValue={details.bornOn ?? ""}
              {...invalidProps("field-bornOn", detailErrors.bornOn)}
            />
          </Field>
          <Field id="field-detainedOn" label={t("fields.detainedOn")} errors={detailErrors.detainedOn} ns={ns}>
            <input
              id="field-detainedOn"
              name="detainedOn"
              type="date"
              defaultValue={details.detainedOn ?? ""}
              {...invalidProps("field-detainedOn", detailErrors.detainedOn)}
            />
          </Field>
        </div>
        <p className="help">{t("editor.languagesHelp")}</p>
        <FieldError id="field-names-error" errors={detailErrors.names} ns={ns} />
        {LOCALES.map((l) => {
          const hasError = Object.keys(detailErrors).some((k) => k.endsWith(`.${l}`));
          const fieldId = (name: string) => `field-${name}-${l}`;
          const error = (name: string) => detailErrors[`${name}.${l}`];
          return (
            <details key={l} open={page.texts[l].exists || hasError}>
              <summary>
                {LOCALE_NAMES[l]}{" "}
                {page.texts[l].exists ? null : <span className="optional">({t("editor.noText")})</span>}
              </summary>
              <fieldset className="field" lang={l}>
                <legend className="visually-hidden">{LOCALE_NAMES[l]}</legend>
                <Field
                  id={fieldId("name")}
                  label={t("fields.name")}
                  errors={error("name")}
                  ns={ns}
                  max={page.limits.name}
                >
                  <input
                    id={fieldId("name")}
                    name={`name.${l}`}
                    type="text"
                    maxLength={page.limits.name}
                    defaultValue={details[`name.${l}`] ?? ""}
                    {...invalidProps(fieldId("name"), error("name"))}
                  />
                </Field>
                <Field
                  id={fieldId("summary")}
                  label={t("fields.summary")}
                  errors={error("summary")}
                  ns={ns}
                  max={page.limits.summary}
                >
                  <textarea
                    id={fieldId("summary")}
                    name={`summary.${l}`}
                    rows={3}
                    maxLength={page.limits.summary}
                    defaultValue={details[`summary.${l}`] ?? ""}
                    {...invalidProps(fieldId("summary"), error("summary"))}
                  />
                </Field>
                <Field
                  id={fieldId("bio")}
                  label={t("fields.bio")}
                  hint={t("fields.bioHelp")}
                  errors={error("bio")}
                  ns={ns}
                  max={page.limits.bio}
                >
                  <textarea
                    id={fieldId("bio")}
                    name={`bio.${l}`}
                    rows={10}
                    maxLength={page.limits.bio}
                    defaultValue={details[`bio.${l}`] ?? ""}
                    aria-describedby={describedBy(fieldId("bio"), { hint: true })}
                    aria-invalid={error("bio") ? true : undefined}
                  />
                </Field>
                <Field
                  id={fieldId("facility")}
                  label={t("fields.facility")}
                  errors={error("facility")}
                  ns={ns}
                  max={page.limits.facility}
                >
                  <input
                    id={fieldId("facility")}
                    name={`facility.${l}`}
                    type="text"
                    maxLength={page.limits.facility}
                    defaultValue={details[`facility.${l}`] ?? ""}
                    {...invalidProps(fieldId("facility"), error("facility"))}
                  />
                </Field>
                <Field id={fieldId("tstatus")} label={t("fields.translationStatus")} errors={error("status")} ns={ns}>
                  <select
                    id={fieldId("tstatus")}
                    name={`status.${l}`}
                    defaultValue={details[`status.${l}`] ?? "reviewed"}
                    {...invalidProps(fieldId("tstatus"), error("status"))}
                  >
                    {TRANSLATION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`translationStatuses.${s}`)}
                      </option>
                    ))}
                  </select>
                </Field>
              </fieldset>
            </details>
          );
        })}
        <button type="submit" className="button">
          {t("editor.save")}
        </button>
      </Form>

      <h2 id="events-title">{t("events.title")}</h2>
      {page.events.length === 0 ? <p className="empty">{t("events.empty")}</p> : null}
      {page.events.map((e) => {
        const prefix = `event-${e.id}`;
        const mine = failed?.intent === "event_save" && failed.eventId === e.id;
        return (
          <article key={e.id} aria-labelledby={`${prefix}-title`} className="organizer-event">
            <h3 id={`${prefix}-title`}>{e.occurredOn}</h3>
            <EventForm
              key={JSON.stringify(e)}
              formId={prefix}
              eventId={e.id}
              defaults={{ occurredOn: e.occurredOn, text: e.texts }}
              lastResult={mine ? failed.reply : null}
              submitLabel={t("events.save")}
            />
            <Form method="post">
              <input type="hidden" name="intent" value="event_delete" />
              <input type="hidden" name="eventId" value={e.id} />
              <ConfirmStep label={t("events.delete")} question={t("events.confirmDelete")} />
            </Form>
          </article>
        );
      })}

      <h3 id="event-add-title">{t("events.add")}</h3>
      <EventForm
        key={page.events.map((e) => e.id).join(",")}
        formId="event-new"
        defaults={{ occurredOn: "", text: {} }}
        lastResult={failed?.intent === "event_add" ? failed.reply : null}
        submitLabel={t("events.addButton")}
        labelledBy="event-add-title"
      />
    </section>
  );
}
