import { randomBytes } from 'node:crypto';
import type {
  NotificationCounts,
  PushConfig,
  PushDeviceList,
  PushPayload,
  PushRegistration,
  PushTestResult,
} from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import type { VapidKeys } from '../src/services/delivery/vapid.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { postEvent } from './support/events-fixtures.ts';
import { type FakePushService, startFakePushService } from './support/fake-push-service.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// The web push routes on a real Postgres and a fake push service over HTTPS: the public key,
// registering (with its SSRF checks), listing, revoking and testing browsers, and the service
// worker's device-token calls (renew, mark read). Another user's or account's device is a 404.

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const HOST_ORIGIN = 'https://portal.dealer.example';

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;
let service: FakePushService;
let vapid: VapidKeys;

beforeAll(async () => {
  service = await startFakePushService();
  vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:push-tests@baylink.test' };
  t = await createTestContext({ push: { vapid, allowLoopback: true, agent: service.agent } });
  tenant = await t.tenant({ allowedOrigins: [HOST_ORIGIN] });
  other = await t.tenant();
});
afterAll(async () => {
  await service?.close();
  await t?.close();
});

const newSubscription = () => service.createSubscription({ applicationServerKey: vapid.publicKey });

function register(token: string, subscription: unknown, userAgent = CHROME_WINDOWS) {
  return t.request('/v1/me/push-subscriptions', {
    method: 'POST',
    token,
    headers: { 'user-agent': userAgent },
    json: { subscription },
  });
}

async function registered(token: string, userAgent = CHROME_WINDOWS) {
  const subscription = newSubscription();
  const response = await register(token, subscription, userAgent);
  expect(response.status).toBe(201);
  return { subscription, ...(await json<PushRegistration>(response)) };
}

async function devices(token: string) {
  const response = await t.request('/v1/me/push-subscriptions', { token });
  expect(response.status).toBe(200);
  return (await json<PushDeviceList>(response)).items;
}

const subscriptionRows = async () => {
  const [row] = await t.sql<{ n: number }[]>`select count(*)::int as n from push_subscriptions`;
  return row!.n;
};

function device(path: string, token: string | null, body: unknown, headers: HeadersInit = {}) {
  return t.request(`/v1/push/device/${path}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Device ${token}` } : {}), ...headers },
    json: body,
  });
}

