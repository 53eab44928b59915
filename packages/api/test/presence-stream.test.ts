import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AwayStatus, StreamEvent } from '@baylink/sdk/contract';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/lib/create-app.ts';
import { expireAwayStatuses } from '../src/services/away-expiry.ts';
import { StreamHub } from '../src/services/stream-hub.ts';
import { SseClient, sleep } from './stream-support.ts';
import { newUser, setAway, type TestUser } from './support/away-fixtures.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// Realtime presence: every away change (by the user, by an admin, by the integrator, and the
// automatic return) reaches every user of the account on GET /v1/stream, and nobody else.

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;
let hub: StreamHub;
let server: Server;
let base: string;
const clients: SseClient[] = [];

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
  // Polling once a minute: events must arrive through LISTEN/NOTIFY.
  hub = new StreamHub({ sql: t.sql, logger: t.deps.logger, heartbeatMs: 60_000, pollMs: 60_000 });
  const app = createApp({ ...t.deps, streamHub: hub });
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, resolve) as Server;
  });
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await hub.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

async function listen(token: string) {
  const client = await SseClient.connect(base, { token });
  clients.push(client);
  expect(client.status).toBe(200);
  // The stream starts now: wait for its first bytes (the retry hint) before changing anything.
  await client.until((c) => c.retries.length > 0);
  return client;
}

/** The presence.changed events a client received, as contract StreamEvents. */
const presence = (client: SseClient): AwayStatus[] =>
  client.events
    .filter((e) => e.event === 'presence.changed')
    .map((e) => {
      const parsed = StreamEvent.parse(JSON.parse(e.data));
      expect(parsed.id).toBe(e.id);
      if (parsed.kind !== 'presence.changed') throw new Error(`unexpected ${parsed.kind}`);
      return parsed.data;
    });

describe('presence.changed on GET /v1/stream', () => {
  let alex: TestUser;
  let blake: TestUser;

  beforeAll(async () => {
    alex = await newUser(t, tenant, 'Alex Away');
    blake = await newUser(t, tenant, 'Blake Watcher');
  });

  it('carries a user’s own change, an admin’s and the integrator’s to the other users of the account', async () => {
    const watcher = await listen(blake.token);
    const stranger = await listen(other.memberToken);

    const own = await setAway(t, alex.token, {
      away: true,
      assignee: { kind: 'user', id: blake.id },
    });
    const byAdmin = await setAway(
      t,
      tenant.adminToken,
      { away: true, assignee: { kind: 'user', id: tenant.member.id } },
      `/v1/users/${alex.id}/away`,
    );
    const response = await t.request(`/v1/accounts/${tenant.accountId}/users/${alex.id}/away`, {
      method: 'DELETE',
      token: tenant.apiKey,
    });
    expect(response.status).toBe(200);
    const byIntegrator = (await response.json()) as AwayStatus;

    await watcher.until((c) => presence(c).length >= 3);
    expect(presence(watcher)).toEqual([own, byAdmin, byIntegrator]);
    expect(byAdmin.updatedBy).toBe(tenant.admin.id);
    expect(byIntegrator.updatedBy).toBeNull();
    // Give anything misrouted the time to show up.
    await sleep(200);
    expect(presence(stranger)).toEqual([]);
  });

  it('carries the automatic return', async () => {
    const watcher = await listen(blake.token);
    await setAway(t, alex.token, { away: true });
    await t.sql`
      update away_statuses
      set until_at = now() - interval '1 second', until_date = current_date,
        until_time = '00:00', until_zone = 'UTC'
      where account_id = ${tenant.accountId} and user_id = ${alex.id}`;
    await watcher.until((c) => presence(c).length >= 1);
    const { expired } = await expireAwayStatuses(t.sql);
    expect(expired).toBe(1);
    await watcher.until((c) => presence(c).length >= 2);
    const [on, back] = presence(watcher);
    expect(on).toMatchObject({ userId: alex.id, away: true });
    expect(back).toMatchObject({
      userId: alex.id,
      away: false,
      since: null,
      until: null,
      version: on!.version + 1,
      updatedBy: null,
    });
  });
});
