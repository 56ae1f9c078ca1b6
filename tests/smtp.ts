import net, { type AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

// ---------------------------------------------------------------------------------------
// A real SMTP listener

export interface Received {
  envelope: { mailFrom: SMTPServerAddress | false; rcptTo: SMTPServerAddress[] };
  mail: ParsedMail;
}

export interface TestServer {
  port: number;
  received: Received[];
  close: () => Promise<void>;
}

export async function startSmtpServer(
  options: { rejectRecipientWith?: number; port?: number } = {},
): Promise<TestServer> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.rejectRecipientWith) {
        const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
        error.responseCode = options.rejectRecipientWith;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      // The session is reset after the callback: keep a copy of the envelope first.
      const envelope = {
        mailFrom: session.envelope.mailFrom,
        rcptTo: session.envelope.rcptTo.map((rcpt) => ({ ...rcpt })),
      };
      simpleParser(stream).then(
        (mail) => {
          received.push({ envelope, mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
