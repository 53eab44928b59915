import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, repoRoot, startDemo } from './support.ts';

// Browser notifications in real Chromium: the portal's service worker (`sw.js`, which pulls in
// dist/baylink-sw.js with importScripts) registered from the demo origin, a push delivered to it
// through the DevTools protocol, the notification it shows, and a click that opens the link and
// marks the notification read through the API with the device token.
//
// A real push cannot reach Chromium offline, so the device is put in place as `client.push`
// would after subscribing: a subscription registered through the API (an FCM-looking endpoint
// with real-looking keys), its device token stored through the SDK's own IndexedDB code.

let demo: DemoServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, 'dist/baylink-sw.js'))) {
    throw new Error('dist/baylink-sw.js is missing: run `npm run build` first');
  }
  demo = await startDemo();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const origin = () => `http://127.0.0.1:${demo.port}`;

interface DemoUser {
  id: string;
  name: string;
}

interface InboxItem {
  id: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

async function api<T>(route: string, init: { token?: string; method?: string; body?: unknown }) {
  const response = await fetch(`${origin()}${route}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function signedIn(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin()}/portal/`);
  const picker = page.locator('#demo-user');
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(2);
  const value = await picker.locator('option', { hasText: name }).getAttribute('value');
  await picker.selectOption(value!);
  return page;
}

/** The SDK's IndexedDB store (packages/sdk/src/client/push/device-store.ts) as a page script. */
async function deviceStoreScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'packages/sdk/src/client/push/device-store.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'baylinkPushStore',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** What the browser shows for the portal's registration. */
function shownNotifications(page: Page, scope: string, tag?: string) {
  return page.evaluate(
    async ({ scope, tag }) => {
      const registration = await navigator.serviceWorker.getRegistration(scope);
      const shown = await registration!.getNotifications(tag ? { tag } : undefined);
      return shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
    },
    { scope, tag },
  );
}

/** The registration id DevTools knows the scope's registration by. */
function registrationIdOf(cdp: CDPSession, scope: string): Promise<string> {
  return new Promise((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((entry) => entry.scopeURL === scope && !entry.isDeleted);
      if (found) resolve(found.registrationId);
    });
  });
}