describe('GET /v1/push/config', () => {
  it('answers the VAPID public key without credentials', async () => {
    const response = await t.request('/v1/push/config');
    expect(response.status).toBe(200);
    expect(await json<PushConfig>(response)).toEqual({ publicKey: vapid.publicKey });
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('allows the origins integrators list (CORS), and refuses preflights from others', async () => {
    const listed = await t.request('/v1/push/config', { headers: { origin: HOST_ORIGIN } });
    expect(listed.headers.get('access-control-allow-origin')).toBe(HOST_ORIGIN);
    const preflight = await t.request('/v1/push/device/read', {
      method: 'OPTIONS',
      headers: {
        origin: HOST_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const stranger = await t.request('/v1/push/config', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('POST /v1/me/push-subscriptions', () => {
  it('registers a browser with its label, its push service and a device token', async () => {
    const user = await t.tenant();
    const {
      subscription,
      device: registeredDevice,
      deviceToken,
    } = await registered(user.memberToken);
    expect(deviceToken).toMatch(/^bl_dt_[A-Za-z0-9_-]{43}$/);
    expect(registeredDevice).toMatchObject({
      label: 'Chrome on Windows',
      browser: 'Chrome',
      os: 'Windows',
      service: service.origin,
      lastUsedAt: null,
    });
    expect(await devices(user.memberToken)).toEqual([registeredDevice]);
    const [row] = await t.sql`
      select endpoint, p256dh, auth, device_token_hash from push_subscriptions
      where id = ${registeredDevice.id}`;
    expect(row).toMatchObject({
      endpoint: subscription.endpoint,
      p256dh: subscription.keys.p256dh,
      auth: subscription.keys.auth,
    });
    // Only the token's hash is kept.
    expect(Buffer.from(row!.device_token_hash).toString()).not.toContain(deviceToken.slice(6));
  });

  it('labels Safari on iOS, and an unknown User-Agent as a browser', async () => {
    const user = await t.tenant();
    expect((await registered(user.memberToken, SAFARI_IOS)).device.label).toBe('Safari on iOS');
    expect((await registered(user.memberToken, '')).device).toMatchObject({
      label: 'Browser',
      browser: null,
      os: null,
    });
  });

  it('updates the same endpoint registered again: same device, fresh keys, a new token', async () => {
    const user = await t.tenant();
    const first = await registered(user.memberToken);
    const renewedKeys = service.createSubscription().keys;
    // The same browser endpoint with new keys (the fake keeps the first keys: decryption is not
    // the point here).
    const again = await register(
      user.memberToken,
      { endpoint: first.subscription.endpoint, keys: renewedKeys },
      SAFARI_IOS,
    );
    expect(again.status).toBe(201);
    const second = await json<PushRegistration>(again);
    expect(second.device.id).toBe(first.device.id);
    expect(second.device.label).toBe('Safari on iOS');
    expect(second.deviceToken).not.toBe(first.deviceToken);
    const [row] = await t.sql`select p256dh from push_subscriptions where id = ${first.device.id}`;
    expect(row!.p256dh).toBe(renewedKeys.p256dh);
    // The old token no longer works.
    expect(
      (await device('read', first.deviceToken, { notificationId: first.device.id })).status,
    ).toBe(401);
    expect(await devices(user.memberToken)).toHaveLength(1);
  });

  it('moves an endpoint to the user who registers it, from another user of any account', async () => {
    const first = await t.tenant();
    const second = await t.tenant();
    const mine = await registered(first.memberToken);
    const teammate = await register(first.adminToken, mine.subscription);
    expect(teammate.status).toBe(201);
    const moved = await json<PushRegistration>(teammate);
    expect(moved.device.id).not.toBe(mine.device.id);
    expect(await devices(first.memberToken)).toEqual([]);
    expect((await devices(first.adminToken)).map((d) => d.id)).toEqual([moved.device.id]);

    const elsewhere = await json<PushRegistration>(
      await register(second.memberToken, mine.subscription),
    );
    expect(await devices(first.adminToken)).toEqual([]);
    expect((await devices(second.memberToken)).map((d) => d.id)).toEqual([elsewhere.device.id]);
  });

  it('keeps at most 20 browsers per user, dropping the longest unused', async () => {
    const user = await t.tenant();
    const made: string[] = [];
    for (let i = 0; i < 21; i++) made.push((await registered(user.memberToken)).device.id);
    const kept = (await devices(user.memberToken)).map((d) => d.id);
    expect(kept).toHaveLength(20);
    expect(kept).not.toContain(made[0]);
    expect(kept).toContain(made[20]);
  });

  it('refuses endpoints that are not an https URL of a known push service, naming the field', async () => {
    const keys = newSubscription().keys;
    const before = await subscriptionRows();
    const cases: [string, RegExp][] = [
      ['http://fcm.googleapis.com/fcm/send/abc', /./],
      ['https://push.evil.example/fcm/send/abc', /known push service/],
      ['https://evilfcm.googleapis.com/fcm/send/abc', /known push service/],
      ['https://fcm.googleapis.com.evil.example/fcm/send/abc', /known push service/],
      ['https://10.0.0.8/push/abc', /private/],
      ['https://169.254.169.254/latest/meta-data', /link-local/],
      ['https://[::ffff:192.168.1.1]/push', /private/],
      ['https://fcm.googleapis.com:8443/fcm/send/abc', /default https port/],
      ['https://user:pw@fcm.googleapis.com/fcm/send/abc', /user name or password/],
    ];
    for (const [endpoint, message] of cases) {
      const response = await register(tenant.memberToken, { endpoint, keys });
      expect(response.status, endpoint).toBe(400);
      const error = await errorOf(response);
      expect(pathsOf(error), endpoint).toEqual(['subscription.endpoint']);
      expect(error.details![0]!.message, endpoint).toMatch(message);
    }
    expect(await subscriptionRows()).toBe(before);
  });

  it('accepts the known push services and their subdomains', async () => {
    const user = await t.tenant();
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://web.push.apple.com/QGm0ZpB',
      'https://wns2-by3p.notify.windows.com/w/?token=BQYAAAB',
    ]) {
      const response = await register(user.memberToken, {
        endpoint,
        keys: newSubscription().keys,
      });
      expect(response.status, endpoint).toBe(201);
      expect((await json<PushRegistration>(response)).device.service).toBe(
        new URL(endpoint).origin,
      );
    }
  });

  it('refuses keys that cannot encrypt, naming each', async () => {
    const { endpoint } = newSubscription();
    const before = await subscriptionRows();
    // 65 bytes that are not a point on P-256, and a 12-byte secret.
    const notAPoint = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
    const response = await register(tenant.memberToken, {
      endpoint,
      keys: { p256dh: notAPoint, auth: randomBytes(12).toString('base64url') },
    });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response)).sort()).toEqual([
      'subscription.keys.auth',
      'subscription.keys.p256dh',
    ]);
    const short = await register(tenant.memberToken, {
      endpoint,
      keys: {
        p256dh: randomBytes(33).toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
    });
    expect(pathsOf(await errorOf(short))).toEqual(['subscription.keys.p256dh']);
    const missing = await register(tenant.memberToken, { endpoint });
    expect(pathsOf(await errorOf(missing))).toEqual(['subscription.keys']);
    expect(await subscriptionRows()).toBe(before);
  });

  it('refuses loopback endpoints unless the app allows them (tests only)', async () => {
    const strict = await createTestContext({ push: { vapid } });
    try {
      const owner = await strict.tenant();
      const response = await strict.request('/v1/me/push-subscriptions', {
        method: 'POST',
        token: owner.memberToken,
        json: { subscription: newSubscription() },
      });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(pathsOf(error)).toEqual(['subscription.endpoint']);
      expect(error.details![0]!.message).toMatch(/loopback/);
    } finally {
      await strict.close();
    }
  });

  it('answers 401 without a user token', async () => {
    const response = await t.request('/v1/me/push-subscriptions', {
      method: 'POST',
      json: { subscription: newSubscription() },
    });
    expect(response.status).toBe(401);
  });
});

describe('DELETE /v1/me/push-subscriptions/{id}', () => {
  it('revokes my browser; another user’s or account’s is a 404 and stays', async () => {
    const mine = await registered(tenant.memberToken);
    const theirs = await registered(other.memberToken);
    const teammates = await registered(tenant.adminToken);
    for (const [id, token] of [
      [theirs.device.id, tenant.memberToken],
      [teammates.device.id, tenant.memberToken],
      [mine.device.id, other.memberToken],
    ] as const) {
      const response = await t.request(`/v1/me/push-subscriptions/${id}`, {
        method: 'DELETE',
        token,
      });
      expect(response.status).toBe(404);
    }
    const response = await t.request(`/v1/me/push-subscriptions/${mine.device.id}`, {
      method: 'DELETE',
      token: tenant.memberToken,
    });
    expect(response.status).toBe(204);
    expect((await devices(tenant.memberToken)).map((d) => d.id)).not.toContain(mine.device.id);
    expect((await devices(other.memberToken)).map((d) => d.id)).toContain(theirs.device.id);
    expect((await devices(tenant.adminToken)).map((d) => d.id)).toContain(teammates.device.id);
    // Its token died with it.
    expect(
      (await device('renew', mine.deviceToken, { subscription: newSubscription() })).status,
    ).toBe(401);
    const invalid = await t.request('/v1/me/push-subscriptions/not-a-uuid', {
      method: 'DELETE',
      token: tenant.memberToken,
    });
    expect(pathsOf(await errorOf(invalid))).toEqual(['id']);
  });
});

describe('POST /v1/me/push-subscriptions/{id}/test', () => {
  const test = (id: string, token: string) =>
    t.request(`/v1/me/push-subscriptions/${id}/test`, { method: 'POST', token });

  it('pushes "notifications are on" in the user’s language through the real sender', async () => {
    const admin = await registered(tenant.adminToken);
    const member = await registered(tenant.memberToken);
    expect(await json<PushTestResult>(await test(admin.device.id, tenant.adminToken))).toEqual({
      outcome: 'sent',
      status: 201,
      error: null,
    });
    expect(await json<PushTestResult>(await test(member.device.id, tenant.memberToken))).toEqual({
      outcome: 'sent',
      status: 201,
      error: null,
    });
    const [english] = service.received(admin.subscription.endpoint);
    const [french] = service.received(member.subscription.endpoint);
    expect(english!.problems).toEqual([]);
    expect(english!.payload).toMatchObject({
      v: 1,
      id: null,
      type: 'baylink.test',
      title: 'Browser notifications are on',
      tag: 'baylink:test',
    } satisfies Partial<PushPayload>);
    expect((french!.payload as PushPayload).title).toBe(
      'Les notifications du navigateur sont activées',
    );
    expect(english!.headers.urgency).toBe('high');
    expect(english!.headers.ttl).toBe('300');
    // The push reached the push service: the device list says when.
    const listed = await devices(tenant.adminToken);
    expect(listed.find((d) => d.id === admin.device.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it('says gone (and removes the device) on 410, failed with the status on 500', async () => {
    const user = await t.tenant();
    const gone = await registered(user.memberToken);
    service.script(gone.subscription.endpoint, { status: 410 });
    expect(await json<PushTestResult>(await test(gone.device.id, user.memberToken))).toEqual({
      outcome: 'gone',
      status: 410,
      error: 'The push service answered 410',
    });
    expect(await devices(user.memberToken)).toEqual([]);

    const failing = await registered(user.memberToken);
    service.script(failing.subscription.endpoint, { status: 500, body: 'Down for maintenance' });
    expect(await json<PushTestResult>(await test(failing.device.id, user.memberToken))).toEqual({
      outcome: 'failed',
      status: 500,
      error: 'The push service answered 500: Down for maintenance',
    });
  });

  it('answers 404 for another user’s or account’s device, without a push', async () => {
    const theirs = await registered(other.memberToken);
    const teammates = await registered(tenant.adminToken);
    expect((await test(theirs.device.id, tenant.memberToken)).status).toBe(404);
    expect((await test(teammates.device.id, tenant.memberToken)).status).toBe(404);
    expect(service.received(theirs.subscription.endpoint)).toEqual([]);
    expect(service.received(teammates.subscription.endpoint)).toEqual([]);
  });
});

describe('POST /v1/push/device/renew (device token)', () => {
  it('replaces the endpoint and keys; the device keeps its id and its token', async () => {
    const user = await t.tenant();
    const first = await registered(user.memberToken);
    const next = newSubscription();
    const response = await device('renew', first.deviceToken, { subscription: next });
    expect(response.status).toBe(200);
    const renewed = await json<PushRegistration>(response);
    expect(renewed.device.id).toBe(first.device.id);
    expect(renewed.deviceToken).toBe(first.deviceToken);
    const [row] = await t.sql`
      select endpoint, p256dh from push_subscriptions where id = ${first.device.id}`;
    expect(row).toEqual({ endpoint: next.endpoint, p256dh: next.keys.p256dh });
    // Pushes now go to the new endpoint.
    await t.request(`/v1/me/push-subscriptions/${first.device.id}/test`, {
      method: 'POST',
      token: user.memberToken,
    });
    expect(service.received(next.endpoint)).toHaveLength(1);
    expect(service.received(first.subscription.endpoint)).toHaveLength(0);
  });

  it('checks the new subscription like a registration, changing nothing when refused', async () => {
    const user = await t.tenant();
    const first = await registered(user.memberToken);
    const response = await device('renew', first.deviceToken, {
      subscription: { endpoint: 'https://10.1.1.1/push', keys: newSubscription().keys },
    });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(['subscription.endpoint']);
    const [row] =
      await t.sql`select endpoint from push_subscriptions where id = ${first.device.id}`;
    expect(row!.endpoint).toBe(first.subscription.endpoint);
  });

  it('answers 401 for a missing or wrong device token, and a user token is not one', async () => {
    const body = { subscription: newSubscription() };
    const missing = await device('renew', null, body);
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).code).toBe('token_missing');
    const wrong = await device('renew', `bl_dt_${randomBytes(32).toString('base64url')}`, body);
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe('token_invalid');
    // The token is checked before the body: no credentials, no validation details.
    expect((await device('renew', null, {})).status).toBe(401);
    const bearer = await t.request('/v1/push/device/renew', {
      method: 'POST',
      token: tenant.memberToken,
      json: body,
    });
    expect(bearer.status).toBe(401);
  });

  it('refuses a page on an origin the device’s integrator does not list', async () => {
    const mine = await registered(tenant.memberToken);
    const listed = await device(
      'renew',
      mine.deviceToken,
      { subscription: newSubscription() },
      { origin: HOST_ORIGIN },
    );
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(HOST_ORIGIN);
    // `other`'s integrator does not list the host's origin.
    const theirs = await registered(other.memberToken);
    const refused = await device(
      'renew',
      theirs.deviceToken,
      { subscription: newSubscription() },
      { origin: HOST_ORIGIN },
    );
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('origin_not_allowed');
  });
});

describe('POST /v1/push/device/read (device token)', () => {
  /** Posts an event to the member and answers the id of the notification it got. */
  async function notificationFor(owner: TestTenant, userId: string) {
    const response = await postEvent(t, owner, {
      accountId: owner.accountId,
      type: 'conversations.mention',
      recipients: { userIds: [userId] },
      body: 'Look at this',
    });
    expect(response.status).toBe(202);
    const { id } = await json<{ id: string }>(response);
    const [row] = await t.sql<{ id: string }[]>`
      select id::text from notifications where event_id = ${id} and user_id = ${userId}`;
    return row!.id;
  }

  const counts = async (token: string) =>
    json<NotificationCounts>(await t.request('/v1/me/notifications/counts', { token }));

  it('marks the notification read for the device’s user, with the stream event the bell follows', async () => {
    const user = await t.tenant();
    const mine = await registered(user.memberToken);
    const notificationId = await notificationFor(user, user.member.id);
    expect((await counts(user.memberToken)).unread).toBe(1);
    const [before] = await t.sql<{ seq: string }[]>`
      select coalesce(max(seq), 0)::text as seq from stream_events
      where account_id = ${user.accountId}`;

    const response = await device('read', mine.deviceToken, { notificationId });
    expect(response.status).toBe(204);

    expect(await counts(user.memberToken)).toEqual({ unread: 0, unseen: 0 });
    const inbox = await json<{ items: { id: string; readAt: string | null }[] }>(
      await t.request('/v1/me/notifications', { token: user.memberToken }),
    );
    expect(inbox.items.find((item) => item.id === notificationId)?.readAt).toEqual(
      expect.any(String),
    );
    const events = await t.sql<
      { kind: string; user_id: string; payload: { items: { id: string }[] } }[]
    >`
      select kind, user_id::text, payload from stream_events
      where account_id = ${user.accountId} and seq > ${before!.seq}::bigint`;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'notifications.changed', user_id: user.member.id });
    expect(events[0]!.payload.items.map((item) => item.id)).toEqual([notificationId]);

    // Again: already read, nothing more written.
    expect((await device('read', mine.deviceToken, { notificationId })).status).toBe(204);
    const [after] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from stream_events
      where account_id = ${user.accountId} and seq > ${before!.seq}::bigint`;
    expect(after!.n).toBe(1);
  });

  it('answers 404 for a notification of another user or account, changing nothing', async () => {
    const mine = await registered(tenant.memberToken);
    const teammates = await notificationFor(tenant, tenant.admin.id);
    const strangers = await notificationFor(other, other.member.id);
    for (const notificationId of [teammates, strangers]) {
      const response = await device('read', mine.deviceToken, { notificationId });
      expect(response.status).toBe(404);
    }
    const [row] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from notifications
      where id in (${teammates}, ${strangers}) and read_at is not null`;
    expect(row!.n).toBe(0);
  });

  it('answers 401 for a wrong token and 400 for a body without a notification id', async () => {
    const mine = await registered(tenant.memberToken);
    const notificationId = await notificationFor(tenant, tenant.member.id);
    const wrong = await device('read', `${mine.deviceToken}x`, { notificationId });
    expect(wrong.status).toBe(401);
    const [row] = await t.sql`select read_at from notifications where id = ${notificationId}`;
    expect(row!.read_at).toBeNull();
    const invalid = await device('read', mine.deviceToken, { notification: notificationId });
    expect(invalid.status).toBe(400);
    expect(pathsOf(await errorOf(invalid))).toContain('notificationId');
  });
});

describe('the API description', () => {
  it('documents the web push routes and the device token scheme', async () => {
    const doc = await json<{
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    }>(await t.request('/v1/openapi.json'));
    expect(Object.keys(doc.paths['/v1/me/push-subscriptions'] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
    for (const path of [
      '/v1/push/config',
      '/v1/me/push-subscriptions/{id}',
      '/v1/me/push-subscriptions/{id}/test',
      '/v1/push/device/renew',
      '/v1/push/device/read',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.components.securitySchemes).toHaveProperty('deviceToken');
    expect(doc.components.schemas).toHaveProperty('PushRegistration');
  });
});
