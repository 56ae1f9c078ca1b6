import { z } from "zod";
import { VISIBILITIES } from "~/domain/vocab";
import { signatureSchema } from "./signature";

/**
 * The signer's own page ("manage my signature") and "lost your link?": shared by the browser
 * and the server. Fields are checked exactly as on the sign form; messages are keys under
 * `sign.errors`.
 */

export const manageActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("visibility"),
    visibility: z.enum(VISIBILITIES, { errorMap: () => ({ message: "visibilityRequired" }) }),
  }),
  z.object({
    intent: z.literal("details"),
    title: signatureSchema.shape.title,
    city: signatureSchema.shape.city,
  }),
  z.object({ intent: z.literal("news"), updatesConsent: z.literal("on").optional() }),
  z.object({ intent: z.literal("withdraw") }),
]);
export type ManageActionInput = z.output<typeof manageActionSchema>;

export const lostLinkSchema = z.object({ email: signatureSchema.shape.email });
