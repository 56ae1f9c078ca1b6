import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organizer-bar";
import { PrisonerPhoto } from "~/components/prisoner-photo";
import { LOCALES, PRISONER_STATUSES, TRANSLATION_STATUSES, type Locale } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";
import { assertSameOrigin } from "~/http/organizer-access.server";
import { handlePrisonerEditorPost, loadPrisonerEditor } from "~/services/prisoner-editing.server";

export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPrisonerEditor(request, params.slug ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await handlePrisonerEditorPost(request, params.slug ?? "");
  return data(result, { status: result.kind === "invalid" ? result.status : 200 });
}

type Errors = Partial<Record<string, string>>;

/** A field's error message, tied to its input by id. */
function FieldError({ id, code, max }: { id: string; code: string | undefined; max?: number }) {
  const { t } = useTranslation("orgPrisoners");
  if (!code) return null;
  return (
    <span id={`${id}-error`} className="field-error">
      {t(`errors.${code}`, { max: max ?? 0 })}
    </span>
  );
}

function invalidProps(id: string, code: string | undefined) {
  return code ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}

function EventTexts({
  prefix,
  values,
  errors,
  max,
}: {
  prefix: string;
  values: Record<string, string>;
  errors: Errors;
  max: number;
}) {
  return (
    <>
      {LOCALES.map((l) => {
        const id = `${prefix}-text-${l}`;
        return (
          <p className="field" key={l}>
            <label htmlFor={id} lang={l}>
              {LOCALE_NAMES[l]}
            </label>
            <textarea
              id={id}
              name={`text.${l}`}
              rows={2}
              maxLength={max}
              lang={l}
              defaultValue={values[`text.${l}`] ?? ""}
              {...invalidProps(id, errors[`text.${l}`])}
            />
            <FieldError id={id} code={errors[`text.${l}`]} max={max} />
          </p>
        );
      })}
    </>
  );
}

