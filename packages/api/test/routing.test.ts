import { randomUUID } from 'node:crypto';
import type { InboxPage, RoutingDecision, RoutingDecisionPage } from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from './stream-support.ts';
import {
  dayFromNow,
  newTeam,
  newUser,
  route,
  setAway,
  type TestUser,
} from './support/away-fixtures.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { setOverrides } from './support/events-fixtures.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// "Who gets this new conversation for user U now, and why": every rule, fairness across a team,
// the sticky "U replied" rule, the notification to the new assignee, the audit list, and
// decisions racing a status change.

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
});
afterAll(() => t.close());

const conversation = () => `conv-${randomUUID()}`;

/** A decision asked by the tenant's member about `user`. */
const decide = (user: TestUser, extra: Record<string, unknown> = {}) =>
  route(t, tenant.memberToken, { userId: user.id, conversationId: conversation(), ...extra });

const covered = (user: TestUser, assignee: { kind: 'user' | 'team'; id: string }) =>
  setAway(t, user.token, { away: true, assignee });

async function decisionCount(accountId = tenant.accountId) {
  const [row] = await t.sql<{ n: number }[]>`
    select count(*)::int as n from routing_decisions where account_id = ${accountId}`;
  return row!.n;
}

describe('the routing rules', () => {
  it('keeps the conversation with a user who is not away (not_away)', async () => {
    const user = await newUser(t, tenant, 'Nate Present');
    const conversationId = conversation();
    const decision = await route(t, tenant.memberToken, { userId: user.id, conversationId });
    expect(decision).toEqual({
      id: expect.any(String),
      conversationId,
      userId: user.id,
      assigneeId: user.id,
      assigneeName: 'Nate Present',
      reassigned: false,
      reason: 'not_away',
      via: null,
      notificationId: null,
      requestedBy: tenant.member.id,
      decidedAt: expect.any(String),
    });
  });

  it('keeps it with an away user who named nobody (no_assignee)', async () => {
    const user = await newUser(t, tenant, 'Noor Nobody');
    await setAway(t, user.token, { away: true });
    expect(await decide(user)).toMatchObject({ assigneeId: user.id, reason: 'no_assignee' });
  });

  it('gives it to the user covering when they are available (assignee)', async () => {
    const user = await newUser(t, tenant, 'Abel Away');
    const cover = await newUser(t, tenant, 'Cora Cover');
    await covered(user, { kind: 'user', id: cover.id });
    const decision = await decide(user);
    expect(decision).toMatchObject({
      userId: user.id,
      assigneeId: cover.id,
      assigneeName: 'Cora Cover',
      reassigned: true,
      reason: 'assignee',
      via: { kind: 'user', id: cover.id, name: 'Cora Cover' },
    });
    expect(decision.notificationId).not.toBeNull();
  });

  it('keeps it with the user when the user covering is away too: no chains (assignee_away)', async () => {
    const user = await newUser(t, tenant, 'Chad Chain');
    const cover = await newUser(t, tenant, 'Cleo Alsoaway');
    const next = await newUser(t, tenant, 'Nico Next');
    await covered(user, { kind: 'user', id: cover.id });
    await covered(cover, { kind: 'user', id: next.id });
    const decision = await decide(user);
    expect(decision).toMatchObject({
      assigneeId: user.id,
      reassigned: false,
      reason: 'assignee_away',
      via: { kind: 'user', id: cover.id },
      notificationId: null,
    });
  });

  it('follows the cover’s return: available again, the cover gets it', async () => {
    const user = await newUser(t, tenant, 'Ravi Returns');
    const cover = await newUser(t, tenant, 'Rhea Back');
    await covered(user, { kind: 'user', id: cover.id });
    await setAway(t, cover.token, { away: true });
    expect((await decide(user)).reason).toBe('assignee_away');
    await setAway(t, cover.token, { away: false });
    expect(await decide(user)).toMatchObject({ assigneeId: cover.id, reason: 'assignee' });
  });

  it('keeps it when every member of the team covering is away, or it has none (team_unavailable)', async () => {
    const user = await newUser(t, tenant, 'Tara Team');
    const a = await newUser(t, tenant, 'Alma Gone');
    const b = await newUser(t, tenant, 'Bert Gone');
    const allAway = await newTeam(t, tenant, 'All away', [a.id, b.id, user.id]);
    await setAway(t, a.token, { away: true });
    await setAway(t, b.token, {
      away: true,
      until: { date: dayFromNow(3), time: '09:00', timeZone: 'UTC' },
    });
    await covered(user, { kind: 'team', id: allAway });
    expect(await decide(user)).toMatchObject({
      assigneeId: user.id,
      reason: 'team_unavailable',
      via: { kind: 'team', id: allAway, name: 'All away' },
      notificationId: null,
    });
    const empty = await newTeam(t, tenant, 'Empty', []);
    await covered(user, { kind: 'team', id: empty });
    expect(await decide(user)).toMatchObject({
      assigneeId: user.id,
      reason: 'team_unavailable',
      via: { kind: 'team', id: empty, name: 'Empty' },
    });
  });

  it('treats a status whose return time has passed as not away', async () => {
    const user = await newUser(t, tenant, 'Lapsed Lou');
    const cover = await newUser(t, tenant, 'Lapse Cover');
    await covered(user, { kind: 'user', id: cover.id });
    await t.sql`
      update away_statuses
      set until_at = now() - interval '1 minute', until_date = '2020-01-01', until_time = '00:00',
        until_zone = 'UTC'
      where account_id = ${tenant.accountId} and user_id = ${user.id}`;
    expect(await decide(user)).toMatchObject({ assigneeId: user.id, reason: 'not_away' });
  });
});

