import {
  CATALOG_TYPES,
  type CatalogType,
  DELIVERY_CHANNELS,
  type DeliveryChannel,
} from '@baylink/sdk/contract';
import type { Logger } from 'pino';
import type { Fragment, Sql } from 'postgres';
import type { Mailer } from '../mailer.ts';
import { PgListener } from '../stream-listener.ts';
import { quietKey, quietUntil } from './quiet-hours.ts';
import type {
  ChannelSender,
  DeliveryJob,
  RetryPolicy,
  SenderContext,
  SendOutcome,
} from './types.ts';

// The delivery worker: takes due rows of `deliveries` with FOR UPDATE SKIP LOCKED under a lease,
// hands each to its channel's sender and records what happened. Any number of processes run it
// on one database; see docs/decisions/0011-delivery-worker.md.

/** The channel the fan-out (and an admin's retry) NOTIFYs after queueing deliveries. */
export const DELIVERY_CHANNEL = 'baylink_deliveries';

export const PUSH_SUBSCRIPTION_GONE = 'The push subscription no longer exists';

export interface DeliveryWorkerOptions {
  sql: Sql;
  logger: Logger;
  mailer: Mailer;
  /** The API's public origin, handed to senders (links, the service worker's callbacks). */
  publicUrl: string;
  /** One per channel; a channel without one keeps its rows queued. The caller closes them. */
  senders: ChannelSender[];
  /** Sends in flight in this process at most (default 16). */
  concurrency?: number;
  /** Rows taken per claim at most (default: `concurrency`); never more than free slots. */
  batchSize?: number;
  /** How long a claim lasts (default 2 min): past it, any worker may take the row again. */
  leaseMs?: number;
  /** Milliseconds between looks at the queue when no NOTIFY wakes the worker (default 1 s). */
  pollMs?: number;
  /** The worker's own limit on one send, on top of the sender's (default 30 s; at most half the lease). */
  sendTimeoutMs?: number;
  /** The clock (tests); without it every time is the database's `now()`. */
  now?: () => Date;
  /** The catalog that says which types are required per channel (tests pass their own). */
  catalog?: ReadonlyMap<string, Pick<CatalogType, 'required'>>;
  /** LISTEN for wake-ups (default true); without it the worker only polls. */
  listen?: boolean;
  /** The jitter's random source, in [0, 1) (default `Math.random`; tests fix it). */
  random?: () => number;
}

export interface DeliveryWorkerStats {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  held: number;
  expanded: number;
  /** Outcomes not recorded because the lease had been taken over (or the row changed). */
  lost: number;
}

