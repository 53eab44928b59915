// client.push in real Chromium against the real API (started by the config): the IndexedDB
// store shared with the service worker, the device routes, and this browser's state. A real
// push subscription needs the browser's push service (the internet), so devices are registered
// with an FCM-looking endpoint, as a subscription would give; the service worker itself is tested
// end to end in examples/test/push.e2e.test.ts.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  deleteDeviceRecord,
  findDeviceRecords,
  getDeviceRecord,
  listDeviceRecords,
  PUSH_DB_NAME,
  type PushDeviceRecord,
  saveDeviceRecord,
} from '../../src/client/push/device-store.ts';
import { type BaylinkClient, createClient } from '../../src/index.ts';

interface Fixture {
  baseUrl: string;
  accountId: string;
  users: Record<'ada' | 'bob' | 'cyd', { id: string; token: string }>;
}

const fixture = (await executeServerCommand('baylink-fixture')) as Fixture;

function wipeDatabase(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(PUSH_DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

function record(overrides: Partial<PushDeviceRecord> = {}): PushDeviceRecord {
  return {
    apiBase: 'https://api.example.com',
    userId: fixture.users.ada.id,
    deviceId: crypto.randomUUID(),
    deviceToken: `bl_dt_${crypto.randomUUID()}`,
    applicationServerKey: 'BExampleKeyExampleKeyExampleKey',
    endpoint: `https://fcm.googleapis.com/fcm/send/${crypto.randomUUID()}`,
    scope: `${location.origin}/`,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A browser subscription's JSON as the API takes it, with real P-256 and auth key bytes. */
async function subscriptionJson() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const encode = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return {
    endpoint: `https://fcm.googleapis.com/fcm/send/wtr-${crypto.randomUUID()}`,
    expirationTime: null,
    keys: { p256dh: encode(raw), auth: encode(crypto.getRandomValues(new Uint8Array(16))) },
  };
}

const clients: BaylinkClient[] = [];
function clientOf(user: keyof Fixture['users'], fetcher?: typeof fetch) {
  const client = createClient({
    baseUrl: fixture.baseUrl,
    token: fixture.users[user].token,
    ...(fetcher ? { fetch: fetcher } : {}),
  });
  clients.push(client);
  return client;
}

beforeEach(wipeDatabase);
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

describe('the push device store (IndexedDB, shared with the service worker)', () => {
  it('keeps one record per API and user, newest first', async () => {
    const first = await saveDeviceRecord(record({ updatedAt: '2026-01-01T00:00:00.000Z' }));
    const second = await saveDeviceRecord(
      record({ apiBase: 'https://other.example.com/', updatedAt: '2026-02-01T00:00:00.000Z' }),
    );
    expect(second.apiBase).to.equal('https://other.example.com');
    expect(await getDeviceRecord('https://api.example.com/', first.userId)).to.deep.equal(first);
    expect((await listDeviceRecords()).map((r) => r.apiBase)).to.deep.equal([
      'https://other.example.com',
      'https://api.example.com',
    ]);
    const replaced = await saveDeviceRecord({ ...first, deviceToken: 'bl_dt_new' });
    expect((await getDeviceRecord(first.apiBase, first.userId))?.deviceToken).to.equal(
      replaced.deviceToken,
    );
    expect(await listDeviceRecords()).to.have.length(2);
    await deleteDeviceRecord(first.apiBase, first.userId);
    expect(await getDeviceRecord(first.apiBase, first.userId)).to.equal(null);
    expect(await listDeviceRecords()).to.have.length(1);
  });

  it('gives a subscription to the last user who registered it', async () => {
    const ada = await saveDeviceRecord(record());
    const elsewhere = await saveDeviceRecord(record({ apiBase: 'https://other.example.com' }));
    const sameEndpoint = { endpoint: ada.endpoint, userId: fixture.users.bob.id };
    const bob = await saveDeviceRecord(record(sameEndpoint));
    expect(await getDeviceRecord(ada.apiBase, ada.userId)).to.equal(null);
    expect(await getDeviceRecord(bob.apiBase, bob.userId)).to.deep.equal(bob);
    // Another API's record of the same user stays.
    expect(await getDeviceRecord(elsewhere.apiBase, elsewhere.userId)).to.deep.equal(elsewhere);
    expect(await findDeviceRecords({ endpoint: ada.endpoint })).to.deep.equal([bob]);
    expect(
      await findDeviceRecords({ apiBase: 'https://api.example.com/', scope: bob.scope }),
    ).to.deep.equal([bob]);
    expect(await findDeviceRecords({ scope: 'https://elsewhere.example/' })).to.deep.equal([]);
  });
});

describe('client.push', () => {
  it('reads the VAPID key once, without a user token', async () => {
    const calls: { url: string; authorization: string | null }[] = [];
    const client = clientOf('ada', (input, init) => {
      calls.push({
        url: String(input),
        authorization: new Headers(init?.headers).get('authorization'),
      });
      return fetch(input, init);
    });
    const [first, second] = await Promise.all([client.push.config(), client.push.config()]);
    expect(first.publicKey).to.match(/^[A-Za-z0-9_-]{80,}$/);
    expect(second).to.deep.equal(first);
    expect(await client.push.config()).to.deep.equal(first);
    expect(calls).to.deep.equal([
      { url: `${fixture.baseUrl}/v1/push/config`, authorization: null },
    ]);
  });

  it('registers, lists and revokes devices; another user sees none of them', async () => {
    const ada = clientOf('ada');
    const bob = clientOf('bob');
    const registered = await ada.push.register(await subscriptionJson());
    expect(registered.deviceToken).to.match(/^bl_dt_/);
    expect(registered.device.service).to.equal('https://fcm.googleapis.com');
    expect(registered.device.label).to.match(/Chrome/);
    expect((await ada.push.devices()).map((device) => device.id)).to.include(registered.device.id);
    expect((await bob.push.devices()).map((device) => device.id)).not.to.include(
      registered.device.id,
    );
    const refused = await bob.push.revoke(registered.device.id).catch((error) => error);
    expect(refused).to.include({ name: 'BaylinkError', status: 404 });
    await ada.push.revoke(registered.device.id);
    expect((await ada.push.devices()).map((device) => device.id)).not.to.include(
      registered.device.id,
    );
  });

  it('rejects a subscription to an unknown push service with the field named', async () => {
    const ada = clientOf('ada');
    const subscription = { ...(await subscriptionJson()), endpoint: 'https://evil.example/push' };
    const error = await ada.push.register(subscription).catch((caught) => caught);
    expect(error).to.include({ name: 'BaylinkError', status: 400 });
    expect(error.details.map((detail: { path: string }) => detail.path).join(' ')).to.match(
      /endpoint/,
    );
  });

  it('says this browser is supported and not subscribed, and never prompts', async () => {
    const ada = clientOf('ada');
    const before = Notification.permission;
    const state = await ada.push.browserState();
    expect(state).to.deep.equal({
      supported: true,
      reason: null,
      permission: before === 'granted' || before === 'denied' ? before : 'default',
      subscribed: false,
      deviceId: null,
    });
    expect(Notification.permission).to.equal(before);
    // A record without a live subscription in this browser is not a subscription.
    await saveDeviceRecord(record({ apiBase: fixture.baseUrl, userId: fixture.users.ada.id }));
    expect((await ada.push.browserState()).subscribed).to.equal(false);
  });

  it('turns this browser off: the device is revoked and the record cleared', async () => {
    const ada = clientOf('ada');
    const registered = await ada.push.register(await subscriptionJson());
    const mine = record({
      apiBase: fixture.baseUrl,
      userId: fixture.users.ada.id,
      deviceId: registered.device.id,
      deviceToken: registered.deviceToken,
    });
    await saveDeviceRecord(mine);
    const bobs = await saveDeviceRecord(
      record({ apiBase: fixture.baseUrl, userId: fixture.users.bob.id }),
    );
    const state = await ada.push.disableThisBrowser();
    expect(state).to.include({ supported: true, subscribed: false, deviceId: null });
    expect(await getDeviceRecord(fixture.baseUrl, fixture.users.ada.id)).to.equal(null);
    expect((await ada.push.devices()).map((device) => device.id)).not.to.include(
      registered.device.id,
    );
    // Only the signed-in user's record goes; turning off twice is harmless.
    expect(await getDeviceRecord(fixture.baseUrl, fixture.users.bob.id)).to.deep.equal(bobs);
    expect((await ada.push.disableThisBrowser()).subscribed).to.equal(false);
  });
});
