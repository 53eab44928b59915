import type {
  AwayStatus,
  PresenceList,
  SetAwayStatus,
  TeamSummaryList,
} from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dayFromNow,
  newTeam,
  newUser,
  presenceEvents,
  readAway,
  setAway,
  type TestUser,
} from './support/away-fixtures.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// The away status routes (own, teammate's, integrator's), presence and the team directory, on a
// real Postgres: what is stored, what is refused, who may do what, what the stream gets.

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;
let serviceTeam: string;
let stranger: TestUser;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
  serviceTeam = await newTeam(t, tenant, 'Service Team', [tenant.member.id, tenant.admin.id]);
  stranger = await newUser(t, other, 'Sal Stranger');
});
afterAll(() => t.close());

const until = (days = 3, time = '08:00', timeZone = 'America/Toronto') => ({
  date: dayFromNow(days),
  time,
  timeZone,
});

/** What a refused request must leave untouched: the status and the stream. */
async function snapshot(accountId: string, userId: string) {
  const [row] = await t.sql`
    select to_jsonb(s) as status from away_statuses s
    where account_id = ${accountId} and user_id = ${userId}`;
  const [events] = await t.sql<{ n: number }[]>`
    select count(*)::int as n from stream_events where account_id = ${accountId}`;
  return { status: row?.status ?? null, events: events!.n };
}

