import type { Server } from 'node:http';
import { type AddressInfo, connect as netConnect } from 'node:net';
import { type BaylinkClient, createClient } from '@baylink/sdk';
import { StreamEvent } from '@baylink/sdk/contract';
import { mintUserToken } from '@baylink/sdk/server';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/lib/create-app.ts';
import { pruneStreamEvents } from '../src/services/maintenance.ts';
import { appendStreamEvents } from '../src/services/stream-events.ts';
import { StreamHub, type StreamHubOptions } from '../src/services/stream-hub.ts';
import { listenerConnection } from '../src/services/stream-listener.ts';
import {
  appendNotifications,
  BlackholeProxy,
  notificationPayload,
  SseClient,
  sleep,
} from './stream-support.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// GET /v1/stream in one process, on a real socket and a real Postgres: what reaches whom, in
// which order, catch-up, commit order, heartbeats, resync, limits, slow consumers, a deaf
// LISTEN connection, retention. Process kills and Postgres restarts are in the other stream tests.

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;
const hubs: StreamHub[] = [];
const servers: Server[] = [];
const clients: SseClient[] = [];

/** A hub (polling only once a minute, so wake-ups must come through LISTEN) on a real socket. */
async function serveHub(options: Partial<StreamHubOptions> = {}) {
  const hub = new StreamHub({
    sql: t.sql,
    logger: t.deps.logger,
    heartbeatMs: 60_000,
    pollMs: 60_000,
    ...options,
  });
  hubs.push(hub);
  const app = createApp({ ...t.deps, streamHub: hub });
  const address = await new Promise<AddressInfo>((resolve) => {
    servers.push(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, resolve) as Server);
  });
  return { hub, app, base: `http://127.0.0.1:${address.port}` };
}

async function connect(
  base: string,
  options: Parameters<typeof SseClient.connect>[1],
  status = 200,
) {
  const client = await SseClient.connect(base, options);
  clients.push(client);
  expect(client.status).toBe(status);
  return client;
}

const titles = (client: SseClient) =>
  client.events
    .filter((e) => e.event === 'notification.created')
    .map((e) => (JSON.parse(e.data) as { data: { title: string } }).data.title);

let main: Awaited<ReturnType<typeof serveHub>>;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
  main = await serveHub({ heartbeatMs: 60_000, pageSize: 7 });
});

afterAll(async () => {
  for (const client of clients) client.close();
  for (const hub of hubs) await hub.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t.close();
});