export interface DeliveryWorker {
  /** Looks at the queue now (this process queued something). */
  wake(): void;
  /** True while the LISTEN connection is in place (wake-ups arrive). */
  readonly listening: boolean;
  /**
   * Stops claiming, waits up to `graceMs` (default 10 s) for sends in flight, then aborts the
   * rest (their `signal`) and waits a moment for their outcomes. Rows whose outcome is not
   * recorded by then stay `sending` until their lease ends and another worker takes them.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  readonly stats: Readonly<DeliveryWorkerStats>;
}

/** The row as claimed, with what a `DeliveryJob` needs. */
interface ClaimedRow {
  account_id: string;
  id: string;
  integrator_id: string;
  channel: DeliveryChannel;
  destination: string;
  push_subscription_id: string | null;
  attempts: number;
  lease_token: string;
  previous_attempt_at: string | null;
  quiet_enabled: boolean;
  notification_id: string;
  type: string;
  category: string;
  title: string;
  body: string | null;
  link: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  created_at: string;
  user_id: string;
  user_name: string;
  email: string | null;
  language: 'en' | 'fr';
  reference_id: string | null;
}

interface Claimed {
  job: DeliveryJob;
  legacy: boolean;
  previousAttemptAt: string | null;
  quietEnabled: boolean;
}

/**
 * Exponential backoff with full jitter: a random delay between 0 and
 * `min(capMs, baseMs × 2^(attempt − 1))`, where `attempt` is the attempt that just failed.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** A short error text for `last_error`: one line, at most 500 characters. */
export function shortError(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim() || 'Unknown error';
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}

const errorText = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Starts a delivery worker in this process. It claims due rows in one statement with
 * `FOR UPDATE SKIP LOCKED` — `sending` rows whose lease ran out (a dead worker's) first, then
 * queued or failed rows whose `next_attempt_at` has come, oldest first — only as many as it has
 * free send slots, so a claimed row starts at once and its lease is not spent waiting. A claim
 * sets a fresh lease token and counts the attempt. Each row then:
 *
 * - from before per-destination deliveries (`destination = ''`): is replaced by one row per
 *   destination, as the fan-out writes them, in one transaction (no send);
 * - web push to a deleted subscription: ends `dead`;
 * - web push or mobile of a type not required for the channel, for a user inside their quiet
 *   hours: goes back to `queued`, `held`, due when the hours end, its attempt given back;
 * - otherwise: is sent by its channel's sender under a time limit, and the outcome recorded —
 *   only by the lease's holder (`lease_token`), so a worker whose lease was taken over records
 *   nothing.
 *
 * Successful sends that finish in the same event-loop turn are recorded in one statement.
 * Wakes on NOTIFY `baylink_deliveries` and polls every `pollMs` in case a wake-up is lost.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { sql, logger } = options;
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const batchSize = Math.max(1, options.batchSize ?? concurrency);
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 1_000;
  const sendTimeoutMs = options.sendTimeoutMs ?? Math.min(30_000, Math.floor(leaseMs / 2));
  if (sendTimeoutMs > leaseMs / 2) {
    throw new Error(
      `The send timeout (${sendTimeoutMs} ms) must be at most half the lease (${leaseMs} ms)`,
    );
  }
  const catalog = options.catalog ?? CATALOG_TYPES;
  const clock = options.now ?? (() => new Date());
  /** The time SQL uses: the given clock, else null (the database's `now()`). */
  const sqlNow = () => (options.now ? options.now() : null);

  const senders = new Map<DeliveryChannel, ChannelSender>();
  for (const sender of options.senders) senders.set(sender.channel, sender);
  const channels = [...senders.keys()];
  for (const channel of DELIVERY_CHANNELS) {
    if (!senders.has(channel)) {
      logger.warn(
        { channel },
        'no sender for this delivery channel: its deliveries stay queued until one is configured',
      );
    }
  }

  const stats: DeliveryWorkerStats = {
    claimed: 0,
    sent: 0,
    retried: 0,
    dead: 0,
    held: 0,
    expanded: 0,
    lost: 0,
  };
  const inFlight = new Set<Promise<void>>();
  const stopController = new AbortController();
  let stopping = false;
  let finished = false;

  // The loop's sleep: ends at the poll interval, on a NOTIFY, on `wake()`, on stop.
  let wakePending = false;
  let wakeSleep: (() => void) | undefined;
  const wake = () => {
    wakePending = true;
    wakeSleep?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (wakePending || stopping) {
        wakePending = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleep = undefined;
        wakePending = false;
        resolve();
      }
      wakeSleep = done;
    });
  /** Resolves when a send slot frees up (or on stop). */
  let slotFreed: (() => void) | undefined;
  const waitForSlot = () =>
    new Promise<void>((resolve) => {
      if (stopping || inFlight.size < concurrency) return resolve();
      slotFreed = resolve;
    });

  const listener =
    options.listen === false
      ? undefined
      : new PgListener({
          sql,
          logger,
          channel: DELIVERY_CHANNEL,
          onNotify: wake,
          onListen: wake,
        });
  listener?.start();

