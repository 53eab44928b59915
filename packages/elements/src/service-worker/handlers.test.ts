/// <reference types="mocha" />
// The service worker's decisions, in Chromium with stand-ins for the worker's clients and
// registration (and the real IndexedDB store of @baylink/sdk/push-worker). The worker itself,
// registered and pushed to, is tested end to end in examples/test/push.e2e.test.ts.
import {
  getDeviceRecord,
  PUSH_DB_NAME,
  type PushPayload,
  saveDeviceRecord,
} from '@baylink/sdk/push-worker';
import { expect } from '@open-wc/testing';
import {
  FALLBACK_TAG,
  fallbackTitle,
  linkUrl,
  notificationFor,
  openFromClick,
  recordFor,
  renewSubscription,
  servedAsIs,
  showPush,
} from './handlers.ts';
import type {
  ServiceWorkerScopeLike,
  WindowClientLike,
  WorkerNotificationOptions,
} from './worker-types.ts';

const ORIGIN = 'https://portal.example';
const SCOPE = `${ORIGIN}/app/`;

const payload: PushPayload = {
  v: 1,
  id: '7d1f0a52-3c4b-4e8e-9d0f-1a2b3c4d5e6f',
  type: 'conversations.mention',
  title: 'Tom mentioned you on RO 4521',
  body: 'Customer is waiting.',
  tag: 'baylink:conversations.mention:4521',
  link: `${ORIGIN}/app/ro/4521`,
  icon: null,
  api: 'https://api.example',
  createdAt: '2026-05-01T12:00:00.000Z',
};

interface WindowOptions {
  focused?: boolean;
  /** The worker controls it (only then may it navigate it). */
  controlled?: boolean;
}

interface Fake {
  sw: ServiceWorkerScopeLike;
  log: string[];
  shown: { title: string; options: WorkerNotificationOptions }[];
}

/** A worker scope whose clients and registration note what the handlers do with them. */
function fakeWorker(
  windows: [string, WindowOptions?][],
  options: {
    openWindow?: boolean;
    focus?: boolean;
    language?: string;
    endpoint?: string;
    refuse?: (title: string) => boolean;
  } = {},
): Fake {
  const log: string[] = [];
  const shown: Fake['shown'] = [];
  const makeWindow = (url: string, settings: WindowOptions = {}): WindowClientLike => {
    const client: WindowClientLike = {
      id: crypto.randomUUID(),
      url,
      focused: settings.focused ?? false,
      type: 'window',
      async focus() {
        if (options.focus === false) throw new Error('Not allowed to focus a window.');
        log.push(`focus ${url}`);
        return client;
      },
      async navigate(to: string) {
        if (settings.controlled === false)
          throw new TypeError('This service worker is not the client’s active service worker.');
        log.push(`navigate ${url} -> ${to}`);
        return makeWindow(to, settings);
      },
    };
    return client;
  };
  const registration = {
    scope: SCOPE,
    async getNotifications(filter?: { tag?: string }) {
      return shown.filter((entry) => !filter?.tag || entry.options.tag === filter.tag);
    },
    async showNotification(title: string, notificationOptions: WorkerNotificationOptions) {
      if (options.refuse?.(title)) throw new TypeError('Refused');
      const index = shown.findIndex((entry) => entry.options.tag === notificationOptions.tag);
      if (index >= 0) shown.splice(index, 1);
      shown.push({ title, options: notificationOptions });
    },
    pushManager: {
      async getSubscription() {
        return options.endpoint ? ({ endpoint: options.endpoint } as PushSubscription) : null;
      },
    },
  } as unknown as ServiceWorkerRegistration;
  const sw: ServiceWorkerScopeLike = {
    location: new URL(`${SCOPE}sw.js`),
    navigator: { language: options.language ?? 'en-US' },
    registration,
    clients: {
      async matchAll() {
        return windows.map(([url, settings]) => makeWindow(url, settings));
      },
      async openWindow(url: string) {
        if (options.openWindow === false) throw new Error('Not allowed to open a window.');
        log.push(`open ${url}`);
        return makeWindow(url);
      },
      async claim() {},
    },
    async skipWaiting() {},
    addEventListener() {},
  };
  return { sw, log, shown };
}

const text = (value: string) => ({ text: () => value });