describe('GET /v1/stream', () => {
  it('answers an event stream that proxies pass through unbuffered', async () => {
    const client = await connect(main.base, { token: tenant.memberToken });
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['x-accel-buffering']).toBe('no');
    expect(client.headers['content-encoding']).toBeUndefined();
    await client.until((c) => c.retries.length > 0);
    // The reconnection hint carries jitter around two seconds.
    expect(client.retries[0]).toBeGreaterThanOrEqual(2_000);
    expect(client.retries[0]).toBeLessThanOrEqual(3_000);
    client.close();
  });

  it("sends the user's and the account's events in order, and nobody else's", async () => {
    const member = await connect(main.base, { token: tenant.memberToken });
    const admin = await connect(main.base, { token: tenant.adminToken });
    const stranger = await connect(main.base, { token: other.memberToken });

    const first = await appendNotifications(t.sql, tenant.accountId, [
      { userId: tenant.member.id, title: 'for member 1' },
      { userId: tenant.admin.id, title: 'for admin 1' },
      { userId: null, title: 'for everyone 1' },
    ]);
    await appendNotifications(t.sql, other.accountId, [
      { userId: other.member.id, title: 'other account member' },
      { userId: null, title: 'other account everyone' },
    ]);
    const [changed] = await t.sql.begin((tx) =>
      appendStreamEvents(tx, tenant.accountId, [
        {
          userId: tenant.member.id,
          kind: 'notifications.changed',
          payload: {
            items: [],
            readAllBefore: null,
            counts: { unread: 0, unseen: 0 },
          },
        },
      ]),
    );
    const last = await appendNotifications(t.sql, tenant.accountId, [
      { userId: tenant.member.id, title: 'for member 2' },
      { userId: null, title: 'for everyone 2' },
    ]);

    await member.until((c) => c.events.length >= 5);
    await admin.until((c) => c.events.length >= 3);
    await stranger.until((c) => c.events.length >= 2);
    // Give anything misrouted the time to show up.
    await sleep(200);

    expect(titles(member)).toEqual([
      'for member 1',
      'for everyone 1',
      'for member 2',
      'for everyone 2',
    ]);
    expect(member.ids).toEqual([first[0], first[2], String(changed), last[0], last[1]]);
    expect(member.events.map((e) => e.event)).toEqual([
      'notification.created',
      'notification.created',
      'notifications.changed',
      'notification.created',
      'notification.created',
    ]);
    expect(titles(admin)).toEqual(['for admin 1', 'for everyone 1', 'for everyone 2']);
    expect(titles(stranger)).toEqual(['other account member', 'other account everyone']);

    // Every data line is a contract StreamEvent whose id is the SSE id.
    for (const event of member.events) {
      const parsed = StreamEvent.parse(JSON.parse(event.data));
      expect(parsed.id).toBe(event.id);
      expect(parsed.kind).toBe(event.event);
    }
    for (const client of [member, admin, stranger]) client.close();
  });

  it('catches up from Last-Event-ID in pages, then follows live, with no gap or repeat', async () => {
    // Small pages make the catch-up long enough for writers to overlap it.
    const { base } = await serveHub({ pageSize: 3 });
    const before = await appendNotifications(
      t.sql,
      tenant.accountId,
      Array.from({ length: 300 }, (_, i) => ({
        userId: i % 3 === 0 ? tenant.admin.id : i % 3 === 1 ? tenant.member.id : null,
        title: `old ${i}`,
      })),
    );
    const resumeAfter = before[9]!;
    // Writers keep going while the client catches up.
    const during: string[][] = [];
    const writing = (async () => {
      for (let i = 0; i < 30; i++) {
        during.push(
          await appendNotifications(t.sql, tenant.accountId, [
            { userId: tenant.member.id, title: `during ${i} member` },
            { userId: tenant.admin.id, title: `during ${i} admin` },
          ]),
        );
        await sleep(3);
      }
    })();
    const client = await connect(base, { token: tenant.memberToken, lastEventId: resumeAfter });
    await writing;
    const expected = [
      ...before.filter((seq, i) => BigInt(seq) > BigInt(resumeAfter) && i % 3 !== 0),
      ...during.map((pair) => pair[0]!),
    ];

    await client.until((c) => c.events.length >= expected.length);
    await sleep(100);
    expect(client.ids).toEqual(expected);
    client.close();
  });

  it('takes the cursor from ?lastEventId= when no header can be sent', async () => {
    const [a, b] = await appendNotifications(t.sql, tenant.accountId, [
      { userId: tenant.member.id, title: 'query 1' },
      { userId: tenant.member.id, title: 'query 2' },
    ]);
    const client = await connect(main.base, {
      token: tenant.memberToken,
      query: `?lastEventId=${a}`,
    });
    await client.until((c) => c.events.length >= 1);
    expect(client.ids[0]).toBe(b);
    client.close();
  });

  it('starts from now without Last-Event-ID', async () => {
    await appendNotifications(t.sql, tenant.accountId, [{ userId: null, title: 'before connect' }]);
    const client = await connect(main.base, { token: tenant.memberToken });
    const [seq] = await appendNotifications(t.sql, tenant.accountId, [
      { userId: null, title: 'after connect' },
    ]);
    await client.until((c) => c.events.length >= 1);
    await sleep(100);
    expect(client.ids).toEqual([seq]);
    client.close();
  });
});

