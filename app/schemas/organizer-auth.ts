import { z } from "zod";

/** The sign-in page: an address (anything unlike one is quietly ignored) and where to go after. */
export const loginRequestSchema = z.object({
  email: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().min(4).max(319).includes("@")),
  next: z.string().max(2000).optional(),
});

/** A TOTP code or a recovery code, as typed. */
export const secondFactorSchema = z.object({
  code: z
    .string()
    .optional()
    .transform((v) => (v ?? "").slice(0, 64)),
});
