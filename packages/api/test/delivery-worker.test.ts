import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelSender, RetryPolicy } from '../src/services/delivery/types.ts';
import {
  backoffMs,
  type DeliveryWorker,
  type DeliveryWorkerOptions,
  PUSH_SUBSCRIPTION_GONE,
  startDeliveryWorker,
} from '../src/services/delivery/worker.ts';
import { createMailer } from '../src/services/mailer.ts';
import {
  deliveryState,
  deliveryStates,
  httpSender,
  insertPushSubscription,
  queueDeliveries,
  type Receiver,
  startReceiver,
} from './support/delivery-receiver.ts';
import { postEvent } from './support/events-fixtures.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// The delivery worker's state machine against a real HTTP receiver on 127.0.0.1 scripted per
// request, on real PostgreSQL: sent, retries with backoff until dead, Retry-After, permanent
// and gone answers, throwing and hanging senders, leases that expire, leases taken over, two
// workers on one queue, rows from before per-destination deliveries.

let t: TestContext;
let tenant: TestTenant;
let receiver: Receiver;
const workers: DeliveryWorker[] = [];
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const mailer = createMailer({ dataDir: '/tmp/baylink-delivery-worker-test', logger });

/** A slow policy by default: a failed row waits, so each test moves it on by hand. */
const SLOW: RetryPolicy = { maxAttempts: 3, baseMs: 60_000, capMs: 240_000 };

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  receiver = await startReceiver();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop({ graceMs: 1_000 })));
  receiver.script(() => ({ status: 200 }));
  // Each test starts from an empty queue.
  await t.sql`delete from deliveries`;
});

afterAll(async () => {
  await receiver.close();
  await t.close();
});

function start(options: Partial<DeliveryWorkerOptions> = {}) {
  const worker = startDeliveryWorker({
    sql: t.sql,
    logger,
    mailer,
    publicUrl: 'http://127.0.0.1:1',
    senders: [httpSender({ url: receiver.url, channel: 'mobile', retry: SLOW, timeoutMs: 2_000 })],
    pollMs: 50,
    leaseMs: 10_000,
    sendTimeoutMs: 5_000,
    // The middle of the jitter's range: a failed row waits exactly half its backoff ceiling.
    random: () => 0.5,
    ...options,
  });
  workers.push(worker);
  return worker;
}

const queue = (count = 1, options: Partial<Parameters<typeof queueDeliveries>[2]> = {}) =>
  queueDeliveries(t.sql, count, {
    accountId: tenant.accountId,
    userId: tenant.member.id,
    ...options,
  });

/** Waits until the row is in one of the states. */
async function until(id: string, statuses: string[]) {
  await expect
    .poll(async () => (await deliveryState(t.sql, id)).status, { timeout: 10_000 })
    .toSatisfy((status: string) => statuses.includes(status));
  return deliveryState(t.sql, id);
}

/** Makes a failed row due now and wakes the worker. */
async function dueNow(worker: DeliveryWorker, id: string) {
  await t.sql`update deliveries set next_attempt_at = now() where id = ${id}`;
  worker.wake();
}

const msBetween = (from: string | null, to: string | null) =>
  new Date(to!).getTime() - new Date(from!).getTime();

describe('backoff', () => {
  it('draws the delay between 0 and base × 2^(attempt − 1), capped', () => {
    const policy = { maxAttempts: 8, baseMs: 1_000, capMs: 10_000 };
    expect(backoffMs(policy, 1, () => 0.999)).toBe(999);
    expect(backoffMs(policy, 3, () => 0.5)).toBe(2_000);
    expect(backoffMs(policy, 10, () => 0.999)).toBe(9_990);
    expect(backoffMs(policy, 4, () => 0)).toBe(0);
  });
});