describe('commit order', () => {
  it('never sends 102 before 101, even while the transaction holding 101 is open', async () => {
    // Two connections of their own, so the held transactions do not starve the hub's pool.
    const writer1 = postgres(t.databaseUrl, { max: 1, onnotice: () => {} });
    const writer2 = postgres(t.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [head] = await appendNotifications(t.sql, tenant.accountId, [
        { userId: null, title: 'head' },
      ]);
      const resumed = await connect(main.base, { token: tenant.memberToken, lastEventId: head });
      const live = await connect(main.base, { token: tenant.memberToken });

      let release1!: () => void;
      let release2!: () => void;
      const hold1 = new Promise<void>((resolve) => {
        release1 = resolve;
      });
      const hold2 = new Promise<void>((resolve) => {
        release2 = resolve;
      });
      let seq1: bigint | undefined;
      let seq2: bigint | undefined;
      const t1 = writer1.begin(async (tx) => {
        [seq1] = await appendStreamEvents(tx, tenant.accountId, [
          { userId: null, kind: 'notification.created', payload: notificationPayload('T1') },
        ]);
        await hold1;
      });
      await expect.poll(() => seq1).toBeDefined();
      expect(seq1).toBe(BigInt(head!) + 1n);

      const t2 = writer2.begin(async (tx) => {
        [seq2] = await appendStreamEvents(tx, tenant.accountId, [
          { userId: null, kind: 'notification.created', payload: notificationPayload('T2') },
        ]);
        await hold2;
      });
      // T2 waits on the account's counter row, which T1 holds until it ends.
      await expect
        .poll(async () => {
          const rows = await t.sql`
            select 1 from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`;
          return rows.length;
        })
        .toBe(1);
      expect(seq2).toBeUndefined();
      // A client resuming now, and the live ones, see nothing yet: nothing is skipped later.
      const late = await connect(main.base, { token: tenant.memberToken, lastEventId: head });
      await sleep(300);
      expect(resumed.events).toEqual([]);
      expect(live.events).toEqual([]);
      expect(late.events).toEqual([]);

      release1();
      await t1;
      await expect.poll(() => seq2).toBeDefined();
      expect(seq2).toBe(seq1! + 1n);
      await resumed.until((c) => c.events.length >= 1);
      await sleep(200);
      // 101 is out; 102 is still uncommitted and so not sent.
      expect(resumed.ids).toEqual([String(seq1)]);

      release2();
      await t2;
      for (const client of [resumed, live, late]) {
        await client.until((c) => c.events.length >= 2);
      }
      await sleep(100);
      for (const client of [resumed, live, late]) {
        expect(client.ids).toEqual([String(seq1), String(seq2)]);
        expect(titles(client)).toEqual(['T1', 'T2']);
        client.close();
      }
    } finally {
      await writer1.end();
      await writer2.end();
    }
  });

  it('gives the numbers of a rolled-back transaction back, so no gap appears', async () => {
    const [head] = await appendNotifications(t.sql, tenant.accountId, [
      { userId: null, title: 'before rollback' },
    ]);
    const client = await connect(main.base, { token: tenant.memberToken, lastEventId: head });
    await t.sql
      .begin(async (tx) => {
        await appendStreamEvents(tx, tenant.accountId, [
          { userId: null, kind: 'notification.created', payload: notificationPayload('never') },
        ]);
        throw new Error('roll back');
      })
      .catch(() => {});
    const [next] = await appendNotifications(t.sql, tenant.accountId, [
      { userId: null, title: 'after rollback' },
    ]);
    expect(BigInt(next!)).toBe(BigInt(head!) + 1n);
    await client.until((c) => c.events.length >= 1);
    await sleep(100);
    expect(titles(client)).toEqual(['after rollback']);
    client.close();
  });
});

