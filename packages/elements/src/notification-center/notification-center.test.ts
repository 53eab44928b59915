/// <reference types="mocha" />

import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../provider/bay-provider.ts';
import { deepActiveElement, deepText, expectAccessible } from '../testing/helpers.ts';
import { createMemoryClient, type MemoryClient } from '../testing/memory-client.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import './bay-notification-center.ts';
import type { BayNotificationOpenEvent } from './events.ts';
import type { BayNotificationCenter } from './notification-center.ts';

const MINUTE = 60_000;

async function render(
  client: MemoryClient = createMemoryClient(),
  attributes: { lang?: string; theme?: 'light' | 'dark' } = {},
): Promise<BayNotificationCenter> {
  const element = await fixture<BayNotificationCenter>(
    html`<bay-notification-center
      .client=${client}
      lang=${attributes.lang ?? ''}
      theme=${attributes.theme ?? 'light'}
    ></bay-notification-center>`,
  );
  await settle(element);
  return element;
}

async function settle(element: BayNotificationCenter): Promise<void> {
  await element.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await element.updateComplete;
}

function part<E extends Element = HTMLElement>(element: BayNotificationCenter, name: string): E {
  const found = element.shadowRoot?.querySelector<E>(`[part~="${name}"]`);
  if (!found) throw new Error(`No [part~="${name}"] in <bay-notification-center>`);
  return found;
}

function parts(element: BayNotificationCenter, name: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? [])];
}

function rows(element: BayNotificationCenter): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>('article.row') ?? [])];
}

/** The bell's accessible name: its visually hidden text (the badge is aria-hidden). */
function bellName(element: BayNotificationCenter): string {
  return part(element, 'bell').querySelector('.visually-hidden')?.textContent?.trim() ?? '';
}

function panelIsOpen(element: BayNotificationCenter): boolean {
  return part(element, 'panel').matches(':popover-open');
}

/** Opens the panel and waits until its feed (or its empty, loading or error state) shows. */
async function open(element: BayNotificationCenter): Promise<void> {
  element.show();
  await settle(element);
  await waitUntil(() => panelIsOpen(element), 'the panel opens');
  await waitUntil(
    () =>
      rows(element).length > 0 ||
      element.shadowRoot?.querySelector('[part~="empty"], [part~="error"]'),
    'the feed renders',
  );
}

/** Focuses the bell through the keyboard (Tab from the page), as a user would. */
async function focusBell(element: BayNotificationCenter): Promise<void> {
  part(element, 'bell').focus();
  await settle(element);
}

const sharedOptions = {
  tag: 'bay-notification-center',
  // Shown in the panel's header, which is rendered before anything has loaded.
  heading: { en: 'Mark all as read', fr: 'Tout marquer comme lu' },
  labels: {
    en: ['Notifications', 'All categories', 'Unread'],
    fr: ['Notifications', 'Toutes les catégories', 'Non lues'],
  },
  overridable: 'notifications.markAllRead' as const,
  // Each suite client holds one notification titled with its user's name.
  seed: (client: MemoryClient) => {
    client.addNotifications([{ title: client.profile.name, createdAt: new Date().toISOString() }]);
  },
  shownUser: async (element: HTMLElement) => {
    const center = element as BayNotificationCenter;
    center.show();
    await settle(center);
    await waitUntil(
      () => center.shadowRoot?.querySelector('[part~="item-title"]'),
      'an item shows',
    );
    return center.shadowRoot?.querySelector('[part~="item-title"]')?.textContent?.trim();
  },
};

