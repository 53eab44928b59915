import { createHmac, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BaylinkError,
  createServerClient,
  type MobileWebhookPayload,
  type ServerClient,
  verifyWebhook,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookVerificationError,
} from '@baylink/sdk/server';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvent } from './support/events-fixtures.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// The server SDK's delivery parts: the mobile webhook's settings, the deliveries of an account,
// the notification settings URL, and verifyWebhook for receivers.

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;
let server: Server;
let baseUrl: string;
let baylink: ServerClient;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, resolve) as Server;
  });
  baseUrl = `http://127.0.0.1:${address.port}`;
  baylink = createServerClient({ baseUrl, apiKey: tenant.apiKey });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

async function rejection(promise: Promise<unknown>): Promise<BaylinkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BaylinkError);
    return error as BaylinkError;
  }
  throw new Error('Expected the call to reject');
}

describe('baylink.mobileWebhook', () => {
  it('sets, reads, rotates and removes the webhook', async () => {
    expect(await baylink.mobileWebhook.get()).toBeNull();
    const created = await baylink.mobileWebhook.set({ url: 'https://mobile.example.com/baylink' });
    expect(created).toEqual({
      url: 'https://mobile.example.com/baylink',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
    });
    expect(await baylink.mobileWebhook.get()).toEqual({
      ...created,
      secret: `whsec_…${created.secret.slice(-4)}`,
    });
    const moved = await baylink.mobileWebhook.set({ url: 'https://mobile.example.com/v2' });
    expect(moved).toEqual({
      url: 'https://mobile.example.com/v2',
      secret: `whsec_…${created.secret.slice(-4)}`,
      createdAt: created.createdAt,
    });
    const rotated = await baylink.mobileWebhook.rotateSecret();
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(rotated.secret).not.toBe(created.secret);

    // Another integrator sees none of it.
    const theirs = createServerClient({ baseUrl, apiKey: other.apiKey });
    expect(await theirs.mobileWebhook.get()).toBeNull();
    expect((await rejection(theirs.mobileWebhook.rotateSecret())).status).toBe(404);

    await baylink.mobileWebhook.remove();
    expect(await baylink.mobileWebhook.get()).toBeNull();
    await baylink.mobileWebhook.remove();
  });

  it('refuses a bad URL: before sending when the contract says so, else with the API’s 400', async () => {
    let calls = 0;
    const counted = createServerClient({
      baseUrl,
      apiKey: tenant.apiKey,
      fetch: (input, init) => {
        calls += 1;
        return fetch(input, init);
      },
    });
    const notUrl = await rejection(counted.mobileWebhook.set({ url: 'mobile.example.com' }));
    expect(notUrl).toMatchObject({ status: 0, code: 'validation_failed' });
    expect(notUrl.details.map((detail) => detail.path)).toEqual(['url']);
    expect(calls).toBe(0);

    const plainHttp = await rejection(
      counted.mobileWebhook.set({ url: 'http://mobile.example.com/hook' }),
    );
    expect(plainHttp).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(plainHttp.fieldMessage('url')).toMatch(/https:/);
    expect(await counted.mobileWebhook.get()).toBeNull();
  });
});

describe('baylink.integrator.notificationSettingsUrl', () => {
  it('sets and clears it, and checks it before sending', async () => {
    const url = 'https://portal.example.com/settings/notifications';
    expect((await baylink.integrator.get()).notificationSettingsUrl).toBeNull();
    expect(
      (await baylink.integrator.update({ notificationSettingsUrl: url })).notificationSettingsUrl,
    ).toBe(url);
    expect((await baylink.integrator.get()).notificationSettingsUrl).toBe(url);
    const bad = await rejection(
      baylink.integrator.update({ notificationSettingsUrl: 'javascript:alert(1)' }),
    );
    expect(bad).toMatchObject({ status: 0, code: 'validation_failed' });
    expect(bad.details.map((detail) => detail.path)).toEqual(['notificationSettingsUrl']);
    expect(
      (await baylink.integrator.update({ notificationSettingsUrl: null })).notificationSettingsUrl,
    ).toBeNull();
  });
});

