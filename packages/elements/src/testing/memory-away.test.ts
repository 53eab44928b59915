/// <reference types="mocha" />
import type { AwayStatus, BaylinkError, StreamEvent } from '@baylink/sdk';
import { expect, waitUntil } from '@open-wc/testing';
import { awayUntilAt, zonedInstant } from './memory-away.ts';
import { createMemoryClient, DEMO_TEAMMATES, type MemoryClient } from './memory-client.ts';

const [sam, jordan, chloe, priya, marc] = DEMO_TEAMMATES.map((user) => user.id) as [
  string,
  string,
  string,
  string,
  string,
];

/** Tomorrow's date in UTC, as `YYYY-MM-DD`. */
function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

async function rejection(promise: Promise<unknown>): Promise<BaylinkError> {
  try {
    await promise;
  } catch (error) {
    return error as BaylinkError;
  }
  throw new Error('Expected the call to fail');
}

function serviceTeam(client: MemoryClient): string {
  const team = client.teamList.find((candidate) => candidate.name === 'Service Team');
  if (!team) throw new Error('No Service Team');
  return team.id;
}

describe('the memory client’s away status', () => {
  it('turns away on with a cover and a return, records since, and keeps since while on', async () => {
    const client = createMemoryClient();
    const until = { date: tomorrow(), time: '08:00', timeZone: 'America/Toronto' };
    const first = await client.away.set({
      away: true,
      assignee: { kind: 'team', id: serviceTeam(client) },
      until,
    });
    expect(first.away).to.equal(true);
    expect(first.assignee).to.deep.equal({
      kind: 'team',
      id: serviceTeam(client),
      name: 'Service Team',
    });
    expect(first.until?.at).to.equal(
      zonedInstant(until.date, until.time, until.timeZone).toISOString(),
    );
    expect(first.since).to.be.a('string');
    const second = await client.away.set({ away: true });
    expect(second.since).to.equal(first.since);
    expect(second.assignee).to.equal(null);
    expect(second.version).to.be.greaterThan(first.version);
  });

  it('turns off clearing since and until and keeping the assignee', async () => {
    const client = createMemoryClient();
    await client.away.set({ away: true, assignee: { kind: 'user', id: sam } });
    const off = await client.away.clear();
    expect(off).to.include({ away: false, since: null, until: null });
    expect(off.assignee?.id).to.equal(sam);
  });

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const client = createMemoryClient();
    const before = client.awayStatusOf(client.profile.id);
    const past = await rejection(
      client.away.set({
        away: true,
        until: { date: '2020-01-01', time: '08:00', timeZone: 'UTC' },
      }),
    );
    expect(past.status).to.equal(400);
    expect(past.code).to.equal('validation_failed');
    expect(past.details?.map((detail) => detail.path)).to.deep.equal(['until']);
    const offWithUntil = await rejection(
      client.away.set({
        away: false,
        until: { date: tomorrow(), time: '08:00', timeZone: 'UTC' },
      }),
    );
    expect(offWithUntil.details?.map((detail) => detail.path)).to.deep.equal(['until']);
    const self = await rejection(
      client.away.set({ away: true, assignee: { kind: 'user', id: client.profile.id } }),
    );
    expect(self.details?.map((detail) => detail.path)).to.deep.equal(['assignee.id']);
    const stranger = await rejection(
      client.away.set({
        away: true,
        assignee: { kind: 'team', id: '00000000-0000-4000-8000-0000000000ff' },
      }),
    );
    expect(stranger.details?.map((detail) => detail.path)).to.deep.equal(['assignee.id']);
    expect(client.awayStatusOf(client.profile.id)).to.deep.equal(before);
  });

  it('loads the presence store once for many subscribers, and tells each user’s listener of its changes only', async () => {
    const client = createMemoryClient();
    const seen: Record<string, (AwayStatus | undefined)[]> = { sam: [], jordan: [] };
    const stops = [
      client.presence.subscribeUser(sam, (status) => seen.sam?.push(status)),
      client.presence.subscribeUser(jordan, (status) => seen.jordan?.push(status)),
      client.presence.store.subscribe(() => {}),
    ];
    await waitUntil(() => client.presence.store.getState().status === 'ready');
    expect(client.callsOf('presence.refresh')).to.have.length(1);
    expect(seen.sam?.map((status) => status?.away)).to.deep.equal([undefined, false]);
    client.setAway(sam, { away: true, assignee: { kind: 'user', id: jordan } });
    expect(seen.sam?.map((status) => status?.away)).to.deep.equal([undefined, false, true]);
    expect(seen.jordan).to.have.length(2);
    expect(client.presence.get(sam)?.assignee?.name).to.equal('Jordan Lee');
    for (const stop of stops) stop();
    expect(client.subscriberCount).to.equal(0);
  });

  it('sends presence.changed on the stream, and follows the signed-in user in away.store', async () => {
    const client = createMemoryClient();
    const events: StreamEvent[] = [];
    const stop = client.realtime.subscribe((event) => events.push(event));
    client.setAway(client.profile.id, { away: true });
    expect(client.away.store.getState().away?.away).to.equal(true);
    client.endAway(client.profile.id);
    expect(client.away.store.getState().away?.away).to.equal(false);
    expect(events.map((event) => event.kind)).to.deep.equal([
      'presence.changed',
      'presence.changed',
    ]);
    stop();
  });

  it('turns a status off when its until passes, with an event at that instant', async () => {
    const client = createMemoryClient({
      away: { [sam]: { away: true, until: awayUntilAt(Date.now() + 150) } },
    });
    const events: StreamEvent[] = [];
    const stop = client.realtime.subscribe((event) => events.push(event));
    expect(client.awayStatusOf(sam).away).to.equal(true);
    await waitUntil(() => events.length === 1, 'the automatic return');
    expect(events[0]?.kind).to.equal('presence.changed');
    expect(client.awayStatusOf(sam)).to.include({ away: false, updatedBy: null });
    stop();
  });

  it('answers check() with the state and the cover, and whether the cover is away', async () => {
    const client = createMemoryClient({
      away: {
        [sam]: { away: true, assignee: { kind: 'user', id: jordan } },
        [jordan]: { away: true },
      },
    });
    const notice = await client.presence.check(sam);
    expect(notice).to.include({ userId: sam, name: 'Sam Okafor', away: true, coverAway: true });
    expect(notice.cover?.name).to.equal('Jordan Lee');
    expect((await client.presence.check(chloe)).away).to.equal(false);
  });

  describe('routing', () => {
    const conversation = (id: string) => ({ conversationId: id });

    it('keeps conversations of a user who is not away', async () => {
      const client = createMemoryClient();
      const decision = await client.away.route({ userId: sam, ...conversation('c1') });
      expect(decision).to.include({ assigneeId: sam, reason: 'not_away', reassigned: false });
    });

    it('gives them to an available user cover, and keeps them when the cover is away too', async () => {
      const client = createMemoryClient({
        away: { [sam]: { away: true, assignee: { kind: 'user', id: chloe } } },
      });
      const first = await client.away.route({ userId: sam, ...conversation('c1') });
      expect(first).to.include({ assigneeId: chloe, reason: 'assignee', reassigned: true });
      client.setAway(chloe, { away: true });
      const second = await client.away.route({ userId: sam, ...conversation('c2') });
      expect(second).to.include({ assigneeId: sam, reason: 'assignee_away' });
    });

    it('keeps them without a cover, and keeps a conversation the user replied to', async () => {
      const client = createMemoryClient({
        away: {
          [sam]: { away: true },
          [jordan]: { away: true, assignee: { kind: 'user', id: sam } },
        },
      });
      expect((await client.away.route({ userId: sam, ...conversation('c1') })).reason).to.equal(
        'no_assignee',
      );
      client.setAway(sam, { away: false });
      const replied = await client.away.route({
        userId: jordan,
        replied: true,
        ...conversation('c9'),
      });
      expect(replied).to.include({ assigneeId: jordan, reason: 'replied' });
      const later = await client.away.route({ userId: jordan, ...conversation('c9') });
      expect(later.reason).to.equal('replied');
    });

    it('shares a team’s conversations by least recently assigned, and keeps them when all are away', async () => {
      const parts = createMemoryClient().teamList.find((team) => team.name === 'Parts')?.id ?? '';
      const client = createMemoryClient({
        away: { [sam]: { away: true, assignee: { kind: 'team', id: parts } } },
      });
      const assignees: string[] = [];
      for (const id of ['c1', 'c2', 'c3', 'c4']) {
        const decision = await client.away.route({ userId: sam, ...conversation(id) });
        expect(decision.reason).to.equal('team_member');
        assignees.push(decision.assigneeId);
      }
      expect(assignees).to.deep.equal([priya, marc, priya, marc]);
      client.setAway(priya, { away: true });
      client.setAway(marc, { away: true });
      const none = await client.away.route({ userId: sam, ...conversation('c5') });
      expect(none).to.include({ assigneeId: sam, reason: 'team_unavailable' });
      expect(none.via?.name).to.equal('Parts');
    });

    it('puts a conversations.assigned notification in the inbox when the signed-in user gets one', async () => {
      const client = createMemoryClient({
        away: {
          [sam]: {
            away: true,
            assignee: { kind: 'user', id: '00000000-0000-4000-8000-000000000001' },
          },
        },
      });
      const decision = await client.away.route({
        userId: sam,
        conversationId: 'c1',
        title: 'Émilie Côté',
      });
      expect(decision.notificationId).to.equal(client.inbox[0]?.id);
      expect(client.inbox[0]).to.include({ type: 'conversations.assigned', title: 'Émilie Côté' });
    });
  });

  it('fails and records calls under the away method names', async () => {
    const client = createMemoryClient();
    client.failNext({ status: 500 }, 'away.clear');
    expect((await rejection(client.away.clear())).status).to.equal(500);
    await client.teams.list();
    expect(client.calls.map((call) => call.method)).to.deep.equal(['away.clear', 'teams.list']);
  });
});
