import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { PushPayload, PushRegistration } from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { PUSH_PAYLOAD_MAX_BYTES, pushTopic } from '../src/services/delivery/push-payload.ts';
import {
  createPushSender,
  PUSH_RETRY_POLICY,
  type PushSender,
} from '../src/services/delivery/push-sender.ts';
import type { DeliveryJob, SenderContext } from '../src/services/delivery/types.ts';
import type { VapidKeys } from '../src/services/delivery/vapid.ts';
import { postEvent } from './support/events-fixtures.ts';
import { type FakePushService, startFakePushService } from './support/fake-push-service.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// The web push sender, worker-independent: jobs built from the rows the fan-out wrote, sent with
// `sender.send(job, ctx)` to a fake push service over HTTPS that checks the VAPID token and
// decrypts every payload with http_ece. Each answer a push service may give, and what it means.

const API = 'https://api.baylink.test';

let t: TestContext;
let tenant: TestTenant;
let service: FakePushService;
let vapid: VapidKeys;
let sender: PushSender;
const stop = new AbortController();

beforeAll(async () => {
  service = await startFakePushService();
  vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:push-tests@baylink.test' };
  t = await createTestContext({
    push: { vapid, allowLoopback: true, agent: service.agent },
  });
  tenant = await t.tenant();
  sender = createPushSender({
    sql: t.sql,
    vapid,
    agent: service.agent,
    endpointPolicy: { allowLoopback: true },
  });
});
afterAll(async () => {
  await sender?.close?.();
  await service?.close();
  await t?.close();
});

const context = (overrides: Partial<SenderContext> = {}): SenderContext => ({
  sql: t.sql,
  logger: t.deps.logger,
  mailer: t.deps.mailer!,
  publicUrl: API,
  now: () => new Date(),
  signal: stop.signal,
  ...overrides,
});

/** Subscribes a fake browser for a user through the API (the real registration path). */
async function subscribe(token: string) {
  const subscription = service.createSubscription({ applicationServerKey: vapid.publicKey });
  const response = await t.request('/v1/me/push-subscriptions', {
    method: 'POST',
    token,
    headers: {
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36',
    },
    json: { subscription },
  });
  expect(response.status).toBe(201);
  const registration = await json<PushRegistration>(response);
  return { endpoint: subscription.endpoint, deviceId: registration.device.id };
}

