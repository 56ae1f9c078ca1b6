import { renderMailJob, type MailJob, type RenderedMail } from "../../emails";
import { readSignerDetails } from "~/models/signature-secrets.server";
import { getDb, type Executor } from "~/utils/db.server";
import type { SendSignerMailPayload } from "~/utils/queue.server";
import { handleSendMail } from "./send-mail.server";

/**
 * Renders a mail queued by signature id: the address and the name come out of the signer's
 * sealed details now, so the queue's tables never held them. Null when there is no one to
 * write to any more (the signature was withdrawn or erased before the mail left).
 */
export async function renderSignerMail(
  db: Executor,
  payload: SendSignerMailPayload,
): Promise<(RenderedMail & { to: string }) | null> {
  const details = await readSignerDetails(db, payload.signatureId);
  if (!details?.email) return null;
  const job = {
    kind: payload.mail.kind,
    locale: payload.mail.locale,
    to: details.email,
    data: { ...payload.mail.data, signerName: details.fullName },
  } as MailJob;
  return renderMailJob(job);
}

/** "send-signer-mail": one mail per job, with the retries and permanent failures of "send-mail". */
export async function handleSendSignerMail(payload: SendSignerMailPayload): Promise<void> {
  const mail = await renderSignerMail(getDb(), payload);
  if (!mail) return;
  await handleSendMail({ ...mail, headers: payload.headers });
}
