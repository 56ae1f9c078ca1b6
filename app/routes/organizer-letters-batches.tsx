import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form-kit";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { rejectedForm } from "~/http/rejected-form.server";
import { notFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { fieldErrorMap } from "~/schemas/fields";
import { batchCreateSchema } from "~/schemas/letters";
import { createBatch, loadBatchesPage } from "~/services/letters-batches.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("letterBatches");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  return loadBatchesPage(access, negotiateLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: batchCreateSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  const result = await createBatch(access, submission.value);
  if (result.kind === "not-found") notFound();
  if (result.kind === "refused") return data(result, { status: 409 });
  return redirect(`/organizer/campaigns/${access.campaign.slug}/letters/batches/${result.batchId}`);
}

/** Batches: gather letters ready to post, and the batches so far. */
export default function OrganizerLetterBatches() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("orgLetters");
  const base = `/organizer/campaigns/${page.slug}/letters`;
  const errors = result?.kind === "invalid" ? result.errors : {};
  return (
    <section aria-labelledby="batches-title">
      <h1 id="batches-title">{t("batches.title")}</h1>
      <p>
        <Link to={base}>{t("letter.back")}</Link>
      </p>
      <p className="help">{t("batches.intro")}</p>
      {result?.kind === "refused" ? (
        <p className="form-error" role="alert">
          {t("errors.notReady")}
        </p>
      ) : null}
      {page.prisoners.map((p) => (
        <Form method="post" key={p.id} aria-labelledby={`ready-${p.id}`}>
          <h2 id={`ready-${p.id}`}>{t("batches.ready", { name: p.name, count: p.ready.length })}</h2>
          <input type="hidden" name="prisonerId" value={p.id} />
          {p.ready.length === 0 ? (
            <p className="empty">{t("batches.nothingReady")}</p>
          ) : (
            <>
              <ul className="plain-list">
                {p.ready.map((l) => (
                  <li key={l.id}>
                    <label className="choice">
                      <input type="checkbox" name="letterIds" value={l.id} defaultChecked />{" "}
                      <span>
                        #{l.id} · {l.writerName} ({l.writerCountry}) · {l.language.toUpperCase()} ·{" "}
                        {t(`translationKinds.${l.translationKind ?? "human"}`)} — <em>{l.preview}…</em>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              <FieldError id={`letters-${p.id}-error`} errors={errors.letterIds} ns="orgLetters" />
              <label className="choice">
                <input type="checkbox" name="includeOriginal" value="on" /> <span>{t("batches.includeOriginal")}</span>
              </label>
              <p>
                <button type="submit" className="button">
                  {t("batches.create")}
                </button>
              </p>
            </>
          )}
        </Form>
      ))}
      <h2>{t("batches.listTitle")}</h2>
      {page.batches.length === 0 ? (
        <p className="empty">{t("batches.none")}</p>
      ) : (
        <table className="organizer-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("queue.prisoner")}</th>
              <th scope="col">{t("batches.letters")}</th>
              <th scope="col">{t("letter.state")}</th>
              <th scope="col">{t("batch.postedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {page.batches.map((b) => (
              <tr key={b.id} data-testid="batch-row">
                <td>
                  <Link to={`${base}/batches/${b.id}`}>#{b.id}</Link>
                </td>
                <td>{b.prisoner}</td>
                <td>{b.letters}</td>
                <td>
                  {t(`batchStates.${b.state}`)}
                  {b.method ? ` · ${t(`methods.${b.method}`)}` : ""}
                </td>
                <td>
                  {b.postedOn
                    ? new Date(`${b.postedOn}T00:00:00Z`).toLocaleDateString(i18n.language, { timeZone: "UTC" })
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