// The virtualizer's ResizeObserver may report "loop completed with undelivered notifications",
// which browsers raise as a benign window error; Mocha would count it as a failure.
setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-notification-center>', () => {
  afterEach(async () => {
    await setViewport({ width: 1024, height: 768 });
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('the bell', () => {
    it('shows the unread count in its badge and in its accessible name, hidden at zero', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await waitUntil(() => element.inbox?.status === 'ready', 'the inbox loads');
      await settle(element);
      expect(part(element, 'badge').hidden).to.equal(true);
      expect(bellName(element)).to.equal('Notifications');

      client.addNotifications([{}, {}, { readAt: new Date().toISOString() }]);
      await settle(element);
      expect(part(element, 'badge').hidden).to.equal(false);
      expect(part(element, 'badge').textContent?.trim()).to.equal('2');
      expect(bellName(element)).to.equal('Notifications, 2 unread');
      expect(part(element, 'badge').getAttribute('aria-hidden')).to.equal('true');
    });

    it('caps the badge at 99+', async () => {
      const client = createMemoryClient();
      client.generateNotifications(150, { readRatio: 0 });
      const element = await render(client);
      await waitUntil(() => element.inbox?.status === 'ready');
      await settle(element);
      expect(part(element, 'badge').textContent?.trim()).to.equal('99+');
      expect(bellName(element)).to.equal('Notifications, 150 unread');
    });

    it('updates the badge live and announces the notification politely', async () => {
      const client = createMemoryClient();
      client.addNotifications([{}, {}]);
      const element = await render(client);
      await waitUntil(() => element.inbox?.status === 'ready');
      await settle(element);
      expect(part(element, 'badge').textContent?.trim()).to.equal('2');

      client.pushNotification({ title: 'Dylan Park mentioned you on RO 4521' });
      await settle(element);
      expect(part(element, 'badge').textContent?.trim()).to.equal('3');
      expect(bellName(element)).to.equal('Notifications, 3 unread');
      const live = element.shadowRoot?.querySelector('[aria-live="polite"]');
      await waitUntil(
        () => live?.textContent?.includes('New notification: Dylan Park mentioned you on RO 4521'),
        'the live region announces the arrival',
      );

      client.pushNotification({ title: 'One' });
      client.pushNotification({ title: 'Two' });
      await waitUntil(
        () => live?.textContent?.includes('2 new notifications'),
        'arrivals close together are announced together',
      );
      expect(part(element, 'badge').textContent?.trim()).to.equal('5');
    });

    it('says the count in French', async () => {
      const client = createMemoryClient({ me: { language: 'fr' } });
      client.addNotifications([{}, {}, {}]);
      const element = await render(client);
      await waitUntil(() => element.inbox?.status === 'ready');
      await settle(element);
      expect(bellName(element)).to.equal('Notifications, 3\u00a0non lues');
      client.pushNotification({ title: 'Nouveau message de Sophie' });
      await waitUntil(() =>
        element.shadowRoot
          ?.querySelector('[aria-live="polite"]')
          ?.textContent?.includes('Nouvelle notification\u00a0: Nouveau message de Sophie'),
      );
    });
  });

  describe('the panel', () => {
    it('opens with Enter and with Space on the bell, and Escape closes it and focuses the bell', async () => {
      const client = createMemoryClient();
      client.generateNotifications(5);
      const element = await render(client);
      await focusBell(element);

      await sendKeys({ press: 'Enter' });
      await waitUntil(() => panelIsOpen(element), 'Enter opens the panel');
      expect(element.open).to.equal(true);
      expect(part(element, 'bell').getAttribute('aria-expanded')).to.equal('true');

      await sendKeys({ press: 'Tab' });
      expect(part(element, 'panel').contains(deepActiveElement())).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !panelIsOpen(element), 'Escape closes the panel');
      expect(element.open).to.equal(false);
      expect(deepActiveElement()).to.equal(part(element, 'bell'));

      await sendKeys({ press: 'Space' });
      await waitUntil(() => panelIsOpen(element), 'Space opens the panel');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !panelIsOpen(element), 'the bell toggles the panel closed');
    });

    it('goes through the header controls with Tab, then into the list', async () => {
      const client = createMemoryClient();
      client.generateNotifications(5);
      const element = await render(client);
      await focusBell(element);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => rows(element).length > 0);
      const visited: string[] = [];
      for (let step = 0; step < 6; step += 1) {
        await sendKeys({ press: 'Tab' });
        const active = deepActiveElement() as HTMLElement | null;
        visited.push(active?.getAttribute('part') ?? active?.localName ?? '');
      }
      expect(visited).to.deep.equal([
        'mark-all-button',
        'close-button',
        'tab',
        'filter',
        'article',
        'read-toggle',
      ]);
    });

    it('moves between items with the arrow keys, Home and End, and opens one with Enter', async () => {
      const client = createMemoryClient();
      client.generateNotifications(40);
      const element = await render(client);
      await open(element);
      const first = rows(element)[0];
      first?.focus();
      expect(first?.tabIndex).to.equal(0);
      expect(rows(element)[1]?.tabIndex).to.equal(-1);

      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => (deepActiveElement() as HTMLElement)?.dataset.index === '1');
      await settle(element);
      expect((deepActiveElement() as HTMLElement).tabIndex).to.equal(0);
      expect(first?.tabIndex).to.equal(-1);
      await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => (deepActiveElement() as HTMLElement)?.dataset.index === '0');

      // End goes to the last item loaded when it is pressed (reaching it then loads more).
      const last = String((element.inbox?.items.length ?? 0) - 1);
      await sendKeys({ press: 'End' });
      await waitUntil(
        () => (deepActiveElement() as HTMLElement)?.dataset.index === last,
        'End focuses the last loaded item',
      );
      await sendKeys({ press: 'Home' });
      await waitUntil(() => (deepActiveElement() as HTMLElement)?.dataset.index === '0');

      const opened = oneEvent(element, 'bay-notification-open');
      await sendKeys({ press: 'Enter' });
      const event = (await opened) as BayNotificationOpenEvent;
      expect(event.detail.notification.id).to.equal(element.inbox?.items[0]?.id);
    });

    it('marks an item read when clicked and emits bay-notification-open with its link', async () => {
      const client = createMemoryClient();
      const [notification] = client.addNotifications([
        { title: 'RO 4521 is ready', link: 'https://dms.example.com/ro/4521' },
      ]);
      const element = await render(client);
      await open(element);
      const seen: BayNotificationOpenEvent[] = [];
      document.addEventListener('bay-notification-open', (event) => seen.push(event), {
        once: true,
      });
      const opened = oneEvent(element, 'bay-notification-open');
      part(element, 'item-title').click();
      const event = (await opened) as BayNotificationOpenEvent;
      expect(event.detail.link).to.equal('https://dms.example.com/ro/4521');
      expect(event.detail.notification.id).to.equal(notification?.id);
      expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
      expect(seen).to.have.length(1);
      expect(client.callsOf('notifications.markRead')[0]?.args).to.deep.equal([[notification?.id]]);
      await waitUntil(() => client.inbox[0]?.readAt !== null, 'the notification is read');
      // The host navigates: the panel closes, nothing else happens.
      await waitUntil(() => !panelIsOpen(element), 'the panel closes for the host to navigate');
      expect(location.href).not.to.contain('dms.example.com');
      expect(part(element, 'badge').hidden).to.equal(true);
    });

    it('keeps the panel open when the host cancels bay-notification-open', async () => {
      const client = createMemoryClient();
      client.addNotifications([{ title: 'Cancel me', link: 'https://dms.example.com/ro/1' }]);
      const element = await render(client);
      await open(element);
      element.addEventListener('bay-notification-open', (event) => event.preventDefault(), {
        once: true,
      });
      part(element, 'item-title').click();
      await settle(element);
      expect(panelIsOpen(element)).to.equal(true);
      expect(client.inbox[0]?.readAt).not.to.equal(null);
    });

    it('toggles an item read and unread, and archives it, with labelled buttons', async () => {
      const client = createMemoryClient();
      const [a, b] = client.addNotifications([
        { title: 'First', createdAt: new Date().toISOString() },
        { title: 'Second', createdAt: new Date(Date.now() - MINUTE).toISOString() },
      ]);
      const element = await render(client);
      await open(element);
      const toggle = parts(element, 'read-toggle')[0] as HTMLButtonElement;
      expect(toggle.getAttribute('aria-label')).to.equal('Mark as read');
      expect(parts(element, 'archive-button')[0]?.getAttribute('aria-label')).to.equal('Archive');
      toggle.click();
      await settle(element);
      expect(client.callsOf('notifications.markRead')[0]?.args).to.deep.equal([[a?.id]]);
      expect(parts(element, 'read-toggle')[0]?.getAttribute('aria-label')).to.equal(
        'Mark as unread',
      );
      expect(parts(element, 'unread-dot')[0]?.classList.contains('read')).to.equal(true);
      parts(element, 'read-toggle')[0]?.click();
      await settle(element);
      expect(client.callsOf('notifications.markUnread')[0]?.args).to.deep.equal([[a?.id]]);
      // Clicking a button of the item does not open it.
      expect(client.callsOf('notifications.markRead')).to.have.length(1);

      parts(element, 'archive-button')[0]?.click();
      await waitUntil(() => rows(element).length === 1, 'the archived item leaves the list');
      expect(client.callsOf('notifications.archive')[0]?.args).to.deep.equal([[a?.id]]);
      expect(part(element, 'item-title').textContent?.trim()).to.equal('Second');
      expect(client.inbox.find((n) => n.id === b?.id)?.archivedAt).to.equal(null);
    });

    it('puts a change back and says so when the API refuses it', async () => {
      const client = createMemoryClient();
      client.addNotifications([{ title: 'Stays unread' }]);
      const element = await render(client);
      await open(element);
      client.failNext({ status: 500 }, 'notifications.markRead');
      parts(element, 'read-toggle')[0]?.click();
      await waitUntil(() => element.shadowRoot?.querySelector('[part~="notice"]'));
      expect(part(element, 'notice').textContent).to.contain('could not be saved');
      expect(client.inbox[0]?.readAt).to.equal(null);
      expect(part(element, 'badge').textContent?.trim()).to.equal('1');
    });

    it('switches tabs and categories through setFilter, with arrow keys between tabs', async () => {
      const client = createMemoryClient();
      client.generateNotifications(24);
      const element = await render(client);
      await open(element);
      const tabs = parts(element, 'tab');
      expect(part(element, 'tabs').getAttribute('role')).to.equal('tablist');
      expect(tabs.map((tab) => tab.textContent?.trim())).to.deep.equal(['All', 'Unread']);
      expect(tabs[0]?.getAttribute('aria-selected')).to.equal('true');

      tabs[1]?.click();
      await waitUntil(() => element.inbox?.filter.read === 'unread');
      expect(client.callsOf('notifications.setFilter').at(-1)?.args).to.deep.equal([
        { read: 'unread', archived: false },
      ]);
      await settle(element);
      expect(parts(element, 'tab')[1]?.getAttribute('aria-selected')).to.equal('true');
      expect(element.inbox?.items.every((n) => n.readAt === null)).to.equal(true);

      parts(element, 'tab')[1]?.focus();
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => element.inbox?.filter.read === 'all', 'ArrowLeft selects All');
      await waitUntil(() => deepActiveElement()?.id === 'tab-all');

      const select = part<HTMLSelectElement>(element, 'filter');
      await waitUntil(() => select.options.length === 13, 'the catalog fills the filter');
      expect(select.options[1]?.textContent?.trim()).to.equal('Conversations');
      select.value = 'appointments';
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => element.inbox?.filter.category === 'appointments');
      expect(client.callsOf('notifications.setFilter').at(-1)?.args).to.deep.equal([
        { read: 'all', archived: false, category: 'appointments' },
      ]);
      await settle(element);
      expect(element.inbox?.items.length).to.be.greaterThan(0);
      expect(element.inbox?.items.every((n) => n.category === 'appointments')).to.equal(true);
    });

    it('marks all as read for the filter shown, and disables the button when nothing is unread', async () => {
      const client = createMemoryClient();
      client.addNotifications([
        { type: 'appointments.sms_confirmation' },
        { type: 'conversations.new_message' },
      ]);
      const element = await render(client);
      await open(element);
      const select = part<HTMLSelectElement>(element, 'filter');
      await waitUntil(() => select.options.length > 1);
      select.value = 'appointments';
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => element.inbox?.filter.category === 'appointments');
      part<HTMLButtonElement>(element, 'mark-all-button').click();
      await waitUntil(() => client.callsOf('notifications.markAllRead').length === 1);
      await settle(element);
      const [appointment, conversation] = [
        client.inbox.find((n) => n.category === 'appointments'),
        client.inbox.find((n) => n.category === 'conversations'),
      ];
      expect(appointment?.readAt).not.to.equal(null);
      expect(conversation?.readAt).to.equal(null);
      expect(part(element, 'badge').textContent?.trim()).to.equal('1');

      parts(element, 'read-toggle')[0]?.click();
      select.value = '';
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => element.inbox?.filter.category === undefined);
      part<HTMLButtonElement>(element, 'mark-all-button').click();
      await waitUntil(() => part<HTMLButtonElement>(element, 'mark-all-button').disabled);
      expect(part(element, 'badge').hidden).to.equal(true);
    });

    it('marks the notifications it shows as seen, in one batch', async () => {
      const client = createMemoryClient();
      client.generateNotifications(60, { readRatio: 0 });
      const element = await render(client);
      expect(client.callsOf('notifications.markSeen')).to.have.length(0);
      await open(element);
      await waitUntil(() => client.callsOf('notifications.markSeen').length > 0, 'marks seen');
      const calls = client.callsOf('notifications.markSeen');
      expect(calls).to.have.length(1);
      const ids = calls[0]?.args[0] as string[];
      const shown = rows(element).map((row) => row.dataset.id);
      expect(ids.length).to.be.greaterThan(3);
      expect(ids.length).to.be.lessThan(40);
      for (const id of ids) expect(shown).to.include(id);
      expect(client.inbox.filter((n) => n.seenAt === null).length).to.equal(60 - ids.length);
    });

    it('groups the feed by day with relative times in English', async () => {
      const client = createMemoryClient();
      const now = Date.now();
      const yesterday = new Date(now);
      yesterday.setDate(yesterday.getDate() - 1);
      yesterday.setHours(12, 0, 0, 0);
      const lastWeek = new Date(now - 12 * 24 * 60 * MINUTE);
      client.addNotifications([
        { title: 'Just now', createdAt: new Date(now - 2 * MINUTE).toISOString() },
        { title: 'Yesterday', createdAt: yesterday.toISOString() },
        { title: 'Older', createdAt: lastWeek.toISOString() },
      ]);
      const element = await render(client);
      await open(element);
      const text = deepText(part(element, 'list'));
      expect(text).to.contain('Today');
      expect(text).to.contain('2 min. ago');
      expect(text).to.contain('Yesterday');
      expect(text).to.contain('yesterday');
      const days = [...(element.shadowRoot?.querySelectorAll('.day') ?? [])].map((d) =>
        d.textContent?.trim(),
      );
      expect(days).to.have.length(3);
      expect(part(element, 'item-time').getAttribute('datetime')).to.equal(
        client.inbox[0]?.createdAt,
      );
    });

    it('renders in French: labels, day groups and « il y a »', async () => {
      const client = createMemoryClient({ me: { language: 'fr' } });
      const now = Date.now();
      client.addNotifications([
        { title: 'Nouveau message', createdAt: new Date(now - 2 * MINUTE).toISOString() },
        { title: 'Hier', createdAt: new Date(now - 26 * 60 * MINUTE).toISOString() },
      ]);
      const element = await render(client);
      await open(element);
      const text = deepText(element);
      // deepText folds the no-break space of « 2 min » into a space.
      expect(text).to.contain('il y a 2 min');
      expect(text).to.contain('Aujourd’hui');
      expect(text).to.contain('Tout marquer comme lu');
      expect(text).to.contain('Toutes les catégories');
      expect(parts(element, 'tab').map((t) => t.textContent?.trim())).to.deep.equal([
        'Toutes',
        'Non lues',
      ]);
      expect(parts(element, 'read-toggle')[0]?.getAttribute('aria-label')).to.equal(
        'Marquer comme lue',
      );
      expect(part(element, 'close-button').getAttribute('aria-label')).to.equal(
        'Fermer les notifications',
      );
      const select = part<HTMLSelectElement>(element, 'filter');
      await waitUntil(() => select.options.length === 13);
      expect([...select.options].map((o) => o.textContent?.trim())).to.include('Rendez-vous');
    });

    it('shows an empty state for each tab', async () => {
      const element = await render(createMemoryClient());
      await open(element);
      expect(part(element, 'empty').textContent).to.contain('No notifications yet');
      parts(element, 'tab')[1]?.click();
      await waitUntil(() => part(element, 'empty').textContent?.includes('You’re all caught up'));
    });

    it('shows a loading skeleton, then an error with a retry button that reloads', async () => {
      const client = createMemoryClient();
      client.addNotifications([{ title: 'After the retry' }]);
      client.hold();
      client.failNext({ status: 503 }, 'notifications.refresh');
      const element = await render(client);
      element.show();
      await settle(element);
      expect(part(element, 'list').getAttribute('aria-busy')).to.equal('true');
      expect(element.shadowRoot?.querySelectorAll('.skeleton').length).to.be.greaterThan(2);
      expect(deepText(part(element, 'list'))).to.contain('Loading notifications…');
      client.release();
      await waitUntil(() => element.shadowRoot?.querySelector('[part~="error"]'), 'error state');
      expect(part(element, 'error').getAttribute('role')).to.equal('alert');
      expect(part(element, 'error').textContent).to.contain('could not be loaded');
      part(element, 'retry-button').click();
      await waitUntil(() => rows(element).length === 1, 'the retry loads the feed');
      expect(part(element, 'item-title').textContent?.trim()).to.equal('After the retry');
    });

    it('shows "Reconnecting…" while the realtime connection is lost', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await open(element);
      expect(part(element, 'status').textContent?.trim()).to.equal('');
      client.setConnectionStatus('reconnecting');
      await settle(element);
      expect(part(element, 'status').textContent?.trim()).to.equal('Reconnecting…');
      expect(element.shadowRoot?.querySelector('.bell-offline')).not.to.equal(null);
      client.setConnectionStatus('connected');
      await settle(element);
      expect(part(element, 'status').textContent?.trim()).to.equal('');
      expect(element.shadowRoot?.querySelector('.bell-offline')).to.equal(null);
    });

    it('keeps the DOM small with 10,000 notifications and asks for more at the end', async function () {
      this.timeout(30_000);
      const client = createMemoryClient({ pageSize: 10_000 });
      client.generateNotifications(10_050, { spacing: 3 * MINUTE });
      const element = await render(client);
      await open(element);
      expect(element.inbox?.items).to.have.length(10_000);
      expect(element.inbox?.hasMore).to.equal(true);
      const rendered = parts(element, 'item').length;
      expect(rendered).to.be.greaterThan(3);
      expect(rendered).to.be.lessThan(100);
      expect(client.callsOf('notifications.fetchMore')).to.have.length(0);

      const scroller = part(element, 'list');
      const started = performance.now();
      for (
        let step = 0;
        step < 60 && client.callsOf('notifications.fetchMore').length === 0;
        step += 1
      ) {
        scroller.scrollTop = scroller.scrollHeight;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      const elapsed = performance.now() - started;
      await waitUntil(() => client.callsOf('notifications.fetchMore').length > 0, 'asks for more');
      expect(parts(element, 'item').length).to.be.lessThan(100);
      await waitUntil(() => element.inbox?.items.length === 10_050, 'the next page arrives');
      expect(element.inbox?.hasMore).to.equal(false);
      expect(elapsed).to.be.lessThan(10_000);
    });

    it('is a full-screen sheet on a phone', async () => {
      await setViewport({ width: 375, height: 740 });
      const client = createMemoryClient();
      client.generateNotifications(3);
      const element = await render(client);
      await open(element);
      const box = part(element, 'panel').getBoundingClientRect();
      expect(Math.round(box.width)).to.equal(375);
      expect(Math.round(box.height)).to.equal(740);
      expect(Math.round(box.top)).to.equal(0);
    });

    it('anchors the popover under the bell on a desktop, outside any clipping container', async () => {
      const client = createMemoryClient();
      client.generateNotifications(3);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="overflow: hidden; height: 3rem; width: 12rem; margin-left: 30rem">
          <bay-notification-center .client=${client}></bay-notification-center>
        </div>`,
      );
      const element = wrapper.querySelector('bay-notification-center') as BayNotificationCenter;
      await settle(element);
      await open(element);
      const bell = part(element, 'bell').getBoundingClientRect();
      const panel = part(element, 'panel').getBoundingClientRect();
      expect(panel.top).to.be.greaterThan(bell.bottom - 1);
      expect(panel.top - bell.bottom).to.be.lessThan(16);
      expect(Math.abs(panel.right - bell.right)).to.be.lessThan(2);
      expect(panel.height).to.be.greaterThan(200);
      // Nothing clips it: the item at its centre is the panel's own content.
      const hit = element.shadowRoot?.elementFromPoint(
        panel.left + panel.width / 2,
        panel.top + panel.height / 2,
      );
      expect(part(element, 'panel').contains(hit ?? null)).to.equal(true);
    });
  });

  describe('accessibility', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`passes axe closed and open, in the ${theme} theme`, async () => {
        await emulateMedia({ colorScheme: theme });
        const client = createMemoryClient();
        client.generateNotifications(12);
        client.setConnectionStatus('reconnecting');
        const element = await render(client, { theme });
        await waitUntil(() => element.inbox?.status === 'ready');
        await settle(element);
        await expectAccessible(element);
        await open(element);
        await expectAccessible(element);
        parts(element, 'tab')[1]?.click();
        await waitUntil(() => element.inbox?.status === 'ready' && rows(element).length > 0);
        await expectAccessible(element);
      });
    }

    it('passes axe in its empty and error states', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await open(element);
      await expectAccessible(element);
      client.failNext({ status: 500 }, 'notifications.refresh');
      await client.notifications.refresh().catch(() => {});
      await waitUntil(() => element.shadowRoot?.querySelector('[part~="error"]'));
      await expectAccessible(element);
    });

    it('takes its client from <bay-provider>', async () => {
      const client = createMemoryClient();
      client.addNotifications([{}]);
      const provider = await fixture(
        html`<bay-provider .client=${client}><bay-notification-center></bay-notification-center></bay-provider>`,
      );
      const element = provider.querySelector('bay-notification-center') as BayNotificationCenter;
      await waitUntil(() => element.inbox?.status === 'ready');
      await settle(element);
      expect(bellName(element)).to.equal('Notifications, 1 unread');
    });
  });
});
