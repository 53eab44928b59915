/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, expectAccessible } from '../testing/helpers.ts';
import {
  createMemoryClient,
  type MemoryClient,
  type MemoryClientOptions,
} from '../testing/memory-client.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import './bay-push-devices.ts';
import './bay-push-permission.ts';
import { type BayPushDevices, PUSH_DEVICES_PARTS } from './push-devices.ts';
import type { BayPushPermission } from './push-permission.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

/** A desktop used 2 days ago, a phone never used, and this browser. */
function client(options: MemoryClientOptions = {}): MemoryClient {
  return createMemoryClient({
    pushDevices: [
      { label: 'Chrome on Windows', createdAt: ago(40 * DAY), lastUsedAt: ago(2 * DAY + HOUR) },
      { label: 'Safari on iOS', createdAt: ago(10 * DAY), lastUsedAt: null },
      {
        label: 'Chrome on Linux',
        createdAt: ago(30 * DAY),
        lastUsedAt: ago(3 * HOUR),
        thisBrowser: true,
      },
    ],
    ...options,
  });
}

async function render(
  memory: MemoryClient = client(),
  options: { lang?: string; theme?: 'light' | 'dark'; width?: string } = {},
): Promise<BayPushDevices> {
  const wrapper =
    await fixture<HTMLDivElement>(html`<div style="inline-size: ${options.width ?? '720px'}">
    <bay-push-devices
      .client=${memory}
      lang=${options.lang ?? ''}
      theme=${options.theme ?? 'light'}
    ></bay-push-devices>
  </div>`);
  const element = wrapper.querySelector('bay-push-devices') as BayPushDevices;
  await waitUntil(
    () =>
      element.devices !== undefined || element.shadowRoot?.querySelector('[part~="retry-button"]'),
    'the list loads',
  );
  await element.updateComplete;
  return element;
}

function parts(element: BayPushDevices, name: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? [])];
}

function part(element: BayPushDevices, name: string): HTMLElement {
  const found = parts(element, name)[0];
  if (!found) throw new Error(`No [part~="${name}"] in <bay-push-devices>`);
  return found;
}

function text(node: Element | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function device(element: BayPushDevices, label: string): HTMLElement {
  const found = parts(element, 'device').find((item) =>
    text(item.querySelector('[part~="device-label"]') ?? undefined).startsWith(label),
  );
  if (!found) throw new Error(`No device “${label}”`);
  return found;
}

function button(item: HTMLElement, name: string): HTMLButtonElement {
  const found = item.querySelector<HTMLButtonElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`No ${name}`);
  return found;
}

