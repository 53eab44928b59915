import type { DeliveryChannel, Language } from '@baylink/sdk/contract';
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import type { Mailer } from '../mailer.ts';

/**
 * One delivery a worker holds (status `sending`, under its lease), with what a sender needs to
 * send it: the notification as the recipient sees it and the recipient.
 */
export interface DeliveryJob {
  accountId: string;
  integratorId: string;
  id: string;
  channel: DeliveryChannel;
  /** A push subscription id (web_push), an email address (email), `webhook` (mobile). */
  destination: string;
  pushSubscriptionId: string | null;
  /** This attempt's number (1 for the first). */
  attempt: number;
  /** The claim token; only its holder may record the outcome. */
  leaseToken: string;
  notification: {
    id: string;
    type: string;
    category: string;
    title: string;
    body: string | null;
    link: string | null;
    actorName: string | null;
    data: Record<string, unknown>;
    createdAt: string;
    /** True when the catalog makes this channel required for the type (quiet hours do not hold it). */
    required: boolean;
  };
  user: {
    id: string;
    name: string;
    email: string | null;
    language: Language;
    referenceId: string | null;
  };
}

/** What a sender says happened. The worker turns it into the row's next state. */
export type SendOutcome =
  /** The receiving service accepted it. */
  | { kind: 'sent' }
  /** Try again later: network error, timeout, 429 (with `retryAfterMs` from Retry-After), 5xx. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** Will never work (400, 413, a bad address): dead at once. */
  | { kind: 'permanent'; error: string }
  /** The destination no longer exists (push 404/410; the sender already removed it): dead at once. */
  | { kind: 'gone'; error: string };

/** What every sender may use. */
export interface SenderContext {
  sql: Sql;
  logger: Logger;
  mailer: Mailer;
  /** The API's public origin, for links in mail and the service worker's callbacks. */
  publicUrl: string;
  now(): Date;
  /** Aborted when the worker stops: a sender gives up its request and answers `retry`. */
  signal: AbortSignal;
}

/** How a channel retries: exponential backoff with full jitter between `baseMs` and `capMs`. */
export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failure the delivery is dead. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export interface ChannelSender {
  channel: DeliveryChannel;
  retry: RetryPolicy;
  /** Sends one delivery. Must not throw for a delivery problem: answer an outcome. */
  send(job: DeliveryJob, context: SenderContext): Promise<SendOutcome>;
  /** Frees what the sender holds (agents, transports). */
  close?(): Promise<void>;
}
