import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BaylinkError, createClient } from '@baylink/sdk';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryStates, queueDeliveries } from './support/delivery-receiver.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// `client.deliveries` and `client.quietHours` of the browser client against the real API on a
// real socket.

let t: TestContext;
let tenant: TestTenant;
let server: Server;
let baseUrl: string;
/** Every request the server received, as `METHOD path?query`. */
const requests: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve(
      {
        fetch: (request) => {
          const url = new URL(request.url);
          requests.push(`${request.method} ${url.pathname}${url.search}`);
          return t.app.fetch(request);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      resolve,
    ) as Server;
  });
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

describe('client.deliveries', () => {
  it('lists with filters and pages, and retries, for an admin', async () => {
    const dead = await queueDeliveries(t.sql, 3, {
      accountId: tenant.accountId,
      userId: tenant.member.id,
      channel: 'mobile',
      status: 'dead',
      attempts: 8,
      lastError: 'The webhook answered 500 (gave up after 8 attempts)',
    });
    const [sent] = await queueDeliveries(t.sql, 1, {
      accountId: tenant.accountId,
      userId: tenant.member.id,
      channel: 'email',
      status: 'sent',
      attempts: 1,
    });
    const admin = createClient({ baseUrl, token: tenant.adminToken });

    const first = await admin.deliveries.list({ status: 'dead', channel: 'mobile', limit: 2 });
    expect(requests.at(-1)).toBe('GET /v1/deliveries?status=dead&channel=mobile&limit=2');
    expect(first.items).toHaveLength(2);
    expect(
      first.items.every((item) => item.status === 'dead' && item.destination === 'webhook'),
    ).toBe(true);
    const second = await admin.deliveries.list({
      status: 'dead',
      channel: 'mobile',
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.id).sort()).toEqual(
      [...dead].sort(),
    );

    const result = await admin.deliveries.retry([dead[0]!, sent!]);
    expect(requests.at(-1)).toBe('POST /v1/deliveries/retry');
    expect(result).toEqual({ retried: [dead[0]], skipped: [sent] });
    expect((await deliveryStates(t.sql, [dead[0]!])).get(dead[0]!)).toMatchObject({
      status: 'queued',
      attempts: 8,
    });
    admin.destroy();
  });

  it('rejects a member with a BaylinkError 403', async () => {
    const member = createClient({ baseUrl, token: tenant.memberToken });
    const error = await member.deliveries.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BaylinkError);
    expect((error as BaylinkError).status).toBe(403);
    expect((error as BaylinkError).code).toBe('forbidden');
    const retry = await member.deliveries.retry([crypto.randomUUID()]).catch((caught) => caught);
    expect((retry as BaylinkError).status).toBe(403);
    member.destroy();
  });
});

describe('client.quietHours', () => {
  it('reads the defaults, sets the hours and reads them back', async () => {
    const client = createClient({ baseUrl, token: tenant.memberToken });
    expect(await client.quietHours.get()).toEqual({
      enabled: false,
      start: '22:00',
      end: '07:00',
      timeZone: 'America/Toronto',
      days: [0, 1, 2, 3, 4, 5, 6],
      updatedAt: null,
    });
    const saved = await client.quietHours.set({
      enabled: true,
      start: '23:00',
      end: '06:30',
      timeZone: 'Europe/Paris',
      days: [1, 2, 3, 4, 5],
    });
    expect(requests.at(-1)).toBe('PUT /v1/me/quiet-hours');
    expect(saved).toMatchObject({
      enabled: true,
      start: '23:00',
      end: '06:30',
      days: [1, 2, 3, 4, 5],
    });
    expect(await client.quietHours.get()).toEqual(saved);
    client.destroy();
  });

  it('surfaces a 400 naming the field', async () => {
    const client = createClient({ baseUrl, token: tenant.memberToken });
    const error = await client.quietHours
      .set({ enabled: true, start: '23:00', end: '23:00', timeZone: 'UTC', days: [0] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BaylinkError);
    expect((error as BaylinkError).status).toBe(400);
    expect((error as BaylinkError).details?.map((detail) => detail.path)).toEqual(['end']);
    client.destroy();
  });
});
