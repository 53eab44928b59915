import { randomUUID } from 'node:crypto';
import {
  InboxPage,
  Notification,
  NotificationChanges,
  NotificationCounts,
} from '@baylink/sdk/contract';
import { mintUserToken } from '@baylink/sdk/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRow } from '../src/lib/types.ts';
import { decodeCursor, inboxReader, type PageKey } from '../src/services/notifications-reads.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { addUser, postEvent, setOverrides } from './support/events-fixtures.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
});
afterAll(() => t.close());

/** Posts an event of `type` to the users; answers its id. */
async function notify(users: UserRow[], type = 'conversations.new_message', title?: string) {
  const response = await postEvent(t, tenant, {
    accountId: tenant.accountId,
    type,
    recipients: { userIds: users.map((user) => user.id) },
    ...(title ? { title } : {}),
  });
  expect(response.status).toBe(202);
  return (await json<{ id: string }>(response)).id;
}

/** A fresh user of the tenant's account with a token. */
async function freshUser(language: 'en' | 'fr' = 'en') {
  const user = await addUser(t.sql, tenant, { name: 'Inbox user', language });
  return { user, token: await t.token(tenant, user.id) };
}

async function page(token: string, query = '') {
  const response = await t.request(`/v1/me/notifications${query}`, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return InboxPage.parse(await json(response));
}

async function counts(token: string) {
  const response = await t.request('/v1/me/notifications/counts', { token });
  expect(response.status).toBe(200);
  return NotificationCounts.parse(await json(response));
}

async function patch(token: string, id: string, body: unknown) {
  return t.request(`/v1/me/notifications/${id}`, { method: 'PATCH', token, json: body });
}

async function bulk(token: string, body: unknown) {
  const response = await t.request('/v1/me/notifications/bulk', {
    method: 'POST',
    token,
    json: body,
  });
  expect(response.status).toBe(200);
  return NotificationChanges.parse(await json(response));
}

async function readAll(token: string, body: unknown = {}) {
  const response = await t.request('/v1/me/notifications/read-all', {
    method: 'POST',
    token,
    json: body,
  });
  expect(response.status).toBe(200);
  return NotificationChanges.parse(await json(response));
}

/** The user's notifications.changed stream events, oldest first. */
async function changesOf(userId: string) {
  return t.sql<{ seq: string; payload: NotificationChanges }[]>`
    select s.seq::text, s.payload from stream_events s
    where s.user_id = ${userId} and s.kind = 'notifications.changed'
    order by s.seq`;
}

describe('GET /v1/me/notifications', () => {
  it('pages newest first, seeing every older row exactly once while new ones arrive', async () => {
    const { user, token } = await freshUser();
    for (let i = 0; i < 25; i++) await notify([user], 'conversations.new_message', `Old ${i}`);
    // Ten rows sharing one created_at: only the id breaks the tie.
    await t.sql`
      insert into notifications (account_id, user_id, event_id, type, category, title, in_app, created_at)
      select ${tenant.accountId}, ${user.id}, gen_random_uuid(), 'conversations.new_message',
        'conversations', 'Tied ' || g, true, now() - interval '1 minute'
      from generate_series(1, 10) as g`;
    const old = await t.sql<{ id: string }[]>`
      select id from notifications where user_id = ${user.id} and in_app
      order by created_at desc, id desc`;
    expect(old).toHaveLength(35);

    const seen: Notification[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: InboxPage = await page(
        token,
        `?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...result.items);
      cursor = result.nextCursor;
      // New notifications arrive between pages.
      await notify([user], 'conversations.new_message', `New ${pages}`);
      pages++;
    } while (cursor && pages < 50);

    const oldIds = old.map((row) => row.id);
    const seenIds = seen.map((item) => item.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds.filter((id) => oldIds.includes(id))).toEqual(oldIds);
    expect(pages).toBe(9);
    expect(seen.at(-1)?.title).toMatch(/^Tied /);
  });

  it('filters by category, read state and archived', async () => {
    const { user, token } = await freshUser();
    const message = await notify([user], 'conversations.new_message');
    const review = await notify([user], 'reviews.new_review');
    const archived = await notify([user], 'reviews.new_review');
    const ids = new Map(
      (
        await t.sql<{ id: string; event_id: string }[]>`
          select id, event_id from notifications where user_id = ${user.id}`
      ).map((row) => [row.event_id, row.id]),
    );
    expect((await patch(token, ids.get(message)!, { read: true })).status).toBe(200);
    expect((await patch(token, ids.get(archived)!, { archived: true })).status).toBe(200);

    const titles = async (query: string) => (await page(token, query)).items.map((i) => i.id);
    expect(await titles('')).toEqual([ids.get(review), ids.get(message)]);
    expect(await titles('?category=reviews')).toEqual([ids.get(review)]);
    expect(await titles('?read=unread')).toEqual([ids.get(review)]);
    expect(await titles('?read=read')).toEqual([ids.get(message)]);
    expect(await titles('?archived=true')).toEqual([ids.get(archived)]);
    expect(await titles('?archived=true&category=conversations')).toEqual([]);
  });

  it('answers 400 for a bad cursor, limit or category', async () => {
    const { token } = await freshUser();
    for (const query of ['?cursor=bm9wZQ', '?limit=101', '?limit=0', '?category=nope', '?read=x']) {
      const response = await t.request(`/v1/me/notifications${query}`, { token });
      expect(response.status, query).toBe(400);
      expect((await errorOf(response)).code).toBe('validation_failed');
    }
    const forged = Buffer.from(`2026-01-01T00:00:00.000000Z|${randomUUID()}' or 1=1`).toString(
      'base64url',
    );
    const response = await t.request(`/v1/me/notifications?cursor=${forged}`, { token });
    expect(pathsOf(await errorOf(response))).toEqual(['cursor']);
  });

  it('shows neither another user’s nor another account’s notifications, nor out-of-app ones', async () => {
    const { user, token } = await freshUser();
    const { user: quiet, token: quietToken } = await freshUser();
    await setOverrides(t.sql, tenant, quiet.id, { channels: { in_app: false } });
    await notify([user, quiet]);
    const [outOfApp] = await t.sql<{ id: string; in_app: boolean }[]>`
      select id, in_app from notifications where user_id = ${quiet.id}`;
    expect(outOfApp?.in_app).toBe(false);
    expect((await page(quietToken)).items).toEqual([]);
    expect(await counts(quietToken)).toEqual({ unread: 0, unseen: 0 });
    expect((await patch(quietToken, outOfApp!.id, { read: true })).status).toBe(404);

    expect((await page(token)).items).toHaveLength(1);
    expect((await page(other.adminToken)).items).toEqual([]);
    expect((await page(other.memberToken)).items).toEqual([]);
    expect(await counts(other.adminToken)).toEqual({ unread: 0, unseen: 0 });
  });

  it('answers 401 without a token', async () => {
    expect((await t.request('/v1/me/notifications')).status).toBe(401);
    expect((await t.request('/v1/me/notifications/counts')).status).toBe(401);
  });

  // The page and the counts read the token's user in their own query (no separate lookup).
  it('reads the user a reference-id token names, and answers 401 for a user that is gone', async () => {
    const { user } = await freshUser();
    await notify([user], 'conversations.new_message', 'By reference');
    const { token: byReference } = await mintUserToken({
      secret: tenant.signingSecret,
      accountId: tenant.accountId,
      referenceId: user.reference_id!,
    });
    expect((await page(byReference)).items.map((item) => item.title)).toEqual(['By reference']);
    expect(await counts(byReference)).toEqual({ unread: 1, unseen: 1 });
    const { token: unknownReference } = await mintUserToken({
      secret: tenant.signingSecret,
      accountId: tenant.accountId,
      referenceId: 'NOBODY',
    });

    const { user: leaving, token: leavingToken } = await freshUser();
    await notify([leaving]);
    await t.sql`delete from users where account_id = ${tenant.accountId} and id = ${leaving.id}`;
    for (const token of [leavingToken, unknownReference]) {
      for (const path of ['/v1/me/notifications', '/v1/me/notifications/counts']) {
        const response = await t.request(path, { token });
        expect(response.status, path).toBe(401);
        expect(await errorOf(response), path).toMatchObject({
          code: 'token_invalid',
          message: 'The user token names an unknown user',
        });
      }
    }
    // Many at once, mixed with valid ones, in one batch: each gets its own answer.
    for (const path of ['/v1/me/notifications/counts', '/v1/me/notifications?limit=3']) {
      const answers = await Promise.all(
        [leavingToken, byReference, unknownReference, tenant.memberToken].map((token) =>
          t.request(path, { token }).then((response) => response.status),
        ),
      );
      expect(answers, path).toEqual([401, 200, 401, 200]);
    }
  });
});

describe('batched reads', () => {
  it('answers concurrent requests read in one query exactly as one by one', async () => {
    const a = await freshUser();
    const b = await freshUser('fr');
    await notify([a.user, b.user], 'conversations.new_message');
    await notify([a.user], 'reviews.new_review');
    await notify([a.user, b.user], 'reviews.new_review');
    await notify([b.user], 'conversations.new_note');
    const firstOfA = (await page(a.token, '?limit=1')).items[0]!;
    await patch(a.token, firstOfA.id, { read: true });
    const cursorOfB = (await page(b.token, '?limit=1')).nextCursor!;

    const reader = inboxReader(t.sql);
    const owner = (user: UserRow) => ({ accountId: tenant.accountId, userId: user.id });
    const keys: PageKey[] = [
      { ...owner(a.user), category: null, read: 'all', archived: false, after: null, limit: 2 },
      {
        ...owner(a.user),
        category: 'reviews',
        read: 'unread',
        archived: false,
        after: null,
        limit: 5,
      },
      { ...owner(a.user), category: null, read: 'read', archived: false, after: null, limit: 5 },
      {
        ...owner(b.user),
        category: null,
        read: 'all',
        archived: false,
        after: decodeCursor(cursorOfB),
        limit: 1,
      },
      { ...owner(b.user), category: null, read: 'all', archived: true, after: null, limit: 5 },
    ];
    const together = await Promise.all(keys.map((key) => reader.pages.load(key)));
    const alone = [];
    for (const key of keys) alone.push(await reader.pages.load(key));
    expect(together).toEqual(alone);
    const pages = alone.map((text) => InboxPage.parse(JSON.parse(text)));
    expect(pages[0]!.items).toHaveLength(2);
    expect(pages[0]!.nextCursor).not.toBeNull();
    expect(pages[1]!.items).toHaveLength(1);
    expect(pages[2]!.items.map((item) => item.id)).toEqual([firstOfA.id]);
    expect(pages[3]!.items).toHaveLength(1);
    expect(pages[4]!.items).toEqual([]);

    const countsTogether = await Promise.all(
      [a.user, b.user, a.user].map((user) => reader.counts.load(owner(user))),
    );
    expect(countsTogether).toEqual([
      { unread: 2, unseen: 2 },
      { unread: 3, unseen: 3 },
      { unread: 2, unseen: 2 },
    ]);

    // The same through HTTP, many requests at once.
    const queries = ['', '?category=reviews', '?read=unread', '?limit=1'];
    const sequential = [];
    for (const query of queries) sequential.push(await page(a.token, query));
    const concurrent = await Promise.all(queries.map((query) => page(a.token, query)));
    expect(concurrent).toEqual(sequential);
  });
});

describe('counts and marks', () => {
  it('counts unread and unseen among non-archived notifications', async () => {
    const { user, token } = await freshUser();
    await notify([user]);
    await notify([user]);
    await notify([user]);
    const items = (await page(token)).items;
    expect(await counts(token)).toEqual({ unread: 3, unseen: 3 });
    expect((await page(token)).counts).toEqual({ unread: 3, unseen: 3 });
    await patch(token, items[0]!.id, { seen: true });
    expect(await counts(token)).toEqual({ unread: 3, unseen: 2 });
    await patch(token, items[1]!.id, { read: true });
    expect(await counts(token)).toEqual({ unread: 2, unseen: 1 });
    await patch(token, items[2]!.id, { archived: true });
    expect(await counts(token)).toEqual({ unread: 1, unseen: 0 });
  });

  it('marks one notification and tells the user’s other tabs through the stream', async () => {
    const { user, token } = await freshUser('fr');
    await notify([user]);
    const [item] = (await page(token)).items;
    const id = item!.id;

    const seenResponse = await patch(token, id, { seen: true });
    expect(seenResponse.status).toBe(200);
    const seen = Notification.parse(await json(seenResponse));
    expect(seen).toMatchObject({ id, readAt: null, archivedAt: null, title: 'Nouveaux messages' });
    expect(seen.seenAt).not.toBeNull();

    const read = Notification.parse(await json(await patch(token, id, { read: true })));
    expect(read.readAt).not.toBeNull();
    expect(read.seenAt).toBe(seen.seenAt);

    const unread = Notification.parse(await json(await patch(token, id, { read: false })));
    expect(unread).toMatchObject({ readAt: null, seenAt: seen.seenAt });

    const archived = Notification.parse(await json(await patch(token, id, { archived: true })));
    expect(archived.archivedAt).not.toBeNull();
    const restored = Notification.parse(await json(await patch(token, id, { archived: false })));
    expect(restored.archivedAt).toBeNull();

    // Marking seen again changes nothing and writes no event.
    await patch(token, id, { seen: true });
    const events = await changesOf(user.id);
    expect(events.map((event) => event.payload.items)).toEqual([
      [{ id, seenAt: seen.seenAt, readAt: null, archivedAt: null }],
      [{ id, seenAt: seen.seenAt, readAt: read.readAt, archivedAt: null }],
      [{ id, seenAt: seen.seenAt, readAt: null, archivedAt: null }],
      [{ id, seenAt: seen.seenAt, readAt: null, archivedAt: archived.archivedAt }],
      [{ id, seenAt: seen.seenAt, readAt: null, archivedAt: null }],
    ]);
    expect(events.map((event) => event.payload.counts)).toEqual([
      { unread: 1, unseen: 0 },
      { unread: 0, unseen: 0 },
      { unread: 1, unseen: 0 },
      { unread: 0, unseen: 0 },
      { unread: 1, unseen: 0 },
    ]);
    const [row] = await t.sql`
      select user_id from stream_events where seq = ${events[0]!.seq}::bigint
        and account_id = ${tenant.accountId}`;
    expect(row?.user_id).toBe(user.id);
  });

  it("answers 404 for another user's or account's notification and changes nothing", async () => {
    const { user } = await freshUser();
    await notify([user]);
    const [mine] = await t.sql<{ id: string }[]>`
      select id from notifications where user_id = ${user.id}`;
    const response = await patch(tenant.memberToken, mine!.id, { read: true });
    expect(response.status).toBe(404);
    expect((await patch(other.adminToken, mine!.id, { archived: true })).status).toBe(404);
    expect((await patch(tenant.memberToken, randomUUID(), { read: true })).status).toBe(404);
    const [after] = await t.sql`
      select read_at, archived_at from notifications where id = ${mine!.id}`;
    expect(after).toEqual({ read_at: null, archived_at: null });
    expect(await changesOf(tenant.member.id)).toEqual([]);
  });

  it('answers 400 for an empty or unknown change', async () => {
    const { user, token } = await freshUser();
    await notify([user]);
    const [item] = (await page(token)).items;
    expect((await patch(token, item!.id, {})).status).toBe(400);
    expect((await patch(token, item!.id, { seen: false })).status).toBe(400);
    expect((await patch(token, item!.id, { pinned: true })).status).toBe(400);
    expect((await patch(token, 'not-an-id', { read: true })).status).toBe(400);
  });

  it('marks in bulk only the caller’s own notifications, without naming the others', async () => {
    const { user, token } = await freshUser();
    const { user: neighbour, token: neighbourToken } = await freshUser();
    await notify([user, neighbour]);
    await notify([user, neighbour]);
    const mine = (await page(token)).items.map((item) => item.id);
    const theirs = (await page(neighbourToken)).items.map((item) => item.id);
    const result = await bulk(token, { action: 'read', ids: [theirs[0], mine[1], mine[0]] });
    expect(result.items.map((item) => item.id)).toEqual([mine[1], mine[0]]);
    expect(result.items.every((item) => item.readAt && item.seenAt)).toBe(true);
    expect(result.counts).toEqual({ unread: 0, unseen: 0 });
    expect(await counts(neighbourToken)).toEqual({ unread: 2, unseen: 2 });

    const archived = await bulk(token, { action: 'archive', ids: mine });
    expect(archived.items.every((item) => item.archivedAt)).toBe(true);
    expect((await page(token)).items).toEqual([]);
    const unarchived = await bulk(token, { action: 'unarchive', ids: mine });
    expect(unarchived.items).toHaveLength(2);
    const unread = await bulk(token, { action: 'unread', ids: mine });
    expect(unread.counts).toEqual({ unread: 2, unseen: 0 });
    const seen = await bulk(neighbourToken, { action: 'seen', ids: theirs });
    expect(seen.counts).toEqual({ unread: 2, unseen: 0 });

    // Nothing to change: no event.
    const before = (await changesOf(user.id)).length;
    const noop = await bulk(token, { action: 'unread', ids: [...mine, ...theirs] });
    expect(noop.items).toEqual([]);
    expect(await changesOf(user.id)).toHaveLength(before);
    expect(before).toBe(4);
    const events = await changesOf(user.id);
    expect(events[0]!.payload.items.map((item) => item.id)).toEqual([mine[1], mine[0]]);

    // Another account's user cannot touch them either.
    const foreign = await bulk(other.adminToken, { action: 'archive', ids: mine });
    expect(foreign.items).toEqual([]);
    expect(await counts(token)).toEqual({ unread: 2, unseen: 0 });
    expect(await readAll(other.adminToken)).toMatchObject({ counts: { unread: 0, unseen: 0 } });
    expect(await counts(token)).toEqual({ unread: 2, unseen: 0 });

    const tooMany = await t.request('/v1/me/notifications/bulk', {
      method: 'POST',
      token,
      json: { action: 'read', ids: [] },
    });
    expect(tooMany.status).toBe(400);
  });

  it('marks all read within the filter only, and says so on the stream', async () => {
    const { user, token } = await freshUser();
    await notify([user], 'conversations.new_message');
    await notify([user], 'reviews.new_review');
    await notify([user], 'reviews.new_review');
    const archivedId = (await page(token, '?category=reviews')).items[0]!.id;
    await patch(token, archivedId, { archived: true });

    const result = await readAll(token, { category: 'reviews' });
    expect(result.items).toEqual([]);
    expect(result.readAllBefore).toMatchObject({ category: 'reviews', archived: false });
    expect(result.counts).toEqual({ unread: 1, unseen: 1 });
    const reviews = (await page(token, '?category=reviews')).items;
    expect(reviews.every((item) => item.readAt && item.seenAt)).toBe(true);
    expect((await page(token, '?category=conversations')).items[0]!.readAt).toBeNull();
    expect((await page(token, '?archived=true')).items[0]!.readAt).toBeNull();
    const [event] = (await changesOf(user.id)).slice(-1);
    expect(event!.payload).toEqual(result);

    const everything = await readAll(token);
    expect(everything.counts).toEqual({ unread: 0, unseen: 0 });
    expect((await page(token, '?archived=true')).items[0]!.readAt).toBeNull();
    const archivedToo = await readAll(token, { archived: true });
    expect(archivedToo.readAllBefore?.archived).toBe(true);
    expect((await page(token, '?archived=true')).items[0]!.readAt).not.toBeNull();
    expect(await changesOf(other.admin.id)).toEqual([]);
  });
});
