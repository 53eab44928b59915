import type { QuietHours } from '@baylink/sdk/contract';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../src/services/delivery/types.ts';
import {
  type DeliveryWorker,
  type DeliveryWorkerOptions,
  startDeliveryWorker,
} from '../src/services/delivery/worker.ts';
import { createMailer } from '../src/services/mailer.ts';
import {
  deliveryState,
  httpSender,
  insertPushSubscription,
  queueDeliveries,
  type Receiver,
  startReceiver,
} from './support/delivery-receiver.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// Quiet hours: push and mobile deliveries wait during them (not an attempt) and are due when
// they end, computed in the user's zone across midnight and daylight-saving changes; email and
// required types go through. The worker runs on a fixed clock here.

let t: TestContext;
let tenant: TestTenant;
let receiver: Receiver;
let subscription: string;
const workers: DeliveryWorker[] = [];
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const mailer = createMailer({ dataDir: '/tmp/baylink-quiet-hours-test', logger });
const SLOW: RetryPolicy = { maxAttempts: 3, baseMs: 60_000, capMs: 240_000 };

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  receiver = await startReceiver();
  subscription = await insertPushSubscription(t.sql, tenant.accountId, tenant.member.id);
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop({ graceMs: 1_000 })));
  await t.sql`delete from deliveries`;
  await t.sql`delete from quiet_hours`;
});

afterAll(async () => {
  await receiver.close();
  await t.close();
});

/** A worker whose clock says `at`. */
function startAt(at: string, options: Partial<DeliveryWorkerOptions> = {}) {
  const now = new Date(at);
  const worker = startDeliveryWorker({
    sql: t.sql,
    logger,
    mailer,
    publicUrl: 'http://127.0.0.1:1',
    senders: (['web_push', 'email', 'mobile'] as const).map((channel) =>
      httpSender({ url: receiver.url, channel, retry: SLOW }),
    ),
    pollMs: 50,
    now: () => now,
    ...options,
  });
  workers.push(worker);
  return worker;
}

async function setQuietHours(hours: {
  start: string;
  end: string;
  timeZone?: string;
  days?: number[];
  enabled?: boolean;
}) {
  await t.sql`
    insert into quiet_hours (account_id, user_id, enabled, start_time, end_time, time_zone, days)
    values (${tenant.accountId}, ${tenant.member.id}, ${hours.enabled ?? true}, ${hours.start}::time,
      ${hours.end}::time, ${hours.timeZone ?? 'America/Toronto'},
      ${hours.days ?? [0, 1, 2, 3, 4, 5, 6]}::smallint[])
    on conflict (account_id, user_id) do update set enabled = excluded.enabled,
      start_time = excluded.start_time, end_time = excluded.end_time,
      time_zone = excluded.time_zone, days = excluded.days`;
}

/** A push delivery (or another channel) due a minute before `at`. */
async function queueAt(
  at: string,
  channel: 'web_push' | 'email' | 'mobile' = 'web_push',
  type = 'conversations.new_message',
) {
  const [id] = await queueDeliveries(t.sql, 1, {
    accountId: tenant.accountId,
    userId: tenant.member.id,
    channel,
    type,
    ...(channel === 'web_push' ? { subscriptionId: subscription } : {}),
    dueAt: new Date(new Date(at).getTime() - 60_000),
  });
  return id!;
}

/** Waits until the worker has held the row or finished with it. */
async function settled(id: string) {
  await expect
    .poll(
      async () => {
        const state = await deliveryState(t.sql, id);
        const pending = (state.status === 'queued' && !state.held) || state.status === 'sending';
        return pending ? 'pending' : 'settled';
      },
      { timeout: 10_000 },
    )
    .toBe('settled');
  return deliveryState(t.sql, id);
}

