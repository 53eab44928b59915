import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type BaylinkClient,
  type ClientOptions,
  type ConnectionEvent,
  type ConnectionStatus,
  createClient,
  type StreamEvent,
} from '@baylink/sdk';
import { mintUserToken } from '@baylink/sdk/server';
import { getRequestListener, serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/lib/create-app.ts';
import { StreamHub } from '../src/services/stream-hub.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// The browser SDK's realtime connection against the real API on a real socket: an app whose
// stream hub sends heartbeats every 100 ms and a `retry:` hint of about 200 ms, so reconnects
// are quick to watch.

let t: TestContext;
let tenant: TestTenant;
let hub: StreamHub;
let app: ReturnType<typeof createApp>;
let server: Server;
let baseUrl: string;
const clients: BaylinkClient[] = [];

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  hub = new StreamHub({ sql: t.sql, logger: t.deps.logger, heartbeatMs: 100, retryMs: 200 });
  app = createApp({ ...t.deps, streamHub: hub });
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, resolve) as Server;
  });
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await hub.close();
  await t.close();
});

interface StreamRequest {
  at: number;
  lastEventId: string | null;
  authorization: string | null;
}

/** A client whose fetch notes every request to /v1/stream (its Last-Event-ID, its token). */
function client(options: Partial<ClientOptions> = {}, url = baseUrl) {
  const streamRequests: StreamRequest[] = [];
  const created = createClient({
    baseUrl: url,
    token: tenant.memberToken,
    ...options,
    fetch: (input, init) => {
      if (String(input).endsWith('/v1/stream')) {
        const headers = new Headers(init?.headers);
        streamRequests.push({
          at: Date.now(),
          lastEventId: headers.get('last-event-id'),
          authorization: headers.get('authorization'),
        });
      }
      return fetch(input, init);
    },
    realtime: { shareAcrossTabs: false, ...options.realtime },
  });
  clients.push(created);
  return { client: created, streamRequests };
}

function follow(target: BaylinkClient) {
  const events: StreamEvent[] = [];
  const statuses: ConnectionStatus[] = [target.realtime.status.getState()];
  const offStatus = target.realtime.status.subscribe((status) => statuses.push(status));
  const off = target.realtime.subscribe((event) => events.push(event));
  return {
    events,
    statuses,
    titles: () => events.flatMap((e) => (e.kind === 'notification.created' ? [e.data.title] : [])),
    stop() {
      off();
      offStatus();
    },
  };
}

async function post(title: string, userIds = [tenant.member.id]) {
  const response = await t.request('/v1/events', {
    method: 'POST',
    token: tenant.apiKey,
    headers: { 'idempotency-key': randomUUID() },
    json: {
      accountId: tenant.accountId,
      type: 'conversations.new_message',
      recipients: { userIds },
      title,
    },
  });
  expect(response.status).toBe(202);
}

const connected = (target: BaylinkClient) =>
  expect.poll(() => target.realtime.status.getState(), { timeout: 5000 }).toBe('connected');

