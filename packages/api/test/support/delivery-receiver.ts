// A real HTTP receiver on 127.0.0.1 for the delivery worker's tests and bench, scripted per
// request, and a sender that POSTs each delivery to it: the worker's state machine runs against
// real sockets, real timeouts and real status codes.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeliveryChannel } from '@baylink/sdk/contract';
import type { Sql } from 'postgres';
import type {
  ChannelSender,
  DeliveryJob,
  RetryPolicy,
  SendOutcome,
} from '../../src/services/delivery/types.ts';

/** What the sender POSTs. */
export interface Receipt {
  deliveryId: string;
  attempt: number;
  destination: string;
  /** How many times this delivery arrived, this one included. */
  count: number;
}

/** How the receiver answers one request. */
export type Reply =
  | { status: number; headers?: Record<string, string>; delayMs?: number }
  /** Never answers (the connection stays open until the sender gives up). */
  | { hang: true };

export interface Receiver {
  url: string;
  /** Every request, in arrival order. */
  readonly receipts: Receipt[];
  /** How many times each delivery arrived. */
  countOf(deliveryId: string): number;
  /** Replaces the script. */
  script(reply: (receipt: Receipt) => Reply): void;
  close(): Promise<void>;
}

/** Starts the receiver; by default it answers 200 at once. */
export async function startReceiver(
  reply: (receipt: Receipt) => Reply = () => ({ status: 200 }),
): Promise<Receiver> {
  let script = reply;
  const receipts: Receipt[] = [];
  const counts = new Map<string, number>();
  const open = new Set<ServerResponse>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<Receipt, 'count'>;
      const count = (counts.get(body.deliveryId) ?? 0) + 1;
      counts.set(body.deliveryId, count);
      const receipt = { ...body, count };
      receipts.push(receipt);
      const answer = script(receipt);
      if ('hang' in answer) {
        open.add(response);
        response.on('close', () => open.delete(response));
        return;
      }
      const send = () => {
        response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        response.end(String(answer.status));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  server.keepAliveTimeout = 60_000;
  const address = await new Promise<AddressInfo>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo));
  });
  return {
    url: `http://127.0.0.1:${address.port}/deliveries`,
    receipts,
    countOf: (deliveryId) => counts.get(deliveryId) ?? 0,
    script(next) {
      script = next;
    },
    async close() {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface HttpSenderOptions {
  url: string;
  channel: DeliveryChannel;
  retry: RetryPolicy;
  /** The sender's own request timeout (default 5 s). */
  timeoutMs?: number;
}

/**
 * A sender that POSTs `{ deliveryId, attempt, destination }` to a receiver and maps the answer
 * the way the real senders do: 2xx sent; 429 retry with `Retry-After` (seconds); 5xx, network
 * errors and timeouts retry; 404 and 410 gone; other 4xx permanent.
 */
export function httpSender(options: HttpSenderOptions): ChannelSender {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    channel: options.channel,
    retry: options.retry,
    async send(job: DeliveryJob, context): Promise<SendOutcome> {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            deliveryId: job.id,
            attempt: job.attempt,
            destination: job.destination,
          }),
          signal: AbortSignal.any([context.signal, AbortSignal.timeout(timeoutMs)]),
        });
        await response.arrayBuffer();
      } catch (error) {
        const name = (error as Error).name;
        return {
          kind: 'retry',
          error:
            name === 'TimeoutError'
              ? `The receiver did not answer within ${timeoutMs} ms`
              : `The receiver could not be reached: ${(error as Error).message}`,
        };
      }
      const status = response.status;
      if (status >= 200 && status < 300) return { kind: 'sent' };
      if (status === 429) {
        const seconds = Number(response.headers.get('retry-after'));
        return {
          kind: 'retry',
          error: 'The receiver answered 429',
          ...(Number.isFinite(seconds) ? { retryAfterMs: seconds * 1000 } : {}),
        };
      }
      if (status >= 500) return { kind: 'retry', error: `The receiver answered ${status}` };
      if (status === 404 || status === 410) {
        return { kind: 'gone', error: `The receiver answered ${status}` };
      }
      return { kind: 'permanent', error: `The receiver answered ${status}` };
    },
  };
}

