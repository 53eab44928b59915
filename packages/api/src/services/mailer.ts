import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '@baylink/sdk/contract';
import { createTransport } from 'nodemailer';
import type { Logger } from 'pino';

/** One message, already rendered in the recipient's language. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The language it is written in (sent as `Content-Language`). */
  language: Language;
  /** A `Message-ID` of the sender's choosing (`<id@host>`), stable across retries of one mail. */
  messageId?: string;
  /** More headers, such as `List-Unsubscribe`. */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** Where the message was written, when the mailer writes files rather than sending. */
  path?: string;
}

/**
 * Sends email. One interface for every sender of the API: password resets now, the delivery
 * worker's notification emails later.
 */
export interface Mailer {
  /** `smtp` sends through `SMTP_URL`; `file` writes .eml files (the demo, and development). */
  readonly kind: 'smtp' | 'file';
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

export interface MailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; query options such as `?ignoreTLS=true` pass on to nodemailer. */
  smtpUrl?: string | undefined;
  /** The From header. */
  from?: string | undefined;
  /** Without `smtpUrl`, messages are written to `<dataDir>/mail/`. */
  dataDir: string;
  logger: Logger;
}

export const DEFAULT_MAIL_FROM = 'Baylink <no-reply@baylink.localhost>';

/** nodemailer over SMTP when `smtpUrl` is set; otherwise an .eml file per message, its path logged. */
export function createMailer(options: MailerOptions): Mailer {
  const from = options.from ?? DEFAULT_MAIL_FROM;
  const envelope = (message: MailMessage) => ({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: { ...message.headers, 'Content-Language': message.language },
    ...(message.messageId ? { messageId: message.messageId } : {}),
  });

  if (options.smtpUrl) {
    const transport = createTransport({
      url: options.smtpUrl,
      // nodemailer waits minutes by default; a stuck server must not hold requests that long.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return {
      kind: 'smtp',
      async send(message) {
        const info = await transport.sendMail(envelope(message));
        options.logger.info({ messageId: info.messageId }, 'mail sent');
        return { messageId: info.messageId };
      },
      async close() {
        transport.close();
      },
    };
  }

  const folder = path.join(options.dataDir, 'mail');
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'file',
    async send(message) {
      const info = await composer.sendMail(envelope(message));
      await mkdir(folder, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(folder, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      options.logger.info(
        { path: file, subject: message.subject },
        'mail written to a file (set SMTP_URL to send it)',
      );
      return { messageId: info.messageId, path: file };
    },
    async close() {},
  };
}
