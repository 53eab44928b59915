import { randomUUID } from 'node:crypto';
import { DeliveryPage, RetryDeliveriesResult } from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliveryStates,
  insertPushSubscription,
  queueDeliveries,
} from './support/delivery-receiver.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// The delivery log for admins (user token) and integrators (API key): filters, newest-first
// keyset pages, destinations for people, retrying failed and dead deliveries; members get 403,
// other accounts 404, and nobody sees another account's rows.

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;
/** The tenant's deliveries, oldest first. */
const ids: Record<string, string> = {};
let otherId: string;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
  const base = Date.parse('2026-01-10T10:00:00Z');
  const at = (minutes: number) => new Date(base + minutes * 60_000);
  const laptop = await insertPushSubscription(
    t.sql,
    tenant.accountId,
    tenant.member.id,
    'Firefox on Linux',
  );
  const phone = await insertPushSubscription(
    t.sql,
    tenant.accountId,
    tenant.member.id,
    'Safari on iOS',
  );
  const rows: [string, Parameters<typeof queueDeliveries>[2]][] = [
    [
      'sent',
      {
        accountId: tenant.accountId,
        userId: tenant.member.id,
        channel: 'email',
        destination: tenant.member.email!,
        status: 'sent',
        attempts: 1,
        createdAt: at(0),
      },
    ],
    [
      'failed',
      {
        accountId: tenant.accountId,
        userId: tenant.member.id,
        channel: 'web_push',
        subscriptionId: laptop,
        status: 'failed',
        attempts: 2,
        lastError: 'The push service answered 503',
        dueAt: at(60),
        createdAt: at(1),
      },
    ],
    [
      'dead',
      {
        accountId: tenant.accountId,
        userId: tenant.admin.id,
        channel: 'mobile',
        status: 'dead',
        attempts: 8,
        lastError: 'The webhook answered 500 (gave up after 8 attempts)',
        createdAt: at(2),
      },
    ],
    [
      'queued',
      {
        accountId: tenant.accountId,
        userId: tenant.admin.id,
        channel: 'mobile',
        dueAt: at(30),
        createdAt: at(3),
      },
    ],
    [
      'gone',
      {
        accountId: tenant.accountId,
        userId: tenant.member.id,
        channel: 'web_push',
        subscriptionId: phone,
        status: 'dead',
        attempts: 1,
        lastError: 'The push service answered 410',
        createdAt: at(4),
      },
    ],
  ];
  for (const [name, options] of rows) ids[name] = (await queueDeliveries(t.sql, 1, options))[0]!;
  // The phone's subscription was deleted after its 410.
  await t.sql`delete from push_subscriptions where id = ${phone}`;
  otherId = (
    await queueDeliveries(t.sql, 1, {
      accountId: other.accountId,
      userId: other.member.id,
      channel: 'mobile',
      status: 'dead',
      attempts: 8,
    })
  )[0]!;
});

afterAll(() => t.close());

