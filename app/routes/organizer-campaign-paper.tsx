import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describedBy, Field, FieldError } from "~/components/form-kit";
import { VISIBILITIES } from "~/domain/vocab";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { rejectedForm } from "~/http/rejected-form.server";
import { notFound, orNotFound } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { paperSchema } from "~/schemas/campaign-outcome";
import { fieldErrorMap } from "~/schemas/fields";
import { paperPage, recordPaperBatch } from "~/services/paper-signatures.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("paper");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  return orNotFound(await paperPage(access, negotiateLocale(request)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: paperSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") return rejectedForm(form, submission);
  const result = await recordPaperBatch(access, submission.value);
  if (result.kind === "not-found") notFound();
  if (result.kind === "invalid") return rejectedForm(form, submission, result.errors);
  return data(result);
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Invalid = { errors: Partial<Record<string, string>>; values: Record<string, string> } | null;

function Common({ page, invalid, prefix }: { page: Page; invalid: Invalid; prefix: string }) {
  const { t } = useTranslation("orgInsights");
  return (
    <>
      <Field
        id={`${prefix}-source`}
        label={t("paper.source")}
        hint={t("paper.sourceHint")}
        errors={invalid?.errors.source}
        ns="orgInsights"
        max={page.limits.source}
      >
        <input
          id={`${prefix}-source`}
          name="source"
          required
          maxLength={page.limits.source}
          defaultValue={invalid?.values.source ?? ""}
          aria-describedby={describedBy(`${prefix}-source`, { hint: true })}
        />
      </Field>
      <Field
        id={`${prefix}-collectedOn`}
        label={t("paper.collectedOn")}
        errors={invalid?.errors.collectedOn}
        ns="orgInsights"
      >
        <input
          id={`${prefix}-collectedOn`}
          name="collectedOn"
          type="date"
          required
          max={page.today}
          defaultValue={invalid?.values.collectedOn ?? page.today}
          aria-describedby={describedBy(`${prefix}-collectedOn`)}
        />
      </Field>
    </>
  );
}

function GroupSelect({ page, name, label, value }: { page: Page; name: string; label: string; value: string }) {
  const { t } = useTranslation("orgInsights");
  return (
    <select name={name} aria-label={label} defaultValue={value}>
      <option value="">{t("paper.choose")}</option>
      {page.groups.map((g) => (
        <option key={g.key} value={g.key}>
          {g.label}
        </option>
      ))}
    </select>
  );
}

