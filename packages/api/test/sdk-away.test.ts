import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AwayStatus,
  type BaylinkClient,
  BaylinkError,
  createClient,
  type PresenceState,
} from '@baylink/sdk';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// `client.away`, `client.presence` and `client.teams` of the browser client against the real
// API (and its realtime stream) on a real socket.

let t: TestContext;
let tenant: TestTenant;
let server: Server;
let baseUrl: string;
/** Every request the server received, as `METHOD path`. */
const requests: string[] = [];
const clients: BaylinkClient[] = [];

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve(
      {
        fetch: (request) => {
          requests.push(`${request.method} ${new URL(request.url).pathname}`);
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

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

async function newUserId(name: string, role: 'admin' | 'member' = 'member'): Promise<string> {
  const [row] = await t.sql<{ id: string }[]>`
    insert into users (account_id, name, role) values (${tenant.accountId}, ${name}, ${role})
    returning id`;
  return row!.id;
}

async function clientOf(userId: string): Promise<BaylinkClient> {
  const client = createClient({
    baseUrl,
    token: await t.token(tenant, userId),
    realtime: { shareAcrossTabs: false },
  });
  clients.push(client);
  return client;
}

async function newTeam(name: string, memberIds: string[]): Promise<string> {
  const [team] = await t.sql<{ id: string }[]>`
    insert into teams (account_id, name) values (${tenant.accountId}, ${name}) returning id`;
  for (const userId of memberIds) {
    await t.sql`
      insert into team_members (account_id, team_id, user_id)
      values (${tenant.accountId}, ${team!.id}, ${userId})`;
  }
  return team!.id;
}

/** A date and time `days` ahead in Toronto, as the settings section would send it. */
function untilDaysAhead(days: number, time = '08:00') {
  const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return { date, time, timeZone: 'America/Toronto' };
}

const count = (line: string) => requests.filter((request) => request === line).length;

describe('client.presence', () => {
  it('loads the whole account once however many names listen, and stays live', async () => {
    const alex = await newUserId('Alex Presence');
    const viewer = await clientOf(await newUserId('Viewer Presence'));
    const alexClient = await clientOf(alex);
    const before = count('GET /v1/presence');

    const seen: (boolean | undefined)[][] = Array.from({ length: 50 }, () => []);
    const stops = seen.map((values) =>
      viewer.presence.subscribeUser(alex, (status) => values.push(status?.away)),
    );
    await expect.poll(() => viewer.presence.store.getState().status).toBe('ready');
    expect(count('GET /v1/presence')).toBe(before + 1);
    expect(viewer.presence.get(alex)).toMatchObject({ name: 'Alex Presence', away: false });
    expect(viewer.presence.store.getState().users.get(tenant.member.id)?.name).toBe(
      tenant.member.name,
    );
    await expect.poll(() => viewer.realtime.status.getState()).toBe('connected');

    await alexClient.away.set({ away: true, until: untilDaysAhead(3) });
    await expect.poll(() => viewer.presence.get(alex)?.away, { timeout: 5000 }).toBe(true);
    for (const values of seen) expect(values.at(-1)).toBe(true);
    expect(count('GET /v1/presence')).toBe(before + 1);

    await alexClient.away.clear();
    await expect.poll(() => viewer.presence.get(alex)?.away, { timeout: 5000 }).toBe(false);
    for (const stop of stops) stop();
  });

  it('answers the away-aware mention check with the cover and whether the cover is away too', async () => {
    const sam = await newUserId('Sam Cover');
    const jo = await newUserId('Jo Mention');
    const composer = await clientOf(await newUserId('Composer'));
    const joClient = await clientOf(jo);
    const samClient = await clientOf(sam);

    expect(await composer.presence.check(jo)).toMatchObject({ away: false, cover: null });

    const until = untilDaysAhead(2, '09:30');
    await joClient.away.set({ away: true, assignee: { kind: 'user', id: sam }, until });
    await composer.presence.refresh();
    const notice = await composer.presence.check(jo);
    expect(notice).toMatchObject({
      userId: jo,
      name: 'Jo Mention',
      away: true,
      cover: { kind: 'user', id: sam, name: 'Sam Cover' },
      coverAway: false,
      until: { date: until.date, time: '09:30', timeZone: 'America/Toronto' },
    });

    await samClient.away.set({ away: true });
    await composer.presence.refresh();
    expect((await composer.presence.check(jo)).coverAway).toBe(true);

    const unknown = await composer.presence
      .check('00000000-0000-4000-8000-000000000000')
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(BaylinkError);
    expect((unknown as BaylinkError).status).toBe(404);
  });

  it('reads a status as off the moment its until passes, before any event', async () => {
    const lee = await newUserId('Lee Return');
    const viewer = await clientOf(await newUserId('Viewer Return'));
    const leeClient = await clientOf(lee);
    await leeClient.away.set({ away: true, until: untilDaysAhead(1) });
    // Bring the return to a second from now, behind the API's back (no event is sent).
    await t.sql`
      update away_statuses set until_at = now() + interval '1500 milliseconds'
      where account_id = ${tenant.accountId} and user_id = ${lee}`;
    const states: PresenceState[] = [];
    const stop = viewer.presence.store.subscribe((state) => states.push(state));
    await viewer.presence.refresh();
    expect(viewer.presence.get(lee)?.away).toBe(true);
    // The store's listeners hear it at that instant (a read in between already says off).
    await expect.poll(() => states.at(-1)?.users.get(lee)?.away, { timeout: 5000 }).toBe(false);
    expect(viewer.presence.get(lee)?.away).toBe(false);
    stop();
  });
});

describe('client.away', () => {
  it('keeps the signed-in user’s store in step with changes from another device', async () => {
    const userId = await newUserId('Robin Devices');
    const laptop = await clientOf(userId);
    const phone = await clientOf(userId);
    const states: (AwayStatus | null)[] = [];
    const stop = laptop.away.store.subscribe((state) => states.push(state.away));
    await expect.poll(() => laptop.away.store.getState().status).toBe('ready');
    expect(laptop.away.store.getState().away).toMatchObject({ userId, away: false, version: 0 });
    await expect.poll(() => laptop.realtime.status.getState()).toBe('connected');

    const set = await phone.away.set({ away: true });
    expect(set.since).not.toBeNull();
    await expect.poll(() => laptop.away.store.getState().away?.away, { timeout: 5000 }).toBe(true);
    expect(laptop.away.store.getState().away?.version).toBe(set.version);

    await phone.away.clear();
    await expect.poll(() => laptop.away.store.getState().away?.away, { timeout: 5000 }).toBe(false);
    stop();
  });

  it('rejects bad input with the field named, and changes nothing', async () => {
    const userId = await newUserId('Casey Invalid');
    const client = await clientOf(userId);
    const before = await client.away.get();
    const past = await client.away
      .set({ away: true, until: { date: '2020-01-01', time: '08:00', timeZone: 'UTC' } })
      .catch((error: unknown) => error as BaylinkError);
    expect(past).toBeInstanceOf(BaylinkError);
    expect((past as BaylinkError).status).toBe(400);
    expect((past as BaylinkError).fieldMessage('until')).toBeTruthy();
    const self = await client.away
      .set({ away: true, assignee: { kind: 'user', id: userId } })
      .catch((error: unknown) => error as BaylinkError);
    expect((self as BaylinkError).fieldMessage('assignee.id')).toBeTruthy();
    expect(await client.away.get()).toEqual(before);
  });

  it('lets an admin set a teammate’s status, and refuses a member', async () => {
    const admin = await clientOf(await newUserId('Admin Away', 'admin'));
    const member = await clientOf(await newUserId('Member Away'));
    const target = await newUserId('Target Away');
    const status = await admin.away.setFor(target, { away: true });
    expect(status).toMatchObject({ userId: target, away: true });
    expect((await member.away.getFor(target)).away).toBe(true);
    const refused = await member.away.clearFor(target).catch((error: unknown) => error);
    expect((refused as BaylinkError).status).toBe(403);
    expect((await admin.away.clearFor(target)).away).toBe(false);
  });

  it('routes a conversation through a team, and admins read the decisions', async () => {
    const away = await newUserId('Morgan Routing');
    const first = await newUserId('A Routing Member');
    const second = await newUserId('B Routing Member');
    const team = await newTeam('Routing Team', [first, second]);
    const admin = await clientOf(await newUserId('Admin Routing', 'admin'));
    const awayClient = await clientOf(away);

    const teams = await awayClient.teams.list();
    expect(teams.find((candidate) => candidate.id === team)).toEqual({
      id: team,
      name: 'Routing Team',
      memberIds: expect.arrayContaining([first, second]),
    });

    await awayClient.away.set({ away: true, assignee: { kind: 'team', id: team } });
    const one = await admin.away.route({ userId: away, conversationId: 'conv-sdk-1' });
    const two = await admin.away.route({ userId: away, conversationId: 'conv-sdk-2' });
    expect(one).toMatchObject({ reason: 'team_member', reassigned: true, userId: away });
    expect(two).toMatchObject({ reason: 'team_member', reassigned: true });
    expect(new Set([one.assigneeId, two.assigneeId])).toEqual(new Set([first, second]));

    const replied = await admin.away.route({
      userId: away,
      conversationId: 'conv-sdk-1',
      replied: true,
    });
    expect(replied).toMatchObject({ reason: 'replied', assigneeId: away, reassigned: false });

    const page = await admin.away.decisions({ userId: away, limit: 2 });
    expect(page.items.map((decision) => decision.id)).toEqual([replied.id, two.id]);
    expect(page.nextCursor).not.toBeNull();
    const rest = await admin.away.decisions({ userId: away, cursor: page.nextCursor! });
    expect(rest.items.map((decision) => decision.id)).toEqual([one.id]);

    const refused = await awayClient.away.decisions().catch((error: unknown) => error);
    expect((refused as BaylinkError).status).toBe(403);
  });
});
