/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { BayErrorEvent } from '../internal/events.ts';
import '../provider/bay-provider.ts';
import { deepActiveElement, expectAccessible } from '../testing/helpers.ts';
import {
  awayUntilAt,
  createMemoryClient,
  DEMO_TEAMMATES,
  type MemoryClient,
  type MemoryClientOptions,
} from '../testing/memory-client.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import type { BayAwayBanner } from './away-banner.ts';
import './bay-away-banner.ts';
import type { BayAwayDismissEvent, BayAwayOpenSettingsEvent } from './events.ts';

const ME = '00000000-0000-4000-8000-000000000001';
const [SAM] = DEMO_TEAMMATES.map((user) => user.id) as [string];
const SERVICE_TEAM = '00000000-0000-4000-8000-0000000000b1';
const PARTS = '00000000-0000-4000-8000-0000000000b2';
const WEEKDAYS = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  fr: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
};

/** 8:00 AM local time, `days` days from today. */
function atEight(days: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  date.setHours(8, 0, 0, 0);
  return date;
}

/** Text with every kind of space (Intl puts a narrow no-break one before AM) as one space. */
const spaced = (text: string | null | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();

function client(options: MemoryClientOptions = {}): MemoryClient {
  return createMemoryClient(options);
}

/** Away with the Service Team covering until 8:00 two days from now. */
function awayClient(options: MemoryClientOptions = {}): { memory: MemoryClient; until: Date } {
  const until = atEight(2);
  const memory = client({
    away: {
      [ME]: { away: true, assignee: { kind: 'team', id: SERVICE_TEAM }, until: awayUntilAt(until) },
    },
    ...options,
  });
  return { memory, until };
}

async function render(memory: MemoryClient, attributes = ''): Promise<BayAwayBanner> {
  const wrapper = await fixture<HTMLElement>(
    html`<div><button type="button">Host button</button><bay-away-banner .client=${memory}></bay-away-banner></div>`,
  );
  const element = wrapper.querySelector('bay-away-banner') as BayAwayBanner;
  for (const attribute of attributes.split(' ').filter(Boolean)) {
    const [name = '', value = ''] = attribute.split('=');
    element.setAttribute(name, value);
  }
  await element.updateComplete;
  return element;
}

const part = <E extends HTMLElement = HTMLElement>(element: BayAwayBanner, name: string) =>
  element.shadowRoot?.querySelector<E>(`[part~="${name}"]`) ?? null;
const message = (element: BayAwayBanner) => spaced(part(element, 'message')?.textContent);

const sharedOptions = {
  tag: 'bay-away-banner',
  heading: { en: 'You are away', fr: 'Le mode absence est activé' },
  labels: {
    en: ['Turn off away status', 'Away status settings'],
    fr: ['Désactiver le mode absence', 'Paramètres du mode absence'],
  },
  overridable: 'awayBanner.turnOff' as const,
  // The banner shows no name: the two clients' users are covered by different teams.
  seed(memory: MemoryClient) {
    const team = memory.profile.name === 'Béatrice Roy' ? PARTS : SERVICE_TEAM;
    memory.setAway(memory.profile.id, { away: true, assignee: { kind: 'team', id: team } });
  },
  shownUser(element: HTMLElement) {
    const text = element.shadowRoot?.querySelector('[part~="message"]')?.textContent ?? '';
    if (text.includes('Parts')) return 'Béatrice Roy';
    if (text.includes('Service Team')) return 'Alex Martin';
    return undefined;
  },
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-away-banner>', () => {
  afterEach(async () => {
    sessionStorage.clear();
    await setViewport({ width: 1024, height: 768 });
  });

  describe('while the user is away', () => {
    it('says until when and who covers, in a yellow bubble at the top centre', async () => {
      const { memory, until } = awayClient();
      const element = await render(memory);
      expect(message(element)).to.equal(
        `You are away until ${WEEKDAYS.en[until.getDay()]} 8:00 AM. New conversations go to Service Team.`,
      );
      const banner = part(element, 'banner') as HTMLElement;
      expect(banner.localName).to.equal('section');
      expect(banner.getAttribute('aria-label')).to.equal('Away status');
      const style = getComputedStyle(banner);
      expect(style.position).to.equal('fixed');
      expect(style.backgroundColor).to.equal('rgb(255, 243, 191)');
      const box = banner.getBoundingClientRect();
      expect(box.top).to.be.lessThan(24);
      expect(Math.abs(box.left + box.width / 2 - window.innerWidth / 2)).to.be.lessThan(2);
      expect(spaced(part(element, 'turn-off')?.textContent)).to.equal('Turn off away status');
      expect(spaced(part(element, 'settings-link')?.textContent)).to.equal('Away status settings');
      expect(part(element, 'dismiss')?.getAttribute('aria-label')).to.equal('Hide this reminder');
      await expectAccessible(element);
    });

    it('says only “You are away.” without a return or a cover', async () => {
      const element = await render(client({ away: { [ME]: { away: true } } }));
      expect(message(element)).to.equal('You are away.');
    });

    it('shows nothing while the user is available', async () => {
      const element = await render(client());
      expect(part(element, 'banner')).to.equal(null);
      expect(element.shown).to.equal(false);
    });

    it('speaks French, with the French date format', async () => {
      const { memory, until } = awayClient({ me: { language: 'fr' } });
      const element = await render(memory);
      expect(message(element)).to.equal(
        `Le mode absence est activé jusqu’à ${WEEKDAYS.fr[until.getDay()]} 08:00. Les nouvelles conversations vont à Service Team.`,
      );
      expect(spaced(part(element, 'turn-off')?.textContent)).to.equal('Désactiver le mode absence');
      expect(part(element, 'banner')?.getAttribute('aria-label')).to.equal('Mode absence');
      expect(part(element, 'dismiss')?.getAttribute('aria-label')).to.equal('Masquer ce rappel');
      await expectAccessible(element);
    });

    it('sits in the page’s flow with inline', async () => {
      const { memory } = awayClient();
      const element = await render(memory, 'inline');
      expect(getComputedStyle(part(element, 'banner') as HTMLElement).position).to.equal(
        'relative',
      );
    });

    it('spans a phone’s width, minus margins', async () => {
      await setViewport({ width: 360, height: 640 });
      const { memory } = awayClient();
      const element = await render(memory);
      const box = (part(element, 'banner') as HTMLElement).getBoundingClientRect();
      expect(box.left).to.equal(12);
      expect(box.right).to.equal(360 - 12);
      await expectAccessible(element);
    });
  });

  describe('live', () => {
    it('appears and disappears with the stream’s events, without taking focus, and is announced', async () => {
      const memory = client();
      const element = await render(memory);
      const hostButton = element.parentElement?.querySelector('button') as HTMLButtonElement;
      hostButton.focus();
      expect(part(element, 'banner')).to.equal(null);
      memory.setAway(ME, { away: true, assignee: { kind: 'user', id: SAM } });
      await element.updateComplete;
      expect(message(element)).to.equal('You are away. New conversations go to Sam Okafor.');
      expect(deepActiveElement()).to.equal(hostButton);
      const status = part(element, 'status') as HTMLElement;
      expect(status.getAttribute('role')).to.equal('status');
      await waitUntil(
        () => spaced(status.textContent) === 'You are away. New conversations go to Sam Okafor.',
        'the polite announcement',
      );
      memory.endAway(ME);
      await element.updateComplete;
      expect(part(element, 'banner')).to.equal(null);
      expect(deepActiveElement()).to.equal(hostButton);
    });

    it('follows a change made in another tab', async () => {
      const { memory } = awayClient();
      const element = await render(memory);
      memory.setAway(ME, { away: true });
      await element.updateComplete;
      expect(message(element)).to.equal('You are away.');
      memory.setAway(ME, { away: false });
      await element.updateComplete;
      expect(part(element, 'banner')).to.equal(null);
    });

    it('goes away by itself when the return moment passes', async () => {
      const memory = client({
        away: { [ME]: { away: true, until: awayUntilAt(Date.now() + 400) } },
      });
      const element = await render(memory);
      expect(part(element, 'banner')).not.to.equal(null);
      await waitUntil(() => part(element, 'banner') === null, 'the automatic return', {
        timeout: 5000,
      });
    });
  });

  describe('turning away off', () => {
    it('shows progress, then the banner goes and screen readers hear it', async () => {
      const { memory } = awayClient();
      const element = await render(memory);
      memory.hold();
      part(element, 'turn-off')?.click();
      await element.updateComplete;
      const button = part(element, 'turn-off') as HTMLButtonElement;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(spaced(button.textContent)).to.equal('Turning off…');
      button.click();
      memory.release();
      await waitUntil(() => part(element, 'banner') === null, 'the banner goes');
      expect(memory.callsOf('away.clear')).to.have.length(1);
      expect(memory.awayStatusOf(ME).away).to.equal(false);
      expect(spaced(part(element, 'status')?.textContent)).to.equal('Your away status is off.');
    });

    it('keeps the banner with the reason when it fails', async () => {
      const { memory } = awayClient();
      const element = await render(memory);
      memory.failNext({ status: 500 }, 'away.clear');
      setTimeout(() => part(element, 'turn-off')?.click());
      const failure = (await oneEvent(element, 'bay-error')) as BayErrorEvent;
      expect(failure.detail).to.include({ section: 'away', operation: 'save' });
      expect(failure.detail.error.status).to.equal(500);
      await waitUntil(() => part(element, 'error'), 'the failure shows');
      expect(part(element, 'error')?.getAttribute('role')).to.equal('alert');
      expect(spaced(part(element, 'error')?.textContent)).to.equal(
        'Your away status could not be turned off. Try again.',
      );
      expect(part(element, 'banner')).not.to.equal(null);
      expect(part(element, 'turn-off')?.getAttribute('aria-disabled')).to.equal('false');
      expect(memory.awayStatusOf(ME).away).to.equal(true);
      await expectAccessible(element);
      part(element, 'turn-off')?.click();
      await waitUntil(() => part(element, 'banner') === null, 'a second try works');
    });
  });

  describe('dismissing', () => {
    it('hides it for the session, and a new away period shows it again', async () => {
      const { memory } = awayClient();
      const element = await render(memory);
      const since = memory.awayStatusOf(ME).since;
      setTimeout(() => part(element, 'dismiss')?.click());
      const event = (await oneEvent(element, 'bay-away-dismiss')) as BayAwayDismissEvent;
      expect(event.detail).to.deep.equal({ userId: ME, since });
      expect(event.composed).to.equal(true);
      await element.updateComplete;
      expect(part(element, 'banner')).to.equal(null);
      expect(sessionStorage.getItem(`bay-away-banner:${ME}:${since}`)).not.to.equal(null);
      // Another banner of the session (another page of the host) stays hidden.
      const other = await render(memory);
      expect(part(other, 'banner')).to.equal(null);
      // A change within the same period keeps it hidden; a new period shows it.
      memory.setAway(ME, { away: true });
      await element.updateComplete;
      expect(part(element, 'banner')).to.equal(null);
      memory.setAway(ME, { away: false });
      memory.setAway(ME, { away: true });
      await element.updateComplete;
      expect(part(element, 'banner')).not.to.equal(null);
    });

    it('stays when the event is cancelled', async () => {
      const { memory } = awayClient();
      const element = await render(memory);
      element.addEventListener('bay-away-dismiss', (event) => event.preventDefault());
      part(element, 'dismiss')?.click();
      await element.updateComplete;
      expect(part(element, 'banner')).not.to.equal(null);
      expect(sessionStorage.length).to.equal(0);
    });
  });

  describe('the settings link', () => {
    it('goes to settings-href, after a cancelable event', async () => {
      const { memory } = awayClient();
      const element = await render(memory, 'settings-href=#settings/away');
      const link = part<HTMLAnchorElement>(element, 'settings-link') as HTMLAnchorElement;
      expect(link.localName).to.equal('a');
      expect(link.getAttribute('href')).to.equal('#settings/away');
      const previous = location.hash;
      try {
        setTimeout(() => link.click());
        const event = (await oneEvent(
          element,
          'bay-away-open-settings',
        )) as BayAwayOpenSettingsEvent;
        expect(event.detail).to.deep.equal({ section: 'away', href: '#settings/away' });
        expect(event.cancelable).to.equal(true);
        await waitUntil(() => location.hash === '#settings/away', 'the link is followed');
        history.replaceState(null, '', previous || location.pathname + location.search);
        element.addEventListener('bay-away-open-settings', (opened) => opened.preventDefault());
        link.click();
        expect(location.hash).to.equal(previous);
      } finally {
        history.replaceState(null, '', location.pathname + location.search + previous);
      }
    });

    it('is a button that only dispatches the event without settings-href', async () => {
      const { memory } = awayClient();
      const element = await render(memory);
      const button = part(element, 'settings-link') as HTMLButtonElement;
      expect(button.localName).to.equal('button');
      setTimeout(() => button.click());
      const event = (await oneEvent(element, 'bay-away-open-settings')) as BayAwayOpenSettingsEvent;
      expect(event.detail).to.deep.equal({ section: 'away', href: null });
    });
  });

  it('works from a provider, and dark', async () => {
    const { memory } = awayClient();
    const provider = await fixture<HTMLElement>(
      html`<bay-provider .client=${memory}><bay-away-banner theme="dark"></bay-away-banner></bay-provider>`,
    );
    const element = provider.querySelector('bay-away-banner') as BayAwayBanner;
    await element.updateComplete;
    const banner = part(element, 'banner') as HTMLElement;
    expect(getComputedStyle(banner).backgroundColor).to.equal('rgb(74, 59, 0)');
    await expectAccessible(element);
  });
});
