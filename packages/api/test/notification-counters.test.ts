import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NotificationCounts } from '@baylink/sdk/contract';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../src/db/migrate.ts';
import type { UserRow } from '../src/lib/types.ts';
import { addUser, postEvent, setOverrides } from './support/events-fixtures.ts';
import { withDatabase } from './support/global-setup.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// The unread and unseen counters (migrations/0004) are kept by triggers in the statements that
// change notifications. Here writers of every kind run at once, in random order, on a few users
// who share notifications, and the counters must end equal to a real count(*).

let t: TestContext;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
});
afterAll(() => t.close());

/** A small seeded generator (mulberry32), so a failure can be replayed with its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    /** One to `max` of the items. */
    some: <T>(items: readonly T[], max: number): T[] => {
      const chosen = items.filter(() => next() < 0.5).slice(0, 1 + int(max));
      return chosen.length > 0 ? chosen : [items[int(items.length)]!];
    },
    chance: (p: number) => next() < p,
  };
}

/** Every user's counters next to the real counts; rows only where they differ. */
async function drift(accountId: string) {
  return t.sql`
    with truth as (
      select u.id as user_id,
        count(n.id) filter (
          where n.in_app and n.read_at is null and n.archived_at is null)::int as unread,
        count(n.id) filter (
          where n.in_app and n.seen_at is null and n.archived_at is null)::int as unseen
      from users u
      left join notifications n on n.account_id = u.account_id and n.user_id = u.id
      where u.account_id = ${accountId}
      group by u.id
    )
    select truth.user_id, truth.unread, truth.unseen,
      coalesce(c.unread, 0) as counter_unread, coalesce(c.unseen, 0) as counter_unseen
    from truth
    left join notification_counters c
      on c.account_id = ${accountId} and c.user_id = truth.user_id
    where truth.unread <> coalesce(c.unread, 0) or truth.unseen <> coalesce(c.unseen, 0)`;
}