describe('the service worker: showing a push', () => {
  it('shows the payload’s title, body, tag and click data', async () => {
    const { sw, shown } = fakeWorker([]);
    await showPush(sw, text(JSON.stringify(payload)));
    expect(shown).to.deep.equal([
      {
        title: payload.title,
        options: {
          body: payload.body,
          tag: payload.tag,
          timestamp: Date.parse(payload.createdAt),
          data: { id: payload.id, link: payload.link, api: payload.api },
        },
      },
    ]);
  });

  it('replaces a notification with the same tag and rings again', async () => {
    const { sw, shown } = fakeWorker([]);
    await showPush(sw, text(JSON.stringify(payload)));
    await showPush(sw, text(JSON.stringify({ ...payload, body: 'Still waiting.' })));
    expect(shown).to.have.length(1);
    expect(shown[0]?.options).to.include({ body: 'Still waiting.', renotify: true });
  });

  it('shows a generic notification for a push it cannot read, in the browser’s language', async () => {
    for (const data of [text('{"v":1'), text(JSON.stringify({ ...payload, v: 2 })), null]) {
      const { sw, shown } = fakeWorker([], { language: 'fr-CA' });
      await showPush(sw, data);
      expect(shown).to.deep.equal([
        {
          title: 'Vous avez une nouvelle notification',
          options: { tag: FALLBACK_TAG, data: { id: null, link: null, api: null } },
        },
      ]);
    }
    expect(fallbackTitle('de-DE')).to.equal('You have a new notification');
  });

  it('falls back to the generic notification when the browser refuses the payload’s', async () => {
    const { sw, shown } = fakeWorker([], { refuse: (title) => title === payload.title });
    await showPush(sw, text(JSON.stringify(payload)));
    expect(shown.map((entry) => entry.options.tag)).to.deep.equal([FALLBACK_TAG]);
  });

  it('uses the host’s default icon when the payload names none', () => {
    const shown = notificationFor(payload, { defaultIcon: '/icon.png', replacing: false });
    expect(shown.options.icon).to.equal('/icon.png');
    const own = notificationFor(
      { ...payload, icon: 'https://cdn.example/i.png' },
      { defaultIcon: '/icon.png', replacing: false },
    );
    expect(own.options.icon).to.equal('https://cdn.example/i.png');
  });
});

describe('the service worker: a click', () => {
  it('navigates the open app tab to a link on its origin', async () => {
    const { sw, log } = fakeWorker([[`${ORIGIN}/elsewhere`], [`${SCOPE}inbox`, { focused: true }]]);
    const opened = await openFromClick(sw, payload.link);
    expect(opened?.url).to.equal(payload.link);
    expect(log).to.deep.equal([
      `navigate ${SCOPE}inbox -> ${payload.link}`,
      `focus ${payload.link}`,
    ]);
  });

  it('only focuses a tab that already shows the link', async () => {
    const { sw, log } = fakeWorker([[`${SCOPE}inbox`], [payload.link as string]]);
    await openFromClick(sw, payload.link);
    expect(log).to.deep.equal([`focus ${payload.link}`]);
  });

  it('opens a window when the tab is not the worker’s to navigate, or there is none', async () => {
    const uncontrolled = fakeWorker([[`${SCOPE}inbox`, { controlled: false }]]);
    await openFromClick(uncontrolled.sw, payload.link);
    expect(uncontrolled.log).to.deep.equal([`open ${payload.link}`]);
    const none = fakeWorker([]);
    await openFromClick(none.sw, '/app/ro/9');
    expect(none.log).to.deep.equal([`open ${ORIGIN}/app/ro/9`]);
  });

  it('opens a link on another origin in a new window', async () => {
    const { sw, log } = fakeWorker([[`${SCOPE}inbox`, { focused: true }]]);
    await openFromClick(sw, 'https://dms.example.com/ro/4521');
    expect(log).to.deep.equal(['open https://dms.example.com/ro/4521']);
  });

  it('without a link, focuses the app or opens the scope', async () => {
    const open = fakeWorker([[`${SCOPE}inbox`]]);
    await openFromClick(open.sw, null);
    expect(open.log).to.deep.equal([`focus ${SCOPE}inbox`]);
    const closed = fakeWorker([['https://other.example/']]);
    await openFromClick(closed.sw, null);
    expect(closed.log).to.deep.equal([`open ${SCOPE}`]);
  });

  it('still navigates when the browser refuses focus (no user activation)', async () => {
    const { sw, log } = fakeWorker([[`${SCOPE}inbox`]], { focus: false, openWindow: false });
    const opened = await openFromClick(sw, payload.link);
    expect(opened?.url).to.equal(payload.link);
    expect(log).to.deep.equal([`navigate ${SCOPE}inbox -> ${payload.link}`]);
  });

  it('ignores links that are not http(s)', () => {
    expect(linkUrl('javascript:alert(1)', SCOPE)).to.equal(null);
    expect(linkUrl('data:text/html,hi', SCOPE)).to.equal(null);
    expect(linkUrl('ro/4', SCOPE)?.href).to.equal(`${SCOPE}ro/4`);
    expect(linkUrl(null, SCOPE)).to.equal(null);
  });
});

