import https from 'node:https';
import type { Sql } from 'postgres';
import webpush from 'web-push';
import { type EndpointPolicy, pushEndpointProblem, pushServiceOrigin } from './push-endpoint.ts';
import { notificationPush, type PushMessage } from './push-payload.ts';
import { parseRetryAfter } from './retry-after.ts';
import type {
  ChannelSender,
  DeliveryJob,
  RetryPolicy,
  SenderContext,
  SendOutcome,
} from './types.ts';
import { type VapidKeys, VapidSigner, type VapidSignerOptions } from './vapid.ts';

/**
 * 8 attempts; the worker waits up to 15 s, 30 s, 1 min … capped at 10 min between them (full
 * jitter): at most about 26 minutes in all, about 13 on average.
 */
export const PUSH_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 15_000, capMs: 600_000 };

/** A `Retry-After` longer than this is read as this (a day). */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;
/** What of a push service's answer body is kept for the error message. */
const BODY_SNIPPET_CHARS = 200;
const BODY_READ_LIMIT = 8 * 1024;

/** Where a push goes: a row of `push_subscriptions`. */
export interface PushTarget {
  accountId: string;
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What one push did: the outcome for the worker and the push service's status (null: none). */
export interface PushAttempt {
  outcome: SendOutcome;
  status: number | null;
}

export interface PushSenderOptions {
  sql: Sql;
  vapid: VapidKeys;
  /** The HTTPS agent (default: a keep-alive agent of this sender; tests trust the fake's CA). */
  agent?: https.Agent;
  /** A push service that has not answered after this long is given up on (retry). */
  timeoutMs?: number;
  /** The icon URL every push names (null: the service worker's default). */
  icon?: string | null;
  /** Endpoints are checked again before each push (the allowlist may have changed). */
  endpointPolicy?: EndpointPolicy;
  /** VAPID token lifetime and clock (tests). */
  signer?: VapidSignerOptions;
}

export interface PushSender extends ChannelSender {
  /**
   * Sends one push now and applies what the answer means to the subscription: 2xx records
   * `last_used_at`, 404 or 410 deletes it. The delivery path and the test route both use it.
   */
  push(target: PushTarget, message: PushMessage, signal?: AbortSignal): Promise<PushAttempt>;
  readonly signer: VapidSigner;
}

/**
 * One `abort` listener per signal, whatever the number of pushes in flight on it: a worker's
 * signal is shared by all its sends, and a listener each would pile up (Node warns past 10).
 */
const abortWatchers = new WeakMap<AbortSignal, Set<() => void>>();
function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = abortWatchers.get(signal);
  if (!callbacks) {
    const set = new Set<() => void>();
    callbacks = set;
    abortWatchers.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        for (const each of set) each();
        set.clear();
      },
      { once: true },
    );
  }
  callbacks.add(callback);
  return () => callbacks.delete(callback);
}

class PushRequestError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'aborted' | 'network',
  ) {
    super(message);
  }
}

interface PushResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs one encrypted push with `node:https` on the given agent. Aborted (and answered with a
 * `PushRequestError`) when `timeoutMs` passes before the answer's end or when `signal` aborts.
 */
function post(
  endpoint: string,
  headers: Record<string, string | number>,
  body: Buffer,
  options: { agent: https.Agent; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<PushResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(endpoint);
    let settled = false;
    let unwatch = () => {};
    const finish = (error: PushRequestError | null, response?: PushResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unwatch();
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(response!);
    };
    const aborted = () =>
      finish(new PushRequestError('Stopped before the push service answered', 'aborted'));
    const timer = setTimeout(
      () =>
        finish(
          new PushRequestError(
            `The push service did not answer within ${options.timeoutMs} ms`,
            'timeout',
          ),
        ),
      options.timeoutMs,
    );
    const request = https.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers,
        agent: options.agent,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (text.length < BODY_READ_LIMIT) text += chunk;
        });
        response.on('end', () =>
          finish(null, { status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
        response.on('error', (error) =>
          finish(
            new PushRequestError(
              `The push service's answer broke off: ${describe(error)}`,
              'network',
            ),
          ),
        );
      },
    );
    request.on('error', (error) =>
      finish(
        new PushRequestError(`Could not reach the push service: ${describe(error)}`, 'network'),
      ),
    );
    if (options.signal?.aborted) return aborted();
    if (options.signal) unwatch = onAbort(options.signal, aborted);
    request.end(body);
  });
}

const describe = (error: Error & { code?: string }) => error.code ?? error.message;

/** The answer's body on one line, short, for `last_error`. */
function snippet(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > BODY_SNIPPET_CHARS ? `${line.slice(0, BODY_SNIPPET_CHARS - 1)}…` : line;
}

/**
 * What a push service's answer means (RFC 8030 and the services' documentation): 2xx accepted;
 * 404/410 the subscription is gone for good; 429, 408 and 5xx try again (after `Retry-After`
 * when given); anything else (400 bad request, 413 too large, 401/403 VAPID refused …) will not
 * work by trying again.
 */