describe('keeping a stream alive and honest', () => {
  it('sends heartbeat comments on an idle stream', async () => {
    const quick = await serveHub({ heartbeatMs: 100 });
    const client = await connect(quick.base, { token: tenant.memberToken });
    await client.until((c) => c.comments.filter((x) => x === 'heartbeat').length >= 3, 3_000);
    expect(client.events).toEqual([]);
    client.close();
  });

  it('sends resync when the cursor is older than what is kept, then follows from the head', async () => {
    const old = await appendNotifications(t.sql, other.accountId, [
      { userId: null, title: 'old 1' },
      { userId: null, title: 'old 2' },
      { userId: null, title: 'old 3' },
    ]);
    // The first two are past retention; the third is not.
    await t.sql`
      update stream_events set created_at = now() - interval '100 hours'
      where account_id = ${other.accountId} and seq <= ${old[1]!}::bigint`;
    const pruned = await pruneStreamEvents(t.sql);
    expect(pruned.ran).toBe(true);
    expect(pruned.deleted).toBeGreaterThanOrEqual(2);
    const [counter] = await t.sql<{ horizon: string; last_seq: string }[]>`
      select horizon::text, last_seq::text from stream_counters where account_id = ${other.accountId}`;
    expect(counter!.horizon).toBe(old[1]);

    const client = await connect(main.base, {
      token: other.memberToken,
      lastEventId: String(BigInt(old[0]!) - 1n),
    });
    await client.until((c) => c.events.length >= 1);
    const resync = client.events[0]!;
    expect(resync.event).toBe('resync');
    expect(resync.id).toBe(counter!.last_seq);
    expect(StreamEvent.parse(JSON.parse(resync.data))).toEqual({
      id: counter!.last_seq,
      kind: 'resync',
      data: { reason: 'cursor_expired' },
    });
    // The kept third event is older than the head: not replayed. New ones follow.
    const [fresh] = await appendNotifications(t.sql, other.accountId, [
      { userId: null, title: 'fresh' },
    ]);
    await client.until((c) => c.events.length >= 2);
    await sleep(100);
    expect(client.ids).toEqual([counter!.last_seq, fresh]);

    // A cursor exactly at the horizon lost nothing: no resync.
    const exact = await connect(main.base, { token: other.memberToken, lastEventId: old[1]! });
    await exact.until((c) => c.events.length >= 2);
    expect(exact.ids).toEqual([old[2], fresh]);
    client.close();
    exact.close();
  });

  it('sends resync for a cursor ahead of the stream (another database, a reset)', async () => {
    const client = await connect(main.base, {
      token: tenant.memberToken,
      lastEventId: '999999999',
    });
    await client.until((c) => c.events.length >= 1);
    expect(client.events[0]!.event).toBe('resync');
    expect(JSON.parse(client.events[0]!.data).data).toEqual({ reason: 'cursor_unknown' });
    client.close();
  });
});

describe('refusals', () => {
  it.each([['abc'], ['-1'], ['1.5'], ['0x10'], ['99999999999999999999'], ['9223372036854775808']])(
    'answers 400 for Last-Event-ID %j before any stream starts',
    async (value) => {
      const response = await t.request('/v1/stream', {
        token: tenant.memberToken,
        headers: { 'last-event-id': value },
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect((await json(response)).error).toMatchObject({
        code: 'validation_failed',
        details: [{ path: 'last-event-id' }],
      });
    },
  );

  it('answers 400 for a malformed ?lastEventId=', async () => {
    const response = await t.request('/v1/stream?lastEventId=x1', { token: tenant.memberToken });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatchObject({ code: 'validation_failed' });
  });

  it('answers 401 with the error shape without a token', async () => {
    const response = await t.request('/v1/stream');
    expect(response.status).toBe(401);
    const body = await json<{ error: Record<string, unknown> }>(response);
    expect(body.error).toMatchObject({ code: 'token_missing' });
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.requestId).toEqual(expect.any(String));
  });

  it('answers 429 past the streams one user may hold, and takes one again after a close', async () => {
    const { base } = await serveHub({ maxStreamsPerUser: 3 });
    const user = await t.tenant();
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await connect(base, { token: user.memberToken }));
    const refused = await connect(base, { token: user.memberToken }, 429);
    await refused.ended;
    expect(JSON.parse(refused.body).error).toMatchObject({ code: 'rate_limited' });
    expect(refused.headers['retry-after']).toBeTruthy();
    // Another user of the same account is not affected.
    const colleague = await connect(base, { token: user.adminToken });

    open[0]!.close();
    await expect
      .poll(async () => {
        const again = await SseClient.connect(base, { token: user.memberToken });
        again.close();
        return again.status;
      })
      .toBe(200);
    for (const client of [...open, colleague]) client.close();
  });
});

