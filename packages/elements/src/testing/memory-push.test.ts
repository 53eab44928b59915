/// <reference types="mocha" />
import type { BaylinkError } from '@baylink/sdk';
import { expect } from '@open-wc/testing';
import { createMemoryClient, deviceLabelFor } from './memory-client.ts';

async function rejection(promise: Promise<unknown>): Promise<BaylinkError> {
  try {
    await promise;
  } catch (error) {
    return error as BaylinkError;
  }
  throw new Error('Expected the call to fail');
}

const SUBSCRIPTION = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abcdefghijklmnop',
  expirationTime: null,
  keys: {
    p256dh:
      'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
    auth: 'tBHItJI5svbpez7KI4CCXg',
  },
};

describe('the memory client’s push, quiet hours and deliveries', () => {
  it('registers a subscription like the API: known push services only, the same endpoint refreshed', async () => {
    const client = createMemoryClient();
    const first = await client.push.register(SUBSCRIPTION);
    expect(first.device.label).to.equal(deviceLabelFor(navigator.userAgent).label);
    expect(first.device.service).to.equal('https://fcm.googleapis.com');
    expect(first.deviceToken).to.match(/^dev_/);
    const again = await client.push.register(SUBSCRIPTION);
    expect(again.device.id).to.equal(first.device.id);
    expect(again.deviceToken).not.to.equal(first.deviceToken);
    const refused = await rejection(
      client.push.register({ ...SUBSCRIPTION, endpoint: 'https://push.example.com/abc' }),
    );
    expect(refused.status).to.equal(400);
    expect(refused.details.map((detail) => detail.path)).to.deep.equal(['subscription.endpoint']);
    const plain = await rejection(
      client.push.register({ ...SUBSCRIPTION, endpoint: 'http://fcm.googleapis.com/fcm/send/x' }),
    );
    expect(plain.details[0]?.path).to.equal('subscription.endpoint');
    const keys = await rejection(
      client.push.register({ ...SUBSCRIPTION, keys: { p256dh: 'short', auth: 'x' } }),
    );
    expect([...new Set(keys.details.map((detail) => detail.path))]).to.have.members([
      'subscription.keys.p256dh',
      'subscription.keys.auth',
    ]);
    expect(client.pushDevices).to.have.length(1);
  });

  it('labels devices from their user agent as the API does', () => {
    expect(
      deviceLabelFor(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      ).label,
    ).to.equal('Chrome on Windows');
    expect(
      deviceLabelFor(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ).label,
    ).to.equal('Safari on iOS');
    expect(
      deviceLabelFor(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
      ).label,
    ).to.equal('Firefox on macOS');
    expect(deviceLabelFor('curl/8.0').label).to.equal('Browser');
  });

  it('lists, tests and revokes devices; another id is not found', async () => {
    const client = createMemoryClient({
      pushDevices: [
        { label: 'Chrome on Windows', createdAt: '2026-01-02T00:00:00.000Z' },
        { label: 'Firefox on macOS', createdAt: '2026-01-03T00:00:00.000Z', test: 'gone' },
        { label: 'Edge on Windows', createdAt: '2026-01-01T00:00:00.000Z', test: 'failed' },
      ],
    });
    const devices = await client.push.devices();
    expect(devices.map((device) => device.label)).to.deep.equal([
      'Firefox on macOS',
      'Chrome on Windows',
      'Edge on Windows',
    ]);
    const [firefox, chrome, edge] = devices;
    expect(await client.push.test(chrome?.id ?? '')).to.deep.equal({
      outcome: 'sent',
      status: 201,
      error: null,
    });
    expect((await client.push.devices())[1]?.lastUsedAt).to.be.a('string');
    expect((await client.push.test(edge?.id ?? '')).outcome).to.equal('failed');
    expect((await client.push.test(firefox?.id ?? '')).outcome).to.equal('gone');
    expect((await client.push.devices()).map((device) => device.label)).to.deep.equal([
      'Chrome on Windows',
      'Edge on Windows',
    ]);
    await client.push.revoke(chrome?.id ?? '');
    expect(client.pushDevices.map((device) => device.label)).to.deep.equal(['Edge on Windows']);
    expect((await rejection(client.push.revoke(chrome?.id ?? ''))).status).to.equal(404);
    expect(
      (await rejection(client.push.test('00000000-0000-4000-8000-00000000ffff'))).status,
    ).to.equal(404);
  });

  it('simulates this browser: no prompt without a click, Block sticks, unsupported never asks', async () => {
    const client = createMemoryClient({ browserPush: { prompt: 'denied' } });
    expect(await client.push.browserState()).to.deep.equal({
      supported: true,
      reason: null,
      permission: 'default',
      subscribed: false,
      deviceId: null,
    });
    // No user activation in a test's script: the simulated browser ignores the prompt.
    expect(navigator.userActivation.isActive).to.equal(false);
    expect((await client.push.enableThisBrowser()).permission).to.equal('default');
    expect(client.pushPrompts).to.deep.equal([{ userActivation: false, answer: 'default' }]);
    client.setBrowserPush({ requireUserActivation: false });
    expect((await client.push.enableThisBrowser()).permission).to.equal('denied');
    client.setBrowserPush({ prompt: 'granted' });
    expect((await client.push.enableThisBrowser()).permission).to.equal('denied');
    expect(client.pushPrompts).to.have.length(2);

    client.setBrowserPush({ permission: 'granted' });
    const on = await client.push.enableThisBrowser({ serviceWorkerUrl: '/sw.js' });
    expect(on).to.include({ subscribed: true, permission: 'granted' });
    expect(client.pushDevices.map((device) => device.id)).to.deep.equal([on.deviceId]);
    // Taking the permission back in the site settings drops the subscription, not the device.
    client.setBrowserPush({ permission: 'denied' });
    expect(client.browserPush).to.include({ subscribed: false, deviceId: null });
    expect(client.pushDevices).to.have.length(1);

    const ios = createMemoryClient({
      browserPush: {
        supported: false,
        reason: 'ios-needs-home-screen',
        requireUserActivation: false,
      },
    });
    expect(await ios.push.enableThisBrowser()).to.deep.equal({
      supported: false,
      reason: 'ios-needs-home-screen',
      permission: 'unsupported',
      subscribed: false,
      deviceId: null,
    });
    expect(ios.pushPrompts).to.have.length(0);
  });

  it('turns this browser off: unsubscribed and its device revoked', async () => {
    const client = createMemoryClient({
      pushDevices: [{ label: 'Chrome on Linux', thisBrowser: true }, { label: 'Safari on iOS' }],
    });
    expect(client.browserPush.subscribed).to.equal(true);
    const off = await client.push.disableThisBrowser();
    expect(off).to.include({ permission: 'granted', subscribed: false, deviceId: null });
    expect(client.pushDevices.map((device) => device.label)).to.deep.equal(['Safari on iOS']);
  });

  it('keeps quiet hours with the API’s defaults and validation', async () => {
    const client = createMemoryClient({ accountTimeZone: 'America/Halifax' });
    expect(await client.quietHours.get()).to.deep.equal({
      enabled: false,
      start: '22:00',
      end: '07:00',
      timeZone: 'America/Halifax',
      days: [0, 1, 2, 3, 4, 5, 6],
      updatedAt: null,
    });
    const saved = await client.quietHours.set({
      enabled: true,
      start: '21:00',
      end: '06:30',
      timeZone: 'Europe/Paris',
      days: [5, 1, 1, 3],
    });
    expect(saved).to.include({
      enabled: true,
      start: '21:00',
      end: '06:30',
      timeZone: 'Europe/Paris',
    });
    expect(saved.days).to.deep.equal([1, 3, 5]);
    expect(saved.updatedAt).to.be.a('string');
    const paths = async (input: Record<string, unknown>) =>
      (
        await rejection(
          client.quietHours.set({
            enabled: true,
            start: '22:00',
            end: '07:00',
            timeZone: 'UTC',
            days: [1],
            ...input,
          } as never),
        )
      ).details.map((detail) => detail.path);
    expect(await paths({ start: '7:00' })).to.deep.equal(['start']);
    expect(await paths({ end: '24:00' })).to.deep.equal(['end']);
    expect(await paths({ end: '22:00' })).to.deep.equal(['end']);
    expect(await paths({ days: [] })).to.deep.equal(['days']);
    expect(await paths({ days: [7] })).to.deep.equal(['days.0']);
    expect(await paths({ timeZone: 'Mars/Olympus' })).to.deep.equal(['timeZone']);
    expect(await paths({ quiet: true })).to.deep.equal(['(body)']);
    expect(client.storedQuietHours.timeZone).to.equal('Europe/Paris');
  });

  it('lists deliveries for admins only, filtered and in pages, and retries failed and dead ones', async () => {
    const member = createMemoryClient({ deliveries: [{ status: 'dead' }] });
    expect((await rejection(member.deliveries.list())).status).to.equal(403);
    expect((await rejection(member.deliveries.retry(['x']))).status).to.equal(403);

    const client = createMemoryClient({ me: { role: 'admin' } });
    const added = client.addDeliveries([
      { status: 'dead', channel: 'email', destination: 'alex.martin@example.com', attempts: 12 },
      {
        status: 'failed',
        channel: 'web_push',
        attempts: 3,
        lastError: 'The push service answered 503',
      },
      { status: 'sent', channel: 'mobile', destination: 'webhook' },
      { status: 'queued', channel: 'web_push', held: true },
    ]);
    const all = await client.deliveries.list();
    expect(all.items.map((delivery) => delivery.id)).to.deep.equal(
      added.map((delivery) => delivery.id),
    );
    expect(all.nextCursor).to.equal(null);
    const firstPage = await client.deliveries.list({ limit: 3 });
    expect(firstPage.items).to.have.length(3);
    const secondPage = await client.deliveries.list({
      limit: 3,
      cursor: firstPage.nextCursor ?? '',
    });
    expect(secondPage.items.map((delivery) => delivery.id)).to.deep.equal([added[3]?.id]);
    expect(secondPage.nextCursor).to.equal(null);
    expect((await client.deliveries.list({ channel: 'web_push' })).items).to.have.length(2);
    expect((await client.deliveries.list({ status: 'dead' })).items[0]?.attempts).to.equal(12);
    expect((await rejection(client.deliveries.list({ cursor: '%%%' }))).details[0]?.path).to.equal(
      'cursor',
    );
    expect((await rejection(client.deliveries.list({ limit: 500 }))).details[0]?.path).to.equal(
      'limit',
    );

    const ids = added.map((delivery) => delivery.id);
    const result = await client.deliveries.retry(ids);
    expect(result.retried).to.deep.equal([ids[0], ids[1]]);
    expect(result.skipped).to.deep.equal([ids[2], ids[3]]);
    const retried = client.storedDeliveries.find((delivery) => delivery.id === ids[0]);
    expect(retried).to.include({ status: 'queued', attempts: 12, held: false });
    expect((await rejection(client.deliveries.retry([]))).details[0]?.path).to.equal('ids');
  });

  it('fails the named call once with failNext', async () => {
    const client = createMemoryClient();
    client.failNext({ status: 503 }, 'quietHours.get');
    expect((await rejection(client.quietHours.get())).status).to.equal(503);
    expect((await client.quietHours.get()).enabled).to.equal(false);
    client.failNext({ status: 500 }, 'push.enable');
    expect((await rejection(client.push.enableThisBrowser())).status).to.equal(500);
    expect(client.callsOf('push.enable')).to.have.length(1);
  });
});