describe('the realtime connection', () => {
  it('opens when the first listener subscribes and delivers events in order', async () => {
    const { client: c, streamRequests } = client();
    expect(c.realtime.status.getState()).toBe('disconnected');
    expect(streamRequests).toHaveLength(0);
    const seen = follow(c);
    await connected(c);
    expect(seen.statuses.slice(0, 3)).toEqual(['disconnected', 'connecting', 'connected']);
    expect(streamRequests).toHaveLength(1);
    expect(streamRequests[0]?.lastEventId).toBeNull();

    for (const title of ['one', 'two', 'three']) await post(title);
    await expect.poll(seen.titles).toEqual(['one', 'two', 'three']);
    const ids = seen.events.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(ids).size).toBe(3);
    seen.stop();
  });

  it('closes when the last listener leaves, and one connection serves several listeners', async () => {
    const { client: c, streamRequests } = client();
    const first = follow(c);
    const second = follow(c);
    await connected(c);
    await post('shared');
    await expect.poll(first.titles).toEqual(['shared']);
    await expect.poll(second.titles).toEqual(['shared']);
    expect(streamRequests).toHaveLength(1);
    first.stop();
    await Promise.resolve();
    expect(c.realtime.status.getState()).toBe('connected');
    second.stop();
    await expect.poll(() => c.realtime.status.getState()).toBe('disconnected');
    await expect.poll(() => hub.stats().streams).toBe(0);
  });

  it('resumes with Last-Event-ID after the server drops it, delivering every event exactly once', async () => {
    const { client: c, streamRequests } = client();
    const seen = follow(c);
    await connected(c);
    await post('before 1');
    await post('before 2');
    await expect.poll(seen.titles).toEqual(['before 1', 'before 2']);
    const lastBefore = seen.events.at(-1)!.id;

    server.closeAllConnections();
    await post('while away 1');
    await post('while away 2');
    await expect.poll(() => streamRequests.length, { timeout: 5000 }).toBe(2);
    await connected(c);
    await post('after');
    await expect
      .poll(seen.titles)
      .toEqual(['before 1', 'before 2', 'while away 1', 'while away 2', 'after']);
    expect(streamRequests[1]?.lastEventId).toBe(lastBefore);
    expect(seen.statuses).toContain('reconnecting');
    const ids = seen.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Nothing more comes (no late duplicate).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.events).toHaveLength(5);
    seen.stop();
  });

  it('drops events it already has when the server replays them (ids at or below the last one)', async () => {
    // A proxy that replays from an older id: the client must deliver each id once.
    let rewind: string | null = null;
    const { client: c } = client({
      fetch: (input, init) => {
        if (String(input).endsWith('/v1/stream') && rewind) {
          const headers = new Headers(init?.headers);
          headers.set('last-event-id', rewind);
          return fetch(input, { ...init, headers });
        }
        return fetch(input, init);
      },
    });
    const seen = follow(c);
    await connected(c);
    await post('a');
    await post('b');
    await post('c');
    await expect.poll(seen.titles).toEqual(['a', 'b', 'c']);
    rewind = String(BigInt(seen.events[0]!.id) - 1n);
    server.closeAllConnections();
    await expect
      .poll(() => seen.statuses.filter((s) => s === 'connected').length, { timeout: 5000 })
      .toBe(2);
    await post('d');
    await expect.poll(seen.titles).toEqual(['a', 'b', 'c', 'd']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.titles()).toEqual(['a', 'b', 'c', 'd']);
    seen.stop();
  });

  it('stays connected while heartbeats come, and reconnects when they stop', async () => {
    const { client: c, streamRequests } = client({ realtime: { heartbeatTimeoutMs: 400 } });
    const seen = follow(c);
    await connected(c);
    // The server beats every 100 ms: a 400 ms watchdog never fires.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(streamRequests).toHaveLength(1);
    expect(seen.statuses.filter((s) => s === 'reconnecting')).toHaveLength(0);
    seen.stop();

    // A server that beats only every minute: a 400 ms watchdog declares the connection dead
    // and reconnects, resuming where it was.
    const quietHub = new StreamHub({
      sql: t.sql,
      logger: t.deps.logger,
      heartbeatMs: 60_000,
      retryMs: 100,
    });
    const quiet = await listen(createApp({ ...t.deps, streamHub: quietHub }).fetch);
    try {
      const { client: q, streamRequests: quietRequests } = client(
        { realtime: { heartbeatTimeoutMs: 400, initialDelayMs: 50 } },
        quiet.url,
      );
      const watched = follow(q);
      await connected(q);
      await post('heard');
      await expect.poll(watched.titles).toEqual(['heard']);
      await expect.poll(() => quietRequests.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
      expect(watched.statuses).toContain('reconnecting');
      expect(quietRequests.at(-1)?.lastEventId).toBe(watched.events[0]!.id);
      await connected(q);
      await post('heard again');
      await expect.poll(watched.titles, { timeout: 5000 }).toEqual(['heard', 'heard again']);
      watched.stop();
    } finally {
      await quiet.close();
      await quietHub.close();
    }
  });

  it('refreshes an expired token through getToken on a 401 and opens the stream', async () => {
    const expired = await mintUserToken({
      secret: tenant.signingSecret,
      accountId: tenant.accountId,
      userId: tenant.member.id,
      expiresInSeconds: 60,
      now: new Date(Date.now() - 10 * 60_000),
    });
    const handed: string[] = [];
    const { client: c, streamRequests } = client({
      token: undefined,
      getToken: async () => {
        const token = handed.length === 0 ? expired.token : tenant.memberToken;
        handed.push(token);
        return token;
      },
    });
    const seen = follow(c);
    await connected(c);
    expect(handed).toEqual([expired.token, tenant.memberToken]);
    expect(streamRequests.map((r) => r.authorization)).toEqual([
      `Bearer ${expired.token}`,
      `Bearer ${tenant.memberToken}`,
    ]);
    await post('with a fresh token');
    await expect.poll(seen.titles).toEqual(['with a fresh token']);
    seen.stop();
  });

  it('backs off with jitter while the API is down, says lost then restored, and stops after destroy', async () => {
    const down = await listen(app.fetch);
    const { client: c, streamRequests } = client(
      { realtime: { lostConnectionTimeoutMs: 300, initialDelayMs: 100, maxDelayMs: 400 } },
      down.url,
    );
    const notices: ConnectionEvent[] = [];
    c.realtime.onLostConnection((event) => notices.push(event));
    const seen = follow(c);
    await connected(c);
    await post('up');
    await expect.poll(seen.titles).toEqual(['up']);

    await down.stop();
    const downSince = Date.now();
    await expect.poll(() => notices, { timeout: 5000 }).toEqual(['lost']);
    expect(c.realtime.status.getState()).toBe('reconnecting');
    expect(c.realtime.lastError?.code).toBe('network_error');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const attempts = streamRequests.filter((r) => r.at >= downSince).map((r) => r.at);
    // Retries keep coming, each within its window: min(400, hint × 2^n) plus scheduling slack.
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    expect(Math.max(...gaps)).toBeLessThan(400 + 250);
    await post('while down');

    await down.restart();
    await connected(c);
    await expect.poll(() => notices).toEqual(['lost', 'restored']);
    expect(c.realtime.lastError).toBeNull();
    await expect.poll(seen.titles).toEqual(['up', 'while down']);

    await down.stop();
    await expect.poll(() => c.realtime.status.getState()).toBe('reconnecting');
    c.destroy();
    expect(c.realtime.status.getState()).toBe('disconnected');
    const afterDestroy = streamRequests.length;
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(streamRequests.length).toBe(afterDestroy);
    await down.close();
  });
});

/** A server on its own port that can be stopped (connections refused) and started again. */
async function listen(fetchHandler: (request: Request) => Response | Promise<Response>) {
  const listener = getRequestListener(fetchHandler);
  let http = createServer(listener);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeAllConnections();
    await closed;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    stop,
    async restart() {
      http = createServer(listener);
      await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
      running = true;
    },
    close: stop,
  };
}
