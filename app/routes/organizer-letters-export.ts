import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "~/http/forms.server";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { NO_STORE } from "~/http/responses";
import { getFixedT } from "~/i18n/i18n.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { fieldErrorMap } from "~/schemas/fields";
import { letterExportSchema } from "~/schemas/letters";
import { exportLetters } from "~/services/letters-export.server";

/**
 * The letters as CSV or XLSX: letters are personal data, so the second factor must be fresh
 * (15 minutes), as for signatory exports; the export is audited with its row count and SHA-256.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "translate", { freshSecondFactorMinutes: 15 });
  const submission = parseWithZod(await readForm(request), { schema: letterExportSchema, errorMap: fieldErrorMap });
  if (submission.status !== "success") {
    return new Response(getFixedT(negotiateLocale(request), "orgLetters")("errors.exportFormat"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": NO_STORE },
    });
  }
  const file = await exportLetters(access, submission.value);
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": NO_STORE,
      "X-Content-Type-Options": "nosniff",
      "X-Rows": String(file.rows),
      "X-Content-SHA256": file.sha256,
    },
  });
}