interface JobRow {
  account_id: string;
  id: string;
  integrator_id: string;
  destination: string;
  push_subscription_id: string | null;
  attempts: number;
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

/** The web_push deliveries an event queued, as the jobs a worker would hold. */
async function pushJobs(eventId: string): Promise<DeliveryJob[]> {
  const rows = await t.sql<JobRow[]>`
    select d.account_id::text, d.id::text, a.integrator_id::text, d.destination,
      d.push_subscription_id::text, d.attempts, n.id::text as notification_id, n.type,
      n.category, n.title, n.body, n.link, n.actor_name, n.data, n.created_at,
      u.id::text as user_id, u.name as user_name, u.email, u.language, u.reference_id
    from deliveries d
    join accounts a on a.id = d.account_id
    join notifications n on n.account_id = d.account_id and n.id = d.notification_id
    join users u on u.account_id = d.account_id and u.id = d.user_id
    where n.event_id = ${eventId} and d.channel = 'web_push'
    order by d.created_at, d.id`;
  return rows.map((row) => ({
    accountId: row.account_id,
    integratorId: row.integrator_id,
    id: row.id,
    channel: 'web_push',
    destination: row.destination,
    pushSubscriptionId: row.push_subscription_id,
    attempt: row.attempts + 1,
    leaseToken: randomUUID(),
    notification: {
      id: row.notification_id,
      type: row.type,
      category: row.category,
      title: row.title,
      body: row.body,
      link: row.link,
      actorName: row.actor_name,
      data: row.data,
      createdAt: row.created_at,
      required: false,
    },
    user: {
      id: row.user_id,
      name: row.user_name,
      email: row.email,
      language: row.language,
      referenceId: row.reference_id,
    },
  }));
}

/** Posts an event for one user of a tenant and answers its one web push job. */
async function oneJob(
  owner: TestTenant,
  userId: string,
  event: { type?: string; body?: unknown; title?: unknown; data?: object; link?: string } = {},
) {
  const response = await postEvent(t, owner, {
    accountId: owner.accountId,
    type: event.type ?? 'conversations.mention',
    recipients: { userIds: [userId] },
    title: event.title ?? { en: 'Ada mentioned you', fr: 'Ada vous a mentionné' },
    body: event.body ?? { en: 'Can you look at RO 4521?', fr: 'Peux-tu regarder le BT 4521?' },
    link: event.link ?? 'https://portal.example.com/conversations/42',
    data: event.data ?? { conversationId: 'conv-42' },
  });
  expect(response.status).toBe(202);
  const { id } = await json<{ id: string }>(response);
  const jobs = await pushJobs(id);
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
}

/** A tenant of its own (so other tests' devices stay out), its member subscribed once. */
async function subscribedMember() {
  const owner = await t.tenant();
  const device = await subscribe(owner.memberToken);
  const job = (event: Parameters<typeof oneJob>[2] = {}) => oneJob(owner, owner.member.id, event);
  return { owner, ...device, job };
}

const subscriptionExists = async (deviceId: string) => {
  const [row] = await t.sql`select 1 from push_subscriptions where id = ${deviceId}`;
  return Boolean(row);
};

describe('a push the push service accepts', () => {
  it('arrives encrypted, decrypts to the notification in the recipient’s language, with TTL, Urgency and Topic', async () => {
    const { endpoint, deviceId } = await subscribe(tenant.memberToken);
    const job = await oneJob(tenant, tenant.member.id);
    expect(job.destination).toBe(deviceId);

    expect(await sender.send(job, context())).toEqual({ kind: 'sent' });

    const [push] = service.received(endpoint);
    expect(service.problems()).toEqual([]);
    expect(push!.status).toBe(201);
    const payload = push!.payload as PushPayload;
    expect(payload).toEqual({
      v: 1,
      id: job.notification.id,
      type: 'conversations.mention',
      // The member reads French.
      title: 'Ada vous a mentionné',
      body: 'Peux-tu regarder le BT 4521?',
      tag: 'baylink:conversations.mention:conv-42',
      link: 'https://portal.example.com/conversations/42',
      icon: null,
      api: API,
      createdAt: job.notification.createdAt,
    });
    expect(push!.headers['content-encoding']).toBe('aes128gcm');
    // A mention: high urgency, kept an hour for an offline browser.
    expect(push!.headers.ttl).toBe('3600');
    expect(push!.headers.urgency).toBe('high');
    expect(push!.headers.topic).toBe(pushTopic(payload.tag));
    expect(push!.headers.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(push!.jwt?.claims).toMatchObject({ aud: service.origin, sub: vapid.subject });
    expect(push!.jwt?.key).toBe(vapid.publicKey);

    const [device] = await t.sql<{ last_used_at: string | null }[]>`
      select last_used_at from push_subscriptions where id = ${deviceId}`;
    expect(device!.last_used_at).not.toBeNull();
  });

  it('gives normal types normal urgency and a day of TTL, and one tag and topic per item', async () => {
    const other = await subscribedMember();
    const first = await other.job({ type: 'conversations.new_message' });
    const second = await other.job({ type: 'conversations.new_message' });
    const elsewhere = await other.job({
      type: 'conversations.new_message',
      data: { conversationId: 'conv-77' },
    });
    const noItem = await other.job({ type: 'conversations.new_message', data: {} });
    for (const job of [first, second, elsewhere, noItem]) {
      expect(await sender.send(job, context())).toEqual({ kind: 'sent' });
    }
    const pushes = service.received(other.endpoint);
    expect(pushes.map((push) => push.headers.urgency)).toEqual([
      'normal',
      'normal',
      'normal',
      'normal',
    ]);
    expect(pushes.map((push) => push.headers.ttl)).toEqual(['86400', '86400', '86400', '86400']);
    const tags = pushes.map((push) => (push.payload as PushPayload).tag);
    expect(tags).toEqual([
      'baylink:conversations.new_message:conv-42',
      'baylink:conversations.new_message:conv-42',
      'baylink:conversations.new_message:conv-77',
      `baylink:conversations.new_message:${noItem.notification.id}`,
    ]);
    const topics = pushes.map((push) => push.headers.topic);
    expect(topics[0]).toBe(topics[1]);
    expect(new Set(topics).size).toBe(3);
    expect(service.problems()).toEqual([]);
  });

  it('keeps the payload well under 3 KB: long texts are cut with an ellipsis, the link kept', async () => {
    const { endpoint } = await subscribe(tenant.adminToken);
    const long = 'Le client demande un rappel au sujet de la facture. '.repeat(38);
    const link = `https://portal.example.com/ro/4521?${'x'.repeat(1800)}`;
    const job = await oneJob(tenant, tenant.admin.id, {
      title: 'É'.repeat(1500),
      body: long.slice(0, 2000),
      link,
    });
    expect(await sender.send(job, context())).toEqual({ kind: 'sent' });
    const [push] = service.received(endpoint);
    expect(push!.text).not.toBeNull();
    expect(Buffer.byteLength(push!.text!)).toBeLessThanOrEqual(PUSH_PAYLOAD_MAX_BYTES);
    const payload = push!.payload as PushPayload;
    expect(payload.title.endsWith('…')).toBe(true);
    expect(payload.title.startsWith('ÉÉÉ')).toBe(true);
    expect(payload.link).toBe(link);
    expect(payload.body === null || payload.body.endsWith('…')).toBe(true);
    expect(service.problems()).toEqual([]);
  });
});

describe('answers that end the delivery', () => {
  for (const status of [404, 410]) {
    it(`deletes the subscription on ${status} and answers gone`, async () => {
      const { endpoint, deviceId, job: queue } = await subscribedMember();
      const job = await queue();
      service.script(endpoint, { status, body: 'Subscription expired' });

      const outcome = await sender.send(job, context());
      expect(outcome).toEqual({
        kind: 'gone',
        error: `The push service answered ${status}: Subscription expired`,
      });
      expect(await subscriptionExists(deviceId)).toBe(false);
      // Its queued deliveries no longer point anywhere (the worker ends them without a send).
      const [delivery] =
        await t.sql`select push_subscription_id from deliveries where id = ${job.id}`;
      expect(delivery!.push_subscription_id).toBeNull();
      // A later job for it is gone without a request.
      const before = service.received(endpoint).length;
      expect((await sender.send(job, context())).kind).toBe('gone');
      expect(service.received(endpoint)).toHaveLength(before);
    });
  }

  for (const status of [400, 413]) {
    it(`gives up at once on ${status} (permanent) and keeps the subscription`, async () => {
      const { endpoint, deviceId, job: queue } = await subscribedMember();
      const job = await queue();
      service.script(endpoint, { status });
      const outcome = await sender.send(job, context());
      expect(outcome).toEqual({ kind: 'permanent', error: `The push service answered ${status}` });
      expect(await subscriptionExists(deviceId)).toBe(true);
    });
  }

  it('gives up when the endpoint is no longer allowed, without a request', async () => {
    const { endpoint, job: queue } = await subscribedMember();
    const job = await queue();
    const strict = createPushSender({ sql: t.sql, vapid, agent: service.agent });
    try {
      const outcome = await strict.send(job, context());
      expect(outcome.kind).toBe('permanent');
      expect(outcome.kind === 'permanent' && outcome.error).toMatch(/loopback/);
      expect(service.received(endpoint)).toHaveLength(0);
    } finally {
      await strict.close?.();
    }
  });

  it('answers gone for a revoked subscription and for an expired one (which it deletes)', async () => {
    const revoked = await subscribedMember();
    const revokedJob = await revoked.job();
    await t.request(`/v1/me/push-subscriptions/${revoked.deviceId}`, {
      method: 'DELETE',
      token: revoked.owner.memberToken,
    });
    expect(await sender.send(revokedJob, context())).toEqual({
      kind: 'gone',
      error: 'The push subscription no longer exists',
    });

    const expired = await subscribedMember();
    const expiredJob = await expired.job();
    await t.sql`
      update push_subscriptions set expires_at = now() - interval '1 minute'
      where id = ${expired.deviceId}`;
    expect(await sender.send(expiredJob, context())).toEqual({
      kind: 'gone',
      error: 'The push subscription expired',
    });
    expect(await subscriptionExists(expired.deviceId)).toBe(false);
    expect(service.received(revoked.endpoint)).toHaveLength(0);
    expect(service.received(expired.endpoint)).toHaveLength(0);
  });
});

describe('answers that try again later', () => {
  it('surfaces Retry-After in seconds on 429', async () => {
    const { endpoint, deviceId, job: queue } = await subscribedMember();
    const job = await queue();
    service.script(endpoint, { status: 429, retryAfter: '120', body: 'Slow down' });
    expect(await sender.send(job, context())).toEqual({
      kind: 'retry',
      error: 'The push service answered 429: Slow down',
      retryAfterMs: 120_000,
    });
    expect(await subscriptionExists(deviceId)).toBe(true);
    // The next attempt goes through.
    expect(await sender.send(job, context())).toEqual({ kind: 'sent' });
  });

  it('reads a Retry-After date against the wall clock (a past date: now; at most a day)', async () => {
    const { endpoint, job: queue } = await subscribedMember();
    const job = await queue();
    service.script(
      endpoint,
      { status: 503, retryAfter: new Date(Date.now() + 90_000).toUTCString() },
      { status: 429, retryAfter: 'Mon, 01 Jan 2001 00:00:00 GMT' },
      { status: 429, retryAfter: 'Fri, 01 Jan 2100 00:00:00 GMT' },
      { status: 429, retryAfter: 'soon' },
    );
    const first = await sender.send(job, context());
    expect(first.kind).toBe('retry');
    const delay = first.kind === 'retry' ? (first.retryAfterMs ?? -1) : -1;
    expect(delay).toBeGreaterThan(60_000);
    expect(delay).toBeLessThanOrEqual(90_000);
    expect(await sender.send(job, context())).toMatchObject({ kind: 'retry', retryAfterMs: 0 });
    expect(await sender.send(job, context())).toMatchObject({
      kind: 'retry',
      retryAfterMs: 24 * 3600 * 1000,
    });
    const unreadable = await sender.send(job, context());
    expect(unreadable.kind === 'retry' && 'retryAfterMs' in unreadable).toBe(false);
  });

  it('retries on 500 without a delay of its own, keeping the subscription', async () => {
    const { endpoint, deviceId, job: queue } = await subscribedMember();
    const job = await queue();
    service.script(endpoint, { status: 500, body: 'Internal error' });
    expect(await sender.send(job, context())).toEqual({
      kind: 'retry',
      error: 'The push service answered 500: Internal error',
    });
    expect(await subscriptionExists(deviceId)).toBe(true);
  });

  it('gives up on a push service that never answers after its timeout, and retries', async () => {
    const { endpoint, job: queue } = await subscribedMember();
    const job = await queue();
    const quick = createPushSender({
      sql: t.sql,
      vapid,
      agent: service.agent,
      endpointPolicy: { allowLoopback: true },
      timeoutMs: 300,
    });
    try {
      service.script(endpoint, 'hang');
      expect(await quick.send(job, context())).toEqual({
        kind: 'retry',
        error: 'The push service did not answer within 300 ms',
      });
      // The hanging request did arrive (and decrypted): the push service simply never answered.
      const [push] = service.received(endpoint);
      expect(push!.status).toBeNull();
      expect((push!.payload as PushPayload).id).toBe(job.notification.id);
      // The sender is not stuck: the next push goes through.
      expect(await quick.send(job, context())).toEqual({ kind: 'sent' });
    } finally {
      await quick.close?.();
    }
  });

  it('gives up its request when the worker stops (the context’s signal), and retries', async () => {
    const { endpoint, job: queue } = await subscribedMember();
    const job = await queue();
    service.script(endpoint, 'hang');
    const stopping = new AbortController();
    const sending = sender.send(job, context({ signal: stopping.signal }));
    // Abort once the push service holds the request.
    while (service.received(endpoint).length === 0) await new Promise((r) => setTimeout(r, 5));
    stopping.abort();
    expect(await sending).toEqual({
      kind: 'retry',
      error: 'Stopped before the push service answered',
    });
  });

  it('retries when the push service cannot be reached', async () => {
    const { deviceId, job: queue } = await subscribedMember();
    const job = await queue();
    // A closed port on the loopback address.
    await t.sql`
      update push_subscriptions set endpoint = 'https://127.0.0.1:1/push/closed'
      where id = ${deviceId}`;
    const outcome = await sender.send(job, context());
    expect(outcome.kind).toBe('retry');
    expect(outcome.kind === 'retry' && outcome.error).toMatch(
      /^Could not reach the push service: /,
    );
  });

  it('declares about 8 attempts within about half an hour', () => {
    expect(PUSH_RETRY_POLICY.maxAttempts).toBe(8);
    // The longest possible schedule: base × 2^n, capped, over the 7 waits between 8 attempts.
    let total = 0;
    for (let n = 0; n < PUSH_RETRY_POLICY.maxAttempts - 1; n++) {
      total += Math.min(PUSH_RETRY_POLICY.capMs, PUSH_RETRY_POLICY.baseMs * 2 ** n);
    }
    expect(total).toBeGreaterThan(20 * 60_000);
    expect(total).toBeLessThanOrEqual(30 * 60_000);
  });
});

describe('the VAPID token', () => {
  it('is signed once per push service origin and reused across pushes', async () => {
    const other = await t.tenant();
    const fresh = createPushSender({
      sql: t.sql,
      vapid,
      agent: service.agent,
      endpointPolicy: { allowLoopback: true },
    });
    try {
      const devices = [await subscribe(other.memberToken), await subscribe(other.memberToken)];
      const event = await postEvent(t, other, {
        accountId: other.accountId,
        type: 'conversations.new_message',
        recipients: { userIds: [other.member.id] },
        body: 'A new message',
      });
      const jobs = await pushJobs((await json<{ id: string }>(event)).id);
      expect(jobs).toHaveLength(2);
      for (let round = 0; round < 3; round++) {
        for (const job of jobs) expect(await fresh.send(job, context())).toEqual({ kind: 'sent' });
      }
      const pushes = devices.flatMap((device) => service.received(device.endpoint));
      expect(pushes).toHaveLength(6);
      expect(new Set(pushes.map((push) => push.jwt?.token)).size).toBe(1);
      expect(fresh.signer.signatures).toBe(1);
      // A 12-hour token: its exp is 12 hours from when it was signed.
      const exp = pushes[0]!.jwt!.claims.exp as number;
      const now = Date.now() / 1000;
      expect(exp).toBeGreaterThan(now + 11 * 3600);
      expect(exp).toBeLessThanOrEqual(now + 12 * 3600 + 1);
      expect(service.problems()).toEqual([]);
    } finally {
      await fresh.close?.();
    }
  });

  it('is signed again an hour before it expires', async () => {
    let clock = Date.now();
    const clocked = createPushSender({
      sql: t.sql,
      vapid,
      agent: service.agent,
      endpointPolicy: { allowLoopback: true },
      signer: { now: () => clock },
    });
    try {
      const { endpoint, job: queue } = await subscribedMember();
      const job = await queue();
      await clocked.send(job, context());
      clock += 10 * 3600 * 1000; // 10 h later: still 2 h left, reused
      await clocked.send(job, context());
      clock += 61 * 60 * 1000; // 11 h 01 min: within the last hour, renewed
      await clocked.send(job, context());
      const tokens = service.received(endpoint).map((push) => push.jwt?.token);
      expect(tokens[0]).toBe(tokens[1]);
      expect(tokens[2]).not.toBe(tokens[1]);
      expect(clocked.signer.signatures).toBe(2);
      expect(service.problems()).toEqual([]);
    } finally {
      await clocked.close?.();
    }
  });

  it('is checked for real by the fake push service: a forged token is refused', async () => {
    const subscription = service.createSubscription();
    const signer = createPushSender({ sql: t.sql, vapid, agent: service.agent }).signer;
    const genuine = signer.authorization(service.origin);
    // The same token with its claims changed (a later exp) and the old signature.
    const [, token, key] = genuine.match(/^vapid t=([^,]+), k=(.+)$/)!;
    const [header, claims, signature] = token!.split('.');
    const later = JSON.parse(Buffer.from(claims!, 'base64url').toString());
    later.exp += 60;
    const forged = `vapid t=${header}.${Buffer.from(JSON.stringify(later)).toString('base64url')}.${signature}, k=${key}`;
    const details = webpush.generateRequestDetails(subscription, '{"v":1}', {
      TTL: 60,
      headers: { Authorization: forged },
    });
    const status = await new Promise<number>((resolve, reject) => {
      const request = https.request(
        subscription.endpoint,
        { method: 'POST', headers: details.headers, agent: service.agent },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(details.body);
    });
    expect(status).toBe(401);
    expect(service.received(subscription.endpoint)[0]!.problems).toEqual([
      'The JWT signature does not verify with k=',
    ]);
    service.reset();
  });

  it('is refused by the push service when signed with another key than the subscription’s (permanent)', async () => {
    const { endpoint, job: queue } = await subscribedMember();
    const job = await queue();
    const stranger = createPushSender({
      sql: t.sql,
      vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:someone@else.test' },
      agent: service.agent,
      endpointPolicy: { allowLoopback: true },
    });
    try {
      expect(await stranger.send(job, context())).toEqual({
        kind: 'permanent',
        error: 'The push service answered 403: VAPID key mismatch',
      });
      // The refused token is not kept: the next push signs a fresh one.
      await stranger.send(job, context());
      expect(stranger.signer.signatures).toBe(2);
      const pushes = service.received(endpoint);
      expect(pushes.map((push) => push.problems)).toEqual([
        ['k= is not the key this subscription was made with'],
        ['k= is not the key this subscription was made with'],
      ]);
    } finally {
      await stranger.close?.();
      // What this test provoked is no other test's problem.
      service.reset();
    }
  });
});