export function outcomeOf(response: PushResponse, now: Date): SendOutcome {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'sent' };
  const said = snippet(response.body);
  const error = `The push service answered ${status}${said ? `: ${said}` : ''}`;
  if (status === 404 || status === 410) return { kind: 'gone', error };
  if (status === 429 || status === 408 || status >= 500) {
    const header = response.headers['retry-after'];
    const after = parseRetryAfter(
      Array.isArray(header) ? header[0] : header,
      now,
      MAX_RETRY_AFTER_MS,
    );
    return after === undefined
      ? { kind: 'retry', error }
      : { kind: 'retry', error, retryAfterMs: after };
  }
  return { kind: 'permanent', error };
}

/**
 * The web push channel: each delivery's subscription gets the notification as an encrypted
 * `PushPayload` (RFC 8291, aes128gcm) with `TTL`, `Urgency` and `Topic`, signed with a VAPID
 * token reused per push service origin, over keep-alive HTTPS with a timeout.
 */
export function createPushSender(options: PushSenderOptions): PushSender {
  const { sql } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const ownAgent = options.agent
    ? undefined
    : new https.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });
  const agent = options.agent ?? ownAgent!;
  const signer = new VapidSigner(options.vapid, options.signer);
  const icon = options.icon ?? null;

  async function push(
    target: PushTarget,
    message: PushMessage,
    signal?: AbortSignal,
  ): Promise<PushAttempt> {
    const problem = pushEndpointProblem(target.endpoint, options.endpointPolicy);
    if (problem) {
      return {
        outcome: { kind: 'permanent', error: `Endpoint refused: ${problem}` },
        status: null,
      };
    }
    const origin = pushServiceOrigin(target.endpoint);
    // A signing failure is ours (the keys), not the subscription's: it throws (the worker retries).
    const authorization = signer.authorization(origin);
    let details: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(message.payload),
        {
          TTL: message.ttl,
          urgency: message.urgency,
          topic: message.topic,
          contentEncoding: 'aes128gcm',
          // Our own VAPID header (signed once per origin): no `vapidDetails`, so web-push signs nothing.
          headers: { Authorization: authorization },
        },
      );
    } catch (error) {
      // The subscription's keys cannot encrypt (they were checked at registration): never will.
      return {
        outcome: { kind: 'permanent', error: `Could not encrypt: ${(error as Error).message}` },
        status: null,
      };
    }
    let response: PushResponse;
    try {
      response = await post(target.endpoint, details.headers, details.body as Buffer, {
        agent,
        timeoutMs,
        signal,
      });
    } catch (error) {
      const message = error instanceof PushRequestError ? error.message : String(error);
      return { outcome: { kind: 'retry', error: message }, status: null };
    }
    if (response.status === 401 || response.status === 403) signer.forget(origin);
    const outcome = outcomeOf(response, new Date());
    if (outcome.kind === 'sent') {
      // To the minute: a burst of pushes to one browser writes its row once.
      await sql`
        update push_subscriptions set last_used_at = now()
        where account_id = ${target.accountId} and id = ${target.id}
          and (last_used_at is null or last_used_at < now() - interval '1 minute')`;
    } else if (outcome.kind === 'gone') {
      // Only if the browser has not renewed it meanwhile (a renewed row has another endpoint).
      await sql`
        delete from push_subscriptions
        where account_id = ${target.accountId} and id = ${target.id}
          and endpoint = ${target.endpoint}`;
    }
    return { outcome, status: response.status };
  }

  async function send(job: DeliveryJob, context: SenderContext): Promise<SendOutcome> {
    if (!job.pushSubscriptionId) {
      return { kind: 'gone', error: 'The push subscription no longer exists' };
    }
    const [row] = await sql<(PushTarget & { expired: boolean })[]>`
      select account_id as "accountId", id, endpoint, p256dh, auth,
        coalesce(expires_at <= now(), false) as expired
      from push_subscriptions
      where account_id = ${job.accountId} and id = ${job.pushSubscriptionId}
        and user_id = ${job.user.id}`;
    if (!row) return { kind: 'gone', error: 'The push subscription no longer exists' };
    if (row.expired) {
      await sql`
        delete from push_subscriptions where account_id = ${row.accountId} and id = ${row.id}`;
      return { kind: 'gone', error: 'The push subscription expired' };
    }
    const message = notificationPush(job, { api: context.publicUrl, icon });
    const attempt = await push(row, message, context.signal);
    context.logger.debug(
      { deliveryId: job.id, status: attempt.status, outcome: attempt.outcome.kind },
      'web push attempt',
    );
    return attempt.outcome;
  }

  return {
    channel: 'web_push',
    retry: PUSH_RETRY_POLICY,
    signer,
    push,
    send,
    async close() {
      ownAgent?.destroy();
    },
  };
}
