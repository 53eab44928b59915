/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, deepText, expectAccessible } from '../testing/helpers.ts';
import {
  createMemoryClient,
  type MemoryClient,
  type MemoryClientOptions,
} from '../testing/memory-client.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import './bay-push-permission.ts';
import type { BayPushChangeEvent, PushPermissionState } from './events.ts';
import { type BayPushPermission, PUSH_PERMISSION_PARTS } from './push-permission.ts';

interface Options {
  lang?: string;
  theme?: 'light' | 'dark';
  browser?: string;
  width?: string;
  serviceWorkerUrl?: string;
  scope?: string;
}

function client(options: MemoryClientOptions = {}): MemoryClient {
  return createMemoryClient(options);
}

async function render(
  memory: MemoryClient = client(),
  options: Options = {},
): Promise<BayPushPermission> {
  const wrapper =
    await fixture<HTMLDivElement>(html`<div style="inline-size: ${options.width ?? '640px'}">
    <bay-push-permission
      .client=${memory}
      lang=${options.lang ?? ''}
      theme=${options.theme ?? 'light'}
      browser=${options.browser ?? 'chrome'}
      service-worker-url=${options.serviceWorkerUrl ?? '/baylink-sw.js'}
      scope=${options.scope ?? ''}
    ></bay-push-permission>
  </div>`);
  const element = wrapper.querySelector('bay-push-permission') as BayPushPermission;
  await waitUntil(() => element.state !== 'checking', 'the browser is checked');
  await element.updateComplete;
  return element;
}

function part(element: BayPushPermission, name: string): HTMLElement {
  const found = element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`No [part~="${name}"] in <bay-push-permission>`);
  return found;
}

function has(element: BayPushPermission, name: string): boolean {
  return element.shadowRoot?.querySelector(`[part~="${name}"]`) !== null;
}

