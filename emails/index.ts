import { isLocale, type Locale } from "~/domain/vocab";
import { renderAlreadySigned, type AlreadySignedData } from "./already-signed";
import { renderCampaignUpdate, type CampaignUpdateData } from "./campaign-update";
import { renderDailyDigest, type DailyDigestData } from "./daily-digest";
import { renderFollowUpInvitation, type FollowUpInvitationData } from "./follow-up-invitation";
import type { RenderedMail } from "./layout";
import { renderOrganizerInvitation, type OrganizerInvitationData } from "./organizer-invitation";
import { renderOrganizerLogin, type OrganizerLoginData } from "./organizer-login";
import { renderSignatureConfirmation, type SignatureConfirmationData } from "./signature-confirmation";
import { renderLetterConfirmation, type LetterConfirmationData } from "./letter-confirmation";
import { renderLetterRejected, type LetterRejectedData } from "./letter-rejected";
import { renderLetterReply, type LetterReplyData } from "./letter-reply";
import { renderManageLink, type ManageLinkData } from "./manage-link";
import { renderSignatureReminder, type SignatureReminderData } from "./signature-reminder";
import { renderRetentionReminder, type RetentionReminderData } from "./retention-reminder";

export { escapeHtml, type RenderedMail } from "./layout";
export type { AlreadySignedData } from "./already-signed";
export type { CampaignUpdateData } from "./campaign-update";
export type { DailyDigestData } from "./daily-digest";
export type { FollowUpInvitationData } from "./follow-up-invitation";
export type { OrganizerInvitationData } from "./organizer-invitation";
export type { OrganizerLoginData } from "./organizer-login";
export type { SignatureConfirmationData } from "./signature-confirmation";
export type { LetterConfirmationData } from "./letter-confirmation";
export type { LetterRejectedData } from "./letter-rejected";
export type { LetterReplyData } from "./letter-reply";
export type { ManageLinkData } from "./manage-link";
export type { SignatureReminderData } from "./signature-reminder";
export type { RetentionReminderData } from "./retention-reminder";

/** The data each kind of mail needs. A new kind: its file, a line here and one in RENDERERS. */
export interface MailDataByKind {
  signature_confirmation: SignatureConfirmationData;
  already_signed: AlreadySignedData;
  campaign_update: CampaignUpdateData;
  organizer_login: OrganizerLoginData;
  organizer_invitation: OrganizerInvitationData;
  daily_digest: DailyDigestData;
  follow_up_invitation: FollowUpInvitationData;
  letter_confirmation: LetterConfirmationData;
  letter_rejected: LetterRejectedData;
  letter_reply: LetterReplyData;
  manage_link: ManageLinkData;
  signature_reminder: SignatureReminderData;
  retention_reminder: RetentionReminderData;
}

export type MailKind = keyof MailDataByKind;

const RENDERERS: { [K in MailKind]: (locale: Locale, data: MailDataByKind[K]) => RenderedMail } = {
  signature_confirmation: renderSignatureConfirmation,
  already_signed: renderAlreadySigned,
  campaign_update: renderCampaignUpdate,
  organizer_login: renderOrganizerLogin,
  organizer_invitation: renderOrganizerInvitation,
  daily_digest: renderDailyDigest,
  follow_up_invitation: renderFollowUpInvitation,
  letter_confirmation: renderLetterConfirmation,
  letter_rejected: renderLetterRejected,
  letter_reply: renderLetterReply,
  manage_link: renderManageLink,
  signature_reminder: renderSignatureReminder,
  retention_reminder: renderRetentionReminder,
};

export const MAIL_KINDS = Object.keys(RENDERERS) as MailKind[];

export function isMailKind(value: unknown): value is MailKind {
  return typeof value === "string" && Object.hasOwn(RENDERERS, value);
}

/**
 * What a queue job carries: everything needed to render and send one mail later, as plain
 * JSON. The union keeps `kind` and `data` in step: `{ kind: "already_signed", data: { signerName } }`
 * does not type-check.
 */
export type MailJob = {
  [K in MailKind]: { kind: K; locale: Locale; to: string; data: MailDataByKind[K] };
}[MailKind];

/**
 * A mail to a signer, queued by signature id (issue 12): the job holds no address and no
 * name; the worker opens the signer's sealed details, adds `signerName` and the address, and
 * renders it then (jobs/send-signer-mail.server.ts).
 */
export type SignerMailJob = {
  [K in MailKind]: { kind: K; locale: Locale; data: Omit<MailDataByKind[K], "signerName"> };
}[MailKind];

export function renderMail<K extends MailKind>(kind: K, locale: Locale, data: MailDataByKind[K]): RenderedMail {
  const render = RENDERERS[kind] as (locale: Locale, data: MailDataByKind[K]) => RenderedMail;
  return render(locale, data);
}

/**
 * Renders a queue job; the result is what sendMail takes. A job comes back from storage as
 * JSON, so its kind and locale are checked again here rather than trusted.
 */
export function renderMailJob(job: MailJob): RenderedMail & { to: string } {
  if (!isMailKind(job.kind)) throw new TypeError(`Unknown mail kind: ${String(job.kind)}`);
  if (!isLocale(job.locale)) throw new TypeError(`Unknown mail locale: ${String(job.locale)}`);
  // TypeScript cannot pair job.kind with job.data through the union; MailJob guarantees it.
  const mail = renderMail<MailKind>(job.kind, job.locale, job.data);
  return { to: job.to, ...mail };
}
