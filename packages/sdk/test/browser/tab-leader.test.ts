// One stream per browser: clients of the same user in one page elect a leader with a Web Lock,
// exactly as tabs do (locks and BroadcastChannel work the same between tabs and within a page),
// and an iframe stands for a tab that closes. The API is the real one, started by the config.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  type BaylinkClient,
  type ClientOptions,
  createClient,
  type StreamEvent,
} from '../../src/index.ts';

interface Fixture {
  baseUrl: string;
  accountId: string;
  users: Record<'ada' | 'bob' | 'cyd', { id: string; token: string }>;
}

const fixture = (await executeServerCommand('baylink-fixture')) as Fixture;

let round = 0;
const clients: BaylinkClient[] = [];
const frames: HTMLIFrameElement[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const frame of frames.splice(0)) frame.remove();
});

interface StreamRequest {
  client: number;
  lastEventId: string | null;
}

/** "Tabs" of a user: clients whose fetch notes each request they make to /v1/stream. */
function tabs(user: keyof Fixture['users'], count: number, options: Partial<ClientOptions> = {}) {
  const streamRequests: StreamRequest[] = [];
  const made = Array.from({ length: count }, (_, index) => {
    const client = createClient({
      baseUrl: fixture.baseUrl,
      token: fixture.users[user].token,
      ...options,
      fetch: (input, init) => {
        if (String(input).endsWith('/v1/stream')) {
          streamRequests.push({
            client: index,
            lastEventId: new Headers(init?.headers).get('last-event-id'),
          });
        }
        return (options.fetch ?? fetch)(input, init);
      },
    });
    clients.push(client);
    const events: StreamEvent[] = [];
    const stop = client.realtime.subscribe((event) => events.push(event));
    return { client, events, stop };
  });
  return { tabs: made, streamRequests };
}

async function until(check: () => boolean, what: string, timeout = 8000) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const role = (client: BaylinkClient) =>
  (client.realtime as unknown as { role: string | null }).role;

const titles = (events: StreamEvent[]) =>
  events.flatMap((e) => (e.kind === 'notification.created' ? [e.data.title] : []));

async function post(title: string, users: (keyof Fixture['users'])[] = ['ada']) {
  await executeServerCommand('baylink-event', {
    title,
    userIds: users.map((user) => fixture.users[user].id),
  });
}

const allConnected = (list: { client: BaylinkClient }[]) =>
  list.every(({ client }) => client.realtime.status.getState() === 'connected');

describe('one stream for all tabs of a user', () => {
  it('has this browser share the stream (Web Locks and BroadcastChannel exist)', () => {
    expect(typeof navigator.locks?.request).to.equal('function');
    expect(typeof BroadcastChannel).to.equal('function');
  });

  it('opens one stream for three tabs, and every tab gets every event once, in order', async () => {
    round++;
    const { tabs: three, streamRequests } = tabs('ada', 3);
    await until(() => allConnected(three), 'every tab to be connected');
    expect(streamRequests).to.have.length(1);
    expect(three.map(({ client }) => role(client)).sort()).to.deep.equal([
      'follower',
      'follower',
      'leader',
    ]);
    const sent = [`r${round} one`, `r${round} two`, `r${round} three`];
    for (const title of sent) await post(title);
    await until(() => three.every(({ events }) => titles(events).length >= 3), 'the events');
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const { events } of three) {
      expect(titles(events)).to.deep.equal(sent);
      const ids = events.map((e) => Number(e.id));
      expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
    }
    expect(streamRequests).to.have.length(1);
  });

  it('hands the stream to another tab when the leader goes, which resumes without loss', async () => {
    round++;
    const { tabs: three, streamRequests } = tabs('ada', 3);
    await until(() => allConnected(three), 'every tab to be connected');
    await post(`r${round} before`);
    await until(() => three.every(({ events }) => titles(events).length === 1), 'the first event');
    const lastId = three[0]!.events.at(-1)!.id;

    const leader = three.find(({ client }) => role(client) === 'leader')!;
    const others = three.filter((tab) => tab !== leader);
    leader.client.destroy();
    await post(`r${round} during the hand-over`);
    await post(`r${round} after`);
    await until(
      () => others.every(({ events }) => titles(events).length === 3),
      'the events after the hand-over',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const { events } of others) {
      expect(titles(events)).to.deep.equal([
        `r${round} before`,
        `r${round} during the hand-over`,
        `r${round} after`,
      ]);
    }
    // Exactly one new stream, opened by the new leader from the last id it had seen.
    expect(streamRequests).to.have.length(2);
    expect(streamRequests[1]!.lastEventId).to.equal(lastId);
    expect(others.map(({ client }) => role(client)).sort()).to.deep.equal(['follower', 'leader']);
    expect(titles(leader.events)).to.deep.equal([`r${round} before`]);
  });

  it('passes the lock on when a tab that holds it closes (an iframe removed from the page)', async () => {
    round++;
    // The iframe's client takes the lock first: it is the leader "tab".
    const frame = document.createElement('iframe');
    frames.push(frame);
    const frameReady = new Promise<void>((resolve, reject) => {
      const onMessage = (message: MessageEvent) => {
        if (message.source !== frame.contentWindow) return;
        if (message.data?.type === 'leader') resolve();
        if (message.data?.type === 'error') reject(new Error(message.data.message));
      };
      window.addEventListener('message', onMessage);
    });
    const params = new URLSearchParams({
      baseUrl: fixture.baseUrl,
      token: fixture.users.ada.token,
    });
    frame.src = new URL(`./fixtures/tab.html?${params}`, import.meta.url).href;
    document.body.append(frame);
    await frameReady;

    const { tabs: one, streamRequests } = tabs('ada', 1);
    const [tab] = one;
    await until(() => tab!.client.realtime.status.getState() === 'connected', 'the follower');
    expect(role(tab!.client)).to.equal('follower');
    expect(streamRequests).to.have.length(0);
    await post(`r${round} through the frame`);
    await until(() => titles(tab!.events).length === 1, 'the event relayed by the frame');

    frame.remove();
    await until(() => role(tab!.client) === 'leader', 'the lock to pass to this tab');
    await post(`r${round} after the frame closed`);
    await until(() => titles(tab!.events).length === 2, 'the event after the frame closed');
    expect(titles(tab!.events)).to.deep.equal([
      `r${round} through the frame`,
      `r${round} after the frame closed`,
    ]);
    expect(streamRequests).to.have.length(1);
    expect(streamRequests[0]!.lastEventId).to.equal(tab!.events[0]!.id);
  });

  it('gives each user a stream of their own', async () => {
    round++;
    const { tabs: adas, streamRequests: adaRequests } = tabs('ada', 2);
    const { tabs: bobs, streamRequests: bobRequests } = tabs('bob', 2);
    await until(() => allConnected([...adas, ...bobs]), 'every tab to be connected');
    expect(adaRequests).to.have.length(1);
    expect(bobRequests).to.have.length(1);
    await post(`r${round} for bob`, ['bob']);
    await post(`r${round} for ada`, ['ada']);
    await until(() => bobs.every(({ events }) => titles(events).length === 1), "bob's event");
    await until(() => adas.every(({ events }) => titles(events).length === 1), "ada's event");
    for (const { events } of bobs) expect(titles(events)).to.deep.equal([`r${round} for bob`]);
    for (const { events } of adas) expect(titles(events)).to.deep.equal([`r${round} for ada`]);
  });

  it('holds a stream per client when sharing is turned off', async () => {
    const { tabs: two, streamRequests } = tabs('cyd', 2, { realtime: { shareAcrossTabs: false } });
    await until(() => allConnected(two), 'both clients to be connected');
    expect(streamRequests).to.have.length(2);
    expect(two.map(({ client }) => role(client))).to.deep.equal(['direct', 'direct']);
  });
});