async function list(query = '', token = tenant.adminToken) {
  const response = await t.request(`/v1/deliveries${query}`, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return DeliveryPage.parse(await json(response));
}

describe('GET /v1/deliveries', () => {
  it('lists the account’s deliveries newest first, destinations for people', async () => {
    const page = await list();
    expect(page.items.map((item) => item.id)).toEqual([
      ids.gone,
      ids.queued,
      ids.dead,
      ids.failed,
      ids.sent,
    ]);
    expect(page.nextCursor).toBeNull();
    const byId = new Map(page.items.map((item) => [item.id, item]));
    expect(byId.get(ids.sent!)).toMatchObject({
      channel: 'email',
      destination: tenant.member.email,
      status: 'sent',
      attempts: 1,
      nextAttemptAt: null,
      userId: tenant.member.id,
      type: 'conversations.new_message',
    });
    expect(byId.get(ids.failed!)).toMatchObject({
      channel: 'web_push',
      destination: 'Firefox on Linux',
      status: 'failed',
      attempts: 2,
      nextAttemptAt: '2026-01-10T11:00:00.000Z',
      lastError: 'The push service answered 503',
      held: false,
    });
    expect(byId.get(ids.dead!)).toMatchObject({
      destination: 'webhook',
      status: 'dead',
      nextAttemptAt: null,
    });
    expect(byId.get(ids.gone!)).toMatchObject({ destination: 'Removed browser', status: 'dead' });
    expect(byId.get(ids.queued!)!.nextAttemptAt).toBe('2026-01-10T10:30:00.000Z');
    expect(byId.get(ids.gone!)!.title).toMatch(/^Test notification/);
  });

  it('filters by status, channel, user and notification', async () => {
    expect((await list('?status=dead')).items.map((item) => item.id)).toEqual([ids.gone, ids.dead]);
    expect((await list('?channel=web_push')).items.map((item) => item.id)).toEqual([
      ids.gone,
      ids.failed,
    ]);
    expect(
      (await list(`?userId=${tenant.admin.id}&channel=mobile`)).items.map((item) => item.id),
    ).toEqual([ids.queued, ids.dead]);
    const [row] = await t.sql<{ notification_id: string }[]>`
      select notification_id::text from deliveries where id = ${ids.failed!}`;
    expect(
      (await list(`?notificationId=${row!.notification_id}`)).items.map((item) => item.id),
    ).toEqual([ids.failed]);
    expect((await list(`?userId=${other.member.id}`)).items).toEqual([]);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: DeliveryPage = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([ids.gone, ids.queued, ids.dead, ids.failed, ids.sent]);
  });

  it('refuses bad filters naming the field', async () => {
    for (const [query, path] of [
      ['?status=lost', 'status'],
      ['?channel=sms', 'channel'],
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?userId=nope', 'userId'],
      ['?cursor=bm90IGEgY3Vyc29y', 'cursor'],
    ] as const) {
      const response = await t.request(`/v1/deliveries${query}`, { token: tenant.adminToken });
      expect(response.status, query).toBe(400);
      expect(pathsOf(await errorOf(response)), query).toEqual([path]);
    }
  });

  it('is for admins: a member gets 403, no token 401', async () => {
    const response = await t.request('/v1/deliveries', { token: tenant.memberToken });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('forbidden');
    expect((await t.request('/v1/deliveries')).status).toBe(401);
  });
});

describe('POST /v1/deliveries/retry', () => {
  it('puts failed and dead deliveries back in the queue, attempts kept; skips the others', async () => {
    const asked = [ids.failed!, ids.dead!, ids.sent!, ids.queued!, otherId, randomUUID()];
    const response = await t.request('/v1/deliveries/retry', {
      method: 'POST',
      token: tenant.adminToken,
      json: { ids: asked },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(RetryDeliveriesResult.parse(await json(response))).toEqual({
      retried: [ids.failed, ids.dead],
      skipped: [ids.sent, ids.queued, otherId, asked[5]],
    });
    const states = await deliveryStates(t.sql, asked);
    const [clock] = await t.sql<{ now: string }[]>`select now() as now`;
    for (const id of [ids.failed!, ids.dead!]) {
      expect(states.get(id)).toMatchObject({ status: 'queued', held: false });
      expect(Date.parse(states.get(id)!.next_attempt_at)).toBeLessThanOrEqual(
        Date.parse(clock!.now),
      );
    }
    expect(states.get(ids.failed!)!.attempts).toBe(2);
    expect(states.get(ids.dead!)!.attempts).toBe(8);
    // The last error stays until the next attempt.
    expect(states.get(ids.dead!)!.last_error).toMatch(/gave up after 8 attempts/);
    expect(states.get(ids.sent!)!.status).toBe('sent');
    // Another account's row is untouched.
    expect(states.get(otherId)).toMatchObject({ status: 'dead', attempts: 8 });
  });

  it('refuses bad input and members, changing nothing', async () => {
    const before = await deliveryStates(t.sql, [ids.gone!]);
    for (const [body, path] of [
      [{ ids: [] }, 'ids'],
      [{ ids: ['nope'] }, 'ids.0'],
      [{}, 'ids'],
      [{ ids: [ids.gone], all: true }, '(body)'],
    ] as const) {
      const response = await t.request('/v1/deliveries/retry', {
        method: 'POST',
        token: tenant.adminToken,
        json: body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(pathsOf(await errorOf(response)), JSON.stringify(body)).toContain(path);
    }
    const member = await t.request('/v1/deliveries/retry', {
      method: 'POST',
      token: tenant.memberToken,
      json: { ids: [ids.gone] },
    });
    expect(member.status).toBe(403);
    expect(await deliveryStates(t.sql, [ids.gone!])).toEqual(before);
  });
});

describe('the integrator’s twins (API key)', () => {
  it('lists and retries an account’s deliveries', async () => {
    const response = await t.request(`/v1/accounts/${tenant.accountId}/deliveries?status=dead`, {
      token: tenant.apiKey,
    });
    expect(response.status).toBe(200);
    const page = DeliveryPage.parse(await json(response));
    expect(page.items.map((item) => item.id)).toEqual([ids.gone]);

    const retried = await t.request(`/v1/accounts/${tenant.accountId}/deliveries/retry`, {
      method: 'POST',
      token: tenant.apiKey,
      json: { ids: [ids.gone, otherId] },
    });
    expect(retried.status).toBe(200);
    expect(await json(retried)).toEqual({ retried: [ids.gone], skipped: [otherId] });
    expect((await deliveryStates(t.sql, [ids.gone!])).get(ids.gone!)!.status).toBe('queued');
  });

  it('answers 404 for another integrator’s account, changing nothing', async () => {
    const listed = await t.request(`/v1/accounts/${other.accountId}/deliveries`, {
      token: tenant.apiKey,
    });
    expect(listed.status).toBe(404);
    const retried = await t.request(`/v1/accounts/${other.accountId}/deliveries/retry`, {
      method: 'POST',
      token: tenant.apiKey,
      json: { ids: [otherId] },
    });
    expect(retried.status).toBe(404);
    expect((await deliveryStates(t.sql, [otherId])).get(otherId)!.status).toBe('dead');
    // Its own integrator sees it.
    const own = await t.request(`/v1/accounts/${other.accountId}/deliveries`, {
      token: other.apiKey,
    });
    expect(DeliveryPage.parse(await json(own)).items.map((item) => item.id)).toEqual([otherId]);
  });

  it('refuses a user token on the API-key routes', async () => {
    const response = await t.request(`/v1/accounts/${tenant.accountId}/deliveries`, {
      token: tenant.adminToken,
    });
    expect(response.status).toBe(401);
  });
});