  async function claim(limit: number): Promise<Claimed[]> {
    const now = sqlNow();
    // Two index scans in one statement, each stopping at `limit`: rows whose lease ran out
    // (`deliveries_leases`) first, then due rows by `next_attempt_at` (`deliveries_due`). One
    // scan with an OR of both would read and sort every due row on each claim.
    const rows = await sql<ClaimedRow[]>`
      with expired as (
        select d.account_id, d.id, d.last_attempt_at as previous_attempt_at
        from deliveries d
        where d.status = 'sending' and d.lease_until < coalesce(${now}::timestamptz, now())
          and (d.channel = any(${channels}::text[]) or d.destination = '')
        order by d.lease_until
        limit ${limit}
        for update skip locked
      ), waiting as (
        select d.account_id, d.id, d.last_attempt_at as previous_attempt_at
        from deliveries d
        where d.status in ('queued', 'failed')
          and d.next_attempt_at <= coalesce(${now}::timestamptz, now())
          and (d.channel = any(${channels}::text[]) or d.destination = '')
        order by d.next_attempt_at
        limit ${limit}
        for update skip locked
      ), due as (
        select * from expired
        union all
        select * from waiting
        limit ${limit}
      ), claimed as (
        update deliveries d set
          status = 'sending',
          lease_token = gen_random_uuid(),
          lease_until = coalesce(${now}::timestamptz, now()) + ${leaseMs} * interval '1 millisecond',
          attempts = d.attempts + 1,
          last_attempt_at = coalesce(${now}::timestamptz, now()),
          held = false,
          updated_at = coalesce(${now}::timestamptz, now())
        from due
        where d.account_id = due.account_id and d.id = due.id
        returning d.account_id, d.id, d.notification_id, d.user_id, d.channel, d.destination,
          d.push_subscription_id, d.attempts, d.lease_token, due.previous_attempt_at
      )
      select c.account_id::text, c.id::text, a.integrator_id::text, c.channel, c.destination,
        c.push_subscription_id::text, c.attempts, c.lease_token::text, c.previous_attempt_at,
        exists (
          select 1 from quiet_hours q
          where q.account_id = c.account_id and q.user_id = c.user_id and q.enabled
        ) as quiet_enabled,
        n.id::text as notification_id, n.type, n.category, n.title, n.body, n.link,
        n.actor_name, n.data, n.created_at,
        u.id::text as user_id, u.name as user_name, u.email, u.language, u.reference_id
      from claimed c
      join accounts a on a.id = c.account_id
      join notifications n on n.account_id = c.account_id and n.id = c.notification_id
      join users u on u.account_id = c.account_id and u.id = c.user_id`;
    return rows.map((row) => {
      const required = catalog.get(row.type)?.required.includes(row.channel) ?? false;
      return {
        legacy: row.destination === '',
        previousAttemptAt: row.previous_attempt_at,
        quietEnabled: row.quiet_enabled,
        job: {
          accountId: row.account_id,
          integratorId: row.integrator_id,
          id: row.id,
          channel: row.channel,
          destination: row.destination,
          pushSubscriptionId: row.push_subscription_id,
          attempt: row.attempts,
          leaseToken: row.lease_token,
          notification: {
            id: row.notification_id,
            type: row.type,
            category: row.category,
            title: row.title,
            body: row.body,
            link: row.link,
            actorName: row.actor_name,
            data: row.data ?? {},
            createdAt: row.created_at,
            required,
          },
          user: {
            id: row.user_id,
            name: row.user_name,
            email: row.email,
            language: row.language,
            referenceId: row.reference_id,
          },
        },
      };
    });
  }

  /** Updates the row only while this worker still holds its lease; says whether it did. */
  async function record(job: DeliveryJob, change: Fragment): Promise<boolean> {
    const rows = await sql`
      update deliveries set ${change}, lease_token = null, lease_until = null,
        updated_at = coalesce(${sqlNow()}::timestamptz, now())
      where account_id = ${job.accountId} and id = ${job.id}
        and lease_token = ${job.leaseToken} and status = 'sending'
      returning 1`;
    if (rows.length === 0) lostLease(job);
    return rows.length > 0;
  }

  const lostLease = (job: DeliveryJob) => {
    stats.lost += 1;
    logger.warn(
      { deliveryId: job.id, channel: job.channel },
      'delivery outcome not recorded: the lease was taken over',
    );
  };

  // Sends that succeed in the same turn of the event loop are recorded in one statement (the
  // common case under load); each row still only while its lease is this worker's.
  let sentBatch: {
    job: DeliveryJob;
    done: (recorded: boolean) => void;
    fail: (e: unknown) => void;
  }[] = [];
  function recordSent(job: DeliveryJob): Promise<boolean> {
    return new Promise((done, fail) => {
      sentBatch.push({ job, done, fail });
      if (sentBatch.length === 1) setImmediate(flushSent);
    });
  }
  async function flushSent() {
    const batch = sentBatch;
    sentBatch = [];
    try {
      const now = sqlNow();
      const rows = await sql<{ id: string }[]>`
        update deliveries d set status = 'sent', sent_at = coalesce(${now}::timestamptz, now()),
          last_error = null, lease_token = null, lease_until = null,
          updated_at = coalesce(${now}::timestamptz, now())
        from unnest(
          ${batch.map(({ job }) => job.accountId)}::uuid[],
          ${batch.map(({ job }) => job.id)}::uuid[],
          ${batch.map(({ job }) => job.leaseToken)}::uuid[]
        ) as x(account_id, id, lease_token)
        where d.account_id = x.account_id and d.id = x.id
          and d.lease_token = x.lease_token and d.status = 'sending'
        returning d.id::text`;
      const recorded = new Set(rows.map((row) => row.id));
      for (const { job, done } of batch) {
        if (!recorded.has(job.id)) lostLease(job);
        done(recorded.has(job.id));
      }
    } catch (error) {
      for (const { fail } of batch) fail(error);
    }
  }