describe('fairness across a team', () => {
  it('gives each available member the same share, least recently assigned first, skipping the away', async () => {
    const user = await newUser(t, tenant, 'Owen Owner');
    const ann = await newUser(t, tenant, 'Ann Fair');
    const ben = await newUser(t, tenant, 'Ben Fair');
    const cal = await newUser(t, tenant, 'Cal Fair');
    const team = await newTeam(t, tenant, 'Fair desk', [cal.id, user.id, ben.id, ann.id]);
    await covered(user, { kind: 'team', id: team });

    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = await decide(user);
      expect(decision).toMatchObject({ reason: 'team_member', via: { kind: 'team', id: team } });
      names.push(decision.assigneeName);
    }
    // Never assigned first, ties by name; then least recently assigned: two each, in turn.
    expect(names).toEqual(['Ann Fair', 'Ben Fair', 'Cal Fair', 'Ann Fair', 'Ben Fair', 'Cal Fair']);

    await setAway(t, ben.token, { away: true });
    const whileAway = [(await decide(user)).assigneeName, (await decide(user)).assigneeName];
    expect(whileAway).toEqual(['Ann Fair', 'Cal Fair']);
    await setAway(t, ben.token, { away: false });
    expect((await decide(user)).assigneeName).toBe('Ben Fair');
  });

  it('shares fairly between decisions made at the same time', async () => {
    const user = await newUser(t, tenant, 'Pia Parallel');
    const members = [
      await newUser(t, tenant, 'Par One'),
      await newUser(t, tenant, 'Par Two'),
      await newUser(t, tenant, 'Par Three'),
    ];
    const team = await newTeam(
      t,
      tenant,
      'Parallel desk',
      members.map((m) => m.id),
    );
    await covered(user, { kind: 'team', id: team });
    const decisions = await Promise.all(Array.from({ length: 9 }, () => decide(user)));
    const counts = new Map<string, number>();
    for (const d of decisions) counts.set(d.assigneeId, (counts.get(d.assigneeId) ?? 0) + 1);
    expect([...counts.values()]).toEqual([3, 3, 3]);
  });
});

