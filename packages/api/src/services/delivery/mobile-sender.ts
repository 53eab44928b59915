import type { MobileWebhookPayload } from '@baylink/sdk/contract';
import type { Sql } from 'postgres';
import { webhookSignature } from './mobile-signature.ts';
import { parseRetryAfter } from './retry-after.ts';
import type { ChannelSender, DeliveryJob, RetryPolicy, SendOutcome } from './types.ts';

/** The same rule as push: 8 attempts, 15 s doubling up to 10 min (full jitter): at most ~26 min. */
export const MOBILE_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 15_000, capMs: 10 * 60_000 };

/** A `Retry-After` longer than this is shortened to it (a receiver cannot park a delivery for days). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export const WEBHOOK_USER_AGENT = 'Baylink-Webhooks/1';

export interface MobileSenderOptions {
  sql: Sql;
  /** How long to wait for the receiver's answer (its status line and headers). */
  timeoutMs?: number;
  /** A fetch implementation (the global one by default). */
  fetch?: typeof fetch;
}

/** Mentions and assignments are urgent: the host's app should send them as high priority. */
export function isUrgentType(type: string): boolean {
  const name = type.slice(type.indexOf('.') + 1);
  return name === 'mention' || name === 'assigned' || name.startsWith('assigned_');
}

/** The JSON body POSTed for a delivery: what `verifyWebhook` hands the receiver. */
export function mobilePayload(job: DeliveryJob, sentAt: Date): MobileWebhookPayload {
  const n = job.notification;
  return {
    id: job.id,
    kind: 'notification',
    accountId: job.accountId,
    user: { id: job.user.id, referenceId: job.user.referenceId, language: job.user.language },
    notification: {
      id: n.id,
      type: n.type,
      category: n.category,
      title: n.title,
      body: n.body,
      link: n.link,
      data: n.data,
      createdAt: n.createdAt,
    },
    urgent: isUrgentType(n.type),
    sentAt: sentAt.toISOString(),
  };
}

interface WebhookRow {
  url: string;
  secret: string;
  previous_secret: string | null;
}

/** What an HTTP answer means for the delivery. */
export function outcomeOfStatus(
  status: number,
  retryAfter: string | null,
  host: string,
  now: Date,
): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, now, MAX_RETRY_AFTER_MS);
    return {
      kind: 'retry',
      error: `The webhook at ${host} answered 429 (too many requests)`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status === 408 || status >= 500) {
    return { kind: 'retry', error: `The webhook at ${host} answered ${status}` };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'permanent',
      error: `The webhook at ${host} answered ${status}: redirects are not followed, set the final URL`,
    };
  }
  return { kind: 'permanent', error: `The webhook at ${host} answered ${status}` };
}

/**
 * The mobile sender: POSTs each mobile delivery to the integrator's webhook as signed JSON
 * (`Baylink-Delivery-Id`, `Baylink-Timestamp`, `Baylink-Signature: v1=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">`). 2xx is sent; 429 (with its Retry-After), 408, 5xx, a network error or
 * no answer within `timeoutMs` are retried; a redirect, 410 and any other 4xx are permanent.
 */
export function createMobileSender(options: MobileSenderOptions): ChannelSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

  return {
    channel: 'mobile',
    retry: MOBILE_RETRY,
    async send(job, context) {
      let hook: WebhookRow | undefined;
      try {
        [hook] = await options.sql<WebhookRow[]>`
          select url, secret,
            case when previous_secret_expires_at > now() then previous_secret end as previous_secret
          from mobile_webhooks where integrator_id = ${job.integratorId}`;
      } catch (error) {
        context.logger.warn({ err: error, deliveryId: job.id }, 'mobile webhook not read');
        return { kind: 'retry', error: 'The mobile webhook’s settings could not be read' };
      }
      if (!hook) {
        return { kind: 'permanent', error: 'The integrator has no mobile webhook any more' };
      }

      const now = context.now();
      const body = JSON.stringify(mobilePayload(job, now));
      const timestamp = Math.floor(now.getTime() / 1000);
      const secrets = hook.previous_secret ? [hook.secret, hook.previous_secret] : [hook.secret];
      const host = new URL(hook.url).host;
      const timeout = AbortSignal.timeout(timeoutMs);

      let response: Response;
      try {
        response = await fetchImpl(hook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': WEBHOOK_USER_AGENT,
            'baylink-delivery-id': job.id,
            'baylink-timestamp': String(timestamp),
            'baylink-signature': webhookSignature(secrets, timestamp, body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.any([timeout, context.signal]),
        });
      } catch (error) {
        if (context.signal.aborted) {
          return { kind: 'retry', error: 'The worker stopped before the webhook answered' };
        }
        if (timeout.aborted) {
          return {
            kind: 'retry',
            error: `The webhook at ${host} did not answer within ${timeoutMs} ms`,
          };
        }
        const cause = (error as { cause?: { code?: unknown } }).cause?.code;
        return {
          kind: 'retry',
          error: `Could not reach the webhook at ${host}${typeof cause === 'string' ? ` (${cause})` : ''}`,
        };
      }
      // Only the status matters: drop the body so the connection is freed.
      await response.body?.cancel().catch(() => {});
      return outcomeOfStatus(
        response.status,
        response.headers.get('retry-after'),
        host,
        context.now(),
      );
    },
  };
}