describe('the hub', () => {
  it('reads an account once per wake-up, however many streams it serves', async () => {
    const { hub, base } = await serveHub();
    const readers = [];
    for (let i = 0; i < 20; i++) {
      const userId = i % 2 === 0 ? tenant.member.id : tenant.admin.id;
      readers.push(await connect(base, { token: await t.token(tenant, userId) }));
    }
    await sleep(200);
    const before = hub.stats();
    expect(before.streams).toBe(20);
    expect(before.accounts).toBe(1);
    await appendNotifications(t.sql, tenant.accountId, [{ userId: null, title: 'fan-out' }]);
    for (const client of readers) await client.until((c) => c.events.length >= 1);
    const reads = hub.stats().feedReads - before.feedReads;
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(2);
    for (const client of readers) client.close();
    await expect.poll(() => hub.stats().streams).toBe(0);
    expect(hub.stats().accounts).toBe(0);
  });

  it('finds an event whose wake-up was lost, through the slow poll', async () => {
    const { hub, base } = await serveHub({ pollMs: 200 });
    const client = await connect(base, { token: tenant.memberToken });
    // Past the catch-up that follows LISTEN, so only the poll can find what comes next.
    await expect.poll(() => hub.stats().listening).toBe(true);
    await sleep(100);
    // Written as appendStreamEvents does, minus the NOTIFY: nobody is woken up.
    const seq = await t.sql.begin(async (tx) => {
      const [row] = await tx<{ last_seq: string }[]>`
        insert into stream_counters (account_id, last_seq) values (${tenant.accountId}, 1)
        on conflict (account_id) do update set last_seq = stream_counters.last_seq + 1
        returning last_seq::text`;
      await tx`
        insert into stream_events (account_id, seq, user_id, kind, payload)
        values (${tenant.accountId}, ${row!.last_seq}::bigint, null, 'notification.created',
          ${tx.json(notificationPayload('silent') as never)})`;
      return row!.last_seq;
    });
    await client.until((c) => c.events.length >= 1, 3_000);
    expect(client.ids).toEqual([seq]);
    expect(titles(client)).toEqual(['silent']);
    client.close();
  });

  it('drops a stream whose client does not read, past its buffer', async () => {
    const hub = new StreamHub({
      sql: t.sql,
      logger: t.deps.logger,
      heartbeatMs: 60_000,
      pollMs: 60_000,
      bufferBytes: 8 * 1024,
    });
    hubs.push(hub);
    const app = createApp({ ...t.deps, streamHub: hub });
    // In memory: nobody reads this body, so everything queues in the stream.
    const response = await app.request('/v1/stream', {
      headers: { authorization: `Bearer ${tenant.memberToken}` },
    });
    expect(response.status).toBe(200);
    expect(hub.stats().streams).toBe(1);
    for (let i = 0; i < 10; i++) {
      await appendNotifications(
        t.sql,
        tenant.accountId,
        Array.from({ length: 5 }, () => ({ userId: null, title: 'x'.repeat(1_000) })),
      );
    }
    await expect.poll(() => hub.stats().streams, { timeout: 5_000 }).toBe(0);
    // What was queued is still readable, and then the stream ends (the client reconnects).
    const text = await response.text();
    expect(text.length).toBeGreaterThan(8 * 1024);
    expect(text.length).toBeLessThan(64 * 1024);
  });

  it('paces a catch-up larger than the buffer instead of dropping the stream', async () => {
    const { hub, base } = await serveHub({ bufferBytes: 16 * 1024, pageSize: 50 });
    const user = await t.tenant();
    const seqs = await appendNotifications(
      t.sql,
      user.accountId,
      Array.from({ length: 200 }, (_, i) => ({
        userId: user.member.id,
        title: `${i}`.repeat(500),
      })),
    );
    const client = await connect(base, { token: user.memberToken, lastEventId: '0' });
    await client.until((c) => c.events.length >= 200);
    expect(client.ids).toEqual(seqs);
    // Still open and live.
    expect(hub.stats().streams).toBe(1);
    const [next] = await appendNotifications(t.sql, user.accountId, [
      { userId: user.member.id, title: 'live' },
    ]);
    await client.until((c) => c.events.length >= 201);
    expect(client.ids.at(-1)).toBe(next);
    client.close();
  });

  it('cuts the connection of a client that stops reading on a real socket', async () => {
    const { hub, base } = await serveHub({ bufferBytes: 64 * 1024 });
    const url = new URL(base);
    // A client that sends its request and then never reads.
    const socket = netConnect(Number(url.port), url.hostname);
    socket.write(
      `GET /v1/stream HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${tenant.memberToken}\r\n\r\n`,
    );
    socket.pause();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
    await expect.poll(() => hub.stats().streams).toBe(1);
    const big = 'y'.repeat(100 * 1024);
    for (let i = 0; i < 80 && hub.stats().streams > 0; i++) {
      await appendNotifications(t.sql, tenant.accountId, [
        { userId: tenant.member.id, title: big },
      ]);
    }
    await expect.poll(() => hub.stats().streams, { timeout: 5_000 }).toBe(0);
    socket.resume();
    await closed;
  });

  it('notices a deaf LISTEN connection, reconnects and catches up without waiting for the poll', async () => {
    const url = new URL(t.databaseUrl);
    const proxy = await BlackholeProxy.start(url.hostname, Number(url.port || 5432));
    try {
      const { hub, base } = await serveHub({
        livenessIntervalMs: 200,
        livenessTimeoutMs: 300,
        connectListener: (hooks) =>
          listenerConnection(t.sql, hooks, { host: ['127.0.0.1'], port: [proxy.port] }),
      });
      const client = await connect(base, { token: tenant.memberToken });
      await expect.poll(() => hub.stats().listening).toBe(true);
      const [first] = await appendNotifications(t.sql, tenant.accountId, [
        { userId: null, title: 'heard' },
      ]);
      await client.until((c) => c.events.length >= 1);
      expect(hub.stats().listenerSessions).toBe(1);

      // The connection stays open but carries nothing: no error, no close.
      proxy.blackhole();
      const [second] = await appendNotifications(t.sql, tenant.accountId, [
        { userId: null, title: 'written while deaf' },
      ]);
      const started = Date.now();
      await client.until((c) => c.events.length >= 2, 5_000);
      // Well before the minute-long poll: the liveness ping found the deaf connection.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(hub.stats().listenerSessions).toBeGreaterThanOrEqual(2);
      expect(client.ids).toEqual([first, second]);

      // And the new connection hears wake-ups again.
      const [third] = await appendNotifications(t.sql, tenant.accountId, [
        { userId: null, title: 'heard again' },
      ]);
      await client.until((c) => c.events.length >= 3);
      expect(client.ids).toEqual([first, second, third]);
      client.close();
    } finally {
      await proxy.close();
    }
  });

  it('closes every stream with a retry hint when it closes, and refuses new ones', async () => {
    const { hub, base } = await serveHub();
    const a = await connect(base, { token: tenant.memberToken });
    const b = await connect(base, { token: other.memberToken });
    await a.until((c) => c.retries.length === 1);
    await hub.close();
    expect(await a.ended).toBe('end');
    expect(await b.ended).toBe('end');
    for (const client of [a, b]) {
      expect(client.retries.length).toBe(2);
      expect(client.raw).toMatch(/retry: \d+\n\n$/);
    }
    const refused = await connect(base, { token: tenant.memberToken }, 503);
    await refused.ended;
    expect(JSON.parse(refused.body).error).toMatchObject({ code: 'not_ready' });
  });
});