describe('the "U replied" rule', () => {
  it('keeps a conversation the away user answered with them, in every later decision', async () => {
    const user = await newUser(t, tenant, 'Rita Replies');
    const cover = await newUser(t, tenant, 'Ron Cover');
    await covered(user, { kind: 'user', id: cover.id });
    const conversationId = conversation();
    const replied = await route(t, tenant.memberToken, {
      userId: user.id,
      conversationId,
      replied: true,
    });
    expect(replied).toMatchObject({ assigneeId: user.id, reason: 'replied', via: null });
    const later = await route(t, tenant.memberToken, { userId: user.id, conversationId });
    expect(later).toMatchObject({ assigneeId: user.id, reason: 'replied' });
    // Another conversation still goes to the cover.
    expect(await decide(user)).toMatchObject({ assigneeId: cover.id, reason: 'assignee' });
  });

  it('counts an answer given before the user went away', async () => {
    const user = await newUser(t, tenant, 'Remy Early');
    const cover = await newUser(t, tenant, 'Rosa Cover');
    const conversationId = conversation();
    const first = await route(t, tenant.memberToken, {
      userId: user.id,
      conversationId,
      replied: true,
    });
    expect(first.reason).toBe('not_away');
    await covered(user, { kind: 'user', id: cover.id });
    const later = await route(t, tenant.memberToken, { userId: user.id, conversationId });
    expect(later).toMatchObject({ assigneeId: user.id, reason: 'replied' });
  });

  it('belongs to the user who replied, not to another user of the same conversation', async () => {
    const user = await newUser(t, tenant, 'Sara Sticky');
    const someone = await newUser(t, tenant, 'Seth Else');
    const cover = await newUser(t, tenant, 'Stan Cover');
    const conversationId = conversation();
    await route(t, tenant.memberToken, { userId: someone.id, conversationId, replied: true });
    await covered(user, { kind: 'user', id: cover.id });
    const decision = await route(t, tenant.memberToken, { userId: user.id, conversationId });
    expect(decision).toMatchObject({ assigneeId: cover.id, reason: 'assignee' });
  });
});

describe('the notification to the new assignee', () => {
  async function inbox(token: string) {
    const response = await t.request('/v1/me/notifications', { token });
    expect(response.status).toBe(200);
    return json<InboxPage>(response);
  }

  it('reaches the assignee’s inbox with the conversation, the reason and a link', async () => {
    const user = await newUser(t, tenant, 'Hugo Holiday');
    const cover = await newUser(t, tenant, 'Iris Inbox');
    await covered(user, { kind: 'user', id: cover.id });
    const decision = await decide(user, {
      title: 'Jane Customer — brake noise',
      link: 'https://dms.example/conversations/42',
    });
    const page = await inbox(cover.token);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: decision.notificationId,
      type: 'conversations.assigned',
      category: 'conversations',
      title: 'New conversation assigned to you: Jane Customer — brake noise',
      body: 'Hugo Holiday is away',
      link: 'https://dms.example/conversations/42',
      actor: { userId: user.id, name: 'Hugo Holiday' },
      data: {
        conversationId: decision.conversationId,
        userId: user.id,
        decisionId: decision.id,
      },
    });
    expect(page.counts.unread).toBe(1);
    // Nobody else is notified.
    expect((await inbox(user.token)).items).toHaveLength(0);
  });

  it('speaks the assignee’s language and names the team it came through', async () => {
    const user = await newUser(t, tenant, 'Jules Parti');
    const [fr] = await t.sql<{ id: string }[]>`
      insert into users (account_id, name, language) values (${tenant.accountId}, 'Léa Relève', 'fr')
      returning id::text`;
    const team = await newTeam(t, tenant, 'Équipe service', [fr!.id]);
    await covered(user, { kind: 'team', id: team });
    const decision = await decide(user, { title: 'Client Tremblay' });
    expect(decision).toMatchObject({ assigneeId: fr!.id, reason: 'team_member' });
    const page = await inbox(await t.token(tenant, fr!.id));
    expect(page.items[0]).toMatchObject({
      title: 'Nouvelle conversation qui vous est assignée : Client Tremblay',
      body: 'Jules Parti est absent(e) ; assignée par l’équipe Équipe service',
    });
  });

  it('is not sent when the assignee’s preferences allow no channel', async () => {
    const user = await newUser(t, tenant, 'Kai Quiet');
    const cover = await newUser(t, tenant, 'Lou Muted');
    await setOverrides(t.sql, tenant, cover.id, {
      types: {
        'conversations.assigned': { in_app: false, web_push: false, email: false, mobile: false },
      },
    });
    await covered(user, { kind: 'user', id: cover.id });
    const decision = await decide(user);
    expect(decision).toMatchObject({
      assigneeId: cover.id,
      reassigned: true,
      notificationId: null,
    });
    expect((await inbox(cover.token)).items).toHaveLength(0);
  });
});