describe('notification counters', () => {
  it('stay equal to count(*) under concurrent fan-outs, marks, read-alls and direct writes', async () => {
    const seed = Number(process.env.COUNTERS_SEED ?? Date.now() % 1_000_000);
    const rng = random(seed);
    const users: UserRow[] = [];
    for (let i = 0; i < 5; i++) users.push(await addUser(t.sql, tenant, { name: `Counter ${i}` }));
    // Reviews never reach this user's inbox: their rows exist (in_app false) and must not count.
    await setOverrides(t.sql, tenant, users[4]!.id, { categories: { reviews: { in_app: false } } });
    const tokens = new Map<string, string>();
    for (const user of users) tokens.set(user.id, await t.token(tenant, user.id));
    const types = ['conversations.new_message', 'reviews.new_review', 'conversations.new_note'];
    const ids = async (user: UserRow, max: number) => {
      const rows = await t.sql<{ id: string }[]>`
        select id from notifications
        where account_id = ${tenant.accountId} and user_id = ${user.id} and in_app
        order by random() limit ${max}`;
      return rows.map((row) => row.id);
    };
    const expectStatus = async (response: Response, ...ok: number[]) => {
      const text = await response.text();
      expect(ok, `seed ${seed}: ${response.status} ${text}`).toContain(response.status);
    };

    const operations = {
      async fanOut() {
        const response = await postEvent(t, tenant, {
          accountId: tenant.accountId,
          type: rng.pick(types),
          recipients: { userIds: rng.some(users, 5).map((user) => user.id) },
        });
        await expectStatus(response, 202);
      },
      async markOne() {
        const user = rng.pick(users);
        const [id] = await ids(user, 1);
        if (!id) return;
        const marks = rng.pick([
          { seen: true },
          { read: true },
          { read: false },
          { archived: true },
          { archived: false },
          { read: true, archived: true },
          { seen: true, read: false, archived: false },
        ]);
        const response = await t.request(`/v1/me/notifications/${id}`, {
          method: 'PATCH',
          token: tokens.get(user.id)!,
          json: marks,
        });
        // 404: deleted meanwhile by a direct write.
        await expectStatus(response, 200, 404);
      },
      async bulk() {
        const user = rng.pick(users);
        // Sometimes with another user's ids, which must be ignored.
        const mine = await ids(user, 1 + rng.int(8));
        const theirs = rng.chance(0.3) ? await ids(rng.pick(users), 2) : [];
        if (mine.length + theirs.length === 0) return;
        const response = await t.request('/v1/me/notifications/bulk', {
          method: 'POST',
          token: tokens.get(user.id)!,
          json: {
            action: rng.pick(['seen', 'read', 'unread', 'archive', 'unarchive']),
            ids: [...mine, ...theirs],
          },
        });
        await expectStatus(response, 200);
      },
      async readAll() {
        const user = rng.pick(users);
        const filter = {
          ...(rng.chance(0.5) ? { category: rng.pick(['conversations', 'reviews']) } : {}),
          archived: rng.chance(0.2),
        };
        const response = await t.request('/v1/me/notifications/read-all', {
          method: 'POST',
          token: tokens.get(user.id)!,
          json: filter,
        });
        await expectStatus(response, 200);
      },
      // Writers that bypass the API: the triggers keep the counters for them too.
      async directUpdate() {
        const user = rng.pick(users);
        await t.sql`
          update notifications set
            seen_at = case when random() < 0.5 then null else coalesce(seen_at, now()) end,
            read_at = case when random() < 0.5 then null else read_at end
          where account_id = ${tenant.accountId} and user_id = ${user.id}
            and id = any(${await ids(user, 3)}::uuid[])`;
      },
      async directDelete() {
        const user = rng.pick(users);
        await t.sql`
          delete from notifications
          where account_id = ${tenant.accountId} and id = any(${await ids(user, 2)}::uuid[])`;
      },
    };
    const weighted: (keyof typeof operations)[] = [
      ...Array<'fanOut'>(5).fill('fanOut'),
      ...Array<'markOne'>(5).fill('markOne'),
      ...Array<'bulk'>(4).fill('bulk'),
      ...Array<'readAll'>(2).fill('readAll'),
      'directUpdate',
      'directDelete',
    ];

    // Six writers at once, forty operations each.
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = 0; i < 40; i++) await operations[rng.pick(weighted)]();
      }),
    );

    expect(await drift(tenant.accountId), `seed ${seed}`).toEqual([]);
    const [{ total } = { total: 0 }] = await t.sql<{ total: number }[]>`
      select count(*)::int as total from notifications where account_id = ${tenant.accountId}`;
    expect(total, 'the run wrote notifications').toBeGreaterThan(50);

    // The route answers the counters.
    for (const user of users) {
      const [truth] = await t.sql<NotificationCounts[]>`
        select
          count(*) filter (where read_at is null and archived_at is null)::int as unread,
          count(*) filter (where seen_at is null and archived_at is null)::int as unseen
        from notifications
        where account_id = ${tenant.accountId} and user_id = ${user.id} and in_app`;
      const response = await t.request('/v1/me/notifications/counts', {
        token: tokens.get(user.id)!,
      });
      expect(await json(response)).toEqual(truth);
    }

    // Deleting a user takes their notifications and counter with it.
    await t.sql`delete from users where account_id = ${tenant.accountId} and id = ${users[0]!.id}`;
    const left = await t.sql`
      select 1 from notification_counters
      where account_id = ${tenant.accountId} and user_id = ${users[0]!.id}`;
    expect(left).toEqual([]);
    expect(await drift(tenant.accountId), `seed ${seed}`).toEqual([]);
  });

  it('are backfilled by the migration from the notifications that exist', async () => {
    // A database migrated up to 0003, with notifications, then migrated on.
    // The migration runner takes a folder URL's path: with its trailing slash.
    const folder = `${await mkdtemp(path.join(tmpdir(), 'baylink-migrations-'))}/`;
    const database = `baylink_t_counters_${process.pid}`;
    const admin = postgres(inject('databaseServerUrl'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${database}"`);
    const sql = postgres(withDatabase(inject('databaseServerUrl'), database), {
      max: 1,
      onnotice: () => {},
    });
    try {
      for (const file of await readdir(MIGRATIONS_DIR)) {
        if (file < '0004') await copyFile(path.join(MIGRATIONS_DIR, file), path.join(folder, file));
      }
      await migrate(sql, folder);
      const [integrator] = await sql<{ id: string }[]>`
        insert into integrators (name, api_key_hash, signing_secret)
        values ('Old', ${Buffer.from('old key')}, 'secret') returning id`;
      const [account] = await sql<{ id: string }[]>`
        insert into accounts (integrator_id, name) values (${integrator!.id}, 'Old Motors')
        returning id`;
      const users = await sql<{ id: string }[]>`
        insert into users (account_id, name)
        select ${account!.id}, 'User ' || g from generate_series(1, 3) as g returning id`;
      await sql`
        insert into notifications (account_id, user_id, event_id, type, category, title, in_app,
          seen_at, read_at, archived_at)
        select ${account!.id}, u.id, gen_random_uuid(), 'conversations.new_message',
          'conversations', 'Old ' || g, g % 5 <> 0,
          case when g % 2 = 0 then now() end, case when g % 3 = 0 then now() end,
          case when g % 7 = 0 then now() end
        from unnest(${users.map((user) => user.id)}::uuid[]) as u(id)
        cross join generate_series(1, 40) as g`;

      await migrate(sql);
      const counters = await sql`
        select user_id, unread, unseen from notification_counters order by user_id`;
      const truth = await sql`
        select user_id,
          count(*) filter (where read_at is null and archived_at is null)::int as unread,
          count(*) filter (where seen_at is null and archived_at is null)::int as unseen
        from notifications where in_app group by user_id order by user_id`;
      expect(counters).toHaveLength(3);
      expect(counters).toEqual(truth);
      expect(counters.every((row) => row.unread > 0 && row.unseen > 0)).toBe(true);
    } finally {
      await sql.end();
      await admin.unsafe(`drop database if exists "${database}" with (force)`);
      await admin.end();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
