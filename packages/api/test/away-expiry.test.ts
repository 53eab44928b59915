import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AwayStatus, PresenceList } from '@baylink/sdk/contract';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../src/db/database.ts';
import { loadEnv } from '../src/env.ts';
import { startBaylink } from '../src/server.ts';
import { expireAwayStatuses, startAwayExpiry } from '../src/services/away-expiry.ts';
import {
  dayFromNow,
  newUser,
  presenceEvents,
  readAway,
  setAway,
  type TestUser,
} from './support/away-fixtures.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// The automatic return at "away until": the job's instant, exact reads before it runs, two
// workers at once, the timer of a running process, and its wake-up by a write.

let t: TestContext;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
});
afterAll(() => t.close());

/** Sets the user away with a cover, then moves `until` to `at` (SQL: any instant, to the ms). */
async function awayUntil(user: TestUser, at: string, accountId = tenant.accountId) {
  await setAway(t, user.token, {
    away: true,
    assignee: { kind: 'user', id: tenant.admin.id },
    until: { date: dayFromNow(3), time: '08:00', timeZone: 'America/Toronto' },
  });
  await t.sql`
    update away_statuses set until_at = ${at}::timestamptz
    where account_id = ${accountId} and user_id = ${user.id}`;
}

async function stored(userId: string) {
  const [row] = await t.sql<{ away: boolean; version: string; updated_at: string }[]>`
    select away, version::text, updated_at from away_statuses
    where account_id = ${tenant.accountId} and user_id = ${userId}`;
  return row!;
}

const eventsOf = async (userId: string) =>
  (await presenceEvents(t, tenant.accountId)).filter((e) => e.data.userId === userId);