describe('baylink.deliveries', () => {
  it('lists an account’s deliveries and retries the dead ones', async () => {
    await baylink.mobileWebhook.set({ url: 'https://mobile.example.com/baylink' });
    const accepted = await json<{ id: string }>(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        type: 'conversations.mention',
        recipients: { userIds: [tenant.admin.id, tenant.member.id] },
        title: 'Mention',
      }),
    );
    const rows = await t.sql<{ id: string; channel: string; user_id: string }[]>`
      select d.id, d.channel, d.user_id from deliveries d
      join notifications n on n.account_id = d.account_id and n.id = d.notification_id
      where n.event_id = ${accepted.id} order by d.channel, d.user_id`;
    // A mention goes by email (on by default) and to the mobile webhook, for both users.
    expect(rows.map((row) => row.channel)).toEqual(['email', 'email', 'mobile', 'mobile']);
    const dead = rows.find((row) => row.channel === 'mobile')!;
    await t.sql`update deliveries set status = 'dead', attempts = 8,
                  last_error = 'The webhook at mobile.example.com answered 410'
                where account_id = ${tenant.accountId} and id = ${dead.id}`;

    const page = await baylink.deliveries.list(tenant.accountId, { limit: 10 });
    expect(page.items.map((item) => item.id).sort()).toEqual(rows.map((row) => row.id).sort());
    const deadPage = await baylink.deliveries.list(tenant.accountId, { status: 'dead' });
    expect(deadPage.items).toEqual([
      expect.objectContaining({
        id: dead.id,
        channel: 'mobile',
        destination: 'webhook',
        status: 'dead',
        lastError: 'The webhook at mobile.example.com answered 410',
      }),
    ]);
    const mobilePage = await baylink.deliveries.list(tenant.accountId, {
      channel: 'mobile',
      limit: 1,
    });
    expect(mobilePage.items).toHaveLength(1);
    expect(mobilePage.nextCursor).toEqual(expect.any(String));

    const queued = rows.find((row) => row.channel === 'email')!;
    const retried = await baylink.deliveries.retry(tenant.accountId, [dead.id, queued.id]);
    expect(retried).toEqual({ retried: [dead.id], skipped: [queued.id] });
    const [row] = await t.sql<{ status: string }[]>`
      select status from deliveries where account_id = ${tenant.accountId} and id = ${dead.id}`;
    expect(row!.status).toBe('queued');

    const foreign = await rejection(baylink.deliveries.list(other.accountId));
    expect(foreign).toMatchObject({ status: 404 });
    const badQuery = await rejection(
      baylink.deliveries.list(tenant.accountId, { status: 'lost' as never }),
    );
    expect(badQuery).toMatchObject({ status: 0, code: 'validation_failed' });
    const noIds = await rejection(baylink.deliveries.retry(tenant.accountId, []));
    expect(noIds.details.map((detail) => detail.path)).toEqual(['ids']);
    await baylink.mobileWebhook.remove();
  });
});

