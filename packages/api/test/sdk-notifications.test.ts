import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type BaylinkClient,
  BaylinkError,
  type ClientOptions,
  createClient,
  type Notification,
  type NotificationsState,
  type PreferencesState,
  type StreamEvent,
} from '@baylink/sdk';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/lib/create-app.ts';
import { StreamHub } from '../src/services/stream-hub.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// client.notifications, client.preferences and client.catalog against the real API on a real
// socket, with the realtime stream feeding the inbox store.

let t: TestContext;
let hub: StreamHub;
let server: Server;
let baseUrl: string;
const clients: BaylinkClient[] = [];

beforeAll(async () => {
  t = await createTestContext();
  hub = new StreamHub({ sql: t.sql, logger: t.deps.logger, heartbeatMs: 1000, retryMs: 200 });
  const app = createApp({ ...t.deps, streamHub: hub });
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

function client(tenant: TestTenant, options: Partial<ClientOptions> = {}) {
  const requests: string[] = [];
  const created = createClient({
    baseUrl,
    token: tenant.memberToken,
    fetch: (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    },
    ...options,
    realtime: { shareAcrossTabs: false, ...options.realtime },
  });
  clients.push(created);
  return { client: created, requests };
}

async function post(
  tenant: TestTenant,
  title: string,
  type = 'conversations.new_message',
  userIds = [tenant.member.id],
) {
  const response = await t.request('/v1/events', {
    method: 'POST',
    token: tenant.apiKey,
    headers: { 'idempotency-key': randomUUID() },
    json: { accountId: tenant.accountId, type, recipients: { userIds }, title },
  });
  expect(response.status).toBe(202);
}

/** Subscribes to the store and waits for its first load. */
async function ready(c: BaylinkClient) {
  const states: NotificationsState[] = [];
  const stop = c.notifications.store.subscribe((state) => states.push(state));
  await expect.poll(() => c.notifications.store.getState().status, { timeout: 5000 }).toBe('ready');
  return { states, stop, state: () => c.notifications.store.getState() };
}

const titles = (c: BaylinkClient) => c.notifications.store.getState().items.map((n) => n.title);

async function rejection(promise: Promise<unknown>): Promise<BaylinkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BaylinkError);
    return error as BaylinkError;
  }
  throw new Error('Expected the call to reject');
}