describe('read state in step across tabs', () => {
  it('shows a read mark in the other tabs before the API has even answered', async () => {
    round++;
    await post(`r${round} to read`, ['cyd']);
    let holdPatch: (() => void) | undefined;
    const held = new Promise<void>((resolve) => {
      holdPatch = resolve;
    });
    const slowFetch: typeof fetch = async (input, init) => {
      if (init?.method === 'PATCH') await held;
      return fetch(input, init);
    };
    const { tabs: pair } = tabs('cyd', 2, { fetch: slowFetch });
    const [a, b] = pair;
    const stops = pair.map(({ client }) => client.notifications.store.subscribe(() => {}));
    await until(
      () => pair.every(({ client }) => client.notifications.store.getState().status === 'ready'),
      'both inboxes',
    );
    const target = a!.client.notifications.store
      .getState()
      .items.find((n) => n.title === `r${round} to read`)!;
    const unreadBefore = b!.client.notifications.store.getState().counts.unread;

    const marking = a!.client.notifications.markRead([target.id]);
    const readIn = (tab: typeof b) =>
      tab!.client.notifications.store.getState().items.find((n) => n.id === target.id)?.readAt;
    await until(() => readIn(b) != null, 'the other tab to show it read');
    expect(b!.client.notifications.store.getState().counts.unread).to.equal(unreadBefore - 1);

    holdPatch!();
    await marking;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readIn(b)).to.equal(readIn(a));
    expect(b!.client.notifications.store.getState().counts).to.deep.equal(
      a!.client.notifications.store.getState().counts,
    );
    for (const stop of stops) stop();
  });

  it('undoes the mark in the other tabs when the API refuses it', async () => {
    round++;
    await post(`r${round} refused`, ['cyd']);
    const refusing: typeof fetch = async (input, init) => {
      if (init?.method === 'PATCH') {
        return new Response(JSON.stringify({ error: { code: 'forbidden', message: 'No' } }), {
          status: 403,
          headers: { 'content-type': 'application/json' },
        });
      }
      return fetch(input, init);
    };
    const { tabs: pair } = tabs('cyd', 2, { fetch: refusing });
    const [a, b] = pair;
    const stops = pair.map(({ client }) => client.notifications.store.subscribe(() => {}));
    await until(
      () => pair.every(({ client }) => client.notifications.store.getState().status === 'ready'),
      'both inboxes',
    );
    const target = b!.client.notifications.store
      .getState()
      .items.find((n) => n.title === `r${round} refused`)!;
    const before = b!.client.notifications.store.getState().counts;
    let refused: unknown;
    await a!.client.notifications.markRead([target.id]).catch((error) => {
      refused = error;
    });
    expect((refused as { status?: number }).status).to.equal(403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const item = b!.client.notifications.store.getState().items.find((n) => n.id === target.id);
    expect(item?.readAt).to.equal(null);
    expect(b!.client.notifications.store.getState().counts).to.deep.equal(before);
    for (const stop of stops) stop();
  });
});