describe('verifyWebhook', () => {
  const secret = `whsec_${'a'.repeat(43)}`;
  const now = new Date('2025-03-14T12:00:00Z');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const payload: MobileWebhookPayload = {
    id: randomUUID(),
    kind: 'notification',
    accountId: randomUUID(),
    user: { id: randomUUID(), referenceId: 'EMP-1', language: 'fr' },
    notification: {
      id: randomUUID(),
      type: 'conversations.mention',
      category: 'conversations',
      title: 'Ada vous a mentionné « ici »',
      body: null,
      link: null,
      data: {},
      createdAt: now.toISOString(),
    },
    urgent: true,
    sentAt: now.toISOString(),
  };
  const body = JSON.stringify(payload);
  const sign = (key: string, timestamp: number, text = body) =>
    createHmac('sha256', key).update(`${timestamp}.${text}`).digest('hex');
  const headersFor = (timestamp = nowSeconds, signature = `v1=${sign(secret, timestamp)}`) => ({
    'baylink-delivery-id': payload.id,
    'baylink-timestamp': String(timestamp),
    'baylink-signature': signature,
  });

  async function refusal(promise: Promise<unknown>): Promise<WebhookVerificationError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookVerificationError);
      return error as WebhookVerificationError;
    }
    throw new Error('Expected verifyWebhook to refuse');
  }

  it('answers the payload of a request signed with the secret', async () => {
    expect(await verifyWebhook({ secret, body, headers: headersFor(), now })).toEqual(payload);
    // Bytes, a fetch Headers and Node's header names in any case work alike.
    const bytes = new TextEncoder().encode(body);
    expect(
      await verifyWebhook({ secret, body: bytes, headers: new Headers(headersFor()), now }),
    ).toEqual(payload);
    const shouting = Object.fromEntries(
      Object.entries(headersFor()).map(([name, value]) => [name.toUpperCase(), value]),
    );
    expect(
      await verifyWebhook({ secret, body: Buffer.from(body), headers: shouting, now }),
    ).toEqual(payload);
  });

  it('accepts any of several signatures, and any of several secrets (rotation)', async () => {
    const previous = `whsec_${'b'.repeat(43)}`;
    const both = `v1=${sign(secret, nowSeconds)},v1=${sign(previous, nowSeconds)}`;
    for (const key of [secret, previous]) {
      expect(
        (await verifyWebhook({ secret: key, body, headers: headersFor(nowSeconds, both), now })).id,
      ).toBe(payload.id);
    }
    const signedWithPrevious = headersFor(nowSeconds, `v1=${sign(previous, nowSeconds)}`);
    expect(
      (await verifyWebhook({ secret: [secret, previous], body, headers: signedWithPrevious, now }))
        .id,
    ).toBe(payload.id);
  });

  it('refuses a bad signature, another secret, or a body changed after signing', async () => {
    const cases = [
      { headers: headersFor(nowSeconds, `v1=${'0'.repeat(64)}`) },
      { headers: headersFor(nowSeconds, `v1=${sign(`whsec_${'c'.repeat(43)}`, nowSeconds)}`) },
      { headers: headersFor(nowSeconds, `v0=${sign(secret, nowSeconds)}`) },
      { headers: headersFor(nowSeconds, 'garbage') },
      { headers: headersFor(), body: body.replace('"urgent":true', '"urgent":false') },
      // The signature covers the timestamp: another timestamp with the same signature fails.
      { headers: { ...headersFor(), 'baylink-timestamp': String(nowSeconds - 1) } },
    ];
    for (const { headers, body: sent = body } of cases) {
      const error = await refusal(verifyWebhook({ secret, body: sent, headers, now }));
      expect(error.code, JSON.stringify(headers)).toBe('invalid_signature');
    }
  });

  it('refuses a timestamp too old or too far ahead, even when correctly signed', async () => {
    const tolerance = WEBHOOK_TOLERANCE_SECONDS;
    expect(tolerance).toBe(300);
    for (const timestamp of [
      nowSeconds - tolerance - 1,
      nowSeconds + tolerance + 1,
      nowSeconds - 86_400,
    ]) {
      const error = await refusal(
        verifyWebhook({ secret, body, headers: headersFor(timestamp), now }),
      );
      expect(error.code).toBe('timestamp_out_of_range');
    }
    for (const timestamp of [nowSeconds - tolerance, nowSeconds + tolerance]) {
      expect((await verifyWebhook({ secret, body, headers: headersFor(timestamp), now })).id).toBe(
        payload.id,
      );
    }
    const stricter = await refusal(
      verifyWebhook({
        secret,
        body,
        headers: headersFor(nowSeconds - 20),
        now,
        toleranceSeconds: 10,
      }),
    );
    expect(stricter.code).toBe('timestamp_out_of_range');
    const notNumber = await refusal(
      verifyWebhook({
        secret,
        body,
        headers: { ...headersFor(), 'baylink-timestamp': 'yesterday' },
        now,
      }),
    );
    expect(notNumber.code).toBe('timestamp_out_of_range');
  });

  it('names a missing header, and a signed body that is not a payload', async () => {
    const { 'baylink-signature': _signature, ...unsigned } = headersFor();
    expect((await refusal(verifyWebhook({ secret, body, headers: unsigned, now }))).code).toBe(
      'missing_header',
    );
    const { 'baylink-timestamp': _timestamp, ...undated } = headersFor();
    expect((await refusal(verifyWebhook({ secret, body, headers: undated, now }))).code).toBe(
      'missing_header',
    );
    for (const text of ['not json', '{"kind":"something else"}', 'null']) {
      const headers = headersFor(nowSeconds, `v1=${sign(secret, nowSeconds, text)}`);
      const error = await refusal(verifyWebhook({ secret, body: text, headers, now }));
      expect(error.code, text).toBe('invalid_body');
    }
    const otherId = { ...headersFor(), 'baylink-delivery-id': randomUUID() };
    expect((await refusal(verifyWebhook({ secret, body, headers: otherId, now }))).code).toBe(
      'invalid_body',
    );
    await expect(verifyWebhook({ secret: '', body, headers: headersFor(), now })).rejects.toThrow(
      TypeError,
    );
  });
});