describe('browser notifications from the example portal', () => {
  it('show a pushed notification; a click opens its link and marks it read', async () => {
    const users = (await api<{ items: DemoUser[] }>('/v1/demo/users', {})).body.items;
    const marcus = users.find((user) => user.name === 'Marcus Reed')!;
    const { token } = (
      await api<{ token: string }>('/v1/demo/token', {
        method: 'POST',
        body: { userId: marcus.id },
      })
    ).body;

    const context = await browser.newContext();
    await context.grantPermissions(['notifications'], { origin: origin() });
    const errors: string[] = [];
    const page = await signedIn(context, 'Marcus Reed');
    page.on('pageerror', (error) => errors.push(error.message));
    await expect.poll(() => page.locator('#push').isVisible()).toBe(true);

    // The portal's worker, registered from the demo origin as <bay-push-permission> does.
    const cdp = await context.newCDPSession(page);
    const scope = `${origin()}/portal/`;
    const registrationId = registrationIdOf(cdp, scope);
    await cdp.send('ServiceWorker.enable');
    const registered = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.register('./sw.js');
      await navigator.serviceWorker.ready;
      return { scope: registration.scope, permission: Notification.permission };
    });
    expect(registered).toEqual({ scope, permission: 'granted' });
    // It took control of the open tab at once (the demo's sw.js asks for it).
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
      .toBe(`${scope}sw.js`);

    // The device, as client.push.enableThisBrowser() leaves it: registered, its token stored.
    const { publicKey } = (await api<{ publicKey: string }>('/v1/push/config', {})).body;
    const keys = createECDH('prime256v1');
    keys.generateKeys();
    const endpoint = `https://fcm.googleapis.com/fcm/send/e2e-${randomUUID()}`;
    const registration = await api<{ device: { id: string }; deviceToken: string }>(
      '/v1/me/push-subscriptions',
      {
        token,
        method: 'POST',
        body: {
          subscription: {
            endpoint,
            expirationTime: null,
            keys: {
              p256dh: keys.getPublicKey().toString('base64url'),
              auth: randomBytes(16).toString('base64url'),
            },
          },
        },
      },
    );
    expect(registration.status).toBe(201);
    await page.addScriptTag({ content: await deviceStoreScript() });
    await page.evaluate(
      (record) =>
        (
          window as unknown as {
            baylinkPushStore: { saveDeviceRecord(record: unknown): Promise<unknown> };
          }
        ).baylinkPushStore.saveDeviceRecord(record),
      {
        apiBase: origin(),
        userId: marcus.id,
        deviceId: registration.body.device.id,
        deviceToken: registration.body.deviceToken,
        applicationServerKey: publicKey,
        endpoint,
        scope,
        updatedAt: new Date().toISOString(),
      },
    );

    // A simulated DMS event for Marcus, so a real notification exists.
    const link = `${origin()}/portal/?ro=4521#repair-orders`;
    const title = 'Tom mentioned you on RO 4521';
    const body = 'Customer is waiting for the brake estimate.';
    const sent = await api('/v1/demo/events', {
      method: 'POST',
      body: { type: 'conversations.mention', userIds: [marcus.id], title, body, link },
    });
    expect(sent.status).toBe(202);
    const inbox = await api<{ items: InboxItem[] }>('/v1/me/notifications', { token });
    const notification = inbox.body.items.find((item) => item.title === title)!;
    expect(notification).toMatchObject({ body, link, readAt: null });

    // Its push, as the delivery worker builds it, delivered through DevTools.
    const tag = `baylink:conversations.mention:${notification.id}`;
    const payload = {
      v: 1,
      id: notification.id,
      type: notification.type,
      title,
      body,
      tag,
      link,
      icon: null,
      api: origin(),
      createdAt: notification.createdAt,
    };
    const deliver = async (data: string) =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin: origin(),
        registrationId: await registrationId,
        data,
      });
    await deliver(JSON.stringify(payload));
    await expect
      .poll(() => shownNotifications(page, scope, tag), { timeout: 10_000 })
      .toEqual([{ title, body, tag, data: { id: notification.id, link, api: origin() } }]);

    // The same item again replaces it (grouped by tag); an unreadable push still shows something.
    await deliver(JSON.stringify({ ...payload, body: 'Now waiting 20 minutes.' }));
    await expect
      .poll(async () => (await shownNotifications(page, scope, tag)).map((n) => n.body))
      .toEqual(['Now waiting 20 minutes.']);
    await deliver('this is not JSON');
    await expect
      .poll(() => shownNotifications(page, scope, 'baylink'))
      .toEqual([
        {
          title: 'You have a new notification',
          body: '',
          tag: 'baylink',
          data: { id: null, link: null, api: null },
        },
      ]);

    // A click on it, dispatched in the worker (DevTools cannot click a system notification).
    const worker =
      context.serviceWorkers().find((candidate) => candidate.url() === `${scope}sw.js`) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (candidate: Worker) => candidate.url() === `${scope}sw.js`,
      }));
    await worker.evaluate(async (clickedTag) => {
      const sw = self as unknown as {
        registration: ServiceWorkerRegistration;
        dispatchEvent(event: Event): boolean;
      };
      const [clicked] = await sw.registration.getNotifications({ tag: clickedTag });
      const NotificationEventClass = (
        self as unknown as {
          NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
        }
      ).NotificationEvent;
      sw.dispatchEvent(new NotificationEventClass('notificationclick', { notification: clicked! }));
    }, tag);

    // The open portal tab goes to the link, the notification is gone, and the inbox says read.
    await expect.poll(() => page.url(), { timeout: 10_000 }).toBe(link);
    await expect.poll(() => shownNotifications(page, scope, tag)).toEqual([]);
    await expect
      .poll(
        async () => {
          const after = await api<{ items: InboxItem[] }>('/v1/me/notifications', { token });
          return after.body.items.find((item) => item.id === notification.id)?.readAt ?? null;
        },
        { timeout: 10_000 },
      )
      .not.toBeNull();

    expect(errors).toEqual([]);
    await context.close();
  });
});
