import {
  isCaptureMode,
  isCapturedMailId,
  listCapturedMails,
  readCapturedMail,
  type CapturedMail,
  type CapturedMailSummary,
} from "~/utils/mailer.server";

/**
 * The development mailbox: the mails captured while no SMTP server is configured. It exists
 * only in capture mode; with SMTP_URL set every function here answers "not available".
 */

export const MAILBOX_LIMIT = 100;

export function mailboxAvailable(): boolean {
  return isCaptureMode();
}

/** Newest first, or null when the mailbox is not available. */
export async function loadMailbox(): Promise<CapturedMailSummary[] | null> {
  if (!mailboxAvailable()) return null;
  return listCapturedMails(MAILBOX_LIMIT);
}

export interface MailboxMessage extends CapturedMail {
  /** The HTML body prepared for a sandboxed srcdoc iframe: its links open in the whole tab. */
  frameHtml: string;
}

/** One mail, or null when the mailbox is not available, the id is malformed or there is no such mail. */
export async function loadMailboxMessage(id: string | undefined): Promise<MailboxMessage | null> {
  if (!mailboxAvailable() || !isCapturedMailId(id)) return null;
  const mail = await readCapturedMail(id);
  return mail ? { ...mail, frameHtml: htmlForFrame(mail.html) } : null;
}

/**
 * A `<base target="_top">` makes every link in the mail navigate the tab rather than the
 * iframe, so a confirmation link can be followed as in a mail client. The iframe's sandbox
 * (no scripts) is what keeps the mail's content contained.
 */
export function htmlForFrame(html: string): string {
  const base = '<base target="_top">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + base + html.slice(head.index + head[0].length);
  return base + html;
}