describe('POST /v1/routing/decisions input', () => {
  it('finds the user by reference id', async () => {
    const [row] = await t.sql<{ id: string }[]>`
      insert into users (account_id, name, reference_id)
      values (${tenant.accountId}, 'Ray Reference', 'DMS-77') returning id::text`;
    const decision = await route(t, tenant.memberToken, {
      referenceId: 'DMS-77',
      conversationId: conversation(),
    });
    expect(decision).toMatchObject({ userId: row!.id, assigneeId: row!.id });
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ['an unknown user id', { userId: randomUUID() }, 'userId'],
    ['an unknown reference id', { userId: undefined, referenceId: 'NOPE-1' }, 'referenceId'],
    ['neither user id nor reference id', { userId: undefined }, 'userId'],
    ['no conversation id', { conversationId: undefined }, 'conversationId'],
    ['a link that is not http(s)', { link: 'javascript:alert(1)' }, 'link'],
  ];
  for (const [what, body, field] of refusals) {
    it(`refuses ${what} with a 400 naming ${field}, recording nothing`, async () => {
      const before = await decisionCount();
      const response = await t.request('/v1/routing/decisions', {
        method: 'POST',
        token: tenant.memberToken,
        json: { userId: tenant.member.id, conversationId: conversation(), ...body },
      });
      expect(response.status).toBe(400);
      expect(pathsOf(await errorOf(response))).toContain(field);
      expect(await decisionCount()).toBe(before);
    });
  }

  it('does not see users of another account (400, as unknown)', async () => {
    const before = await decisionCount(other.accountId);
    const response = await t.request('/v1/routing/decisions', {
      method: 'POST',
      token: tenant.memberToken,
      json: { userId: other.member.id, conversationId: conversation() },
    });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(['userId']);
    expect(await decisionCount(other.accountId)).toBe(before);
  });

  it('answers 401 without a token', async () => {
    const response = await t.request('/v1/routing/decisions', {
      method: 'POST',
      json: { userId: tenant.member.id, conversationId: conversation() },
    });
    expect(response.status).toBe(401);
  });
});

describe('the integrator’s routing routes', () => {
  it('decide for the backend (requestedBy null) and answer 404 for another integrator’s account', async () => {
    const user = await newUser(t, tenant, 'Bo Backend');
    const response = await t.request(`/v1/accounts/${tenant.accountId}/routing/decisions`, {
      method: 'POST',
      token: tenant.apiKey,
      json: { userId: user.id, conversationId: conversation() },
    });
    expect(response.status).toBe(201);
    expect(await json<RoutingDecision>(response)).toMatchObject({
      userId: user.id,
      requestedBy: null,
    });
    const before = await decisionCount();
    const foreign = await t.request(`/v1/accounts/${tenant.accountId}/routing/decisions`, {
      method: 'POST',
      token: other.apiKey,
      json: { userId: user.id, conversationId: conversation() },
    });
    expect(foreign.status).toBe(404);
    const list = await t.request(`/v1/accounts/${tenant.accountId}/routing/decisions`, {
      token: other.apiKey,
    });
    expect(list.status).toBe(404);
    expect(await decisionCount()).toBe(before);
    const keyless = await t.request(`/v1/accounts/${tenant.accountId}/routing/decisions`);
    expect(keyless.status).toBe(401);
  });
});

describe('GET /v1/routing/decisions (audit)', () => {
  let fresh: TestTenant;
  let user: TestUser;
  let cover: TestUser;
  const made: RoutingDecision[] = [];

  beforeAll(async () => {
    fresh = await t.tenant();
    user = await newUser(t, fresh, 'Audi Away');
    cover = await newUser(t, fresh, 'Audi Cover');
    made.push(
      await route(t, fresh.memberToken, { userId: user.id, conversationId: 'c-1' }),
      await route(t, fresh.memberToken, { userId: fresh.member.id, conversationId: 'c-2' }),
    );
    await setAway(t, user.token, { away: true, assignee: { kind: 'user', id: cover.id } });
    made.push(
      await route(t, fresh.memberToken, { userId: user.id, conversationId: 'c-3' }),
      await route(t, fresh.memberToken, { userId: user.id, conversationId: 'c-1' }),
      await route(t, fresh.adminToken, { userId: user.id, conversationId: 'c-4' }),
    );
  });

  async function list(query = '', token = fresh.adminToken) {
    const response = await t.request(`/v1/routing/decisions${query}`, { token });
    expect(response.status, await response.clone().text()).toBe(200);
    return json<RoutingDecisionPage>(response);
  }

  it('lists every decision of the account, newest first, with who asked and why', async () => {
    const page = await list();
    expect(page.items).toEqual([...made].reverse());
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((d) => d.reason)).toEqual([
      'assignee',
      'assignee',
      'assignee',
      'not_away',
      'not_away',
    ]);
    expect(page.items[0]!.requestedBy).toBe(fresh.admin.id);
  });

  it('filters by user, assignee and conversation', async () => {
    expect((await list(`?userId=${user.id}`)).items).toHaveLength(4);
    expect((await list(`?assigneeId=${cover.id}`)).items.map((d) => d.conversationId)).toEqual([
      'c-4',
      'c-1',
      'c-3',
    ]);
    expect((await list('?conversationId=c-1')).items.map((d) => d.reason)).toEqual([
      'assignee',
      'not_away',
    ]);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: RoutingDecisionPage = await list(
        `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse().map((d) => d.id));
  });

  it('refuses a malformed cursor or limit with a 400 naming it', async () => {
    const cursor = await t.request('/v1/routing/decisions?cursor=bogus', {
      token: fresh.adminToken,
    });
    expect(cursor.status).toBe(400);
    expect(pathsOf(await errorOf(cursor))).toEqual(['cursor']);
    const limit = await t.request('/v1/routing/decisions?limit=0', { token: fresh.adminToken });
    expect(limit.status).toBe(400);
    expect(pathsOf(await errorOf(limit))).toEqual(['limit']);
  });

  it('is for admins only (403), shows nothing of another account, and has an integrator twin', async () => {
    const member = await t.request('/v1/routing/decisions', { token: fresh.memberToken });
    expect(member.status).toBe(403);
    expect((await errorOf(member)).code).toBe('forbidden');
    const stranger = await t.request('/v1/routing/decisions', { token: other.adminToken });
    expect((await json<RoutingDecisionPage>(stranger)).items).toEqual([]);
    const backend = await t.request(
      `/v1/accounts/${fresh.accountId}/routing/decisions?userId=${user.id}&limit=1`,
      { token: fresh.apiKey },
    );
    expect(backend.status).toBe(200);
    const page = await json<RoutingDecisionPage>(backend);
    expect(page.items).toEqual([made[4]]);
    expect(page.nextCursor).not.toBeNull();
    expect((await t.request('/v1/routing/decisions')).status).toBe(401);
  });
});

describe('decisions racing a status change', () => {
  it('never assigns to the user after their away status committed', async () => {
    const user = await newUser(t, tenant, 'Rex Racer');
    const cover = await newUser(t, tenant, 'Rae Cover');
    let putAnswered = false;
    const launched: { afterPut: boolean; response: Promise<Response> }[] = [];
    const launch = () => {
      launched.push({
        afterPut: putAnswered,
        response: t.request('/v1/routing/decisions', {
          method: 'POST',
          token: tenant.memberToken,
          json: { userId: user.id, conversationId: conversation() },
        }),
      });
    };
    let put: Promise<number> | undefined;
    for (let i = 0; i < 50; i++) {
      if (i === 15) {
        put = setAway(t, user.token, {
          away: true,
          assignee: { kind: 'user', id: cover.id },
        }).then((status) => {
          putAnswered = true;
          return status.version;
        });
      }
      launch();
      await sleep(1);
    }
    const newVersion = await put!;
    // A few more that surely start after the PUT answered.
    for (let i = 0; i < 5; i++) launch();

    const decisions = await Promise.all(
      launched.map(async ({ afterPut, response }) => {
        const answer = await response;
        expect(answer.status, await answer.clone().text()).toBe(201);
        return { afterPut, decision: await json<RoutingDecision>(answer) };
      }),
    );
    const versions = new Map(
      (
        await t.sql<{ id: string; status_version: string }[]>`
          select id::text, status_version::text from routing_decisions
          where account_id = ${tenant.accountId} and user_id = ${user.id}`
      ).map((row) => [row.id, Number(row.status_version)]),
    );
    expect(versions.size).toBe(55);
    let onNewVersion = 0;
    for (const { afterPut, decision } of decisions) {
      const version = versions.get(decision.id)!;
      if (version >= newVersion || afterPut) {
        expect(decision).toMatchObject({ assigneeId: cover.id, reason: 'assignee' });
        expect(version).toBe(newVersion);
        onNewVersion++;
      } else {
        expect(decision).toMatchObject({ assigneeId: user.id, reason: 'not_away' });
      }
    }
    expect(onNewVersion).toBeGreaterThanOrEqual(5);
  });
});
