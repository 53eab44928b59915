import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  recipients: string[];
  mail: ParsedMail;
}

/** A real SMTP server on 127.0.0.1 (any free port) that keeps what it receives, parsed. */
export interface SmtpInbox {
  /** `smtp://127.0.0.1:<port>` for SMTP_URL (plain: this server offers no STARTTLS). */
  url: string;
  received: ReceivedMail[];
  /** Resolves with the `nth` mail (1-based, already received or to come) sent to `address`. */
  waitFor(address: string, nth?: number, timeoutMs?: number): Promise<ReceivedMail>;
  /** Every mail received for `address`. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            mail,
          });
          for (const wake of [...waiters]) wake();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;

  const to = (address: string) =>
    received.filter((entry) => entry.recipients.includes(address.toLowerCase()));

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to,
    waitFor(address, nth = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = to(address)[nth - 1];
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`No mail #${nth} for ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The reset token in a mail's link (`…token=<token>` or the last path segment). */
export function tokenFromMail(mail: ParsedMail): string {
  const match = /[?&]token=([A-Za-z0-9_-]{20,})/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error(`No reset token in the mail: ${mail.text}`);
  return match[1];
}