describe('GET /v1/me/away', () => {
  it('reads off, version 0, for a user who never set a status', async () => {
    const user = await newUser(t, tenant, 'Nina Never');
    expect(await readAway(t, user.token)).toEqual({
      userId: user.id,
      name: 'Nina Never',
      away: false,
      since: null,
      until: null,
      assignee: null,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('answers 401 without a token and with an API key', async () => {
    expect((await t.request('/v1/me/away')).status).toBe(401);
    expect((await t.request('/v1/me/away', { token: tenant.apiKey })).status).toBe(401);
  });
});

describe('PUT /v1/me/away', () => {
  it('turns the status on with a team covering until a local date and time', async () => {
    const user = await newUser(t, tenant, 'Olga Away');
    const before = Date.now();
    const status = await setAway(t, user.token, {
      away: true,
      assignee: { kind: 'team', id: serviceTeam },
      until: until(3, '08:00'),
    });
    expect(status).toMatchObject({
      userId: user.id,
      name: 'Olga Away',
      away: true,
      assignee: { kind: 'team', id: serviceTeam, name: 'Service Team' },
      until: { date: dayFromNow(3), time: '08:00', timeZone: 'America/Toronto' },
      version: 1,
      updatedBy: user.id,
    });
    expect(Date.parse(status.since!)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(status.until!.at)).toBeGreaterThan(Date.now() + 86_400_000);
    expect(await readAway(t, user.token)).toEqual(status);
  });

  it('keeps since while it stays on, and bumps the version with every change', async () => {
    const user = await newUser(t, tenant, 'Paco Keep');
    const first = await setAway(t, user.token, { away: true });
    expect(first).toMatchObject({ away: true, assignee: null, until: null, version: 1 });
    const second = await setAway(t, user.token, {
      away: true,
      assignee: { kind: 'user', id: tenant.member.id },
    });
    expect(second).toMatchObject({
      since: first.since,
      assignee: { kind: 'user', id: tenant.member.id, name: 'Marc Membre' },
      version: 2,
    });
    // Left out, the assignee means none while turning (or staying) on.
    const third = await setAway(t, user.token, { away: true });
    expect(third).toMatchObject({ since: first.since, assignee: null, version: 3 });
  });

  it('turns off keeping the cover, dropping since and until', async () => {
    const user = await newUser(t, tenant, 'Quinn Off');
    await setAway(t, user.token, {
      away: true,
      assignee: { kind: 'team', id: serviceTeam },
      until: until(4),
    });
    const off = await setAway(t, user.token, { away: false });
    expect(off).toMatchObject({
      away: false,
      since: null,
      until: null,
      assignee: { kind: 'team', id: serviceTeam },
      version: 2,
    });
    // An explicit null clears it; a cover may be chosen while off, for next time.
    expect((await setAway(t, user.token, { away: false, assignee: null })).assignee).toBeNull();
    const chosen = await setAway(t, user.token, {
      away: false,
      assignee: { kind: 'user', id: tenant.admin.id },
    });
    expect(chosen).toMatchObject({ away: false, assignee: { kind: 'user', id: tenant.admin.id } });
    // Turning on again records a new since.
    const on = await setAway(t, user.token, {
      away: true,
      assignee: { kind: 'user', id: tenant.admin.id },
    });
    expect(on.since).not.toBeNull();
  });

  it('appends one presence.changed event per change for every user, carrying the answer', async () => {
    const user = await newUser(t, tenant, 'Rosa Stream');
    const before = (await presenceEvents(t, tenant.accountId)).length;
    const on = await setAway(t, user.token, { away: true, until: until(2) });
    const off = await setAway(t, user.token, { away: false });
    const events = (await presenceEvents(t, tenant.accountId)).slice(before);
    expect(events).toEqual([
      { seq: expect.any(String), userId: null, data: on },
      { seq: expect.any(String), userId: null, data: off },
    ]);
  });

  it('writes nothing and sends nothing when the status does not change', async () => {
    const user = await newUser(t, tenant, 'Sid Same');
    const body: SetAwayStatus = {
      away: true,
      assignee: { kind: 'team', id: serviceTeam },
      until: until(5),
    };
    const first = await setAway(t, user.token, body);
    const before = await snapshot(tenant.accountId, user.id);
    expect(await setAway(t, user.token, body)).toEqual(first);
    expect(await snapshot(tenant.accountId, user.id)).toEqual(before);
  });

  const refusals: [string, (self: TestUser) => unknown, string][] = [
    ['a return time in the past', () => ({ away: true, until: until(-2) }), 'until'],
    ['a return time while turning off', () => ({ away: false, until: until(2) }), 'until'],
    [
      'an unknown user as cover',
      () => ({ away: true, assignee: { kind: 'user', id: crypto.randomUUID() } }),
      'assignee.id',
    ],
    [
      "another account's user as cover",
      () => ({ away: true, assignee: { kind: 'user', id: stranger.id } }),
      'assignee.id',
    ],
    [
      'an unknown team as cover',
      () => ({ away: true, assignee: { kind: 'team', id: crypto.randomUUID() } }),
      'assignee.id',
    ],
    [
      'the user themself as cover',
      (self) => ({ away: true, assignee: { kind: 'user', id: self.id } }),
      'assignee.id',
    ],
    [
      'a date that does not exist',
      () => ({ away: true, until: { ...until(), date: '2031-02-30' } }),
      'until.date',
    ],
    [
      'a time past 23:59',
      () => ({ away: true, until: { ...until(), time: '24:00' } }),
      'until.time',
    ],
    [
      'an unknown time zone',
      () => ({ away: true, until: until(3, '08:00', 'Mars/Olympus') }),
      'until.timeZone',
    ],
    ['an unknown field', () => ({ away: true, mood: 'sunny' }), '(body)'],
    ['no away switch', () => ({ assignee: null }), 'away'],
  ];
  for (const [what, body, field] of refusals) {
    it(`refuses ${what} with a 400 naming ${field}, changing nothing`, async () => {
      const user = await newUser(t, tenant, `Tess ${field}`);
      await setAway(t, user.token, { away: true, assignee: { kind: 'team', id: serviceTeam } });
      const before = await snapshot(tenant.accountId, user.id);
      const response = await t.request('/v1/me/away', {
        method: 'PUT',
        token: user.token,
        json: body(user),
      });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(pathsOf(error)).toContain(field);
      expect(await snapshot(tenant.accountId, user.id)).toEqual(before);
    });
  }
});

describe('DELETE /v1/me/away', () => {
  it('turns the status off and keeps the cover for next time', async () => {
    const user = await newUser(t, tenant, 'Uma Undo');
    await setAway(t, user.token, {
      away: true,
      assignee: { kind: 'user', id: tenant.member.id },
      until: until(2),
    });
    const response = await t.request('/v1/me/away', { method: 'DELETE', token: user.token });
    expect(response.status).toBe(200);
    expect(await json<AwayStatus>(response)).toMatchObject({
      away: false,
      since: null,
      until: null,
      assignee: { kind: 'user', id: tenant.member.id },
      version: 2,
      updatedBy: user.id,
    });
  });
});

describe('a teammate’s status: /v1/users/{userId}/away', () => {
  it('is readable by any user of the account, and by nobody else', async () => {
    const user = await newUser(t, tenant, 'Vera Visible');
    const on = await setAway(t, user.token, { away: true });
    expect(await readAway(t, tenant.memberToken, `/v1/users/${user.id}/away`)).toEqual(on);
    const foreign = await t.request(`/v1/users/${user.id}/away`, { token: other.memberToken });
    expect(foreign.status).toBe(404);
    expect((await errorOf(foreign)).code).toBe('not_found');
    const unknown = await t.request(`/v1/users/${crypto.randomUUID()}/away`, {
      token: tenant.memberToken,
    });
    expect(unknown.status).toBe(404);
    const malformed = await t.request('/v1/users/nope/away', { token: tenant.memberToken });
    expect(malformed.status).toBe(400);
    expect(pathsOf(await errorOf(malformed))).toEqual(['userId']);
    expect((await t.request(`/v1/users/${user.id}/away`)).status).toBe(401);
  });

  it('may be set and cleared by an admin, who is recorded as the author', async () => {
    const user = await newUser(t, tenant, 'Will Covered');
    const set = await setAway(
      t,
      tenant.adminToken,
      { away: true, assignee: { kind: 'team', id: serviceTeam }, until: until(6) },
      `/v1/users/${user.id}/away`,
    );
    expect(set).toMatchObject({ userId: user.id, away: true, updatedBy: tenant.admin.id });
    const cleared = await t.request(`/v1/users/${user.id}/away`, {
      method: 'DELETE',
      token: tenant.adminToken,
    });
    expect(cleared.status).toBe(200);
    expect(await json<AwayStatus>(cleared)).toMatchObject({
      away: false,
      assignee: { kind: 'team', id: serviceTeam },
      updatedBy: tenant.admin.id,
      version: 2,
    });
  });

  it('answers 403 to a member changing a teammate, and changes nothing', async () => {
    const user = await newUser(t, tenant, 'Xavi Protected');
    await setAway(t, user.token, { away: true });
    const before = await snapshot(tenant.accountId, user.id);
    for (const init of [{ method: 'PUT', json: { away: false } }, { method: 'DELETE' }] as const) {
      const response = await t.request(`/v1/users/${user.id}/away`, {
        ...init,
        token: tenant.memberToken,
      });
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('forbidden');
    }
    expect(await snapshot(tenant.accountId, user.id)).toEqual(before);
  });

  it('lets a member change their own status through it', async () => {
    const user = await newUser(t, tenant, 'Yan Self');
    const set = await setAway(t, user.token, { away: true }, `/v1/users/${user.id}/away`);
    expect(set).toMatchObject({ away: true, updatedBy: user.id });
  });

  it('answers 404 to an admin naming another account’s user', async () => {
    const response = await t.request(`/v1/users/${stranger.id}/away`, {
      method: 'PUT',
      token: tenant.adminToken,
      json: { away: true },
    });
    expect(response.status).toBe(404);
    expect(await readAway(t, stranger.token)).toMatchObject({ away: false, version: 0 });
  });
});

describe('the integrator’s routes: /v1/accounts/{accountId}/users/{userId}/away', () => {
  const path = (accountId: string, userId: string) =>
    `/v1/accounts/${accountId}/users/${userId}/away`;

  it('read, set and clear any user’s status, recorded as nobody', async () => {
    const user = await newUser(t, tenant, 'Zoe Backend');
    const set = await t.request(path(tenant.accountId, user.id), {
      method: 'PUT',
      token: tenant.apiKey,
      json: { away: true, assignee: { kind: 'user', id: tenant.admin.id }, until: until(3) },
    });
    expect(set.status).toBe(200);
    const status = await json<AwayStatus>(set);
    expect(status).toMatchObject({ away: true, updatedBy: null, version: 1 });
    const read = await t.request(path(tenant.accountId, user.id), { token: tenant.apiKey });
    expect(await json(read)).toEqual(status);
    const cleared = await t.request(path(tenant.accountId, user.id), {
      method: 'DELETE',
      token: tenant.apiKey,
    });
    expect(await json(cleared)).toMatchObject({ away: false, updatedBy: null, version: 2 });
    expect(await readAway(t, user.token)).toMatchObject({ away: false, version: 2 });
  });

  it('answer 404 for another integrator’s account or a user of another account', async () => {
    const user = await newUser(t, tenant, 'Abe Hidden');
    const foreignAccount = await t.request(path(tenant.accountId, user.id), {
      method: 'PUT',
      token: other.apiKey,
      json: { away: true },
    });
    expect(foreignAccount.status).toBe(404);
    const foreignUser = await t.request(path(tenant.accountId, stranger.id), {
      token: tenant.apiKey,
    });
    expect(foreignUser.status).toBe(404);
    const read = await t.request(path(tenant.accountId, user.id), { token: other.apiKey });
    expect(read.status).toBe(404);
    expect(await readAway(t, user.token)).toMatchObject({ away: false, version: 0 });
  });

  it('validate like the user’s own route', async () => {
    const user = await newUser(t, tenant, 'Bea Valid');
    const response = await t.request(path(tenant.accountId, user.id), {
      method: 'PUT',
      token: tenant.apiKey,
      json: { away: true, assignee: { kind: 'user', id: user.id } },
    });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(['assignee.id']);
  });

  it('answer 401 without the API key or with a user token', async () => {
    const user = await newUser(t, tenant, 'Cy Keyless');
    expect((await t.request(path(tenant.accountId, user.id))).status).toBe(401);
    const withToken = await t.request(path(tenant.accountId, user.id), { token: user.token });
    expect(withToken.status).toBe(401);
  });
});

describe('GET /v1/presence', () => {
  it('lists every user of the account by name with their status, and nobody else', async () => {
    const fresh = await t.tenant();
    const away = await newUser(t, fresh, 'Bob Away');
    await setAway(t, away.token, { away: true, until: until(2) });
    const response = await t.request('/v1/presence', { token: fresh.memberToken });
    expect(response.status).toBe(200);
    const list = await json<PresenceList>(response);
    expect(list.items.map((item) => item.name)).toEqual(['Ada Admin', 'Bob Away', 'Marc Membre']);
    expect(list.items[1]).toEqual(await readAway(t, away.token));
    expect(list.items[0]).toMatchObject({ away: false, version: 0, updatedAt: null });
    expect(Math.abs(Date.parse(list.asOf) - Date.now())).toBeLessThan(60_000);
    expect((await t.request('/v1/presence')).status).toBe(401);
  });

  it('has an integrator twin, 404 for another integrator’s account', async () => {
    const fresh = await t.tenant();
    const mine = await t.request(`/v1/accounts/${fresh.accountId}/presence`, {
      token: fresh.apiKey,
    });
    expect(mine.status).toBe(200);
    expect((await json<PresenceList>(mine)).items).toHaveLength(2);
    const foreign = await t.request(`/v1/accounts/${fresh.accountId}/presence`, {
      token: other.apiKey,
    });
    expect(foreign.status).toBe(404);
  });
});

describe('GET /v1/teams', () => {
  it('lists the account’s teams by name with their members, for any of its users', async () => {
    const fresh = await t.tenant();
    const zeta = await newTeam(t, fresh, 'zeta crew', [fresh.member.id]);
    const alpha = await newTeam(t, fresh, 'Alpha desk', [fresh.admin.id, fresh.member.id]);
    const response = await t.request('/v1/teams', { token: fresh.memberToken });
    expect(response.status).toBe(200);
    const list = await json<TeamSummaryList>(response);
    expect(list.items.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: alpha, name: 'Alpha desk' },
      { id: zeta, name: 'zeta crew' },
    ]);
    expect([...list.items[0]!.memberIds].sort()).toEqual([fresh.admin.id, fresh.member.id].sort());
    expect(list.items[1]!.memberIds).toEqual([fresh.member.id]);
    const foreign = await json<TeamSummaryList>(
      await t.request('/v1/teams', { token: other.memberToken }),
    );
    expect(foreign.items.map((team) => team.id)).not.toContain(alpha);
    expect((await t.request('/v1/teams')).status).toBe(401);
  });
});

describe('away until across daylight-saving changes (America/Toronto)', () => {
  // Next year's changes, so the dates are always ahead: clocks go forward at 02:00 on the
  // second Sunday of March and back at 02:00 on the first Sunday of November.
  const year = new Date().getUTCFullYear() + 1;
  const sunday = (month: number, nth: number) => {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const day = 1 + ((7 - first.getUTCDay()) % 7) + (nth - 1) * 7;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const shift = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const spring = sunday(3, 2);
  const fall = sunday(11, 1);
  let user: TestUser;

  beforeAll(async () => {
    user = await newUser(t, tenant, 'Dee Daylight');
  });

  async function untilAt(date: string, time: string) {
    const status = await setAway(t, user.token, {
      away: true,
      until: { date, time, timeZone: 'America/Toronto' },
    });
    expect(status.until).toMatchObject({ date, time, timeZone: 'America/Toronto' });
    return status.until!.at;
  }

  it('uses the daylight offset after the March change and the standard one before it', async () => {
    expect(await untilAt(shift(spring, 1), '08:00')).toBe(`${shift(spring, 1)}T12:00:00.000Z`);
    expect(await untilAt(shift(spring, -1), '08:00')).toBe(`${shift(spring, -1)}T13:00:00.000Z`);
  });

  it('moves a time skipped by the change forward by the gap (02:30 is 03:30 daylight time)', async () => {
    expect(await untilAt(spring, '02:30')).toBe(`${spring}T07:30:00.000Z`);
    expect(await untilAt(spring, '03:30')).toBe(`${spring}T07:30:00.000Z`);
  });

  it('takes the second of a time that occurs twice (01:30 standard time, after the change)', async () => {
    expect(await untilAt(fall, '01:30')).toBe(`${fall}T06:30:00.000Z`);
    expect(await untilAt(fall, '00:30')).toBe(`${fall}T04:30:00.000Z`);
  });
});

describe('browser access to the new routes', () => {
  it('answers preflights from a listed origin and refuses pages of other origins', async () => {
    const portal = 'https://portal.away.test';
    const listed = await t.tenant({ allowedOrigins: [portal] });
    for (const [path, method] of [
      ['/v1/me/away', 'PUT'],
      ['/v1/users/00000000-0000-4000-8000-000000000000/away', 'DELETE'],
      ['/v1/presence', 'GET'],
      ['/v1/teams', 'GET'],
      ['/v1/routing/decisions', 'POST'],
    ] as const) {
      const preflight = await t.request(path, {
        method: 'OPTIONS',
        headers: {
          origin: portal,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(portal);
    }
    const fromPortal = await t.request('/v1/presence', {
      token: listed.memberToken,
      headers: { origin: portal },
    });
    expect(fromPortal.status).toBe(200);
    expect(fromPortal.headers.get('access-control-allow-origin')).toBe(portal);
    const elsewhere = await t.request('/v1/presence', {
      token: listed.memberToken,
      headers: { origin: 'https://evil.test' },
    });
    expect(elsewhere.status).toBe(403);
  });
});
