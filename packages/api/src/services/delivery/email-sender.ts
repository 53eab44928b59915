import { notificationMail } from '../../mail/notification-email.ts';
import type { Mailer } from '../mailer.ts';
import type { ChannelSender, RetryPolicy, SendOutcome } from './types.ts';

/**
 * Email waits longer than push: mail servers greylist and go down for maintenance, and an email
 * read hours late still has its use. 10 attempts, exponential from 2 minutes up to 4 hours
 * between tries (full jitter): the last attempt at most about 12 hours after the first.
 */
export const EMAIL_RETRY: RetryPolicy = {
  maxAttempts: 10,
  baseMs: 2 * 60_000,
  capMs: 4 * 60 * 60_000,
};

export interface EmailSenderOptions {
  mailer: Mailer;
  /**
   * The notification settings page for integrators that set none
   * (`notificationSettingsUrl`). Without either, the email says where to find the settings.
   */
  settingsUrl?: string | undefined;
}

/** What nodemailer puts on its errors (`responseCode` from the SMTP reply, if there was one). */
interface MailError {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
}

const MAX_ERROR = 300;
const clip = (text: string) =>
  text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 1)}…` : text;

/**
 * Turns a mailer failure into an outcome. SMTP 5xx replies to the recipient or the message
 * (550 mailbox unavailable, 553 bad address, 552 too large, 554 refused) are permanent: the
 * same mail would be refused again. Everything else is retried: 4xx replies (greylisting, 421
 * service unavailable, 452 mailbox full), 503 (a bad command sequence, not a refusal), a
 * connection refused or lost, timeouts, a file that could not be written — and 5xx replies to
 * AUTH or MAIL FROM, which are about this server's own SMTP settings rather than this mail: once
 * an operator fixes them, the waiting mail goes.
 */
export function classifyMailError(error: unknown): SendOutcome {
  const e = (typeof error === 'object' && error !== null ? error : {}) as MailError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const cause = typeof e.originalCode === 'string' ? e.originalCode : code;
  const command = typeof e.command === 'string' ? e.command : undefined;
  const reply =
    typeof e.responseCode === 'number' && Number.isFinite(e.responseCode)
      ? e.responseCode
      : undefined;

  if (reply !== undefined) {
    const said = typeof e.response === 'string' ? e.response.replace(/\s+/g, ' ').trim() : '';
    const where = command ? ` to ${command}` : '';
    const text = clip(`The SMTP server answered${where}: ${said || reply}`);
    const ours = code === 'EAUTH' || command === 'MAIL FROM' || command?.startsWith('AUTH');
    if (reply >= 500 && reply < 600 && reply !== 503 && !ours) {
      return { kind: 'permanent', error: text };
    }
    return { kind: 'retry', error: text };
  }
  switch (code) {
    case 'EENVELOPE':
      // Refused before anything was sent: an address nodemailer cannot use.
      return {
        kind: 'permanent',
        error: clip(`The address cannot be sent to: ${String(e.message ?? 'invalid envelope')}`),
      };
    case 'ETIMEDOUT':
      return { kind: 'retry', error: 'The SMTP server did not answer in time' };
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'ETLS':
      return { kind: 'retry', error: `Could not reach the SMTP server (${cause})` };
    case 'EAUTH':
    case 'ENOAUTH':
      return { kind: 'retry', error: 'The SMTP server refused our credentials' };
    default:
      return {
        kind: 'retry',
        error: clip(
          cause
            ? `The mail could not be sent (${cause})`
            : `The mail could not be sent: ${String(e.message ?? error)}`,
        ),
      };
  }
}

/**
 * The email sender: a notification email in the recipient's language (`mail/notification-*`)
 * through the mailer — SMTP (`SMTP_URL`) or an .eml file in the data folder. The Message-ID is
 * the delivery's (`<delivery-id@baylink>`), so a retry after a send whose outcome was not
 * recorded is recognisable as the same mail.
 */
export function createEmailSender(options: EmailSenderOptions): ChannelSender {
  return {
    channel: 'email',
    retry: EMAIL_RETRY,
    async send(job, context) {
      const address = job.user.email;
      if (!address) {
        return { kind: 'permanent', error: 'The user has no email address any more' };
      }
      if (address.toLowerCase() !== job.destination.toLowerCase()) {
        return {
          kind: 'permanent',
          error: 'The user’s email address changed after the notification was queued',
        };
      }
      let settings: { settingsUrl: string | null; timeZone: string };
      try {
        const [row] = await context.sql<{ settings_url: string | null; time_zone: string }[]>`
          select i.notification_settings_url as settings_url, a.time_zone
          from accounts a join integrators i on i.id = a.integrator_id
          where a.id = ${job.accountId}`;
        if (!row) return { kind: 'permanent', error: 'The account no longer exists' };
        settings = {
          settingsUrl: row.settings_url ?? options.settingsUrl ?? null,
          timeZone: row.time_zone,
        };
      } catch (error) {
        context.logger.warn({ err: error, deliveryId: job.id }, 'email settings not read');
        return { kind: 'retry', error: 'The account’s settings could not be read' };
      }

      const message = notificationMail({
        to: address,
        language: job.user.language,
        deliveryId: job.id,
        notification: job.notification,
        ...settings,
      });
      try {
        const sent = await options.mailer.send(message);
        context.logger.debug(
          { deliveryId: job.id, messageId: sent.messageId, path: sent.path },
          'notification email sent',
        );
        return { kind: 'sent' };
      } catch (error) {
        const outcome = classifyMailError(error);
        context.logger.info(
          {
            deliveryId: job.id,
            outcome: outcome.kind,
            error: 'error' in outcome ? outcome.error : undefined,
          },
          'notification email not sent',
        );
        return outcome;
      }
    },
    // No close(): the mailer belongs to whoever built it (the API shares it for password resets).
  };
}
