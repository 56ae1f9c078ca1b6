import { z } from "zod";
import { cleanText } from "~/domain/text";
import { RETENTION } from "~/domain/retention";

/**
 * The retention form of the campaign settings page: the days after closing or delivery
 * until signer data is erased. Error codes are translated under orgCampaign `errors`.
 */
export const retentionSchema = z.object({
  intent: z.literal("retention"),
  days: z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v) => cleanText(v).replace(/\s/g, ""))
    .superRefine((v, ctx) => {
      if (!v) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
      else if (!/^\d{1,4}$/.test(v) || Number(v) < RETENTION.minDays || Number(v) > RETENTION.maxDays) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "retentionDays" });
      }
    })
    .transform(Number),
});

export type RetentionInput = z.output<typeof retentionSchema>;