const sharedOptions = {
  tag: 'bay-push-devices',
  heading: { en: 'Devices', fr: 'Appareils' },
  labels: {
    en: ['The browsers and devices that get your browser notifications.', 'Send test', 'Remove'],
    fr: ['Les navigateurs et appareils qui reçoivent', 'Envoyer un test', 'Retirer'],
  },
  overridable: 'push.devices.remove' as const,
  // Each user has their own device.
  seed(memory: MemoryClient) {
    memory.addPushDevice({
      label: memory.profile.name === 'Béatrice Roy' ? 'Firefox on Linux' : 'Chrome on Windows',
    });
  },
  async shownUser(element: HTMLElement) {
    const devices = element as BayPushDevices;
    await waitUntil(() => devices.devices !== undefined, 'the list loads');
    await devices.updateComplete;
    return devices.devices?.[0]?.label === 'Firefox on Linux' ? 'Béatrice Roy' : 'Alex Martin';
  },
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-push-devices>', () => {
  it('lists the devices, this browser first and marked, with when each was last used', async () => {
    const element = await render();
    const items = parts(element, 'device');
    expect(
      items.map((item) => text(item.querySelector('[part~="device-label"]') ?? undefined)),
    ).to.deep.equal(['Chrome on Linux', 'Safari on iOS', 'Chrome on Windows']);
    expect(text(items[0]?.querySelector('[part~="this-browser"]') ?? undefined)).to.equal(
      'This browser',
    );
    expect(items[1]?.querySelector('[part~="this-browser"]')).to.equal(null);
    expect(text(items[0]?.querySelector('.device-line') ?? undefined)).to.equal(
      'Chrome on Linux This browser · last used 3 hours ago',
    );
    expect(
      text(
        device(element, 'Chrome on Windows').querySelector('[part~="device-meta"]') ?? undefined,
      ),
    ).to.equal('last used 2 days ago');
    expect(
      text(device(element, 'Safari on iOS').querySelector('[part~="device-meta"]') ?? undefined),
    ).to.equal('not used yet');
    expect(part(element, 'list').localName).to.equal('ul');
    // Buttons name their device for screen readers, the visible words first.
    expect(button(items[2] as HTMLElement, 'test-button').getAttribute('aria-label')).to.equal(
      'Send test to Chrome on Windows',
    );
    expect(button(items[2] as HTMLElement, 'revoke-button').getAttribute('aria-label')).to.equal(
      'Remove Chrome on Windows',
    );
  });

  it('speaks French, with French relative times', async () => {
    const element = await render(client({ me: { language: 'fr' } }));
    expect(text(part(element, 'header'))).to.equal('Appareils');
    expect(text(part(element, 'this-browser'))).to.equal('Ce navigateur');
    expect(
      text(
        device(element, 'Chrome on Windows').querySelector('[part~="device-meta"]') ?? undefined,
      ),
    ).to.equal('dernière utilisation avant-hier');
    expect(
      text(device(element, 'Safari on iOS').querySelector('[part~="device-meta"]') ?? undefined),
    ).to.equal('pas encore utilisé');
  });

  it('sends a test and shows the result beside the device, announced politely', async () => {
    const memory = client();
    const element = await render(memory);
    const item = device(element, 'Chrome on Windows');
    button(item, 'test-button').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => item.querySelector('[part~="result"]'), 'the result');
    expect(text(item.querySelector('[part~="result"]') ?? undefined)).to.equal(
      'Test sent to Chrome on Windows.',
    );
    expect(part(element, 'status').getAttribute('role')).to.equal('status');
    expect(text(part(element, 'status'))).to.equal('Test sent to Chrome on Windows.');
    const id = memory.pushDevices.find((entry) => entry.label === 'Chrome on Windows')?.id;
    expect(memory.callsOf('push.test').map((call) => call.args[0])).to.deep.equal([id]);
    expect(text(item.querySelector('[part~="device-meta"]') ?? undefined)).to.equal(
      'last used just now',
    );
  });

  it('removes a device whose subscription is gone, and says why', async () => {
    const memory = client({
      pushDevices: [{ label: 'Firefox on macOS', test: 'gone' }, { label: 'Chrome on Windows' }],
    });
    const element = await render(memory);
    button(device(element, 'Firefox on macOS'), 'test-button').click();
    await waitUntil(() => element.devices?.length === 1, 'the device goes');
    await element.updateComplete;
    expect(text(part(element, 'status'))).to.equal(
      'Firefox on macOS no longer accepts notifications (its subscription expired), so it was removed.',
    );
    expect(memory.pushDevices.map((entry) => entry.label)).to.deep.equal(['Chrome on Windows']);
  });

  it('shows a failed test in an alert and beside the device', async () => {
    const memory = client({ pushDevices: [{ label: 'Edge on Windows', test: 'failed' }] });
    const element = await render(memory);
    const item = device(element, 'Edge on Windows');
    button(item, 'test-button').click();
    await waitUntil(() => text(part(element, 'alert')) !== '', 'the alert');
    expect(text(part(element, 'alert'))).to.equal(
      'The test could not reach Edge on Windows: The push service answered 503',
    );
    expect(item.querySelector('[part~="result"]')?.classList.contains('failed')).to.equal(true);
  });

  it('asks before removing a device; Cancel keeps it and focus returns', async () => {
    const memory = client();
    const element = await render(memory);
    const remove = button(device(element, 'Chrome on Windows'), 'revoke-button');
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    const dialog = part(element, 'confirm-dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(text(dialog.querySelector('#confirm-title') ?? undefined)).to.equal(
      'Remove Chrome on Windows?',
    );
    expect(text(dialog.querySelector('#confirm-body') ?? undefined)).to.contain(
      'It will stop getting your browser notifications.',
    );
    expect(deepActiveElement()?.getAttribute('part')).to.equal('cancel-button');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(dialog.open).to.equal(false);
    expect(memory.callsOf('push.revoke')).to.have.length(0);
    await waitUntil(() => deepActiveElement() === remove, 'focus returns to Remove');
  });

  it('removes a device once confirmed, says so and moves focus to the next one', async () => {
    const memory = client();
    const element = await render(memory);
    button(device(element, 'Safari on iOS'), 'revoke-button').click();
    await element.updateComplete;
    part(element, 'confirm-button').click();
    await waitUntil(() => element.devices?.length === 2, 'the device goes');
    await element.updateComplete;
    expect(memory.pushDevices.map((entry) => entry.label)).to.have.members([
      'Chrome on Linux',
      'Chrome on Windows',
    ]);
    expect(text(part(element, 'status'))).to.equal(
      'Safari on iOS was removed. It no longer gets your notifications.',
    );
    const next = button(device(element, 'Chrome on Windows'), 'test-button');
    expect(deepActiveElement()).to.equal(next);
  });

  it('keeps a device the API would not remove, and says so in an alert', async () => {
    const memory = client();
    const element = await render(memory);
    memory.failNext({ status: 500 }, 'push.revoke');
    button(device(element, 'Chrome on Windows'), 'revoke-button').click();
    await element.updateComplete;
    part(element, 'confirm-button').click();
    await waitUntil(() => text(part(element, 'alert')) !== '', 'the alert');
    expect(text(part(element, 'alert'))).to.equal(
      'Chrome on Windows could not be removed. Try again.',
    );
    expect(element.devices).to.have.length(3);
  });

  it('says when the list cannot load, tries again, and says when it is empty', async () => {
    const memory = createMemoryClient();
    memory.failNext({}, 'push.devices');
    const element = await render(memory);
    expect(text(part(element, 'base'))).to.contain('Your devices could not be loaded.');
    part(element, 'retry-button').click();
    await waitUntil(() => element.devices !== undefined, 'loaded');
    await element.updateComplete;
    expect(text(part(element, 'empty'))).to.equal(
      'No browser gets your browser notifications yet. Turn them on in each browser you use.',
    );
  });

  it('keeps the list when a reload fails, says it may be out of date, and clears that once loaded', async () => {
    const memory = client();
    const element = await render(memory);
    memory.failNext({}, 'push.devices');
    await element.refresh();
    await element.updateComplete;
    expect(parts(element, 'device')).to.have.length(3);
    expect(text(part(element, 'alert'))).to.equal(
      'Your devices could not be loaded again: this list may be out of date. Baylink could not be reached. Check your connection and try again.',
    );
    await element.refresh();
    await element.updateComplete;
    expect(text(part(element, 'alert'))).to.equal('');
  });

  it('follows <bay-push-permission>: turning this browser on lists it, removing it turns it off', async () => {
    const memory = createMemoryClient({ pushDevices: [{ label: 'Chrome on Windows' }] });
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <bay-push-permission .client=${memory}></bay-push-permission>
      <bay-push-devices .client=${memory}></bay-push-devices>
    </div>`);
    const permission = wrapper.querySelector('bay-push-permission') as BayPushPermission;
    const devices = wrapper.querySelector('bay-push-devices') as BayPushDevices;
    await waitUntil(() => permission.state === 'not-allowed' && devices.devices, 'both load');
    const enable = permission.shadowRoot?.querySelector<HTMLElement>('[part~="enable-button"]');
    enable?.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => devices.devices?.length === 2, 'this browser is listed');
    await devices.updateComplete;
    expect(
      text(part(devices, 'device').querySelector('[part~="this-browser"]') ?? undefined),
    ).to.equal('This browser');
    button(part(devices, 'device'), 'revoke-button').click();
    await devices.updateComplete;
    expect(text(part(devices, 'confirm-dialog'))).to.contain(
      'This browser will stop getting your notifications.',
    );
    part(devices, 'confirm-button').click();
    await waitUntil(() => permission.state === 'off', 'the permission element turns off');
    expect(devices.devices?.map((entry) => entry.label)).to.deep.equal(['Chrome on Windows']);
  });

  it('puts each device’s details above its buttons on a phone', async () => {
    const element = await render(client(), { width: '320px' });
    const item = device(element, 'Chrome on Windows');
    const actions = item.querySelector('[part~="device-actions"]') as HTMLElement;
    const info = item.querySelector('.device-info') as HTMLElement;
    expect(actions.getBoundingClientRect().top).to.be.at.least(info.getBoundingClientRect().bottom);
    expect(Math.round(actions.getBoundingClientRect().width)).to.equal(
      Math.round(item.getBoundingClientRect().width - 32),
    );
    const wide = await render(client(), { width: '960px' });
    const row = device(wide, 'Chrome on Windows');
    const rowActions = row.querySelector('[part~="device-actions"]') as HTMLElement;
    expect(Math.round(rowActions.getBoundingClientRect().top)).to.be.below(
      Math.round((row.querySelector('.device-info') as HTMLElement).getBoundingClientRect().bottom),
    );
  });

  it('uses only the parts it exports', async () => {
    const memory = client({ pushDevices: [{ label: 'Edge on Windows', test: 'failed' }] });
    const element = await render(memory);
    button(device(element, 'Edge on Windows'), 'test-button').click();
    await waitUntil(() => element.shadowRoot?.querySelector('[part~="result"]'), 'a result');
    button(device(element, 'Edge on Windows'), 'revoke-button').click();
    await element.updateComplete;
    const used = [...(element.shadowRoot?.querySelectorAll('[part]') ?? [])].flatMap((node) =>
      (node.getAttribute('part') ?? '').split(/\s+/),
    );
    for (const name of used) expect(PUSH_DEVICES_PARTS as readonly string[]).to.include(name);
    expect(used).to.include.members(['result', 'confirm-button', 'device-meta']);
    part(element, 'cancel-button').click();
  });

  it('passes an accessibility check, light and dark, with the dialog open', async () => {
    const light = await render(client());
    await expectAccessible(light);
    const dark = await render(client({ me: { language: 'fr' } }), { theme: 'dark' });
    await expectAccessible(dark);
    button(device(dark, 'Chrome on Windows'), 'revoke-button').click();
    await dark.updateComplete;
    await expectAccessible(dark);
    part(dark, 'cancel-button').click();
    const empty = await render(createMemoryClient());
    await expectAccessible(empty);
  });
});