describe('the worker during quiet hours', () => {
  const cases = [
    {
      name: 'before midnight, held until 07:00 the next morning',
      at: '2025-01-15T04:30:00Z', // Tue 14 Jan 23:30 EST
      until: '2025-01-15T12:00:00.000Z', // Wed 15 Jan 07:00 EST
    },
    {
      name: 'after midnight, held until 07:00 the same morning',
      at: '2025-01-15T09:00:00Z', // Wed 04:00 EST
      until: '2025-01-15T12:00:00.000Z',
    },
    {
      name: 'the night clocks spring forward: 07:00 EDT, eight hours after 22:00 EST',
      at: '2025-03-09T06:30:00Z', // Sun 9 Mar 01:30 EST, half an hour before the change
      until: '2025-03-09T11:00:00.000Z', // 07:00 EDT
    },
    {
      name: 'the night clocks fall back: 07:00 EST, ten hours after 22:00 EDT',
      at: '2025-11-02T05:30:00Z', // Sun 2 Nov 01:30 EDT, the first of the two 01:30s
      until: '2025-11-02T12:00:00.000Z', // 07:00 EST
    },
  ];
  for (const { name, at, until } of cases) {
    it(`holds a push ${name}`, async () => {
      await setQuietHours({ start: '22:00', end: '07:00' });
      const id = await queueAt(at);
      startAt(at);
      const held = await settled(id);
      expect(held).toMatchObject({
        status: 'queued',
        held: true,
        attempts: 0,
        last_attempt_at: null,
        next_attempt_at: until,
        lease_token: null,
      });
      expect(receiver.countOf(id)).toBe(0);
    });
  }

  it('sends once the hours end, as a first attempt', async () => {
    await setQuietHours({ start: '22:00', end: '07:00' });
    const id = await queueAt('2025-01-15T04:30:00Z');
    const first = startAt('2025-01-15T04:30:00Z');
    await settled(id);
    await first.stop();
    startAt('2025-01-15T12:00:00Z');
    await expect.poll(async () => (await deliveryState(t.sql, id)).status).toBe('sent');
    expect(await deliveryState(t.sql, id)).toMatchObject({
      held: false,
      attempts: 1,
      sent_at: '2025-01-15T12:00:00.000Z',
    });
    expect(receiver.countOf(id)).toBe(1);
  });

  it('holds mobile too, but not email', async () => {
    await setQuietHours({ start: '22:00', end: '07:00' });
    const at = '2025-01-15T04:30:00Z';
    const mobile = await queueAt(at, 'mobile');
    const email = await queueAt(at, 'email');
    startAt(at);
    expect(await settled(mobile)).toMatchObject({ held: true, attempts: 0 });
    expect(await settled(email)).toMatchObject({ status: 'sent', held: false, attempts: 1 });
  });

  it('lets a type required for the channel break through', async () => {
    await setQuietHours({ start: '22:00', end: '07:00' });
    const at = '2025-01-15T04:30:00Z';
    const urgent = await queueAt(at, 'web_push', 'conversations.send_error');
    const normal = await queueAt(at, 'web_push', 'conversations.new_message');
    startAt(at, {
      catalog: new Map([
        ['conversations.send_error', { required: ['in_app', 'web_push'] as const }],
        ['conversations.new_message', { required: [] as const }],
      ]),
    });
    expect(await settled(urgent)).toMatchObject({ status: 'sent', held: false, attempts: 1 });
    expect(await settled(normal)).toMatchObject({ status: 'queued', held: true });
  });

  it('applies only on the days a quiet period starts', async () => {
    // Monday to Friday nights: Friday night holds until Saturday morning, Saturday night does not.
    await setQuietHours({ start: '22:00', end: '07:00', days: [1, 2, 3, 4, 5] });
    const saturday = '2025-01-18T08:00:00Z'; // Sat 03:00 EST, in Friday's period
    const sunday = '2025-01-19T08:00:00Z'; // Sun 03:00 EST, in Saturday's (none)
    const a = await queueAt(saturday);
    const first = startAt(saturday);
    expect(await settled(a)).toMatchObject({
      held: true,
      next_attempt_at: '2025-01-18T12:00:00.000Z',
    });
    await first.stop();
    const b = await queueAt(sunday);
    startAt(sunday);
    expect(await settled(b)).toMatchObject({ status: 'sent', held: false });
  });

  it('holds within a same-day period, and not outside it or when switched off', async () => {
    await setQuietHours({ start: '12:00', end: '14:00', timeZone: 'Europe/Paris' });
    const inside = '2025-06-10T10:30:00Z'; // 12:30 CEST
    const id = await queueAt(inside);
    const first = startAt(inside);
    expect(await settled(id)).toMatchObject({
      held: true,
      next_attempt_at: '2025-06-10T12:00:00.000Z',
    });
    await first.stop();

    const outside = '2025-06-10T12:30:00Z'; // 14:30 CEST
    const later = await queueAt(outside);
    const second = startAt(outside);
    expect(await settled(later)).toMatchObject({ status: 'sent' });
    await second.stop();

    await setQuietHours({ start: '12:00', end: '14:00', timeZone: 'Europe/Paris', enabled: false });
    const off = await queueAt(inside);
    startAt(inside);
    expect(await settled(off)).toMatchObject({ status: 'sent', held: false });
  });
});

