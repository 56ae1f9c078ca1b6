import { z } from "zod";
import { LOCALES, MEMBER_ROLES } from "~/domain/vocab";
import { fieldErrorMap, id, oneOf, singleLine } from "./fields";

/**
 * The forms of the members page (a campaign's owners invite, re-role, remove, re-invite) and
 * of the platform admins' organizers page (invite, disable, enable, re-invite), shared by the
 * browser and the server. Each page posts one of several intents: a discriminated union.
 * Error codes are translated under orgMembers `errors`.
 */

export const INVITE_LIMITS = { email: 254 } as const;

/** Every parseWithZod of these schemas takes the form kit's error map. */
export const membersErrorMap = fieldErrorMap;

/** An email address, lowercased: the key organizer accounts are found by. */
const emailAddress = singleLine(INVITE_LIMITS.email, { required: true })
  .transform((v) => v.toLowerCase())
  .pipe(z.string().email("invalidEmail"));

/** The language of a new account's mail; empty means the inviter's page language. */
const invitationLocale = oneOf(LOCALES).optional();

const memberRole = oneOf(MEMBER_ROLES);

/** The organizer a row's button acts on; a malformed id names nobody (the route answers 404). */
const organizerId = id();

export const memberInviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailAddress,
  role: memberRole,
  locale: invitationLocale,
});

export const membersActionSchema = z.discriminatedUnion(
  "intent",
  [
    memberInviteSchema,
    z.object({ intent: z.literal("role"), organizerId, role: memberRole }),
    z.object({ intent: z.literal("remove"), organizerId }),
    z.object({ intent: z.literal("resend"), organizerId }),
  ],
  { errorMap: () => ({ message: "invalid" }) },
);

export const organizerInviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailAddress,
  /** The checkbox "make this organizer a platform admin". */
  admin: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
  locale: invitationLocale,
});

export const organizersAdminActionSchema = z.discriminatedUnion(
  "intent",
  [
    organizerInviteSchema,
    z.object({ intent: z.literal("disable"), organizerId }),
    z.object({ intent: z.literal("enable"), organizerId }),
    z.object({ intent: z.literal("resend"), organizerId }),
  ],
  { errorMap: () => ({ message: "invalid" }) },
);