describe('expireAwayStatuses', () => {
  it('ends a status exactly at its until instant, with one presence.changed event', async () => {
    const user = await newUser(t, tenant, 'Ivy Instant');
    const at = new Date(Date.now() + 60 * 60_000);
    at.setMilliseconds(250);
    await awayUntil(user, at.toISOString());
    const before = await eventsOf(user.id);

    const early = await expireAwayStatuses(t.sql, { now: new Date(at.getTime() - 1) });
    expect(early.expired).toBe(0);
    expect((await stored(user.id)).away).toBe(true);

    const due = await expireAwayStatuses(t.sql, { now: at });
    expect(due.expired).toBe(1);
    expect(await stored(user.id)).toMatchObject({ away: false, version: '2' });
    const events = (await eventsOf(user.id)).slice(before.length);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      userId: null,
      data: {
        userId: user.id,
        away: false,
        since: null,
        until: null,
        assignee: { kind: 'user', id: tenant.admin.id },
        version: 2,
        updatedAt: at.toISOString(),
        updatedBy: null,
      },
    });
    // Once done, nothing is left to do.
    expect((await expireAwayStatuses(t.sql, { now: at })).expired).toBe(0);
  });

  it('is not needed for reads: after the instant they show the status off, as the job will write it', async () => {
    const user = await newUser(t, tenant, 'Lars Lazy');
    const at = new Date(Date.now() - 5_000).toISOString();
    await awayUntil(user, at);
    expect((await stored(user.id)).away).toBe(true);

    const read = await readAway(t, user.token);
    expect(read).toMatchObject({
      away: false,
      since: null,
      until: null,
      assignee: { kind: 'user', id: tenant.admin.id },
      version: 2,
      updatedAt: at,
      updatedBy: null,
    });
    expect(await readAway(t, tenant.memberToken, `/v1/users/${user.id}/away`)).toEqual(read);
    const presence = await json<PresenceList>(
      await t.request('/v1/presence', { token: tenant.memberToken }),
    );
    expect(presence.items.find((item) => item.userId === user.id)).toEqual(read);

    // The job then writes what the reads showed, and its event carries the same JSON.
    const before = await eventsOf(user.id);
    await expireAwayStatuses(t.sql);
    expect(await readAway(t, user.token)).toEqual(read);
    const events = (await eventsOf(user.id)).slice(before.length);
    expect(events.map((e) => e.data)).toEqual([read]);
  });

  it('lets a write go past a lapsed status: turning on again is a newer version', async () => {
    const user = await newUser(t, tenant, 'Pete Past');
    await awayUntil(user, new Date(Date.now() - 1_000).toISOString());
    const lapsed = await readAway(t, user.token);
    const again = await setAway(t, user.token, { away: true });
    expect(again.version).toBe(lapsed.version + 1);
    expect(again.since).not.toBeNull();
    // The job finds nothing left to end for this user.
    const before = await eventsOf(user.id);
    await expireAwayStatuses(t.sql);
    expect(await eventsOf(user.id)).toEqual(before);
    expect((await readAway(t, user.token)).away).toBe(true);
  });

  it('never processes a row twice when two workers run at once', async () => {
    const fresh = await t.tenant();
    const users: TestUser[] = [];
    for (let i = 0; i < 60; i++) users.push(await newUser(t, fresh, `Worker Case ${i}`));
    await t.sql`
      insert into away_statuses (
        account_id, user_id, away, since, until_at, until_date, until_time, until_zone, version
      )
      select ${fresh.accountId}, u.id, true, now() - interval '1 day',
        now() - interval '1 second' * (random() * 100), current_date, '08:00', 'UTC', 1
      from unnest(${users.map((u) => u.id)}::uuid[]) as u(id)`;
    const one = connect(t.databaseUrl, { max: 1 });
    const two = connect(t.databaseUrl, { max: 1 });
    try {
      const results = await Promise.all([
        expireAwayStatuses(one, { limit: 4 }),
        expireAwayStatuses(two, { limit: 4 }),
        expireAwayStatuses(one, { limit: 7 }),
        expireAwayStatuses(two, { limit: 3 }),
      ]);
      expect(results.reduce((sum, r) => sum + r.expired, 0)).toBe(60);
    } finally {
      await one.end();
      await two.end();
    }
    const events = await presenceEvents(t, fresh.accountId);
    expect(events).toHaveLength(60);
    expect(new Set(events.map((e) => e.data.userId)).size).toBe(60);
    expect(events.every((e) => e.data.away === false && e.data.version === 2)).toBe(true);
    const [left] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from away_statuses where account_id = ${fresh.accountId} and away`;
    expect(left!.n).toBe(0);
  });
});

describe('the return timer', () => {
  it('wakes up when this process writes a status due sooner than its next wake-up', async () => {
    const user = await newUser(t, tenant, 'Tim Timer');
    // Nothing due for a minute: the timer sleeps its longest.
    const timer = startAwayExpiry({ sql: t.sql, logger: t.deps.logger, maxSleepMs: 120_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const at = new Date(Date.now() + 800);
      await awayUntil(user, at.toISOString());
      timer.poke(at);
      await expect
        .poll(async () => (await stored(user.id)).away, { timeout: 10_000, interval: 50 })
        .toBe(false);
      expect((await stored(user.id)).updated_at).toBe(at.toISOString());
      expect((await eventsOf(user.id)).at(-1)?.data).toMatchObject({ away: false, version: 2 });
    } finally {
      await timer.stop();
    }
  });

  it('is poked by a status write with an until, at that instant', async () => {
    const pokes: Date[] = [];
    const fresh = await createTestContext({ awayExpiry: { poke: (at) => pokes.push(at) } });
    try {
      const owner = await fresh.tenant();
      const status = await setAway(fresh, owner.memberToken, {
        away: true,
        until: { date: dayFromNow(2), time: '17:30', timeZone: 'Europe/Paris' },
      });
      expect(pokes).toEqual([new Date(status.until!.at)]);
      await setAway(fresh, owner.memberToken, { away: true });
      expect(pokes).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('runs in a started Baylink process and ends a due status by itself', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-away-'));
    await chmod(dataDir, 0o755);
    const user = await newUser(t, tenant, 'Rory Running');
    const at = new Date(Date.now() + 1_500);
    await awayUntil(user, at.toISOString());
    const running = await startBaylink({
      env: loadEnv({
        DATABASE_URL: t.databaseUrl,
        PORT: '0',
        BAYLINK_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
      }),
      logger: pino({ level: 'silent' }),
    });
    try {
      await expect
        .poll(async () => (await stored(user.id)).away, { timeout: 15_000, interval: 100 })
        .toBe(false);
      expect((await stored(user.id)).updated_at).toBe(at.toISOString());
      const events = (await eventsOf(user.id)).filter((e) => e.data.updatedBy === null);
      expect(events).toHaveLength(1);
      const response = await fetch(`${running.url}/v1/me/away`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
      expect(await json<AwayStatus>(response)).toEqual(events[0]!.data);
    } finally {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