function CountrySelect({ page, name, label, value }: { page: Page; name: string; label: string; value: string }) {
  const { t } = useTranslation("orgInsights");
  return (
    <select name={name} aria-label={label} defaultValue={value}>
      <option value="">{t("paper.choose")}</option>
      {page.countries.map((c) => (
        <option key={c.code} value={c.code}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => i);

export default function OrganizerCampaignPaper() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["orgInsights", "orgCampaign", "sign"]);
  const invalid = result?.kind === "invalid" ? result : null;
  const counts = invalid?.values.intent === "counts" ? invalid : null;
  const named = invalid?.values.intent === "named" ? invalid : null;
  const err = (inv: Invalid, name: string) => inv?.errors[name];
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <section aria-labelledby="paper-title">
      <h1 id="paper-title">{t("paper.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("orgCampaign:common.overview")}</Link>
      </p>
      <p data-testid="on-paper">{t("paper.counted", { count: page.onPaper, formatted: number(page.onPaper) })}</p>
      {result?.kind === "added" ? (
        <p className="notice" role="status">
          {t("paper.added", { count: result.total, formatted: number(result.total) })}
        </p>
      ) : null}
      {invalid ? (
        <p className="form-error" role="alert">
          {t("orgCampaign:common.fixErrors")}
        </p>
      ) : null}

      <h2 id="paper-counts">{t("paper.countsTitle")}</h2>
      <p className="help">{t("paper.countsIntro")}</p>
      <Form method="post" aria-labelledby="paper-counts">
        <input type="hidden" name="intent" value="counts" />
        <Common page={page} invalid={counts} prefix="counts" />
        <div className="paper-lines">
          <table className="organizer-table">
            <thead>
              <tr>
                <th scope="col">{t("paper.group")}</th>
                <th scope="col">{t("paper.country")}</th>
                <th scope="col">{t("paper.count")}</th>
              </tr>
            </thead>
            <tbody>
              {rows(4).map((i) => {
                const name = (f: string) => `line[${i}].${f}`;
                return (
                  <tr key={i}>
                    <td>
                      <GroupSelect
                        page={page}
                        name={name("group")}
                        label={t("paper.groupOfLine", { n: i + 1 })}
                        value={counts?.values[name("group")] ?? ""}
                      />
                      <FieldError id={`line-${i}-group-error`} errors={err(counts, name("group"))} ns="orgInsights" />
                    </td>
                    <td>
                      <CountrySelect
                        page={page}
                        name={name("country")}
                        label={t("paper.countryOfLine", { n: i + 1 })}
                        value={counts?.values[name("country")] ?? ""}
                      />
                      <FieldError
                        id={`line-${i}-country-error`}
                        errors={err(counts, name("country"))}
                        ns="orgInsights"
                      />
                    </td>
                    <td>
                      <input
                        name={name("count")}
                        inputMode="numeric"
                        aria-label={t("paper.countOfLine", { n: i + 1 })}
                        defaultValue={counts?.values[name("count")] ?? ""}
                        size={7}
                      />
                      <FieldError
                        id={`line-${i}-count-error`}
                        errors={err(counts, name("count"))}
                        ns="orgInsights"
                        max={page.limits.lineCount}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="submit" className="button">
          {t("paper.addCounts")}
        </button>
      </Form>

      <h2 id="paper-named">{t("paper.namedTitle")}</h2>
      <p className="help">{t("paper.namedIntro")}</p>
      <Form method="post" aria-labelledby="paper-named">
        <input type="hidden" name="intent" value="named" />
        <Common page={page} invalid={named} prefix="named" />
        <div className="paper-lines">
          <table className="organizer-table">
            <thead>
              <tr>
                <th scope="col">{t("paper.name")}</th>
                <th scope="col">{t("paper.affiliation")}</th>
                <th scope="col">{t("paper.group")}</th>
                <th scope="col">{t("paper.country")}</th>
                <th scope="col">{t("paper.visibility")}</th>
              </tr>
            </thead>
            <tbody>
              {rows(4).map((i) => {
                const name = (f: string) => `person[${i}].${f}`;
                return (
                  <tr key={i}>
                    <td>
                      <input
                        name={name("name")}
                        aria-label={t("paper.nameOfLine", { n: i + 1 })}
                        defaultValue={named?.values[name("name")] ?? ""}
                        maxLength={page.limits.name}
                      />
                      <FieldError id={`person-${i}-name-error`} errors={err(named, name("name"))} ns="orgInsights" />
                    </td>
                    <td>
                      <input
                        name={name("title")}
                        aria-label={t("paper.affiliationOfLine", { n: i + 1 })}
                        defaultValue={named?.values[name("title")] ?? ""}
                        maxLength={page.limits.title}
                      />
                    </td>
                    <td>
                      <GroupSelect
                        page={page}
                        name={name("group")}
                        label={t("paper.groupOfLine", { n: i + 1 })}
                        value={named?.values[name("group")] ?? ""}
                      />
                      <FieldError id={`person-${i}-group-error`} errors={err(named, name("group"))} ns="orgInsights" />
                    </td>
                    <td>
                      <CountrySelect
                        page={page}
                        name={name("country")}
                        label={t("paper.countryOfLine", { n: i + 1 })}
                        value={named?.values[name("country")] ?? ""}
                      />
                      <FieldError
                        id={`person-${i}-country-error`}
                        errors={err(named, name("country"))}
                        ns="orgInsights"
                      />
                    </td>
                    <td>
                      <select
                        name={name("visibility")}
                        aria-label={t("paper.visibilityOfLine", { n: i + 1 })}
                        defaultValue={named?.values[name("visibility")] ?? "public"}
                      >
                        {VISIBILITIES.map((v) => (
                          <option key={v} value={v}>
                            {t(`paper.visibilities.${v}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="submit" className="button">
          {t("paper.addNamed")}
        </button>
      </Form>

      <h2>{t("paper.batchesTitle")}</h2>
      {page.batches.length === 0 ? (
        <p>{t("paper.noBatches")}</p>
      ) : (
        <table className="organizer-table" data-testid="paper-batches">
          <thead>
            <tr>
              <th scope="col">{t("paper.collectedOn")}</th>
              <th scope="col">{t("paper.source")}</th>
              <th scope="col">{t("paper.kind")}</th>
              <th scope="col">{t("paper.count")}</th>
              <th scope="col">{t("paper.by")}</th>
            </tr>
          </thead>
          <tbody>
            {page.batches.map((b) => (
              <tr key={b.id}>
                <td>{b.collectedOn}</td>
                <td>{b.source}</td>
                <td>{t(`paper.kinds.${b.kind}`)}</td>
                <td>{number(b.total)}</td>
                <td>{b.by ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