export default function OrganizerPrisoner() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgPrisoners");
  const { t: tc } = useTranslation("common");
  const failed = result?.kind === "invalid" ? result : null;
  const errorsFor = (intent: string, eventId?: number): Errors =>
    failed && failed.intent === intent && (eventId === undefined || failed.eventId === eventId) ? failed.errors : {};

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
  const addErrors = errorsFor("event_add");
  const addValues = failed?.intent === "event_add" ? failed.values : {};
  const displayName =
    page.texts[(LOCALES.find((l) => l === i18n.language) ?? "en") as Locale].name ||
    LOCALES.map((l) => page.texts[l].name).find(Boolean) ||
    page.slug;
  const confirmDelete = (event: FormEvent<HTMLFormElement>) => {
    if (!window.confirm(t("events.confirmDelete"))) event.preventDefault();
  };

  return (
    <section aria-labelledby="prisoner-title">
      <OrganizerBar />
      <h1 id="prisoner-title">{t("editor.title", { name: displayName })}</h1>
      <p>
        <Link to="/organizer/prisoners">{t("editor.back")}</Link> ·{" "}
        <a href={`/${i18n.language}/prisoners/${page.slug}`} target="_blank" rel="noreferrer">
          {t("editor.preview")}
        </a>
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
        <p className="field">
          <label htmlFor="photo-file">{t("photo.choose")}</label>
          <input
            id="photo-file"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic"
            required
            {...invalidProps("photo-file", photoErrors.photo)}
          />
          <span className="help">{t("photo.help", { max: page.maxPhotoMegabytes })}</span>
          <FieldError id="photo-file" code={photoErrors.photo} max={page.maxPhotoMegabytes} />
        </p>
        <button type="submit" className="button">
          {t("photo.upload")}
        </button>
      </Form>
      {page.photoUrl ? (
        <Form method="post">
          <input type="hidden" name="intent" value="photo_remove" />
          <button type="submit" className="button button--small button--danger">
            {t("photo.remove")}
          </button>
        </Form>
      ) : null}

      <h2 id="details-title">{t("editor.details")}</h2>
      <Form method="post" aria-labelledby="details-title" key={JSON.stringify(stored)}>
        <input type="hidden" name="intent" value="details" />
        <div className="field-row">
          <p className="field">
            <label htmlFor="field-status">{t("fields.status")}</label>
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
            <FieldError id="field-status" code={detailErrors.status} />
          </p>
          <p className="field">
            <label htmlFor="field-bornOn">{t("fields.bornOn")}</label>
            <input
              id="field-bornOn"
              name="bornOn"
              type="date"
              defaultValue={details.bornOn ?? ""}
              {...invalidProps("field-bornOn", detailErrors.bornOn)}
            />
            <FieldError id="field-bornOn" code={detailErrors.bornOn} />
          </p>
          <p className="field">
            <label htmlFor="field-detainedOn">{t("fields.detainedOn")}</label>
            <input
              id="field-detainedOn"
              name="detainedOn"
              type="date"
              defaultValue={details.detainedOn ?? ""}
              {...invalidProps("field-detainedOn", detailErrors.detainedOn)}
            />
            <FieldError id="field-detainedOn" code={detailErrors.detainedOn} />
          </p>
        </div>
        <p className="help">{t("editor.languagesHelp")}</p>
        {detailErrors.names ? (
          <p className="form-error" role="alert">
            {t(`errors.${detailErrors.names}`)}
          </p>
        ) : null}
        {LOCALES.map((l) => {
          const hasError = Object.keys(detailErrors).some((k) => k.endsWith(`.${l}`));
          const fieldId = (name: string) => `field-${name}-${l}`;
          return (
            <details key={l} open={page.texts[l].exists || hasError}>
              <summary>
                {LOCALE_NAMES[l]}{" "}
                {page.texts[l].exists ? null : <span className="optional">({t("editor.noText")})</span>}
              </summary>
              <fieldset className="field" lang={l}>
                <legend className="visually-hidden">{LOCALE_NAMES[l]}</legend>
                <p className="field">
                  <label htmlFor={fieldId("name")}>{t("fields.name")}</label>
                  <input
                    id={fieldId("name")}
                    name={`name.${l}`}
                    type="text"
                    maxLength={page.limits.name}
                    defaultValue={details[`name.${l}`] ?? ""}
                    {...invalidProps(fieldId("name"), detailErrors[`name.${l}`])}
                  />
                  <FieldError id={fieldId("name")} code={detailErrors[`name.${l}`]} max={page.limits.name} />
                </p>
                <p className="field">
                  <label htmlFor={fieldId("summary")}>{t("fields.summary")}</label>
                  <textarea
                    id={fieldId("summary")}
                    name={`summary.${l}`}
                    rows={3}
                    maxLength={page.limits.summary}
                    defaultValue={details[`summary.${l}`] ?? ""}
                    {...invalidProps(fieldId("summary"), detailErrors[`summary.${l}`])}
                  />
                  <FieldError id={fieldId("summary")} code={detailErrors[`summary.${l}`]} max={page.limits.summary} />
                </p>
                <p className="field">
                  <label htmlFor={fieldId("bio")}>{t("fields.bio")}</label>
                  <textarea
                    id={fieldId("bio")}
                    name={`bio.${l}`}
                    rows={10}
                    maxLength={page.limits.bio}
                    defaultValue={details[`bio.${l}`] ?? ""}
                    {...invalidProps(fieldId("bio"), detailErrors[`bio.${l}`])}
                  />
                  <span className="help">{t("fields.bioHelp")}</span>
                  <FieldError id={fieldId("bio")} code={detailErrors[`bio.${l}`]} max={page.limits.bio} />
                </p>
                <p className="field">
                  <label htmlFor={fieldId("facility")}>{t("fields.facility")}</label>
                  <input
                    id={fieldId("facility")}
                    name={`facility.${l}`}
                    type="text"
                    maxLength={page.limits.facility}
                    defaultValue={details[`facility.${l}`] ?? ""}
                    {...invalidProps(fieldId("facility"), detailErrors[`facility.${l}`])}
                  />
                  <FieldError
                    id={fieldId("facility")}
                    code={detailErrors[`facility.${l}`]}
                    max={page.limits.facility}
                  />
                </p>
                <p className="field">
                  <label htmlFor={fieldId("tstatus")}>{t("fields.translationStatus")}</label>
                  <select
                    id={fieldId("tstatus")}
                    name={`status.${l}`}
                    defaultValue={details[`status.${l}`] ?? "reviewed"}
                    {...invalidProps(fieldId("tstatus"), detailErrors[`status.${l}`])}
                  >
                    {TRANSLATION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`translationStatuses.${s}`)}
                      </option>
                    ))}
                  </select>
                  <FieldError id={fieldId("tstatus")} code={detailErrors[`status.${l}`]} />
                </p>
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
        const errors = errorsFor("event_save", e.id);
        const values: Record<string, string> =
          failed?.intent === "event_save" && failed.eventId === e.id
            ? failed.values
            : {
                occurredOn: e.occurredOn,
                ...Object.fromEntries(LOCALES.map((l) => [`text.${l}`, e.texts[l] ?? ""])),
              };
        const prefix = `event-${e.id}`;
        return (
          <article key={e.id} aria-labelledby={`${prefix}-title`} className="organizer-event">
            <h3 id={`${prefix}-title`}>{e.occurredOn}</h3>
            <Form method="post" key={JSON.stringify(e)}>
              <input type="hidden" name="intent" value="event_save" />
              <input type="hidden" name="eventId" value={e.id} />
              <p className="field">
                <label htmlFor={`${prefix}-date`}>{t("events.date")}</label>
                <input
                  id={`${prefix}-date`}
                  name="occurredOn"
                  type="date"
                  required
                  defaultValue={values.occurredOn ?? ""}
                  {...invalidProps(`${prefix}-date`, errors.occurredOn)}
                />
                <FieldError id={`${prefix}-date`} code={errors.occurredOn} />
              </p>
              {errors.text ? <p className="field-error">{t(`errors.${errors.text}`)}</p> : null}
              <EventTexts prefix={prefix} values={values} errors={errors} max={page.limits.eventText} />
              <button type="submit" className="button button--small">
                {t("events.save")}
              </button>
            </Form>
            <Form method="post" onSubmit={confirmDelete}>
              <input type="hidden" name="intent" value="event_delete" />
              <input type="hidden" name="eventId" value={e.id} />
              <button type="submit" className="button button--small button--danger">
                {t("events.delete")}
              </button>
            </Form>
          </article>
        );
      })}

      <h3 id="event-add-title">{t("events.add")}</h3>
      <Form method="post" aria-labelledby="event-add-title" key={page.events.map((e) => e.id).join(",")}>
        <input type="hidden" name="intent" value="event_add" />
        <p className="field">
          <label htmlFor="event-new-date">{t("events.date")}</label>
          <input
            id="event-new-date"
            name="occurredOn"
            type="date"
            required
            defaultValue={addValues.occurredOn ?? ""}
            {...invalidProps("event-new-date", addErrors.occurredOn)}
          />
          <FieldError id="event-new-date" code={addErrors.occurredOn} />
        </p>
        {addErrors.text ? <p className="field-error">{t(`errors.${addErrors.text}`)}</p> : null}
        <EventTexts prefix="event-new" values={addValues} errors={addErrors} max={page.limits.eventText} />
        <button type="submit" className="button">
          {t("events.addButton")}
        </button>
      </Form>
    </section>
  );
}