describe('token expiry', () => {
  /** A token of the tenant's member that expires in `seconds` (whole seconds, as JWTs count). */
  const shortLived = (seconds: number) =>
    mintUserToken({
      secret: tenant.signingSecret,
      accountId: tenant.accountId,
      userId: tenant.member.id,
      expiresInSeconds: seconds,
    });

  it('ends the stream when its token expires; a fresh token resumes it without loss', async () => {
    const { token, expiresAt } = await shortLived(2);
    const first = await connect(main.base, { token });
    await first.until((c) => c.retries.length === 1);
    const [before] = await appendNotifications(t.sql, tenant.accountId, [
      { userId: tenant.member.id, title: 'before expiry' },
    ]);
    await first.until((c) => c.events.length === 1);
    expect(first.ids).toEqual([before]);

    // Nothing ends it before the token's expiry; then it ends cleanly, a short retry hint last.
    expect(await first.ended).toBe('end');
    const endedAt = Date.now();
    expect(endedAt).toBeGreaterThanOrEqual(expiresAt.getTime() - 5);
    expect(endedAt).toBeLessThan(expiresAt.getTime() + 1_000);
    expect(first.retries).toHaveLength(2);
    expect(first.retries[1]).toBeLessThanOrEqual(375);
    expect(first.raw).toMatch(/retry: \d+\n\n$/);

    // While the user has no stream, more happens.
    const missed = await appendNotifications(t.sql, tenant.accountId, [
      { userId: tenant.member.id, title: 'missed 1' },
      { userId: null, title: 'missed 2' },
    ]);
    // The expired token opens no new stream, though other routes accept it for the clock
    // tolerance: the client has to fetch a fresh one.
    const refused = await connect(main.base, { token, lastEventId: before! }, 401);
    await refused.ended;
    expect(JSON.parse(refused.body).error).toMatchObject({ code: 'token_expired' });

    const fresh = await t.token(tenant, tenant.member.id);
    const second = await connect(main.base, { token: fresh, lastEventId: before! });
    await second.until((c) => c.events.length >= 2);
    await sleep(100);
    expect(second.ids).toEqual(missed);
    expect(titles(second)).toEqual(['missed 1', 'missed 2']);
    second.close();
  });

  it('lets the SDK take a fresh token from getToken and resume, receiving every event once', async () => {
    const issued: string[] = [];
    const sdk: BaylinkClient = createClient({
      baseUrl: main.base,
      // The first token lives two seconds; the next ones an hour.
      getToken: async () => {
        const { token } = await shortLived(issued.length === 0 ? 2 : 3_600);
        issued.push(token);
        return token;
      },
      realtime: { shareAcrossTabs: false },
    });
    const received: string[] = [];
    try {
      sdk.realtime.subscribe((event) => {
        if (event.kind === 'notification.created') received.push(event.data.title);
      });
      await expect.poll(() => sdk.realtime.status.getState(), { timeout: 5_000 }).toBe('connected');
      const titlesSent: string[] = [];
      // Events before, across and after the first token's expiry (about 2.5 seconds).
      for (let i = 0; i < 10; i++) {
        const title = `around expiry ${i}`;
        titlesSent.push(title);
        await appendNotifications(t.sql, tenant.accountId, [{ userId: tenant.member.id, title }]);
        await sleep(250);
      }
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(titlesSent.length);
      await sleep(200);
      expect(received).toEqual(titlesSent);
      expect(issued.length).toBeGreaterThanOrEqual(2);
    } finally {
      sdk.destroy();
    }
  });
});

