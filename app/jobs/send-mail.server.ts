import { maskEmail } from "~/domain/email";
import { InvalidMailError, isPermanentSmtpError, sendMail } from "~/utils/mailer.server";
import { PermanentJobError, type SendMailPayload } from "~/utils/queue.server";

export type { SendMailPayload };

/**
 * "send-mail": transports one rendered message. A permanent SMTP failure (a dead address, a
 * refused message) fails the job at once and is recorded; anything else is retried.
 */
export async function handleSendMail(payload: SendMailPayload): Promise<void> {
  try {
    await sendMail({
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      html: payload.html ?? "",
      headers: payload.headers,
    });
  } catch (error) {
    if (error instanceof InvalidMailError || isPermanentSmtpError(error)) {
      console.warn(`[mail] permanent failure for ${maskEmail(payload.to)}: ${(error as Error).message}`);
      throw new PermanentJobError((error as Error).message, { cause: error });
    }
    throw error;
  }
}