function text(element: BayPushPermission, name: string): string {
  return part(element, name).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Presses Enter on a button, as a user would: the page gets a real user activation. */
async function press(element: BayPushPermission, name: string): Promise<void> {
  part(element, name).focus();
  await sendKeys({ press: 'Enter' });
}

async function until(element: BayPushPermission, state: PushPermissionState): Promise<void> {
  await waitUntil(() => element.state === state, `the state becomes ${state}`);
  await element.updateComplete;
}

/** Every `part` name the element's shadow root uses now. */
function partsInUse(element: BayPushPermission): string[] {
  return [...(element.shadowRoot?.querySelectorAll('[part]') ?? [])].flatMap((node) =>
    (node.getAttribute('part') ?? '').split(/\s+/).filter(Boolean),
  );
}

const sharedOptions = {
  tag: 'bay-push-permission',
  heading: { en: 'Browser notifications', fr: 'Notifications du navigateur' },
  labels: {
    en: ['Turn on browser notifications', 'not allowed yet'],
    fr: ['Activer les notifications du navigateur', 'pas encore autorisées'],
  },
  overridable: 'push.enable' as const,
  // The element shows nothing of the user: Béatrice's browser blocks notifications.
  seed(memory: MemoryClient) {
    if (memory.profile.name === 'Béatrice Roy') memory.setBrowserPush({ permission: 'denied' });
  },
  async shownUser(element: HTMLElement) {
    const permission = element as BayPushPermission;
    await waitUntil(() => permission.state !== 'checking', 'the browser is checked');
    return permission.state === 'blocked' ? 'Béatrice Roy' : 'Alex Martin';
  },
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-push-permission>', () => {
  describe('asking for permission', () => {
    it('never asks when it renders: it reads the browser and offers the button', async () => {
      const memory = client();
      const element = await render(memory);
      expect(element.state).to.equal('not-allowed');
      expect(text(element, 'state-label')).to.equal('Off: not allowed yet');
      expect(text(element, 'description')).to.contain(
        'Your browser will ask you to allow notifications from this site.',
      );
      expect(text(element, 'enable-button')).to.equal('Turn on browser notifications');
      // The state's icon draws (SVG shapes, not unknown HTML elements).
      const shape = part(element, 'state-icon').querySelector('path');
      expect(shape).to.be.instanceOf(SVGPathElement);
      expect(shape?.getBoundingClientRect().width).to.be.greaterThan(0);
      expect(memory.callsOf('push.enable')).to.have.length(0);
      expect(memory.pushPrompts).to.have.length(0);
      expect(memory.callsOf('push.state')[0]?.args[0]).to.deep.equal({
        serviceWorkerUrl: '/baylink-sw.js',
      });
    });

    it('gets no prompt from a script’s click: the browser ignores it and the user is told', async () => {
      // Precondition: no key press or click of the user so far in this page.
      expect(navigator.userActivation.isActive).to.equal(false);
      const memory = client();
      const element = await render(memory);
      part(element, 'enable-button').click();
      await waitUntil(() => memory.pushPrompts.length === 1, 'the browser was asked');
      await until(element, 'not-allowed');
      expect(memory.pushPrompts[0]).to.deep.equal({ userActivation: false, answer: 'default' });
      expect(text(element, 'status')).to.equal(
        'Your browser did not turn notifications on. Click the button again and choose Allow when your browser asks.',
      );
    });

    it('asks on the user’s click, subscribes this browser and says so politely', async () => {
      const memory = client();
      const element = await render(memory, {
        serviceWorkerUrl: '/portal/sw.js',
        scope: '/portal/',
      });
      const states: PushPermissionState[] = [];
      element.addEventListener('bay-push-change', (event: BayPushChangeEvent) =>
        states.push(event.detail.state),
      );
      const changed = oneEvent(element, 'bay-push-change');
      await press(element, 'enable-button');
      expect((await changed).detail).to.include({ state: 'busy', previous: 'not-allowed' });
      await until(element, 'on');
      expect(states).to.deep.equal(['busy', 'on']);
      expect(memory.pushPrompts).to.deep.equal([{ userActivation: true, answer: 'granted' }]);
      expect(memory.callsOf('push.enable')[0]?.args[0]).to.deep.equal({
        serviceWorkerUrl: '/portal/sw.js',
        scope: '/portal/',
      });
      expect(text(element, 'state-label')).to.equal('On for this browser');
      expect(part(element, 'status').getAttribute('role')).to.equal('status');
      expect(text(element, 'status')).to.equal('Browser notifications are on for this browser.');
      expect(has(element, 'enable-button')).to.equal(false);
      expect(text(element, 'test-button')).to.equal('Send a test');
      expect(text(element, 'disable-button')).to.equal('Turn off on this browser');
      // The device the API registered, labelled from this browser's user agent.
      expect(memory.pushDevices.map((device) => device.label)).to.deep.equal(['Chrome on Linux']);
      expect(element.browserState?.deviceId).to.equal(memory.pushDevices[0]?.id);
      // Focus stays on the state's main action.
      expect(deepActiveElement()?.getAttribute('part')).to.equal('test-button');
    });

    it('shows the steps for the browser in use when the user answers Block', async () => {
      const memory = client({ browserPush: { prompt: 'denied' } });
      const element = await render(memory, { browser: 'edge' });
      await press(element, 'enable-button');
      await until(element, 'blocked');
      expect(text(element, 'status')).to.contain('Notifications were blocked for this site.');
      expect(text(element, 'description')).to.contain('To allow them again in Microsoft Edge:');
      const steps = [...part(element, 'steps').querySelectorAll('li')].map((item) =>
        item.textContent?.trim(),
      );
      expect(steps).to.deep.equal([
        'Click the lock icon (View site information), directly before the web address.',
        'Under Permissions for this site, set Notifications to Allow.',
        'Refresh your page, then click Allow if your browser asks.',
      ]);
      expect(has(element, 'enable-button')).to.equal(false);
      // A blocked permission is never asked again.
      await press(element, 'check-button');
      await element.updateComplete;
      expect(memory.pushPrompts).to.have.length(1);
    });
  });

  describe('states', () => {
    it('explains a blocked permission with Firefox’s steps, and follows it once allowed again', async () => {
      const memory = client({ browserPush: { permission: 'denied' } });
      const element = await render(memory, { browser: 'firefox' });
      expect(element.state).to.equal('blocked');
      expect(text(element, 'state-label')).to.equal('Blocked by your browser');
      expect(text(element, 'description')).to.contain(
        'Your browser blocks notifications from this site',
      );
      expect(text(element, 'steps')).to.contain(
        'Next to Send notifications, click × to clear Blocked.',
      );
      memory.setBrowserPush({ permission: 'granted' });
      part(element, 'check-button').click();
      await until(element, 'off');
      expect(text(element, 'state-label')).to.equal('Off on this browser');
      expect(text(element, 'enable-button')).to.equal('Turn on browser notifications');
    });

    it('gives the iPhone steps when the site is not on the Home Screen', async () => {
      const memory = client({
        browserPush: { supported: false, reason: 'ios-needs-home-screen' },
      });
      const element = await render(memory);
      expect(element.state).to.equal('unsupported');
      expect(text(element, 'state-label')).to.equal('Not available here');
      expect(text(element, 'reason')).to.contain(
        'Add this site to your Home Screen, open it from there, then turn notifications on.',
      );
      expect(part(element, 'steps').querySelectorAll('li')).to.have.length(3);
      expect(text(element, 'steps')).to.contain('Choose Add to Home Screen, then Add.');
      expect(has(element, 'actions')).to.equal(false);
    });

    it('says why for a cross-origin frame, a plain http page and a browser without push', async () => {
      const memory = client({ browserPush: { supported: false, reason: 'cross-origin-frame' } });
      const element = await render(memory);
      expect(text(element, 'reason')).to.contain('Open Baylink in its own tab to turn them on.');
      memory.setBrowserPush({ reason: 'insecure-context' });
      await element.refresh();
      await element.updateComplete;
      expect(text(element, 'reason')).to.contain('Open this page with an https address');
      memory.setBrowserPush({ reason: 'no-push-api' });
      await element.refresh();
      await element.updateComplete;
      expect(text(element, 'reason')).to.contain('Use a recent Chrome, Edge, Firefox or Safari');
    });

    it('shows busy while turning on, then an error that can be tried again', async () => {
      const memory = client({ browserPush: { permission: 'granted' } });
      const element = await render(memory);
      expect(element.state).to.equal('off');
      memory.hold();
      part(element, 'enable-button').click();
      await until(element, 'busy');
      expect(part(element, 'base').getAttribute('aria-busy')).to.equal('true');
      expect(text(element, 'state-label')).to.equal('Turning on…');
      expect(part(element, 'enable-button').getAttribute('aria-disabled')).to.equal('true');
      memory.release();
      await until(element, 'on');

      memory.failNext({ status: 503 }, 'push.disable');
      const failed = new Promise<BayPushChangeEvent>((resolve) =>
        element.addEventListener('bay-push-change', (event: BayPushChangeEvent) => {
          if (event.detail.state === 'error') resolve(event);
        }),
      );
      part(element, 'disable-button').click();
      expect((await failed).detail.error?.status).to.equal(503);
      expect(text(element, 'alert')).to.equal(
        'Browser notifications could not be turned off. Try again.',
      );
      // The browser is still on: its actions stay.
      expect(text(element, 'state-label')).to.equal('On for this browser');
      part(element, 'disable-button').click();
      await until(element, 'off');
      expect(text(element, 'status')).to.equal('Browser notifications are off on this browser.');
      expect(text(element, 'alert')).to.equal('');
      expect(memory.pushDevices).to.have.length(0);
    });

    it('says when the browser cannot be checked, and checks again', async () => {
      const memory = client();
      memory.failNext({}, 'push.state');
      const element = await render(memory);
      expect(element.state).to.equal('error');
      expect(text(element, 'alert')).to.equal(
        'Baylink could not check this browser’s notifications. Baylink could not be reached. Check your connection and try again.',
      );
      part(element, 'retry-button').click();
      await until(element, 'not-allowed');
    });
  });

  describe('the test notification', () => {
    it('sends a test to this browser and says it was sent', async () => {
      const memory = client({
        pushDevices: [{ label: 'Chrome on Linux', thisBrowser: true }],
      });
      const element = await render(memory);
      expect(element.state).to.equal('on');
      await press(element, 'test-button');
      await waitUntil(() => text(element, 'status') !== '', 'the result');
      expect(text(element, 'status')).to.equal(
        'Test sent. It should show on this browser in a few seconds.',
      );
      expect(memory.callsOf('push.test')[0]?.args).to.deep.equal([memory.pushDevices[0]?.id]);
      expect(memory.pushDevices[0]?.lastUsedAt).to.be.a('string');
    });

    it('turns off when the push service says the subscription is gone', async () => {
      const memory = client({
        pushDevices: [{ label: 'Chrome on Linux', thisBrowser: true, test: 'gone' }],
      });
      const element = await render(memory);
      part(element, 'test-button').click();
      await until(element, 'off');
      expect(text(element, 'status')).to.contain('This browser’s subscription had expired');
      expect(memory.pushDevices).to.have.length(0);
    });

    it('shows what the push service answered when the test fails', async () => {
      const memory = client({
        pushDevices: [{ label: 'Chrome on Linux', thisBrowser: true, test: 'failed' }],
      });
      const element = await render(memory);
      part(element, 'test-button').click();
      await waitUntil(() => text(element, 'alert') !== '', 'the failure');
      expect(text(element, 'alert')).to.equal(
        'The test could not be delivered: The push service answered 503',
      );
      expect(element.state).to.equal('on');
    });
  });

  describe('language, layout and accessibility', () => {
    it('speaks French: state, steps and reasons', async () => {
      const memory = client({ me: { language: 'fr' }, browserPush: { permission: 'denied' } });
      const element = await render(memory, { browser: 'firefox' });
      expect(text(element, 'header')).to.equal('Notifications du navigateur');
      expect(text(element, 'state-label')).to.equal('Bloquées par votre navigateur');
      expect(text(element, 'description')).to.contain('Pour les autoriser de nouveau dans Firefox');
      expect(text(element, 'steps')).to.contain('une cloche barrée');
      memory.setBrowserPush({ supported: false, reason: 'ios-needs-home-screen' });
      await element.refresh();
      await element.updateComplete;
      expect(text(element, 'reason')).to.contain(
        'Ajoutez ce site à votre écran d’accueil, ouvrez-le à partir de là, puis activez les notifications.',
      );
    });

    it('stacks its buttons full width on a phone and keeps them in a row on a desktop', async () => {
      const memory = client({ pushDevices: [{ label: 'Chrome on Linux', thisBrowser: true }] });
      const phone = await render(memory, { width: '320px' });
      expect(getComputedStyle(part(phone, 'actions')).flexDirection).to.equal('column');
      const test = part(phone, 'test-button').getBoundingClientRect();
      expect(Math.round(test.width)).to.equal(
        Math.round(part(phone, 'actions').getBoundingClientRect().width),
      );
      const desktop = await render(memory, { width: '960px' });
      expect(getComputedStyle(part(desktop, 'actions')).flexDirection).to.equal('row');
    });

    it('is reached with Tab and works with the keyboard alone', async () => {
      const memory = client();
      const before = document.createElement('button');
      before.textContent = 'Before';
      const element = await render(memory);
      element.parentElement?.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()?.getAttribute('part')).to.equal('enable-button');
      await sendKeys({ press: 'Space' });
      await until(element, 'on');
      before.remove();
    });

    it('uses only the parts it exports, in every state', async () => {
      const seen = new Set<string>();
      const memory = client({ browserPush: { permission: 'denied' } });
      const element = await render(memory);
      for (const name of partsInUse(element)) seen.add(name);
      for (const patch of [
        { permission: 'default' as const },
        { supported: false, reason: 'ios-needs-home-screen' as const },
      ]) {
        memory.setBrowserPush(patch);
        await element.refresh();
        await element.updateComplete;
        for (const name of partsInUse(element)) seen.add(name);
      }
      memory.setBrowserPush({ supported: true, permission: 'granted' });
      await element.refresh();
      part(element, 'enable-button').click();
      await until(element, 'on');
      for (const name of partsInUse(element)) seen.add(name);
      for (const name of seen) {
        expect(PUSH_PERMISSION_PARTS as readonly string[]).to.include(name);
      }
      expect([...seen]).to.include.members(['enable-button', 'test-button', 'steps', 'reason']);
    });

    it('passes an accessibility check in every state, light and dark', async () => {
      const cases: MemoryClientOptions[] = [
        {},
        { browserPush: { permission: 'denied' } },
        { browserPush: { supported: false, reason: 'ios-needs-home-screen' } },
        { pushDevices: [{ label: 'Chrome on Linux', thisBrowser: true }] },
      ];
      for (const options of cases) {
        for (const theme of ['light', 'dark'] as const) {
          const element = await render(client(options), { theme });
          await expectAccessible(element);
        }
      }
      const memory = client();
      memory.failNext({ status: 500 }, 'push.state');
      const failed = await render(memory, { theme: 'dark' });
      expect(deepText(failed)).to.contain('Try again');
      await expectAccessible(failed);
    });
  });
});