describe('the service worker: its device record', () => {
  beforeEach(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(PUSH_DB_NAME);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );

  const base = {
    userId: 'u1',
    deviceId: 'd1',
    deviceToken: 'bl_dt_1',
    applicationServerKey: 'BKey',
    scope: SCOPE,
  };

  it('prefers the record of its current subscription, then the newest for the API', async () => {
    const current = await saveDeviceRecord({
      ...base,
      apiBase: 'https://api.example',
      endpoint: 'https://fcm.googleapis.com/fcm/send/current',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const stale = await saveDeviceRecord({
      ...base,
      userId: 'u2',
      apiBase: 'https://api.example',
      endpoint: 'https://fcm.googleapis.com/fcm/send/old',
      updatedAt: '2026-03-01T00:00:00.000Z',
    });
    await saveDeviceRecord({
      ...base,
      scope: `${ORIGIN}/other/`,
      apiBase: 'https://api.example',
      endpoint: 'https://fcm.googleapis.com/fcm/send/other-scope',
      userId: 'u3',
      updatedAt: '2026-04-01T00:00:00.000Z',
    });
    const subscribed = fakeWorker([], { endpoint: current.endpoint });
    expect(await recordFor(subscribed.sw, 'https://api.example/')).to.deep.equal(current);
    // An API that names itself by another URL: the current subscription's record still answers.
    expect(await recordFor(subscribed.sw, 'https://api-alias.example')).to.deep.equal(current);
    const unsubscribed = fakeWorker([]);
    expect(await recordFor(unsubscribed.sw, 'https://api.example')).to.deep.equal(stale);
    expect(await recordFor(unsubscribed.sw, 'https://unknown.example')).to.equal(null);
  });
});

describe('the service worker: a replaced subscription', () => {
  const realFetch = globalThis.fetch;
  let requests: { url: string; authorization: string | null; body: unknown }[] = [];
  beforeEach(async () => {
    requests = [];
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(PUSH_DB_NAME);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    // The API's answer to a renewal: the same device and token.
    globalThis.fetch = async (input, init) => {
      const body = JSON.parse(String(init?.body));
      requests.push({
        url: String(input),
        authorization: new Headers(init?.headers).get('authorization'),
        body,
      });
      return new Response(
        JSON.stringify({ device: { id: 'device-1' }, deviceToken: 'bl_dt_same' }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    };
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const subscription = (endpoint: string) =>
    ({
      endpoint,
      options: { applicationServerKey: null },
      toJSON: () => ({
        endpoint,
        expirationTime: null,
        keys: { p256dh: 'BPublicKeyBytesOfTheBrowser', auth: 'AuthSecret16Bytes' },
      }),
    }) as unknown as PushSubscription;

  it('tells the API the new subscription with the device token and keeps the new endpoint', async () => {
    const old = await saveDeviceRecord({
      apiBase: 'https://api.example',
      userId: 'u1',
      deviceId: 'device-1',
      deviceToken: 'bl_dt_same',
      applicationServerKey: 'BKey',
      endpoint: 'https://fcm.googleapis.com/fcm/send/old',
      scope: SCOPE,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const { sw } = fakeWorker([]);
    const fresh = subscription('https://fcm.googleapis.com/fcm/send/new');
    await renewSubscription(sw, subscription(old.endpoint), fresh);
    expect(requests).to.deep.equal([
      {
        url: 'https://api.example/v1/push/device/renew',
        authorization: 'Device bl_dt_same',
        body: { subscription: fresh.toJSON() },
      },
    ]);
    const after = await getDeviceRecord('https://api.example', 'u1');
    expect(after).to.include({ endpoint: fresh.endpoint, deviceToken: 'bl_dt_same' });
    expect(after?.updatedAt).not.to.equal(old.updatedAt);
  });

  it('leaves subscriptions that are not Baylink’s alone', async () => {
    const { sw } = fakeWorker([]);
    await renewSubscription(
      sw,
      subscription('https://fcm.googleapis.com/fcm/send/hosts-own'),
      subscription('https://fcm.googleapis.com/fcm/send/new'),
    );
    expect(requests).to.deep.equal([]);
  });
});

describe('the service worker: taking control', () => {
  it('does so by default only when served as baylink-sw.js', () => {
    expect(servedAsIs('/baylink-sw.js')).to.equal(true);
    expect(servedAsIs('/static/baylink-sw.3f2a1c.js')).to.equal(true);
    expect(servedAsIs('/sw.js')).to.equal(false);
    expect(servedAsIs('/portal/sw.js')).to.equal(false);
  });
});