export interface QueueOptions {
  accountId: string;
  userId: string;
  channel?: DeliveryChannel;
  type?: string;
  /** Default: `webhook` for mobile, `user@example.com` for email; web push needs `subscriptionId`. */
  destination?: string;
  subscriptionId?: string;
  /** Default: the database's now(). */
  dueAt?: Date | string;
  status?: 'queued' | 'failed' | 'dead' | 'sent' | 'sending';
  attempts?: number;
  lastError?: string | null;
  createdAt?: Date | string;
  title?: string;
}

/**
 * Queues `count` deliveries directly in the database, each of its own notification (in one
 * statement), and answers their ids in creation order.
 */
export async function queueDeliveries(
  sql: Sql,
  count: number,
  options: QueueOptions,
): Promise<string[]> {
  const channel = options.channel ?? 'mobile';
  const type = options.type ?? 'conversations.new_message';
  const category = type.split('.')[0]!;
  const destination =
    options.destination ??
    (channel === 'web_push'
      ? options.subscriptionId
      : channel === 'email'
        ? 'user@example.com'
        : 'webhook');
  if (destination === undefined) throw new Error('A web push delivery needs a subscription');
  const rows = await sql<{ id: string }[]>`
    with n as (
      insert into notifications (account_id, user_id, event_id, type, category, title, in_app)
      select ${options.accountId}, ${options.userId}, gen_random_uuid(), ${type}, ${category},
        ${options.title ?? 'Test notification'} || ' ' || g, true
      from generate_series(1, ${count}) as g
      returning account_id, id, user_id
    )
    insert into deliveries (account_id, notification_id, user_id, channel, destination,
      push_subscription_id, status, attempts, next_attempt_at, last_error, created_at)
    select n.account_id, n.id, n.user_id, ${channel}, ${destination},
      ${options.subscriptionId ?? null}::uuid, ${options.status ?? 'queued'},
      ${options.attempts ?? 0}, coalesce(${options.dueAt ?? null}::timestamptz, now()),
      ${options.lastError ?? null}, coalesce(${options.createdAt ?? null}::timestamptz, now())
    from n
    returning id::text`;
  return rows.map((row) => row.id);
}

/** A browser push subscription of the user, written directly (the push routes are elsewhere). */
export async function insertPushSubscription(
  sql: Sql,
  accountId: string,
  userId: string,
  label = 'Chrome on Windows',
): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into push_subscriptions (account_id, user_id, endpoint, p256dh, auth, browser, os,
      label, device_token_hash)
    values (${accountId}, ${userId},
      ${`https://fcm.googleapis.com/fcm/send/${randomUUID()}`},
      ${randomBytes(65).toString('base64url')}, ${randomBytes(16).toString('base64url')},
      'Chrome', 'Windows', ${label}, ${randomBytes(32)})
    returning id::text`;
  return row!.id;
}

export interface DeliveryState {
  id: string;
  status: string;
  attempts: number;
  held: boolean;
  last_error: string | null;
  next_attempt_at: string;
  last_attempt_at: string | null;
  sent_at: string | null;
  lease_token: string | null;
  lease_until: string | null;
  destination: string;
}

/** The rows' state, by id. */
export async function deliveryStates(sql: Sql, ids: string[]): Promise<Map<string, DeliveryState>> {
  const rows = await sql<DeliveryState[]>`
    select id::text, status, attempts, held, last_error, next_attempt_at, last_attempt_at, sent_at,
      lease_token::text, lease_until, destination
    from deliveries where id = any(${ids}::uuid[])`;
  return new Map(rows.map((row) => [row.id, row]));
}

export async function deliveryState(sql: Sql, id: string): Promise<DeliveryState> {
  const state = (await deliveryStates(sql, [id])).get(id);
  if (!state) throw new Error(`No delivery ${id}`);
  return state;
}