  const markDead = (job: DeliveryJob, error: string) =>
    record(job, sql`status = 'dead', last_error = ${shortError(error)}`);

  /** Replaces a row queued before per-destination deliveries by one row per destination. */
  async function expandLegacy(job: DeliveryJob): Promise<void> {
    const now = sqlNow();
    const [result] = await sql<{ removed: number; inserted: number }[]>`
      with legacy as (
        delete from deliveries
        where account_id = ${job.accountId} and id = ${job.id}
          and lease_token = ${job.leaseToken} and status = 'sending' and destination = ''
        returning account_id, notification_id, user_id, channel, created_at
      ), inserted as (
        insert into deliveries (
          account_id, notification_id, user_id, channel, destination, push_subscription_id,
          next_attempt_at, created_at
        )
        select l.account_id, l.notification_id, l.user_id, l.channel, d.destination,
          d.push_subscription_id, coalesce(${now}::timestamptz, now()), l.created_at
        from legacy l
        join accounts a on a.id = l.account_id
        cross join lateral (
          select s.id::text as destination, s.id as push_subscription_id
          from push_subscriptions s
          where l.channel = 'web_push' and s.account_id = l.account_id and s.user_id = l.user_id
          union all
          select u.email, null::uuid
          from users u
          where l.channel = 'email' and u.account_id = l.account_id and u.id = l.user_id
            and u.email is not null
          union all
          select 'webhook', null::uuid
          from mobile_webhooks w
          where l.channel = 'mobile' and w.integrator_id = a.integrator_id
        ) as d
        on conflict do nothing
        returning 1
      )
      select (select count(*)::int from legacy) as removed,
        (select count(*)::int from inserted) as inserted`;
    if (!result?.removed) {
      stats.lost += 1;
      return;
    }
    stats.expanded += 1;
    logger.info(
      { deliveryId: job.id, channel: job.channel, destinations: result.inserted },
      'delivery from before per-destination rows expanded',
    );
    if (result.inserted > 0) wake();
  }

  /** Puts a row back until the quiet hours end; the claim's attempt is given back. */
  async function hold(claimed: Claimed, until: string): Promise<void> {
    const { job } = claimed;
    const recorded = await record(
      job,
      sql`status = 'queued', held = true, next_attempt_at = ${until}::timestamptz,
        attempts = attempts - 1, last_attempt_at = ${claimed.previousAttemptAt}::timestamptz`,
    );
    if (recorded) {
      stats.held += 1;
      logger.debug({ deliveryId: job.id, channel: job.channel, until }, 'delivery held');
    }
  }