describe('GET and PUT /v1/me/quiet-hours', () => {
  const valid = {
    enabled: true,
    start: '21:30',
    end: '06:45',
    timeZone: 'America/Vancouver',
    days: [5, 1, 1, 3],
  };

  it('answers the defaults in the account’s time zone for a user who never set them', async () => {
    const response = await t.request('/v1/me/quiet-hours', { token: tenant.adminToken });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      enabled: false,
      start: '22:00',
      end: '07:00',
      timeZone: 'America/Toronto',
      days: [0, 1, 2, 3, 4, 5, 6],
      updatedAt: null,
    });
  });

  it('saves them (days sorted, once each) and answers them back', async () => {
    const put = await t.request('/v1/me/quiet-hours', {
      method: 'PUT',
      token: tenant.memberToken,
      json: valid,
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const saved = await json<QuietHours>(put);
    expect(saved).toMatchObject({ ...valid, days: [1, 3, 5] });
    expect(saved.updatedAt).not.toBeNull();
    const got = await t.request('/v1/me/quiet-hours', { token: tenant.memberToken });
    expect(await json(got)).toEqual(saved);
    // Another user of the account still has the defaults.
    const other = await t.request('/v1/me/quiet-hours', { token: tenant.adminToken });
    expect((await json<QuietHours>(other)).enabled).toBe(false);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    await t.request('/v1/me/quiet-hours', {
      method: 'PUT',
      token: tenant.memberToken,
      json: valid,
    });
    const before = await json(await t.request('/v1/me/quiet-hours', { token: tenant.memberToken }));
    const bad: [Record<string, unknown>, string][] = [
      [{ ...valid, start: '24:00' }, 'start'],
      [{ ...valid, end: '7:00' }, 'end'],
      [{ ...valid, end: valid.start }, 'end'],
      [{ ...valid, days: [] }, 'days'],
      [{ ...valid, days: [7] }, 'days.0'],
      [{ ...valid, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ ...valid, enabled: 'yes' }, 'enabled'],
      [{ ...valid, extra: true }, '(body)'],
    ];
    for (const [body, path] of bad) {
      const response = await t.request('/v1/me/quiet-hours', {
        method: 'PUT',
        token: tenant.memberToken,
        json: body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(pathsOf(error), JSON.stringify(body)).toContain(path);
    }
    const { timeZone: _zone, ...withoutZone } = valid;
    const missing = await t.request('/v1/me/quiet-hours', {
      method: 'PUT',
      token: tenant.memberToken,
      json: withoutZone,
    });
    expect(pathsOf(await errorOf(missing))).toEqual(['timeZone']);
    expect(
      await json(await t.request('/v1/me/quiet-hours', { token: tenant.memberToken })),
    ).toEqual(before);
  });

  it('needs a user token', async () => {
    expect((await t.request('/v1/me/quiet-hours')).status).toBe(401);
  });

  it('looks again at once at what the old hours held', async () => {
    await setQuietHours({ start: '22:00', end: '07:00' });
    const [id] = await queueDeliveries(t.sql, 1, {
      accountId: tenant.accountId,
      userId: tenant.member.id,
      channel: 'mobile',
    });
    await t.sql`
      update deliveries set held = true, next_attempt_at = now() + interval '8 hours'
      where id = ${id!}`;
    const response = await t.request('/v1/me/quiet-hours', {
      method: 'PUT',
      token: tenant.memberToken,
      json: { ...valid, enabled: false },
    });
    expect(response.status).toBe(200);
    const [row] = await t.sql<{ due: boolean }[]>`
      select next_attempt_at <= now() as due from deliveries where id = ${id!}`;
    expect(row!.due).toBe(true);
  });
});