describe('retention', () => {
  it('deletes expired events and raises the horizon, once across processes', async () => {
    const tenantB = await t.tenant();
    const seqs = await appendNotifications(
      t.sql,
      tenantB.accountId,
      Array.from({ length: 5 }, (_, i) => ({ userId: null, title: `r${i}` })),
    );
    await t.sql`
      update stream_events set created_at = now() - interval '73 hours'
      where account_id = ${tenantB.accountId} and seq <= ${seqs[2]!}::bigint`;

    // While another process holds the job's lock, this one does nothing.
    const holder = postgres(t.databaseUrl, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = false;
    const holding = holder.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${String(0x62_6c_5f_73_74_72_6dn)}::bigint)`;
      locked = true;
      await held;
    });
    await expect.poll(() => locked).toBe(true);
    expect(await pruneStreamEvents(t.sql)).toEqual({ ran: false, deleted: 0, accounts: 0 });
    release();
    await holding;
    await holder.end();

    // In batches of two rows per account, until everything expired is gone.
    const result = await pruneStreamEvents(t.sql, { batchRows: 2 });
    expect(result.ran).toBe(true);
    const left = await t.sql<{ seq: string }[]>`
      select seq::text from stream_events where account_id = ${tenantB.accountId} order by seq`;
    expect(left.map((r) => r.seq)).toEqual([seqs[3], seqs[4]]);
    const [counter] = await t.sql<{ horizon: string }[]>`
      select horizon::text from stream_counters where account_id = ${tenantB.accountId}`;
    expect(counter!.horizon).toBe(seqs[2]);
    // Nothing more to do the second time.
    const again = await pruneStreamEvents(t.sql);
    expect(again.deleted).toBe(0);
  });
});
