import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { Locale } from "~/domain/vocab";
import { EXPORT_COLUMNS, exportFormSchema } from "~/schemas/exports";
import type { ExportRequest } from "~/services/exports.server";
import { readForm } from "./forms.server";

/**
 * The export form's POST (the form page and its former address): the form checked with the
 * schema the browser uses too, as the typed request the export operation takes.
 */

/** Form fields as typed, so a refused form comes back with everything still filled in. */
export interface ExportFormValues {
  format: string;
  columns: string[];
  states: string[];
  groups: string[];
  countries: string;
  verifiedFrom: string;
  verifiedTo: string;
  bom: boolean;
  locale: string;
  headers: string;
}

/** A refused form: an error code per field ("required", "invalid", "order"), the values, Conform's reply. */
export interface InvalidExportForm {
  kind: "invalid";
  errors: Partial<Record<keyof ExportFormValues, string>>;
  values: ExportFormValues;
  result: SubmissionResult<string[]>;
}

function formValuesOf(form: FormData, fallbackLocale: Locale): ExportFormValues {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const list = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  return {
    format: text("format") || "csv",
    columns: list("columns"),
    states: list("states"),
    groups: list("groups"),
    countries: text("countries"),
    verifiedFrom: text("verifiedFrom"),
    verifiedTo: text("verifiedTo"),
    bom: form.get("bom") === "on",
    locale: text("locale") || fallbackLocale,
    headers: text("headers"),
  };
}

/** The export form of `request`: the export asked for, or why not. `uiLocale` is the default language. */
export async function readExportForm(
  request: Request,
  uiLocale: Locale,
): Promise<{ ok: true; input: ExportRequest } | { ok: false; invalid: InvalidExportForm }> {
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: exportFormSchema });
  if (submission.status !== "success") {
    const errors: InvalidExportForm["errors"] = {};
    for (const [name, messages] of Object.entries(submission.error ?? {})) {
      const code = messages?.[0];
      if (code) errors[name as keyof ExportFormValues] ??= code;
    }
    return {
      ok: false,
      invalid: { kind: "invalid", errors, values: formValuesOf(form, uiLocale), result: submission.reply() },
    };
  }
  const v = submission.value;
  return {
    ok: true,
    input: {
      format: v.format,
      // In the order of the list, each once.
      columns: EXPORT_COLUMNS.filter((c) => v.columns.includes(c)),
      filters: {
        states: v.states,
        groups: v.groups,
        countries: v.countries,
        verifiedFrom: v.verifiedFrom,
        verifiedTo: v.verifiedTo,
      },
      bom: v.bom,
      locale: v.locale ?? uiLocale,
      headers: v.headers,
    },
  };
}
