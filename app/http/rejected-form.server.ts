import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { notFound } from "./responses";
import type { FieldErrors } from "~/schemas/fields";
import { formValues } from "./forms.server";

/**
 * The 400 of an organizer form: the errors as one code per field and the values as typed
 * (what tests and pages without JavaScript read), with Conform's reply for the page's useForm.
 */

interface Submission {
  reply(options?: { fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
}

/** A form refused by its schema, or by the operation with `errors` (a slug taken, a group not empty). */
export function rejectedForm<Extra extends object = object>(
  form: FormData,
  submission: Submission,
  errors?: FieldErrors,
  extra?: Extra,
) {
  const fieldErrors: Record<string, string[]> = {};
  for (const [name, code] of Object.entries(errors ?? {})) if (code) fieldErrors[name] = [code];
  const reply = submission.reply(errors ? { fieldErrors } : undefined);
  const firstErrors: FieldErrors = {};
  for (const [name, list] of Object.entries(reply.error ?? {})) if (list?.[0]) firstErrors[name] = list[0];
  return data(
    { kind: "invalid" as const, errors: firstErrors, values: formValues(form), reply, ...(extra as Extra) },
    { status: 400 },
  );
}

/** Whether a schema refused a field among `names` (or `name.*`): an id no page of ours shows. */
export function refusedAny(reply: SubmissionResult<string[]>, names: readonly string[]): boolean {
  return Object.keys(reply.error ?? {}).some((key) => names.some((n) => key === n || key.startsWith(`${n}.`)));
}

/**
 * An organizer operation's typed result as the answer to its form: the one 404, the refused
 * form with the operation's field errors, 400 for a rule that said no, 429 for a limit, and
 * 200 with the result otherwise.
 */
export function answerOperation<R extends { kind: string }>(result: R, form: FormData, submission: Submission) {
  switch (result.kind) {
    case "not-found":
      return notFound();
    case "invalid":
      return rejectedForm(form, submission, (result as { errors?: FieldErrors }).errors);
    case "refused":
      return data(result, { status: 400 });
    case "limited":
      return data(result, { status: 429 });
    default:
      return data(result, { status: 200 });
  }
}