describe('client.notifications', () => {
  it('loads the first page when the first subscriber arrives, newest first, with the counts', async () => {
    const tenant = await t.tenant();
    for (const title of ['n1', 'n2', 'n3']) await post(tenant, title);
    const { client: c, requests } = client(tenant, { notifications: { pageSize: 2 } });
    expect(c.notifications.store.getState().status).toBe('idle');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toEqual([]);

    const { states, stop } = await ready(c);
    expect(states[0]?.status).toBe('loading');
    expect(titles(c)).toEqual(['n3', 'n2']);
    expect(c.notifications.store.getState().hasMore).toBe(true);
    expect(c.notifications.store.getState().counts).toEqual({ unread: 3, unseen: 3 });
    // The stream opened first, so nothing falls between the page and the stream.
    expect(requests.indexOf('GET /v1/stream')).toBeLessThan(
      requests.indexOf('GET /v1/me/notifications'),
    );
    stop();
  });

  it('pages back with fetchMore without repeats, while new ones arrive live on top', async () => {
    const tenant = await t.tenant();
    for (let i = 1; i <= 5; i++) await post(tenant, `old ${i}`);
    const { client: c } = client(tenant, { notifications: { pageSize: 2 } });
    const { stop } = await ready(c);
    await post(tenant, 'live');
    await expect.poll(() => titles(c)[0]).toBe('live');
    while (c.notifications.store.getState().hasMore) await c.notifications.fetchMore();
    expect(titles(c)).toEqual(['live', 'old 5', 'old 4', 'old 3', 'old 2', 'old 1']);
    expect(c.notifications.store.getState().counts.unread).toBe(6);
    const more = c.notifications.store.getState().items;
    await c.notifications.fetchMore();
    expect(c.notifications.store.getState().items).toBe(more);
    stop();
  });

  it('shows a live notification only under a filter it fits, counts it, and announces it once', async () => {
    const tenant = await t.tenant();
    await post(tenant, 'loaded before');
    const { client: c } = client(tenant);
    const arrived: Notification[] = [];
    const offArrival = c.notifications.onArrival((n) => arrived.push(n));
    const { stop } = await ready(c);
    await c.notifications.setFilter({ category: 'reviews' });
    expect(c.notifications.store.getState().filter.category).toBe('reviews');
    expect(titles(c)).toEqual([]);

    await post(tenant, 'a review', 'reviews.new_review');
    await post(tenant, 'a message');
    await expect.poll(() => arrived.map((n) => n.title)).toEqual(['a review', 'a message']);
    expect(titles(c)).toEqual(['a review']);
    expect(c.notifications.store.getState().counts).toEqual({ unread: 3, unseen: 3 });

    await c.notifications.setFilter({});
    expect(titles(c)).toEqual(['a message', 'a review', 'loaded before']);
    expect(arrived).toHaveLength(2);
    offArrival();
    stop();
  });

  it('marks read at once, then the server confirms, and the stream keeps the counts', async () => {
    const tenant = await t.tenant();
    await post(tenant, 'first');
    await post(tenant, 'second');
    const { client: c } = client(tenant);
    const { state, stop } = await ready(c);
    const target = state().items.find((n) => n.title === 'first')!;

    const pending = c.notifications.markRead([target.id]);
    // Optimistic: the store changed before the API answered.
    expect(state().items.find((n) => n.id === target.id)?.readAt).toEqual(expect.any(String));
    expect(state().counts.unread).toBe(1);
    await pending;
    const confirmed = state().items.find((n) => n.id === target.id)!;
    expect(confirmed.readAt).not.toBeNull();
    expect(await c.notifications.counts()).toEqual({ unread: 1, unseen: 1 });
    const [server] = (await c.notifications.list()).items.filter((n) => n.id === target.id);
    expect(server?.readAt).toBe(confirmed.readAt);

    await c.notifications.markUnread([target.id]);
    await expect.poll(() => state().counts).toEqual({ unread: 2, unseen: 1 });
    await c.notifications.archive([target.id]);
    expect(state().items.map((n) => n.title)).toEqual(['second']);
    await expect.poll(() => state().counts).toEqual({ unread: 1, unseen: 1 });
    expect(state().error).toBeNull();
    stop();
  });

  it('rolls back and reports the error when the API refuses a change', async () => {
    const tenant = await t.tenant();
    await post(tenant, 'kept');
    await post(tenant, 'deleted behind our back');
    const { client: c } = client(tenant);
    const { state, stop } = await ready(c);
    const before = state();
    const gone = before.items.find((n) => n.title === 'deleted behind our back')!;
    await t.sql`delete from notifications where account_id = ${tenant.accountId} and id = ${gone.id}`;

    const pending = c.notifications.markRead([gone.id]);
    expect(state().items.find((n) => n.id === gone.id)?.readAt).toEqual(expect.any(String));
    expect(state().counts.unread).toBe(1);
    const error = await rejection(pending);
    expect(error.status).toBe(404);
    expect(state().items).toEqual(before.items);
    expect(state().counts).toEqual(before.counts);
    expect(state().error).toBe(error);

    const archived = c.notifications.archive([gone.id]);
    expect(state().items.map((n) => n.title)).toEqual(['kept']);
    await rejection(archived);
    expect(state().items).toEqual(before.items);
    stop();
  });

  it('marks everything read with read-all, and the server agrees', async () => {
    const tenant = await t.tenant();
    await post(tenant, 'message');
    await post(tenant, 'review', 'reviews.new_review');
    await post(tenant, 'another review', 'reviews.new_review');
    const { client: c } = client(tenant);
    const { state, stop } = await ready(c);

    await c.notifications.setFilter({ category: 'reviews' });
    const pending = c.notifications.markAllRead();
    expect(state().items.every((n) => n.readAt !== null)).toBe(true);
    expect(state().counts.unread).toBe(1);
    await pending;
    expect(await c.notifications.counts()).toEqual({ unread: 1, unseen: 1 });

    await c.notifications.setFilter({});
    await c.notifications.markAllRead();
    expect(state().counts).toEqual({ unread: 0, unseen: 0 });
    expect(state().items.every((n) => n.readAt !== null)).toBe(true);
    expect(await c.notifications.counts()).toEqual({ unread: 0, unseen: 0 });
    stop();
  });

  it('applies changes made elsewhere (another device) from the stream', async () => {
    const tenant = await t.tenant();
    await post(tenant, 'one');
    await post(tenant, 'two');
    const { client: c } = client(tenant);
    const { state, stop } = await ready(c);
    const { client: elsewhere } = client(tenant);
    const ids = (await elsewhere.notifications.list()).items.map((n) => n.id);
    await elsewhere.notifications.markSeen(ids);
    await expect.poll(() => state().counts).toEqual({ unread: 2, unseen: 0 });
    expect(state().items.every((n) => n.seenAt !== null)).toBe(true);
    const readAll = await t.request('/v1/me/notifications/read-all', {
      method: 'POST',
      token: tenant.memberToken,
      json: {},
    });
    expect(readAll.status).toBe(200);
    await expect.poll(() => state().items.every((n) => n.readAt !== null)).toBe(true);
    expect(state().counts).toEqual({ unread: 0, unseen: 0 });
    stop();
  });

  it('reloads everything when the stream says resync', async () => {
    const tenant = await t.tenant();
    await post(tenant, 'seen live');
    const { client: c } = client(tenant);
    const events: StreamEvent[] = [];
    const offEvents = c.realtime.subscribe((event) => events.push(event));
    const { stop } = await ready(c);
    await post(tenant, 'streamed');
    await expect.poll(() => titles(c)).toEqual(['streamed', 'seen live']);

    // Retention deleted what the client would resume from, and a row appeared that no event
    // announced: only a reload can show it.
    await t.sql`
      insert into notifications (account_id, user_id, event_id, type, category, title, in_app)
      values (${tenant.accountId}, ${tenant.member.id}, ${randomUUID()}, 'reviews.new_review',
        'reviews', 'found by a reload', true)`;
    await t.sql`
      update stream_counters set last_seq = last_seq + 1, horizon = last_seq + 1
      where account_id = ${tenant.accountId}`;
    server.closeAllConnections();

    await expect.poll(() => events.map((e) => e.kind), { timeout: 5000 }).toContain('resync');
    await expect.poll(() => titles(c)).toEqual(['found by a reload', 'streamed', 'seen live']);
    expect(c.notifications.store.getState().counts.unread).toBe(3);
    await post(tenant, 'after the resync');
    await expect.poll(() => titles(c)[0]).toBe('after the resync');
    offEvents();
    stop();
  });

  it('stops following the stream when the last subscriber leaves, and catches up when one returns', async () => {
    const tenant = await t.tenant();
    const { client: c } = client(tenant);
    const first = await ready(c);
    first.stop();
    await expect.poll(() => c.realtime.status.getState()).toBe('disconnected');
    await post(tenant, 'while nobody listened');
    const second = await ready(c);
    await expect.poll(() => titles(c)).toEqual(['while nobody listened']);
    second.stop();
  });
});