  /** Runs the sender under the worker's own time limit; a throw or a timeout is a `retry`. */
  async function send(sender: ChannelSender, job: DeliveryJob): Promise<SendOutcome> {
    const guard = new AbortController();
    const signal = AbortSignal.any([stopController.signal, guard.signal]);
    const context: SenderContext = {
      sql,
      logger,
      mailer: options.mailer,
      publicUrl: options.publicUrl,
      now: clock,
      signal,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      timer = setTimeout(() => {
        guard.abort(new Error('The send timed out'));
        resolve({ kind: 'retry', error: `The send took longer than ${sendTimeoutMs} ms` });
      }, sendTimeoutMs);
    });
    const sending = (async (): Promise<SendOutcome> => {
      try {
        return await sender.send(job, context);
      } catch (error) {
        return { kind: 'retry', error: `The sender failed: ${errorText(error)}` };
      }
    })();
    try {
      return await Promise.race([sending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function recordOutcome(
    sender: ChannelSender,
    job: DeliveryJob,
    outcome: SendOutcome,
  ): Promise<void> {
    const log = { deliveryId: job.id, channel: job.channel, attempt: job.attempt };
    switch (outcome.kind) {
      case 'sent':
        if (await recordSent(job)) stats.sent += 1;
        return;
      case 'retry': {
        if (job.attempt >= sender.retry.maxAttempts) {
          const error = `${outcome.error} (gave up after ${job.attempt} attempts)`;
          if (await markDead(job, error)) {
            stats.dead += 1;
            logger.warn({ ...log, error: outcome.error }, 'delivery dead: out of attempts');
          }
          return;
        }
        const delay = Math.max(
          outcome.retryAfterMs ?? 0,
          backoffMs(sender.retry, job.attempt, options.random),
        );
        if (
          await record(
            job,
            sql`status = 'failed', last_error = ${shortError(outcome.error)},
              next_attempt_at = coalesce(${sqlNow()}::timestamptz, now())
                + ${delay} * interval '1 millisecond'`,
          )
        ) {
          stats.retried += 1;
          logger.debug({ ...log, error: outcome.error, delayMs: delay }, 'delivery will retry');
        }
        return;
      }
      case 'permanent':
      case 'gone':
        if (await markDead(job, outcome.error)) {
          stats.dead += 1;
          logger.info({ ...log, outcome: outcome.kind, error: outcome.error }, 'delivery dead');
        }
        return;
    }
  }

  async function work(claimed: Claimed, until: string | undefined): Promise<void> {
    const { job } = claimed;
    if (claimed.legacy) return expandLegacy(job);
    if (job.channel === 'web_push' && !job.pushSubscriptionId) {
      if (await markDead(job, PUSH_SUBSCRIPTION_GONE)) stats.dead += 1;
      return;
    }
    if (until) return hold(claimed, until);
    const sender = senders.get(job.channel);
    if (!sender) return; // Not claimed without one; the lease returns it otherwise.
    const outcome = await send(sender, job);
    if (finished) return; // Stopped meanwhile: the lease decides.
    await recordOutcome(sender, job, outcome);
  }

  /** Web push and mobile rows of types not required for their channel, for users with quiet hours. */
  const holdable = ({ job, legacy, quietEnabled }: Claimed) =>
    !legacy &&
    quietEnabled &&
    (job.channel === 'mobile' || (job.channel === 'web_push' && job.pushSubscriptionId !== null)) &&
    !job.notification.required;

  /** Until when each claimed row waits for its user's quiet hours (absent: it does not wait). */
  async function quietHolds(batch: Claimed[]): Promise<Map<Claimed, string>> {
    const candidates = batch.filter(holdable);
    if (candidates.length === 0) return new Map();
    let until: Map<string, string>;
    try {
      until = await quietUntil(
        sql,
        candidates.map(({ job }) => ({ accountId: job.accountId, userId: job.user.id })),
        sqlNow(),
      );
    } catch (error) {
      // A zone Postgres cannot read (the routes refuse them): send rather than hold forever.
      logger.error({ err: error }, 'quiet hours could not be computed; sending without them');
      return new Map();
    }
    const holds = new Map<Claimed, string>();
    for (const claimed of candidates) {
      const end = until.get(
        quietKey({ accountId: claimed.job.accountId, userId: claimed.job.user.id }),
      );
      if (end) holds.set(claimed, end);
    }
    return holds;
  }

  function start(claimed: Claimed, until: string | undefined) {
    const task = work(claimed, until)
      .catch((error) => {
        logger.error(
          { err: error, deliveryId: claimed.job.id },
          'delivery outcome could not be recorded; the lease will return it',
        );
      })
      .finally(() => {
        inFlight.delete(task);
        const freed = slotFreed;
        slotFreed = undefined;
        freed?.();
      });
    inFlight.add(task);
  }

  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      await waitForSlot();
      if (stopping) break;
      const free = concurrency - inFlight.size;
      // With sends in flight, claim once a quarter of the slots are free, not one row at a time.
      if (inFlight.size > 0 && free < Math.max(1, Math.floor(concurrency / 4))) {
        await new Promise<void>((resolve) => {
          slotFreed = resolve;
        });
        continue;
      }
      let full = false;
      try {
        const limit = Math.min(batchSize, free);
        const batch = await claim(limit);
        failures = 0;
        stats.claimed += batch.length;
        const holds = await quietHolds(batch);
        for (const claimed of batch) start(claimed, holds.get(claimed));
        full = batch.length === limit;
      } catch (error) {
        failures += 1;
        logger.warn({ err: error, failures }, 'could not claim deliveries; trying again');
        await sleep(Math.min(30_000, pollMs * 2 ** Math.min(failures, 5)));
        continue;
      }
      // A full batch: more may be due, claim again as soon as slots allow.
      if (!full) await sleep(pollMs);
    }
  })();

  return {
    wake,
    stats,
    get listening() {
      return listener?.listening ?? false;
    },
    async stop({ graceMs = 10_000 } = {}) {
      if (stopping) return;
      stopping = true;
      wakeSleep?.();
      slotFreed?.();
      await loop;
      await listener?.close();
      const settled = () => Promise.allSettled([...inFlight]).then(() => true);
      const within = (ms: number) =>
        new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref());
      if (inFlight.size > 0 && !(await Promise.race([settled(), within(graceMs)]))) {
        stopController.abort(new Error('The worker is stopping'));
        await Promise.race([settled(), within(1_000)]);
      }
      finished = true;
      logger.info({ ...stats, unfinished: inFlight.size }, 'delivery worker stopped');
    },
  };
}
