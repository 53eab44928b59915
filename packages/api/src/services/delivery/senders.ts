import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import type { Env } from '../../env.ts';
import type { Mailer } from '../mailer.ts';
import { createEmailSender } from './email-sender.ts';
import { createMobileSender } from './mobile-sender.ts';
import { pushOptionsFromEnv } from './push-options.ts';
import { createPushSender } from './push-sender.ts';
import type { ChannelSender } from './types.ts';

/**
 * The senders of this process's delivery worker, one per channel, built from the configuration:
 * web push with the VAPID keys (from the environment, or the pair stored at first start) and
 * the push-service allowlist; email through the process's mailer (SMTP, or .eml files without
 * `SMTP_URL`); the integrators' signed mobile webhooks. Whoever builds them closes them
 * (`close()`) after the worker stopped.
 */
export async function createSenders(options: {
  sql: Sql;
  logger: Logger;
  mailer: Mailer;
  publicUrl: string;
  env: Env;
}): Promise<ChannelSender[]> {
  const push = await pushOptionsFromEnv(options.sql, options.env);
  return [
    createPushSender({
      sql: options.sql,
      vapid: push.vapid!,
      endpointPolicy: { allowedHosts: push.allowedHosts },
      icon: push.icon ?? null,
    }),
    createEmailSender({ mailer: options.mailer }),
    createMobileSender({ sql: options.sql }),
  ];
}