describe('client.preferences', () => {
  it('loads on first subscribe, shows an update at once and keeps what the server answers', async () => {
    const tenant = await t.tenant();
    const { client: c } = client(tenant);
    const states: PreferencesState[] = [];
    const stop = c.preferences.store.subscribe((state) => states.push(state));
    await expect.poll(() => c.preferences.store.getState().status).toBe('ready');
    expect(states[0]?.status).toBe('loading');
    const key = 'conversations.new_message';
    expect(c.preferences.store.getState().preferences?.effective[key]?.email).toBe(false);
    // A settings screen shows the catalog; the optimistic rules read it too.
    await c.catalog.get();

    const pending = c.preferences.update([{ scope: 'type', key, channel: 'email', enabled: true }]);
    expect(c.preferences.store.getState().preferences?.effective[key]?.email).toBe(true);
    const saved = await pending;
    expect(saved.effective[key]?.email).toBe(true);
    expect(saved.overrides.types[key]).toEqual({ email: true });
    expect((await c.preferences.get()).effective[key]?.email).toBe(true);

    const reset = c.preferences.reset();
    expect(c.preferences.store.getState().preferences?.effective[key]?.email).toBe(false);
    expect((await reset).overrides.types).toEqual({});
    stop();
  });

  it('rolls back an update the API refuses (a required channel switched off)', async () => {
    const tenant = await t.tenant();
    const { client: c } = client(tenant);
    const before = await c.preferences.get();
    await c.catalog.get();
    const key = 'reviews.new_reply';
    const pending = c.preferences.update([
      { scope: 'type', key, channel: 'mobile', enabled: false },
      { scope: 'type', key: 'conversations.send_error', channel: 'in_app', enabled: false },
    ]);
    expect(c.preferences.store.getState().preferences?.effective[key]?.mobile).toBe(false);
    const error = await rejection(pending);
    expect(error.status).toBe(400);
    expect(error.details.map((d) => d.path)).toEqual(['changes.1.channel']);
    expect(c.preferences.store.getState().preferences).toEqual(before);
    expect(c.preferences.store.getState().error).toBe(error);
    expect(await c.preferences.get()).toEqual(before);
  });
});

describe('client.catalog', () => {
  it("answers in the user's language by default, and caches each language", async () => {
    const tenant = await t.tenant();
    const { client: c, requests } = client(tenant);
    const french = await c.catalog.get();
    expect(french.language).toBe('fr');
    expect(french.categories).toHaveLength(12);
    expect(french.categories.flatMap((category) => category.types)).toHaveLength(36);
    expect(await c.catalog.get('fr')).toBe(french);
    const english = await c.catalog.get('en');
    expect(english.language).toBe('en');
    const inApp = (catalog: typeof english) =>
      catalog.channels.find((ch) => ch.key === 'in_app')?.label;
    expect(inApp(english)).toBe('In-app');
    expect(inApp(french)).toBe("Dans l'application");
    expect(requests.filter((r) => r.startsWith('GET /v1/catalog'))).toHaveLength(2);
  });
});
