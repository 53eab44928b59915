import type { AwayStatus } from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

let demo: TestContext;
let plain: TestContext;

beforeAll(async () => {
  demo = await createTestContext({ demo: true });
  plain = await createTestContext();
});
afterAll(async () => {
  await demo.close();
  await plain.close();
});

describe('the demo routes', () => {
  it('answer 404 until the demo data is loaded, then list the demo dealership', async () => {
    expect((await demo.request('/v1/demo/users')).status).toBe(404);
    const first = await seedDemo(demo.sql);
    const again = await seedDemo(demo.sql);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    const users = await json<{ items: { id: string; language: string; role: string }[] }>(
      await demo.request('/v1/demo/users'),
    );
    expect(users.items).toHaveLength(8);
    expect(new Set(users.items.map((u) => u.language))).toEqual(new Set(['en', 'fr']));
    expect(users.items.some((u) => u.role === 'admin')).toBe(true);
    const [teams] = await demo.sql<{ n: number }[]>`select count(*)::int as n from teams`;
    expect(teams?.n).toBe(2);
  });

  it('mint a token that signs the chosen demo user in', async () => {
    const users = await json<{ items: { id: string; name: string }[] }>(
      await demo.request('/v1/demo/users'),
    );
    const chosen = users.items[3]!;
    const minted = await json<{ token: string }>(
      await demo.request('/v1/demo/token', { method: 'POST', json: { userId: chosen.id } }),
    );
    const me = await json(await demo.request('/v1/me', { token: minted.token }));
    expect(me.name).toBe(chosen.name);
  });

  it('refuse bad input and users outside the demo dealership', async () => {
    const bad = await demo.request('/v1/demo/token', { method: 'POST', json: { userId: 'nope' } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ code: 'validation_failed' });
    const tenant = await demo.tenant();
    const foreign = await demo.request('/v1/demo/token', {
      method: 'POST',
      json: { userId: tenant.member.id },
    });
    expect(foreign.status).toBe(404);
  });

  it('post a simulated DMS event that writes one inbox row per chosen user and team member', async () => {
    const users = await json<{ items: { id: string; name: string }[] }>(
      await demo.request('/v1/demo/users'),
    );
    const [marcus, dylan] = [
      users.items.find((u) => u.name === 'Marcus Reed')!,
      users.items.find((u) => u.name === 'Dylan Park')!,
    ];
    const response = await demo.request('/v1/demo/events', {
      method: 'POST',
      json: {
        type: 'conversations.mention',
        userIds: [marcus.id, dylan.id],
        title: 'Sophie mentioned you on RO 4521',
        body: 'Can you check the brake pads?',
        link: 'https://dms.example.com/ro/4521',
      },
    });
    expect(response.status).toBe(202);
    const accepted = await json<{ id: string; recipients: number; inApp: number }>(response);
    expect(accepted).toMatchObject({ recipients: 2, inApp: 2 });
    const rows = await demo.sql<
      { user_id: string; title: string; link: string; actor_name: string }[]
    >`
      select user_id, title, link, actor_name from notifications
      where event_id = ${accepted.id} and in_app order by user_id`;
    expect(rows.map((r) => r.user_id).sort()).toEqual([marcus.id, dylan.id].sort());
    expect(rows[0]).toMatchObject({
      title: 'Sophie mentioned you on RO 4521',
      link: 'https://dms.example.com/ro/4521',
      actor_name: 'Baylink Motors DMS',
    });

    // The recipient sees it in their inbox through the public API.
    const minted = await json<{ token: string }>(
      await demo.request('/v1/demo/token', { method: 'POST', json: { userId: marcus.id } }),
    );
    const inbox = await json<{ items: { title: string }[]; counts: { unread: number } }>(
      await demo.request('/v1/me/notifications', { token: minted.token }),
    );
    expect(inbox.items[0]?.title).toBe('Sophie mentioned you on RO 4521');
    expect(inbox.counts.unread).toBeGreaterThanOrEqual(1);

    // A team reaches its members; without a title the type's label is used.
    const teams = await json<{ items: { id: string; name: string; members: number }[] }>(
      await demo.request('/v1/demo/teams'),
    );
    const technicians = teams.items.find((team) => team.name === 'Technicians')!;
    expect(technicians.members).toBe(3);
    const toTeam = await json<{ id: string; recipients: number }>(
      await demo.request('/v1/demo/events', {
        method: 'POST',
        json: { type: 'collaboration.new_message', teamIds: [technicians.id] },
      }),
    );
    expect(toTeam.recipients).toBe(3);
    const [titled] = await demo.sql<{ title: string }[]>`
      select title from notifications where event_id = ${toTeam.id} and user_id = ${dylan.id}`;
    expect(titled?.title.length).toBeGreaterThan(0);
  });

  it('refuse a simulated event with bad input and write nothing', async () => {
    const users = await json<{ items: { id: string }[] }>(await demo.request('/v1/demo/users'));
    const someone = users.items[0]!.id;
    const count = async () =>
      (await demo.sql<{ n: number }[]>`select count(*)::int as n from events`)[0]!.n;
    const before = await count();
    const cases: unknown[] = [
      { type: 'nope.unknown', userIds: [someone] },
      { type: 'conversations.mention' },
      { type: 'conversations.mention', userIds: [] },
      { type: 'conversations.mention', userIds: ['not-a-uuid'] },
      { type: 'conversations.mention', userIds: [someone], link: 'javascript:alert(1)' },
      { type: 'conversations.mention', userIds: [someone], title: 'x'.repeat(201) },
      { type: 'conversations.mention', userIds: [someone], extra: true },
    ];
    for (const body of cases) {
      const response = await demo.request('/v1/demo/events', { method: 'POST', json: body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await json(response)).error).toMatchObject({ code: 'validation_failed' });
    }
    // A user of another dealership is not a demo recipient.
    const tenant = await demo.tenant();
    const foreign = await demo.request('/v1/demo/events', {
      method: 'POST',
      json: { type: 'conversations.mention', userIds: [tenant.member.id] },
    });
    expect(foreign.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('do not exist when the demo is off', async () => {
    await seedDemo(plain.sql);
    expect((await plain.request('/v1/demo/users')).status).toBe(404);
    const response = await plain.request('/v1/demo/token', {
      method: 'POST',
      json: { userId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(response.status).toBe(404);
    const users = await plain.sql<{ id: string }[]>`select id from users limit 1`;
    const events = await plain.request('/v1/demo/events', {
      method: 'POST',
      json: { type: 'conversations.mention', userIds: [users[0]!.id] },
    });
    expect(events.status).toBe(404);
    expect((await plain.request('/v1/demo/teams')).status).toBe(404);
    const [written] = await plain.sql<{ n: number }[]>`select count(*)::int as n from events`;
    expect(written?.n).toBe(0);
  });
});

describe('the demo away status', () => {
  it('shows one advisor away, covered by the Service Team, back at 8:00 a few days ahead', async () => {
    await seedDemo(demo.sql);
    const users = await json<{ items: { id: string; name: string }[] }>(
      await demo.request('/v1/demo/users'),
    );
    const minted = await json<{ token: string }>(
      await demo.request('/v1/demo/token', {
        method: 'POST',
        json: { userId: users.items[0]!.id },
      }),
    );
    const presence = await json<{ items: AwayStatus[] }>(
      await demo.request('/v1/presence', { token: minted.token }),
    );
    const away = presence.items.filter((item) => item.away);
    expect(away).toHaveLength(1);
    expect(away[0]).toMatchObject({
      name: 'Isabelle Gagnon',
      assignee: { kind: 'team', name: 'Service Team' },
      until: { time: '08:00', timeZone: 'America/Toronto' },
    });
    const daysAhead = (Date.parse(away[0]!.until!.at) - Date.now()) / 86_400_000;
    expect(daysAhead).toBeGreaterThan(2);
    expect(daysAhead).toBeLessThan(4);
    const teams = await json<{ items: { name: string; memberIds: string[] }[] }>(
      await demo.request('/v1/teams', { token: minted.token }),
    );
    expect(teams.items.find((team) => team.name === 'Service Team')?.memberIds.length).toBe(4);

    // Loading again changes nothing, even after the user changed their status.
    const isabelle = await json<{ token: string }>(
      await demo.request('/v1/demo/token', { method: 'POST', json: { userId: away[0]!.userId } }),
    );
    const off = await demo.request('/v1/me/away', { method: 'DELETE', token: isabelle.token });
    expect(off.status).toBe(200);
    await seedDemo(demo.sql);
    const after = await json<AwayStatus>(
      await demo.request('/v1/me/away', { token: isabelle.token }),
    );
    expect(after).toMatchObject({ away: false, version: 2 });
  });
});