describe('outcomes', () => {
  it('sends a delivery and records it sent, lease cleared', async () => {
    start();
    const [id] = await queue();
    const state = await until(id!, ['sent']);
    expect(state).toMatchObject({
      attempts: 1,
      held: false,
      last_error: null,
      lease_token: null,
      lease_until: null,
    });
    expect(state.sent_at).not.toBeNull();
    expect(receiver.countOf(id!)).toBe(1);
    expect(receiver.receipts.find((r) => r.deliveryId === id)).toMatchObject({
      attempt: 1,
      destination: 'webhook',
    });
  });

  it('retries a 500 with backoff, then gives up: dead after maxAttempts', async () => {
    receiver.script(() => ({ status: 500 }));
    const policy = { maxAttempts: 3, baseMs: 60_000, capMs: 240_000 };
    const worker = start({
      senders: [httpSender({ url: receiver.url, channel: 'mobile', retry: policy })],
    });
    const [id] = await queue();

    const first = await until(id!, ['failed']);
    expect(first.attempts).toBe(1);
    expect(first.last_error).toBe('The receiver answered 500');
    expect(first.lease_token).toBeNull();
    // Half (the fixed jitter) of base × 2^0 after the attempt, plus the send's own time.
    const firstWait = msBetween(first.last_attempt_at, first.next_attempt_at);
    expect(firstWait).toBeGreaterThanOrEqual(30_000);
    expect(firstWait).toBeLessThan(35_000);

    await dueNow(worker, id!);
    await expect.poll(async () => (await deliveryState(t.sql, id!)).attempts).toBe(2);
    const second = await until(id!, ['failed']);
    // Half of base × 2^1.
    const secondWait = msBetween(second.last_attempt_at, second.next_attempt_at);
    expect(secondWait).toBeGreaterThanOrEqual(60_000);
    expect(secondWait).toBeLessThan(65_000);

    await dueNow(worker, id!);
    const dead = await until(id!, ['dead']);
    expect(dead.attempts).toBe(3);
    expect(dead.last_error).toBe('The receiver answered 500 (gave up after 3 attempts)');
    expect(receiver.countOf(id!)).toBe(3);
  });

  it('waits at least the Retry-After of a 429', async () => {
    receiver.script(() => ({ status: 429, headers: { 'retry-after': '120' } }));
    start({
      senders: [
        httpSender({
          url: receiver.url,
          channel: 'mobile',
          retry: { maxAttempts: 5, baseMs: 10, capMs: 10 },
        }),
      ],
    });
    const [id] = await queue();
    const failed = await until(id!, ['failed']);
    expect(failed.last_error).toBe('The receiver answered 429');
    const wait = msBetween(failed.last_attempt_at, failed.next_attempt_at);
    expect(wait).toBeGreaterThanOrEqual(120_000);
    expect(wait).toBeLessThan(125_000);
  });

  it('ends a 400 dead at once, and a 410 dead as gone', async () => {
    receiver.script((receipt) => ({ status: receipt.destination === 'bad' ? 400 : 410 }));
    start();
    const [bad] = await queue(1, { destination: 'bad' });
    const [gone] = await queue(1, { destination: 'gone' });
    const deadBad = await until(bad!, ['dead', 'failed']);
    expect(deadBad).toMatchObject({ status: 'dead', attempts: 1 });
    expect(deadBad.last_error).toBe('The receiver answered 400');
    const deadGone = await until(gone!, ['dead', 'failed']);
    expect(deadGone).toMatchObject({ status: 'dead', attempts: 1 });
    expect(deadGone.last_error).toBe('The receiver answered 410');
    expect(receiver.countOf(bad!)).toBe(1);
    expect(receiver.countOf(gone!)).toBe(1);
  });

  it('counts a sender that throws as a retry', async () => {
    const throwing: ChannelSender = {
      channel: 'mobile',
      retry: SLOW,
      async send() {
        throw new TypeError('Cannot read properties of undefined');
      },
    };
    start({ senders: [throwing] });
    const [id] = await queue();
    const failed = await until(id!, ['failed', 'dead']);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toBe(
      'The sender failed: TypeError: Cannot read properties of undefined',
    );
  });

  it('retries a receiver that hangs past the sender’s timeout', async () => {
    receiver.script(() => ({ hang: true }));
    start({
      senders: [httpSender({ url: receiver.url, channel: 'mobile', retry: SLOW, timeoutMs: 300 })],
    });
    const [id] = await queue();
    const failed = await until(id!, ['failed', 'dead']);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toBe('The receiver did not answer within 300 ms');
  });

  it('gives up on a sender that never answers at the worker’s own limit, and aborts it', async () => {
    let aborted = false;
    const stuck: ChannelSender = {
      channel: 'mobile',
      retry: SLOW,
      send: (_job, context) =>
        new Promise(() => {
          context.signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    };
    start({ senders: [stuck], sendTimeoutMs: 300, leaseMs: 1_000 });
    const [id] = await queue();
    const failed = await until(id!, ['failed', 'dead']);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toBe('The send took longer than 300 ms');
    expect(aborted).toBe(true);
  });

  it('survives every failure above and keeps sending', async () => {
    const script = ['500', '400', '410', '429', 'hang', '200'];
    receiver.script((receipt) => {
      if (receipt.destination === 'hang') return { hang: true };
      if (receipt.destination === '429') return { status: 429, headers: { 'retry-after': '60' } };
      return { status: Number(receipt.destination) };
    });
    const worker = start({
      senders: [httpSender({ url: receiver.url, channel: 'mobile', retry: SLOW, timeoutMs: 300 })],
    });
    const ids: string[] = [];
    for (const destination of script) ids.push(...(await queue(1, { destination })));
    await expect
      .poll(async () => [...(await deliveryStates(t.sql, ids)).values()].map((s) => s.status))
      .toSatisfy(
        (statuses: string[]) => !statuses.includes('queued') && !statuses.includes('sending'),
      );
    const [ok] = await queue(1, { destination: '200' });
    worker.wake();
    expect((await until(ok!, ['sent'])).attempts).toBe(1);
    const states = await deliveryStates(t.sql, ids);
    expect(ids.map((id) => states.get(id)!.status)).toEqual([
      'failed',
      'dead',
      'dead',
      'failed',
      'failed',
      'sent',
    ]);
  });
});

describe('leases', () => {
  it('takes again a row left sending by a worker whose lease ran out', async () => {
    const [id] = await queue();
    // A worker claimed it (first attempt) and died.
    await t.sql`
      update deliveries set status = 'sending', attempts = 1, lease_token = ${randomUUID()},
        lease_until = now() - interval '1 second', last_attempt_at = now() - interval '2 minutes'
      where id = ${id!}`;
    // One whose lease still runs is left alone.
    const [held] = await queue();
    await t.sql`
      update deliveries set status = 'sending', attempts = 1, lease_token = ${randomUUID()},
        lease_until = now() + interval '1 hour'
      where id = ${held!}`;
    const worker = start();
    const sent = await until(id!, ['sent']);
    expect(sent.attempts).toBe(2);
    expect(receiver.countOf(id!)).toBe(1);
    await expect.poll(() => worker.stats.claimed).toBeGreaterThanOrEqual(1);
    expect((await deliveryState(t.sql, held!)).status).toBe('sending');
    expect(receiver.countOf(held!)).toBe(0);
  });

  it('records nothing for a worker whose lease was taken over', async () => {
    let release: (() => void) | undefined;
    const slow: ChannelSender = {
      channel: 'mobile',
      retry: SLOW,
      send: () =>
        new Promise((resolve) => {
          release = () => resolve({ kind: 'sent' });
        }),
    };
    // One send at a time, and no time limit of its own within the test: a stalled worker that
    // cannot take its own expired row back (so the other worker is the one that does).
    const first = start({
      senders: [slow],
      concurrency: 1,
      leaseMs: 120_000,
      sendTimeoutMs: 60_000,
    });
    const [id] = await queue();
    await expect.poll(() => release).toBeDefined();
    const claimedByFirst = await deliveryState(t.sql, id!);
    expect(claimedByFirst.status).toBe('sending');

    // The first worker stalls past its lease (a long pause); another worker takes the row and
    // its send fails.
    await t.sql`update deliveries set lease_until = now() - interval '1 second' where id = ${id!}`;
    receiver.script(() => ({ status: 503 }));
    start();
    const failed = await until(id!, ['failed']);
    expect(failed.attempts).toBe(2);
    expect(failed.lease_token).toBeNull();

    // The first worker's late "sent" changes nothing.
    release!();
    await expect.poll(() => first.stats.lost).toBe(1);
    expect(first.stats.sent).toBe(0);
    const after = await deliveryState(t.sql, id!);
    expect(after).toMatchObject({ status: 'failed', attempts: 2, sent_at: null });
    expect(after.last_error).toBe('The receiver answered 503');
  });

  it('never sends a row twice with two workers on one queue', async () => {
    receiver.script(() => ({ status: 200, delayMs: Math.floor(Math.random() * 5) }));
    const ids = await queue(300);
    const a = start({ concurrency: 8 });
    const b = start({ concurrency: 8 });
    await expect
      .poll(
        async () => {
          const [row] = await t.sql<{ sent: number }[]>`
            select count(*)::int as sent from deliveries
            where id = any(${ids}::uuid[]) and status = 'sent'`;
          return row!.sent;
        },
        { timeout: 20_000 },
      )
      .toBe(300);
    expect(ids.map((id) => receiver.countOf(id))).toEqual(ids.map(() => 1));
    expect(a.stats.sent + b.stats.sent).toBe(300);
    expect(a.stats.claimed + b.stats.claimed).toBe(300);
  });
});

describe('what a row needs before a send', () => {
  it('ends web push to a deleted subscription dead without calling the sender', async () => {
    const subscription = await insertPushSubscription(t.sql, tenant.accountId, tenant.member.id);
    const [id] = await queue(1, { channel: 'web_push', subscriptionId: subscription });
    await t.sql`delete from push_subscriptions where id = ${subscription}`;
    start({
      senders: [httpSender({ url: receiver.url, channel: 'web_push', retry: SLOW })],
    });
    const dead = await until(id!, ['dead', 'sent', 'failed']);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.last_error).toBe(PUSH_SUBSCRIPTION_GONE);
    expect(receiver.countOf(id!)).toBe(0);
  });

  it('leaves the rows of a channel without a sender queued', async () => {
    const [email] = await queue(1, { channel: 'email' });
    const [mobile] = await queue(1, { channel: 'mobile' });
    start();
    await until(mobile!, ['sent']);
    expect(await deliveryState(t.sql, email!)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('expands a row from before per-destination deliveries into one per destination', async () => {
    const user = tenant.member;
    const chrome = await insertPushSubscription(t.sql, tenant.accountId, user.id, 'Chrome');
    const firefox = await insertPushSubscription(t.sql, tenant.accountId, user.id, 'Firefox');
    // Queued before migration 0008: one row per channel, destination ''.
    const [push] = await queue(1, { channel: 'web_push', destination: '' });
    const [email] = await queue(1, { channel: 'email', destination: '' });
    const [mobile] = await queue(1, { channel: 'mobile', destination: '' });
    const legacy = [push!, email!, mobile!];
    const notifications = await t.sql<
      { id: string; notification_id: string; created_at: string }[]
    >`
      select id::text, notification_id::text, created_at from deliveries
      where id = any(${legacy}::uuid[])`;

    start({
      senders: [
        httpSender({ url: receiver.url, channel: 'web_push', retry: SLOW }),
        httpSender({ url: receiver.url, channel: 'email', retry: SLOW }),
        httpSender({ url: receiver.url, channel: 'mobile', retry: SLOW }),
      ],
    });
    await expect
      .poll(async () => {
        const [row] = await t.sql<{ left: number; sent: number }[]>`
          select count(*) filter (where destination = '')::int as left,
            count(*) filter (where status = 'sent')::int as sent
          from deliveries
          where notification_id = any(${notifications.map((n) => n.notification_id)}::uuid[])`;
        return row;
      })
      .toEqual({ left: 0, sent: 3 });
    const expanded = await t.sql<
      {
        channel: string;
        destination: string;
        push_subscription_id: string | null;
        created_at: string;
      }[]
    >`select channel, destination, push_subscription_id::text, created_at from deliveries
      where notification_id = any(${notifications.map((n) => n.notification_id)}::uuid[])`;
    const sorted = (
      rows: { channel: string; destination: string | null; push_subscription_id: string | null }[],
    ) =>
      rows
        .map(({ channel, destination, push_subscription_id }) => ({
          channel,
          destination,
          push_subscription_id,
        }))
        .sort((x, y) =>
          `${x.channel} ${x.destination}` < `${y.channel} ${y.destination}` ? -1 : 1,
        );
    // The integrator has no mobile webhook: the mobile row had nowhere to go.
    expect(sorted(expanded)).toEqual(
      sorted([
        { channel: 'email', destination: user.email, push_subscription_id: null },
        { channel: 'web_push', destination: chrome, push_subscription_id: chrome },
        { channel: 'web_push', destination: firefox, push_subscription_id: firefox },
      ]),
    );
    // The new rows keep the legacy row's creation time; the legacy rows are gone, unsent.
    const pushCreated = notifications.find((n) => n.id === push)!.created_at;
    expect(
      expanded.filter((row) => row.channel === 'web_push').map((row) => row.created_at),
    ).toEqual([pushCreated, pushCreated]);
    expect(await deliveryStates(t.sql, legacy)).toEqual(new Map());
    for (const id of legacy) expect(receiver.countOf(id)).toBe(0);
  });
});

describe('wake-ups', () => {
  it('sends what an event queued at once, woken by the fan-out’s NOTIFY', async () => {
    await t.sql`
      insert into mobile_webhooks (integrator_id, url, secret)
      values (${tenant.integratorId}, 'https://mobile.example.com/hook', 'whsec_test')
      on conflict (integrator_id) do nothing`;
    // Polls once a minute: only the wake-up can make it send within the test.
    const worker = start({ pollMs: 60_000 });
    // Listening, and its first looks (at start and at LISTEN) found nothing: it sleeps a minute.
    await expect.poll(() => worker.listening).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const response = await postEvent(t, tenant, {
      accountId: tenant.accountId,
      type: 'conversations.new_message',
      recipients: { userIds: [tenant.member.id] },
    });
    expect(response.status).toBe(202);
    const [row] = await t.sql<{ id: string }[]>`
      select id::text from deliveries where channel = 'mobile' and user_id = ${tenant.member.id}`;
    expect((await until(row!.id, ['sent'])).attempts).toBe(1);
    expect(receiver.countOf(row!.id)).toBe(1);
    await t.sql`delete from mobile_webhooks where integrator_id = ${tenant.integratorId}`;
  });
});

describe('stopping', () => {
  it('stops claiming and lets the sends in flight finish within the grace period', async () => {
    receiver.script(() => ({ status: 200, delayMs: 300 }));
    const worker = start({ pollMs: 20 });
    const [id] = await queue();
    await expect.poll(() => receiver.countOf(id!)).toBe(1);
    await worker.stop({ graceMs: 5_000 });
    expect((await deliveryState(t.sql, id!)).status).toBe('sent');
    // Nothing is claimed once stopped.
    const [later] = await queue();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await deliveryState(t.sql, later!)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('aborts the sends still running after the grace period; unanswered rows keep their lease', async () => {
    receiver.script((receipt) =>
      receipt.destination === 'hang' ? { hang: true } : { status: 200 },
    );
    let ignoring: string | undefined;
    const deaf: ChannelSender = {
      channel: 'email',
      retry: SLOW,
      send: (job) =>
        new Promise(() => {
          ignoring = job.id;
        }),
    };
    const worker = start({
      senders: [httpSender({ url: receiver.url, channel: 'mobile', retry: SLOW }), deaf],
    });
    const [hanging] = await queue(1, { destination: 'hang' });
    const [stuck] = await queue(1, { channel: 'email' });
    await expect.poll(() => receiver.countOf(hanging!)).toBe(1);
    await expect.poll(() => ignoring).toBe(stuck);
    await worker.stop({ graceMs: 100 });
    // The receiver's send heard the abort and answered retry, recorded before the stop ended.
    const aborted = await deliveryState(t.sql, hanging!);
    expect(aborted).toMatchObject({ status: 'failed', attempts: 1 });
    expect(aborted.last_error).toMatch(/^The receiver could not be reached/);
    // The sender that ignores the abort never answered: its row waits for its lease.
    const left = await deliveryState(t.sql, stuck!);
    expect(left).toMatchObject({ status: 'sending', attempts: 1 });
    expect(left.lease_token).not.toBeNull();
  });
});
