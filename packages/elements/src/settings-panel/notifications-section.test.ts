/// <reference types="mocha" />
import { CATALOG, CHANNEL_LABELS } from '@baylink/sdk/contract';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, deepText, expectAccessible } from '../testing/helpers.ts';
import { createMemoryClient, type MemoryClient } from '../testing/memory-client.ts';
import { localizedCatalog } from '../testing/memory-notifications.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import './bay-notifications-section.ts';
import type { BayPushDevices } from '../push-permission/push-devices.ts';
import type { BayPushPermission } from '../push-permission/push-permission.ts';
import { browserTimeZone, formatTimeZone } from './away-section.ts';
import './bay-settings-panel.ts';
import type { BrowserName, BrowserPermission } from './browser-permission.ts';
import { detectBrowser } from './browser-permission.ts';
import { filterCatalog, planChanges } from './notifications-matrix.ts';
import {
  type BayNotificationsSection,
  NOTIFICATIONS_SECTION_PARTS,
} from './notifications-section.ts';
import type { BaySettingsPanel } from './settings-panel.ts';

interface Options {
  lang?: string;
  theme?: 'light' | 'dark';
  permission?: BrowserPermission;
  browser?: BrowserName;
  width?: string;
}

async function render(
  client: MemoryClient = createMemoryClient(),
  options: Options = {},
): Promise<BayNotificationsSection> {
  const wrapper =
    await fixture<HTMLDivElement>(html`<div style="inline-size: ${options.width ?? '960px'}">
    <bay-notifications-section
      .client=${client}
      lang=${options.lang ?? ''}
      theme=${options.theme ?? 'light'}
      notification-permission=${options.permission ?? 'granted'}
      browser=${options.browser ?? 'chrome'}
    ></bay-notifications-section>
  </div>`);
  const element = wrapper.querySelector('bay-notifications-section') as BayNotificationsSection;
  await waitUntil(() => element.shadowRoot?.querySelector('table'), 'the matrix renders', {
    timeout: 5000,
  });
  return element;
}

async function settle(element: BayNotificationsSection): Promise<void> {
  await element.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await element.updateComplete;
}

/** The switch of a row (`all`, `c:<category>`, `t:<type>`) on a channel, or null. */
function cell(element: BayNotificationsSection, row: string, channel: string): HTMLElement | null {
  return (
    element.shadowRoot?.querySelector<HTMLElement>(
      `button[data-row="${row}"][data-channel="${channel}"]`,
    ) ?? null
  );
}

function control(element: BayNotificationsSection, row: string, channel: string): HTMLElement {
  const found = cell(element, row, channel);
  if (!found) throw new Error(`No switch for ${row} on ${channel}`);
  return found;
}

function checked(element: BayNotificationsSection, row: string, channel: string): string | null {
  return control(element, row, channel).getAttribute('aria-checked');
}

function part(element: BayNotificationsSection, name: string): HTMLElement {
  const found = element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`No [part~="${name}"]`);
  return found;
}

function typeRows(element: BayNotificationsSection): string[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>('tr.row-type') ?? [])].map(
    (row) => row.dataset.row ?? '',
  );
}

function lastUpdate(client: MemoryClient): unknown {
  const calls = client.callsOf('preferences.update');
  return calls[calls.length - 1]?.args[0];
}

/** Presses `key` with a modifier held (Control+End, Shift+Tab). */
async function chord(modifier: string, key: string): Promise<void> {
  await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  await sendKeys({ up: modifier });
}

const CHANNELS = ['in_app', 'web_push', 'email', 'mobile'] as const;
const ALL_TYPES = CATALOG.flatMap((category) => category.types);

const sharedOptions = {
  tag: 'bay-notifications-section',
  heading: { en: 'Manage your notifications', fr: 'Gérer vos notifications' },
  labels: {
    en: ['Find a notification type', 'Reset to defaults', 'In-app', 'Browser', 'Appointments'],
    fr: [
      'Trouver un type de notification',
      'Rétablir les paramètres par défaut',
      'Navigateur',
      'Courriel',
      'Rendez-vous',
    ],
  },
  overridable: 'preferences.reset' as const,
  // The section shows no name: the two clients' users differ by one preference (email for new
  // messages), which tells them apart.
  seed(client: MemoryClient) {
    if (client.profile.name !== 'Béatrice Roy') return;
    void client.preferences.update([
      { scope: 'type', key: 'conversations.new_message', channel: 'email', enabled: true },
    ]);
    client.calls.length = 0;
  },
  async shownUser(element: HTMLElement) {
    const section = element as BayNotificationsSection;
    await waitUntil(() => cell(section, 't:conversations.new_message', 'email'), 'the matrix', {
      timeout: 5000,
    });
    return checked(section, 't:conversations.new_message', 'email') === 'true'
      ? 'Béatrice Roy'
      : 'Alex Martin';
  },
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-notifications-section>', () => {
  it('shows every catalog type by category, with its description, against the four channels', async () => {
    const element = await render();
    const headers = [
      ...(element.shadowRoot?.querySelectorAll('[part~="column-header"] .channel-label') ?? []),
    ].map((header) => header.textContent?.trim());
    expect(headers).to.deep.equal(['In-app', 'Browser', 'Email', 'Mobile']);
    expect(typeRows(element)).to.deep.equal(ALL_TYPES.map((type) => `t:${type.key}`));
    const categories = [...(element.shadowRoot?.querySelectorAll('[part~="category"]') ?? [])].map(
      (header) => header.textContent?.trim(),
    );
    expect(categories).to.deep.equal(CATALOG.map((category) => category.label.en));
    const text = deepText(element);
    expect(text).to.contain('New reviews');
    expect(text).to.contain('When a customer leaves a new Google, Facebook or private review.');
    // Each cell is a switch named "<type> — <channel>" and described by the type's description.
    const newReview = control(element, 't:reviews.new_review', 'email');
    expect(newReview.getAttribute('role')).to.equal('switch');
    expect(newReview.getAttribute('aria-label')).to.equal('New reviews — Email');
    const description = element.shadowRoot?.getElementById(
      newReview.getAttribute('aria-describedby') ?? '',
    );
    expect(description?.textContent).to.contain('Google, Facebook');
    // The states are the catalog defaults.
    for (const type of ALL_TYPES) {
      for (const channel of CHANNELS) {
        const button = cell(element, `t:${type.key}`, channel);
        if (!type.channels.includes(channel)) expect(button).to.equal(null);
        else
          expect(button?.getAttribute('aria-checked')).to.equal(
            String(type.defaults[channel] || type.required.includes(channel)),
          );
      }
    }
  });

  it('toggles a cell: sends the type change, shows it at once, then says "Saved"', async () => {
    const client = createMemoryClient({ latency: 30 });
    const element = await render(client);
    expect(checked(element, 't:reviews.new_review', 'email')).to.equal('true');
    control(element, 't:reviews.new_review', 'email').click();
    await settle(element);
    // Optimistic: the switch is off before the API answered.
    expect(checked(element, 't:reviews.new_review', 'email')).to.equal('false');
    expect(part(element, 'status').textContent?.trim()).to.equal('');
    expect(lastUpdate(client)).to.deep.equal([
      { scope: 'type', key: 'reviews.new_review', channel: 'email', enabled: false },
    ]);
    await waitUntil(() => part(element, 'status').textContent?.trim() === 'Saved', 'Saved', {
      timeout: 5000,
    });
    expect(part(element, 'status').getAttribute('role')).to.equal('status');
    expect(
      client.preferences.store.getState().preferences?.effective['reviews.new_review']?.email,
    ).to.equal(false);
    // The category row now says the reviews differ on email… and on again.
    control(element, 't:reviews.new_review', 'email').click();
    await waitUntil(() => checked(element, 't:reviews.new_review', 'email') === 'true', undefined, {
      timeout: 5000,
    });
    expect(lastUpdate(client)).to.deep.equal([
      { scope: 'type', key: 'reviews.new_review', channel: 'email', enabled: true },
    ]);
  });

  it('toggles a category row on one channel, mixed until every type agrees', async () => {
    const client = createMemoryClient();
    const element = await render(client);
    const reviews = CATALOG.find((category) => category.key === 'reviews')?.types ?? [];
    // Mentions and assigned reviews reach the browser by default, the others do not.
    const row = control(element, 'c:reviews', 'web_push');
    expect(row.getAttribute('role')).to.equal('checkbox');
    expect(row.getAttribute('aria-label')).to.equal('Reviews: all types — Browser');
    expect(row.getAttribute('aria-checked')).to.equal('mixed');
    row.click();
    await settle(element);
    expect(lastUpdate(client)).to.deep.equal([
      { scope: 'category', key: 'reviews', channel: 'web_push', enabled: true },
    ]);
    expect(checked(element, 'c:reviews', 'web_push')).to.equal('true');
    for (const type of reviews)
      expect(checked(element, `t:${type.key}`, 'web_push')).to.equal('true');
    control(element, 'c:reviews', 'web_push').click();
    await settle(element);
    expect(lastUpdate(client)).to.deep.equal([
      { scope: 'category', key: 'reviews', channel: 'web_push', enabled: false },
    ]);
    for (const type of reviews)
      expect(checked(element, `t:${type.key}`, 'web_push')).to.equal('false');
    // Other categories did not move.
    expect(checked(element, 't:conversations.new_message', 'web_push')).to.equal('true');
    // One cell back on makes the row mixed again.
    control(element, 't:reviews.mention', 'web_push').click();
    await settle(element);
    expect(checked(element, 'c:reviews', 'web_push')).to.equal('mixed');
  });

  it('toggles a channel column for every type, and a cell of a switched-off column alone', async () => {
    const client = createMemoryClient();
    const element = await render(client);
    const column = control(element, 'all', 'email');
    expect(column.getAttribute('aria-label')).to.equal('All notification types — Email');
    expect(column.getAttribute('aria-checked')).to.equal('mixed');
    column.click();
    await settle(element);
    const sent = lastUpdate(client) as { scope: string; channel?: string; enabled: boolean }[];
    expect(sent[0]).to.deep.equal({ scope: 'channel', channel: 'email', enabled: true });
    expect(sent.slice(1).every((change) => change.scope === 'category' && change.enabled)).to.equal(
      true,
    );
    expect(sent).to.have.length(CATALOG.length + 1);
    for (const type of ALL_TYPES)
      expect(checked(element, `t:${type.key}`, 'email')).to.equal('true');
    expect(checked(element, 'all', 'email')).to.equal('true');
    expect(checked(element, 'c:reviews', 'email')).to.equal('true');

    control(element, 'all', 'email').click();
    await settle(element);
    expect(lastUpdate(client)).to.deep.equal([
      { scope: 'channel', channel: 'email', enabled: false },
    ]);
    for (const type of ALL_TYPES) {
      expect(checked(element, `t:${type.key}`, 'email')).to.equal(
        type.required.includes('email') ? 'true' : 'false',
      );
    }
    expect(checked(element, 'all', 'email')).to.equal('false');
    // The other columns kept their values.
    expect(checked(element, 't:conversations.new_message', 'in_app')).to.equal('true');

    // One cell of the switched-off column: it alone comes on.
    control(element, 't:imports.error', 'email').click();
    await settle(element);
    const reopen = lastUpdate(client) as { scope: string; key?: string; enabled: boolean }[];
    expect(reopen[0]).to.deep.equal({ scope: 'channel', channel: 'email', enabled: true });
    expect(reopen[reopen.length - 1]).to.deep.equal({
      scope: 'type',
      key: 'imports.error',
      channel: 'email',
      enabled: true,
    });
    for (const type of ALL_TYPES) {
      expect(checked(element, `t:${type.key}`, 'email')).to.equal(
        type.key === 'imports.error' ? 'true' : 'false',
      );
    }
    expect(checked(element, 'all', 'email')).to.equal('mixed');
    expect(checked(element, 'c:imports', 'email')).to.equal('mixed');
  });

  it('locks required channels on, with a lock and why, and shows no switch where a type cannot go', async () => {
    const client = createMemoryClient();
    const element = await render(client);
    const locked = control(element, 't:conversations.send_error', 'in_app');
    expect(locked.getAttribute('aria-checked')).to.equal('true');
    expect(locked.getAttribute('aria-disabled')).to.equal('true');
    expect(locked.querySelector('[part~="lock"]')).to.not.equal(null);
    const why = element.shadowRoot?.getElementById(locked.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).to.contain('Always on: In-app cannot be turned off for this type');
    locked.click();
    await settle(element);
    expect(client.callsOf('preferences.update')).to.have.length(0);
    expect(checked(element, 't:conversations.send_error', 'in_app')).to.equal('true');
    expect(part(element, 'status').textContent).to.contain('Always on');
    // Row and column switches leave locked cells alone: the in-app column off keeps it on.
    expect(checked(element, 'all', 'in_app')).to.equal('mixed');
    control(element, 'all', 'in_app').click();
    await settle(element);
    expect(checked(element, 'all', 'in_app')).to.equal('true');
    control(element, 'all', 'in_app').click();
    await settle(element);
    expect(checked(element, 'all', 'in_app')).to.equal('false');
    expect(checked(element, 't:conversations.send_error', 'in_app')).to.equal('true');
    expect(checked(element, 't:conversations.new_message', 'in_app')).to.equal('false');
    // Reports never go to the browser or the phone: no switch, a mark that says so.
    expect(cell(element, 't:reports.daily_deposits', 'web_push')).to.equal(null);
    expect(cell(element, 't:reports.daily_deposits', 'mobile')).to.equal(null);
    const row = element.shadowRoot?.querySelector('tr[data-row="t:reports.daily_deposits"]');
    expect(row?.querySelectorAll('[part~="unsupported"]')).to.have.length(2);
    expect(deepText(row as Element)).to.contain('Not available for this type');
    expect(cell(element, 'c:reports', 'web_push')).to.equal(null);
    expect(deepText(part(element, 'legend'))).to.contain('Always on');
  });

  it('filters types by label and description, accents aside, and announces how many it found', async () => {
    const element = await render(createMemoryClient({ me: { language: 'fr' } }));
    const search = part(element, 'search') as HTMLInputElement;
    expect(search.labels?.[0]?.textContent?.trim()).to.equal('Trouver un type de notification');
    search.value = 'reponses';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(element);
    expect(typeRows(element)).to.deep.equal(['t:reviews.new_reply']);
    expect(part(element, 'count').textContent?.trim()).to.equal('1\u00a0type de notification');
    expect(part(element, 'count').getAttribute('role')).to.equal('status');
    search.value = 'MENTIONNE';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(element);
    const mentions = ALL_TYPES.filter((type) =>
      type.description.fr.toLowerCase().includes('mentionne'),
    ).map((type) => `t:${type.key}`);
    expect(mentions.length).to.be.greaterThan(3);
    expect(typeRows(element)).to.deep.equal(mentions);
    expect(part(element, 'count').textContent?.trim()).to.equal(
      `${mentions.length}\u00a0types de notification`,
    );
    // Only the categories that still have a type stay.
    expect(element.shadowRoot?.querySelector('tr[data-row="c:reports"]')).to.equal(null);
    search.value = 'zzz';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(element);
    expect(element.shadowRoot?.querySelector('table')).to.equal(null);
    expect(part(element, 'count').textContent?.trim()).to.equal(
      'Aucun type de notification ne correspond à «\u00a0zzz\u00a0».',
    );
    search.value = '';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(element);
    expect(typeRows(element)).to.have.length(ALL_TYPES.length);
    expect(part(element, 'count').textContent?.trim()).to.equal('');
  });

  it('resets to the defaults once confirmed, and not when cancelled', async () => {
    const client = createMemoryClient();
    const element = await render(client);
    control(element, 't:conversations.new_message', 'email').click();
    control(element, 't:conversations.new_message', 'mobile').click();
    await waitUntil(() => client.callsOf('preferences.update').length === 2, undefined, {
      timeout: 5000,
    });
    await settle(element);
    expect(checked(element, 't:conversations.new_message', 'email')).to.equal('true');
    expect(checked(element, 't:conversations.new_message', 'mobile')).to.equal('false');

    part(element, 'reset-button').click();
    await settle(element);
    const dialog = part(element, 'reset-dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(deepText(dialog)).to.contain('Reset your notification settings?');
    expect(deepActiveElement()?.getAttribute('part')).to.equal('cancel-button');
    part(element, 'cancel-button').click();
    await settle(element);
    expect(dialog.open).to.equal(false);
    expect(client.callsOf('preferences.reset')).to.have.length(0);
    expect(deepActiveElement()?.getAttribute('part')).to.equal('reset-button');

    part(element, 'reset-button').click();
    await settle(element);
    part(element, 'confirm-button').click();
    await waitUntil(() => client.callsOf('preferences.reset').length === 1, undefined, {
      timeout: 5000,
    });
    await waitUntil(
      () => part(element, 'status').textContent?.includes('back to their defaults'),
      undefined,
      { timeout: 5000 },
    );
    expect(dialog.open).to.equal(false);
    expect(checked(element, 't:conversations.new_message', 'email')).to.equal('false');
    expect(checked(element, 't:conversations.new_message', 'mobile')).to.equal('true');
  });

  it('says when the settings cannot be loaded, and tries again', async () => {
    const client = createMemoryClient();
    client.failNext({ status: 503 }, 'catalog.get');
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><bay-notifications-section .client=${client}></bay-notifications-section></div>`,
    );
    const element = wrapper.firstElementChild as BayNotificationsSection;
    await waitUntil(
      () => element.shadowRoot?.querySelector('[part~="alert"]')?.textContent?.trim(),
      'the alert',
      { timeout: 5000 },
    );
    expect(part(element, 'alert').textContent).to.contain(
      'Your notification settings could not be loaded.',
    );
    expect(element.shadowRoot?.querySelector('table')).to.equal(null);
    // It waits for the user rather than trying again on its own.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.callsOf('catalog.get')).to.have.length(1);
    const retry = [...(element.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (button) => button.textContent?.trim() === 'Try again',
    );
    retry?.click();
    await waitUntil(() => element.shadowRoot?.querySelector('table'), 'the matrix', {
      timeout: 5000,
    });
    expect(client.callsOf('catalog.get')).to.have.length(2);
  });

  it('puts a refused change back and names it in an alert', async () => {
    const client = createMemoryClient({ latency: 20 });
    const element = await render(client);
    client.failNext({ status: 500 }, 'preferences.update');
    control(element, 't:reviews.new_review', 'email').click();
    await settle(element);
    expect(checked(element, 't:reviews.new_review', 'email')).to.equal('false');
    await waitUntil(() => part(element, 'alert').textContent?.trim() !== '', 'the alert', {
      timeout: 5000,
    });
    expect(part(element, 'alert').getAttribute('role')).to.equal('alert');
    expect(part(element, 'alert').textContent?.trim()).to.equal(
      '“New reviews — Email” could not be saved, so it was switched back. Try again.',
    );
    expect(checked(element, 't:reviews.new_review', 'email')).to.equal('true');
    expect(part(element, 'status').textContent?.trim()).to.equal('');
    // A lost connection says so; a row names its category.
    client.failNext({}, 'preferences.update');
    control(element, 'c:campaigns', 'mobile').click();
    await waitUntil(
      () => part(element, 'alert').textContent?.includes('Campaigns: all types — Mobile'),
      undefined,
      { timeout: 5000 },
    );
    expect(part(element, 'alert').textContent).to.contain('Baylink could not be reached');
    // The next change that works clears the alert.
    control(element, 't:reviews.new_review', 'email').click();
    await waitUntil(() => part(element, 'status').textContent?.trim() === 'Saved', undefined, {
      timeout: 5000,
    });
    expect(part(element, 'alert').textContent?.trim()).to.equal('');
  });

  it('is one Tab stop that the arrow keys, Home and End move through, and Space toggles', async () => {
    const client = createMemoryClient();
    const element = await render(client);
    const table = part(element, 'matrix');
    expect(table.getAttribute('role')).to.equal('grid');
    expect(table.querySelectorAll('[tabindex="0"]')).to.have.length(1);
    const reset = part(element, 'reset-button');
    reset.focus();
    await sendKeys({ press: 'Tab' });
    const at = () => {
      const active = deepActiveElement() as HTMLElement | null;
      return `${active?.dataset.row}|${active?.dataset.channel}`;
    };
    expect(at()).to.equal('all|in_app');
    await sendKeys({ press: 'ArrowDown' });
    expect(at()).to.equal('c:conversations|in_app');
    await sendKeys({ press: 'ArrowRight' });
    expect(at()).to.equal('c:conversations|web_push');
    await sendKeys({ press: 'ArrowDown' });
    expect(at()).to.equal('t:conversations.new_message|web_push');
    await sendKeys({ press: 'Space' });
    await settle(element);
    expect(lastUpdate(client)).to.deep.equal([
      { scope: 'type', key: 'conversations.new_message', channel: 'web_push', enabled: false },
    ]);
    expect(checked(element, 't:conversations.new_message', 'web_push')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await settle(element);
    expect(checked(element, 't:conversations.new_message', 'web_push')).to.equal('true');
    await sendKeys({ press: 'End' });
    expect(at()).to.equal('t:conversations.new_message|mobile');
    await sendKeys({ press: 'Home' });
    expect(at()).to.equal('t:conversations.new_message|in_app');
    await sendKeys({ press: 'ArrowLeft' });
    expect(at()).to.equal('t:conversations.new_message|in_app');
    // Up and down skip the rows without a switch in the column: reports never reach the browser.
    control(element, 't:customers.mention', 'web_push').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(at()).to.equal('c:imports|web_push');
    await sendKeys({ press: 'ArrowUp' });
    expect(at()).to.equal('t:customers.mention|web_push');
    // Locked cells can be reached (to hear why) but Space does nothing.
    control(element, 't:conversations.send_error', 'web_push').focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(at()).to.equal('t:conversations.send_error|in_app');
    const before = client.callsOf('preferences.update').length;
    await sendKeys({ press: 'Space' });
    await settle(element);
    expect(client.callsOf('preferences.update')).to.have.length(before);
    await chord('Control', 'End');
    expect(at()).to.equal(`t:${ALL_TYPES[ALL_TYPES.length - 1]?.key}|mobile`);
    await chord('Control', 'Home');
    expect(at()).to.equal('all|in_app');
    // The last switch used keeps the Tab stop; Tab leaves the grid.
    await sendKeys({ press: 'ArrowRight' });
    await settle(element);
    expect(table.querySelectorAll('[tabindex="0"]')).to.have.length(1);
    expect(control(element, 'all', 'web_push').getAttribute('tabindex')).to.equal('0');
    await sendKeys({ press: 'Tab' });
    expect(table.contains(deepActiveElement())).to.equal(false);
    await chord('Shift', 'Tab');
    expect(at()).to.equal('all|web_push');
  });

  it('shows the French catalog labels of notification-types.json, and follows a language change', async () => {
    const client = createMemoryClient({ me: { language: 'fr' } });
    const element = await render(client);
    const categories = [...(element.shadowRoot?.querySelectorAll('[part~="category"]') ?? [])].map(
      (header) => header.textContent?.trim(),
    );
    expect(categories).to.deep.equal(CATALOG.map((category) => category.label.fr));
    for (const key of ['appointments', 'collaboration', 'reviews', 'team_chat']) {
      const category = CATALOG.find((entry) => entry.key === key);
      expect(categories).to.include(category?.label.fr);
    }
    const labels = [...(element.shadowRoot?.querySelectorAll('[part~="type-label"]') ?? [])].map(
      (label) => label.textContent?.trim(),
    );
    expect(labels).to.deep.equal(ALL_TYPES.map((type) => type.label.fr));
    const text = deepText(element);
    for (const type of [
      'reports.daily_deposits',
      'estimates.decision',
      'collaboration.in_progress',
    ]) {
      const found = ALL_TYPES.find((entry) => entry.key === type);
      expect(text).to.contain(found?.label.fr);
      expect(text).to.contain(found?.description.fr);
    }
    const headers = [
      ...(element.shadowRoot?.querySelectorAll('[part~="column-header"] .channel-label') ?? []),
    ].map((header) => header.textContent?.trim());
    expect(headers).to.deep.equal(CHANNELS.map((channel) => CHANNEL_LABELS[channel].fr));
    expect(control(element, 't:reviews.new_review', 'email').getAttribute('aria-label')).to.equal(
      'Nouveaux avis — Courriel',
    );
    // The user switches to English elsewhere: the catalog is reloaded in English.
    client.externalUpdate({ language: 'en' });
    await waitUntil(() => deepText(element).includes('Appointments'), 'the English catalog', {
      timeout: 5000,
    });
    expect(client.callsOf('catalog.get').map((call) => call.args[0])).to.deep.equal(['fr', 'en']);
    expect(deepText(element)).not.to.contain('Rendez-vous');
  });

  it('becomes a list per category with labelled switches at phone width', async () => {
    const element = await render(createMemoryClient(), { width: '360px' });
    await settle(element);
    const table = part(element, 'matrix');
    expect(getComputedStyle(table.querySelector('thead') as Element).display).to.equal('none');
    const groups = [...table.querySelectorAll('tbody')];
    expect(groups).to.have.length(CATALOG.length + 1);
    const row = table.querySelector('tr[data-row="t:conversations.new_message"]') as HTMLElement;
    const header = row.querySelector('th') as HTMLElement;
    const switches = [...row.querySelectorAll<HTMLElement>('button')];
    expect(switches).to.have.length(4);
    for (const button of switches) {
      // Below the type's name and description, each with its channel's name beside it.
      expect(button.getBoundingClientRect().top).to.be.at.least(
        header.getBoundingClientRect().bottom - 1,
      );
      const text = button.querySelector('.switch-text') as HTMLElement;
      expect(getComputedStyle(text).display).not.to.equal('none');
    }
    expect(switches.map((button) => button.textContent?.trim())).to.deep.equal([
      'In-app',
      'Browser',
      'Email',
      'Mobile',
    ]);
    expect(table.getBoundingClientRect().width).to.be.at.most(361);
    // A type's channels fit in two lines, not one long column.
    const rows = new Set(switches.map((button) => Math.round(button.getBoundingClientRect().top)));
    expect(rows.size).to.equal(2);
    // Channels a type cannot use are left out of the list.
    const report = table.querySelector('tr[data-row="t:reports.weekly_manager"]') as HTMLElement;
    const empty = report.querySelector('td.empty') as HTMLElement;
    expect(getComputedStyle(empty).display).to.equal('none');
    // Wide again, the matrix is back.
    (element.parentElement as HTMLElement).style.inlineSize = '960px';
    await settle(element);
    expect(getComputedStyle(table.querySelector('thead') as Element).display).not.to.equal('none');
  });

  describe('the Browser column and the browser’s permission', () => {
    it('says notifications are allowed, and adds no note', async () => {
      const element = await render(createMemoryClient(), { permission: 'granted' });
      expect(part(element, 'permission-state').textContent?.trim()).to.equal('Allowed');
      expect(element.shadowRoot?.querySelector('[part~="permission"]')).to.equal(null);
    });

    it('explains that the Browser channel needs permission when not asked yet', async () => {
      const element = await render(createMemoryClient(), { permission: 'default' });
      expect(part(element, 'permission-state').textContent?.trim()).to.equal('Not allowed yet');
      expect(part(element, 'permission').textContent).to.contain(
        'Browser notifications need your permission',
      );
    });

    it('says when the browser cannot show notifications', async () => {
      const element = await render(createMemoryClient(), { permission: 'unsupported' });
      expect(part(element, 'permission-state').textContent?.trim()).to.equal('Not supported');
      expect(part(element, 'permission').textContent).to.contain(
        'This browser cannot show notifications',
      );
    });

    const steps: [BrowserName, string, string][] = [
      ['chrome', 'Google Chrome', 'Click the View site information icon'],
      ['edge', 'Microsoft Edge', 'Under Permissions for this site, set Notifications to Allow.'],
      ['firefox', 'Firefox', 'click × to clear Blocked'],
      ['safari', 'Safari', 'choose Safari > Settings'],
      ['ios', 'iOS', 'turn on Allow Notifications'],
      ['other', 'your browser', 'Open the notifications drop-down menu and select Allow.'],
    ];
    for (const [browser, name, step] of steps) {
      it(`gives the steps to allow notifications again in ${name} once blocked`, async () => {
        const element = await render(createMemoryClient(), { permission: 'denied', browser });
        expect(part(element, 'permission-state').textContent?.trim()).to.equal('Blocked');
        const note = part(element, 'permission');
        expect(note.textContent).to.contain('Your browser blocks notifications from this site');
        expect(note.textContent).to.contain(`In ${name}:`);
        const items = [...part(element, 'permission-steps').querySelectorAll('li')];
        expect(items).to.have.length(3);
        expect(items.map((item) => item.textContent).join(' ')).to.contain(step);
        expect(items[2]?.textContent).to.contain(
          browser === 'ios' ? 'Open the site again from your Home Screen.' : 'Refresh your page',
        );
      });
    }

    it('gives the steps in French, and follows a host that sets the permission', async () => {
      const element = await render(createMemoryClient({ me: { language: 'fr' } }), {
        permission: 'default',
        browser: 'firefox',
      });
      element.notificationPermission = 'denied';
      await settle(element);
      expect(part(element, 'permission-state').textContent?.trim()).to.equal('Bloquées');
      expect(part(element, 'permission').textContent).to.contain('Dans Firefox\u00a0:');
      expect(part(element, 'permission-steps').textContent).to.contain('une cloche barrée');
    });

    it('reads this browser’s permission through the SDK, and the browser, when the host says nothing', async () => {
      // The SDK's answer wins over `Notification.permission` (the memory client simulates it).
      const simulated = Notification.permission === 'granted' ? 'denied' : 'granted';
      const client = createMemoryClient({ browserPush: { permission: simulated } });
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><bay-notifications-section .client=${client}></bay-notifications-section></div>`,
      );
      const element = wrapper.firstElementChild as BayNotificationsSection;
      await waitUntil(() => element.shadowRoot?.querySelector('table'), undefined, {
        timeout: 5000,
      });
      await waitUntil(() => element.permission === simulated, 'the SDK’s state is shown');
      await settle(element);
      expect(part(element, 'permission-state').textContent?.trim()).to.equal(
        simulated === 'granted' ? 'Allowed' : 'Blocked',
      );
      expect(element.browserName).to.equal('chrome');
    });

    it('tells browsers apart from their user agent', () => {
      const ua = {
        chrome:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
        edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
        firefox:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
        safari:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
        ios: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
        other: 'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)',
      };
      for (const [browser, userAgent] of Object.entries(ua)) {
        expect(detectBrowser({ userAgent })).to.equal(browser);
      }
      expect(
        detectBrowser({
          userAgent: ua.chrome,
          userAgentData: { brands: [{ brand: 'Not)A;Brand' }, { brand: 'Microsoft Edge' }] },
        }),
      ).to.equal('edge');
      // iPadOS says "Macintosh"; its touch screen gives it away.
      expect(detectBrowser({ userAgent: ua.safari, maxTouchPoints: 5 })).to.equal('ios');
    });
  });

  it('plans the fewest changes: a cell, a row, a column on and off', () => {
    const catalog = localizedCatalog('en');
    const effective = Object.fromEntries(ALL_TYPES.map((type) => [type.key, { ...type.defaults }]));
    const preferences = {
      overrides: { channels: {}, categories: {}, types: {} },
      effective,
      updatedAt: null,
    };
    expect(
      planChanges(
        catalog,
        preferences,
        { scope: 'type', key: 'reviews.new_note', channel: 'mobile' },
        true,
      ),
    ).to.deep.equal([{ scope: 'type', key: 'reviews.new_note', channel: 'mobile', enabled: true }]);
    expect(
      planChanges(
        catalog,
        preferences,
        { scope: 'category', key: 'reviews', channel: 'mobile' },
        false,
      ),
    ).to.deep.equal([{ scope: 'category', key: 'reviews', channel: 'mobile', enabled: false }]);
    expect(
      planChanges(catalog, preferences, { scope: 'channel', channel: 'mobile' }, false),
    ).to.deep.equal([{ scope: 'channel', channel: 'mobile', enabled: false }]);
    // Reports cannot reach a phone: the column leaves them out.
    const on = planChanges(catalog, preferences, { scope: 'channel', channel: 'mobile' }, true);
    expect(on.some((change) => 'key' in change && change.key === 'reports')).to.equal(false);
    // A row of a switched-off column: the others stay off, the master switch is lifted.
    const masterOff = {
      ...preferences,
      overrides: { ...preferences.overrides, channels: { mobile: false } },
    };
    const row = planChanges(
      catalog,
      masterOff,
      { scope: 'category', key: 'reviews', channel: 'mobile' },
      true,
    );
    expect(row[0]).to.deep.equal({ scope: 'channel', channel: 'mobile', enabled: true });
    expect(row.filter((change) => change.enabled === false)).to.have.length(CATALOG.length - 2);
    expect(row[row.length - 1]).to.deep.equal({
      scope: 'category',
      key: 'reviews',
      channel: 'mobile',
      enabled: true,
    });
    expect(filterCatalog(catalog, '  ').count).to.equal(ALL_TYPES.length);
  });

  it('passes an accessibility check in light and dark, blocked permission shown', async () => {
    const light = await render(createMemoryClient(), { permission: 'denied' });
    await expectAccessible(light);
    const dark = await render(createMemoryClient({ me: { language: 'fr' } }), {
      theme: 'dark',
      permission: 'denied',
    });
    expect(getComputedStyle(part(dark, 'matrix')).color).to.equal('rgb(236, 238, 242)');
    await expectAccessible(dark);
  });

  it('passes an accessibility check at phone width and with the reset dialog open', async () => {
    const element = await render(createMemoryClient(), { width: '360px', permission: 'default' });
    await expectAccessible(element);
    part(element, 'reset-button').click();
    await settle(element);
    await expectAccessible(element);
    part(element, 'cancel-button').click();
  });
});

describe('<bay-notifications-section>: browser notifications, devices and quiet hours', () => {
  /** The section as the panel shows it when the host says nothing of the permission. */
  async function renderOwn(
    client: MemoryClient = createMemoryClient(),
    options: { lang?: string; width?: string; timeZone?: string; theme?: 'light' | 'dark' } = {},
  ): Promise<BayNotificationsSection> {
    const wrapper =
      await fixture<HTMLDivElement>(html`<div style="inline-size: ${options.width ?? '960px'}">
      <bay-notifications-section
        .client=${client}
        lang=${options.lang ?? ''}
        theme=${options.theme ?? 'light'}
        browser="chrome"
        time-zone=${options.timeZone ?? ''}
      ></bay-notifications-section>
    </div>`);
    const element = wrapper.querySelector('bay-notifications-section') as BayNotificationsSection;
    await waitUntil(
      () =>
        element.shadowRoot?.querySelector('table') &&
        element.shadowRoot?.querySelector('[part~="quiet-form"], [part~="quiet-retry-button"]'),
      'the matrix and the quiet hours render',
      { timeout: 5000 },
    );
    await settle(element);
    return element;
  }

  function push(element: BayNotificationsSection): BayPushPermission {
    const found = element.shadowRoot?.querySelector('bay-push-permission');
    if (!found) throw new Error('No <bay-push-permission> in the section');
    return found;
  }

  function devices(element: BayNotificationsSection): BayPushDevices {
    const found = element.shadowRoot?.querySelector('bay-push-devices');
    if (!found) throw new Error('No <bay-push-devices> in the section');
    return found;
  }

  function inner(host: Element, name: string): HTMLElement {
    const found = host.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
    if (!found) throw new Error(`No [part~="${name}"] in <${host.localName}>`);
    return found;
  }

  function words(node: Element | null | undefined): string {
    return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  function quietInput(element: BayNotificationsSection, name: string): HTMLInputElement {
    const found = element.shadowRoot?.querySelector<HTMLInputElement>(
      `[part~="quiet-form"] [name="${name}"]`,
    );
    if (!found) throw new Error(`No quiet-hours input ${name}`);
    return found;
  }

  function day(element: BayNotificationsSection, value: number): HTMLInputElement {
    const found = element.shadowRoot?.querySelector<HTMLInputElement>(
      `[name="days"][value="${value}"]`,
    );
    if (!found) throw new Error(`No day ${value}`);
    return found;
  }

  async function typeTime(element: BayNotificationsSection, name: string, value: string) {
    const input = quietInput(element, name);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle(element);
  }

  async function toggle(element: BayNotificationsSection, input: HTMLInputElement) {
    input.click();
    await settle(element);
  }

  function errorsOf(element: BayNotificationsSection): string[] {
    return [...(element.shadowRoot?.querySelectorAll('[part~="quiet-error"]') ?? [])].map(words);
  }

  describe('the Browser column and <bay-push-permission>', () => {
    it('turns this browser on from a click, and the column and the devices follow', async () => {
      const client = createMemoryClient({ pushDevices: [{ label: 'Chrome on Windows' }] });
      const element = await renderOwn(client);
      const permission = push(element);
      await waitUntil(() => permission.state === 'not-allowed', 'the browser is checked');
      await settle(element);
      expect(part(element, 'permission-state').textContent?.trim()).to.equal('Not allowed yet');
      // The section's own note gives way to the element, which explains and asks.
      expect(element.shadowRoot?.querySelector('[part~="permission"]')).to.equal(null);
      expect(words(inner(permission, 'description'))).to.contain(
        'Your browser will ask you to allow notifications from this site.',
      );
      expect(client.pushPrompts).to.have.length(0);
      inner(permission, 'enable-button').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => permission.state === 'on', 'on');
      await settle(element);
      expect(client.pushPrompts).to.deep.equal([{ userActivation: true, answer: 'granted' }]);
      expect(part(element, 'permission-state').textContent?.trim()).to.equal('Allowed');
      const list = devices(element);
      await waitUntil(() => list.devices?.length === 2, 'this browser is listed');
      await list.updateComplete;
      expect(words(inner(list, 'device'))).to.contain('Chrome on Linux This browser');
    });

    it('follows a browser that blocks notifications, with the steps, and a heading under the section’s', async () => {
      const client = createMemoryClient({ browserPush: { permission: 'denied' } });
      const element = await renderOwn(client);
      const permission = push(element);
      await waitUntil(() => permission.state === 'blocked', 'blocked');
      await settle(element);
      expect(part(element, 'permission-state').textContent?.trim()).to.equal('Blocked');
      expect(words(inner(permission, 'steps'))).to.contain('Next to Notifications, select Allow.');
      expect(inner(permission, 'header').getAttribute('aria-level')).to.equal('3');
      expect(inner(devices(element), 'header').getAttribute('aria-level')).to.equal('3');
      expect(part(element, 'quiet-header').getAttribute('aria-level')).to.equal('3');
    });

    it('explains the host’s permission instead, in a cross-origin frame', async () => {
      const element = await render(createMemoryClient(), { permission: 'denied' });
      expect(element.shadowRoot?.querySelector('bay-push-permission')).to.equal(null);
      expect(part(element, 'permission').textContent).to.contain(
        'Your browser blocks notifications from this site',
      );
      // Devices and quiet hours still show.
      expect(element.shadowRoot?.querySelector('bay-push-devices')).not.to.equal(null);
    });

    it('passes the service worker’s URL and scope on, and exports the nested parts', async () => {
      const client = createMemoryClient({ pushDevices: [{ label: 'Chrome on Windows' }] });
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <style>
          bay-notifications-section::part(devices-revoke-button) { color: rgb(1, 2, 3); }
          bay-notifications-section::part(push-enable-button) { color: rgb(4, 5, 6); }
        </style>
        <bay-notifications-section
          .client=${client}
          service-worker-url="/portal/sw.js"
          service-worker-scope="/portal/"
        ></bay-notifications-section>
      </div>`);
      const element = wrapper.querySelector('bay-notifications-section') as BayNotificationsSection;
      await waitUntil(() => element.shadowRoot?.querySelector('bay-push-devices'), 'renders', {
        timeout: 5000,
      });
      const list = devices(element);
      await waitUntil(() => list.devices !== undefined, 'the list loads');
      const permission = push(element);
      await waitUntil(() => permission.state === 'not-allowed', 'checked');
      await settle(element);
      expect(client.callsOf('push.state')[0]?.args[0]).to.deep.equal({
        serviceWorkerUrl: '/portal/sw.js',
        scope: '/portal/',
      });
      expect(getComputedStyle(inner(list, 'revoke-button')).color).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(inner(permission, 'enable-button')).color).to.equal('rgb(4, 5, 6)');
      for (const name of ['push-enable-button', 'devices-revoke-button', 'quiet-save-button']) {
        expect(NOTIFICATIONS_SECTION_PARTS as readonly string[]).to.include(name);
      }
    });

    it('lists the devices with send test and remove', async () => {
      const client = createMemoryClient({
        pushDevices: [{ label: 'Chrome on Windows' }, { label: 'Safari on iOS' }],
      });
      const element = await renderOwn(client);
      const list = devices(element);
      await waitUntil(() => list.devices?.length === 2, 'the list loads');
      await list.updateComplete;
      const [first] = [
        ...(list.shadowRoot?.querySelectorAll<HTMLElement>('[part~="device"]') ?? []),
      ];
      first?.querySelector<HTMLElement>('[part~="test-button"]')?.click();
      await waitUntil(() => first?.querySelector('[part~="result"]'), 'the result');
      expect(words(first?.querySelector('[part~="result"]'))).to.match(/^Test sent to /);
      first?.querySelector<HTMLElement>('[part~="revoke-button"]')?.click();
      await list.updateComplete;
      inner(list, 'confirm-button').click();
      await waitUntil(() => list.devices?.length === 1, 'removed');
      expect(client.pushDevices).to.have.length(1);
    });
  });

  describe('quiet hours', () => {
    it('loads the API’s defaults and explains the rule, in the browser’s time zone', async () => {
      const element = await renderOwn();
      expect(words(part(element, 'quiet-header'))).to.equal('Quiet hours');
      expect(words(part(element, 'quiet-rule'))).to.equal(
        'Browser and mobile notifications wait until the quiet hours end; required notifications still come through. In-app and email notifications arrive as usual.',
      );
      const toggleSwitch = quietInput(element, 'quietHours');
      expect(toggleSwitch.getAttribute('role')).to.equal('switch');
      expect(toggleSwitch.checked).to.equal(false);
      expect(quietInput(element, 'start').value).to.equal('22:00');
      expect(quietInput(element, 'end').value).to.equal('07:00');
      expect([0, 1, 2, 3, 4, 5, 6].every((value) => day(element, value).checked)).to.equal(true);
      expect(words(part(element, 'quiet-zone'))).to.equal(
        `Times are in your time zone: ${formatTimeZone('en', browserTimeZone())}.`,
      );
      expect(words(part(element, 'quiet-summary'))).to.equal(
        'Quiet hours are off: notifications arrive at any time.',
      );
      expect(part(element, 'quiet-save-button').getAttribute('aria-disabled')).to.equal('true');
      expect(element.dirty).to.equal(false);
    });

    it('saves the switch, the times and the days with the time zone, and reports unsaved edits', async () => {
      const client = createMemoryClient();
      const element = await renderOwn(client, { timeZone: 'America/Vancouver' });
      const dirty: boolean[] = [];
      element.addEventListener('bay-settings-dirty', (event) => dirty.push(event.detail.dirty));
      await toggle(element, quietInput(element, 'quietHours'));
      await typeTime(element, 'start', '21:30');
      await typeTime(element, 'end', '06:45');
      await toggle(element, day(element, 0));
      await toggle(element, day(element, 6));
      expect(element.dirty).to.equal(true);
      expect(words(part(element, 'quiet-summary'))).to.equal(
        'Browser and mobile notifications wait from 9:30 PM to 6:45 AM the next morning (Monday to Friday).',
      );
      part(element, 'quiet-save-button').click();
      await waitUntil(() => words(part(element, 'quiet-status')) !== '', 'saved');
      expect(words(part(element, 'quiet-status'))).to.equal('Your quiet hours are saved.');
      expect(client.callsOf('quietHours.set')[0]?.args[0]).to.deep.equal({
        enabled: true,
        start: '21:30',
        end: '06:45',
        timeZone: 'America/Vancouver',
        days: [1, 2, 3, 4, 5],
      });
      expect(client.storedQuietHours).to.include({ enabled: true, timeZone: 'America/Vancouver' });
      expect(element.dirty).to.equal(false);
      expect(dirty).to.deep.equal([true, false]);
      expect(part(element, 'quiet-save-button').getAttribute('aria-disabled')).to.equal('true');
    });

    it('checks the form first: a time, an end other than the start, at least one day', async () => {
      const client = createMemoryClient();
      const element = await renderOwn(client);
      await typeTime(element, 'end', '22:00');
      for (const value of [0, 1, 2, 3, 4, 5, 6]) await toggle(element, day(element, value));
      expect(await element.saveQuietHours()).to.equal(false);
      await settle(element);
      expect(errorsOf(element)).to.deep.equal([
        'The quiet hours must end at another time than they start.',
        'Choose at least one day.',
      ]);
      expect(quietInput(element, 'end').getAttribute('aria-invalid')).to.equal('true');
      expect(quietInput(element, 'end').getAttribute('aria-describedby')).to.contain(
        'quiet-end-error',
      );
      expect(deepActiveElement()).to.equal(quietInput(element, 'end'));
      expect(client.callsOf('quietHours.set')).to.have.length(0);
      // Fixing a field clears its error.
      await typeTime(element, 'end', '07:00');
      expect(errorsOf(element)).to.deep.equal(['Choose at least one day.']);
      await typeTime(element, 'start', '');
      await toggle(element, day(element, 3));
      expect(await element.saveQuietHours()).to.equal(false);
      await settle(element);
      expect(errorsOf(element)).to.deep.equal(['Enter a time, such as 22:00.']);
    });

    it('shows the API’s 400 on its fields, and what it cannot place in the alert', async () => {
      const client = createMemoryClient();
      const element = await renderOwn(client);
      await toggle(element, quietInput(element, 'quietHours'));
      client.failNext(
        {
          status: 400,
          code: 'validation_failed',
          details: [
            { path: 'timeZone', message: 'Unknown time zone' },
            { path: 'days.0', message: 'Too big: expected number to be <=6' },
          ],
        },
        'quietHours.set',
      );
      expect(await element.saveQuietHours()).to.equal(false);
      await settle(element);
      expect(errorsOf(element)).to.deep.equal([
        'Unknown time zone',
        'Too big: expected number to be <=6',
      ]);
      expect(words(part(element, 'quiet-alert'))).to.equal('');
      expect(deepActiveElement()?.id).to.equal('quiet-zone');
      client.failNext(
        {
          status: 400,
          code: 'validation_failed',
          details: [{ path: 'weekStart', message: 'Unrecognized key' }],
        },
        'quietHours.set',
      );
      await element.saveQuietHours();
      await settle(element);
      expect(words(part(element, 'quiet-alert'))).to.equal(
        'Your quiet hours were not saved. Check the fields marked in error. weekStart: Unrecognized key',
      );
      client.failNext({}, 'quietHours.set');
      await element.saveQuietHours();
      await settle(element);
      expect(words(part(element, 'quiet-alert'))).to.equal(
        'Your quiet hours could not be saved. Try again. Baylink could not be reached. Check your connection and try again.',
      );
      // The memory client validates like the API.
      await typeTime(element, 'start', '07:00');
      await typeTime(element, 'end', '23:00');
      expect(await element.saveQuietHours()).to.equal(true);
    });

    it('says when the quiet hours cannot load, and loads them again', async () => {
      const client = createMemoryClient();
      client.failNext({ status: 500 }, 'quietHours.get');
      const element = await renderOwn(client);
      expect(words(part(element, 'quiet-hours'))).to.contain(
        'Your quiet hours could not be loaded.',
      );
      part(element, 'quiet-retry-button').click();
      await waitUntil(() => element.shadowRoot?.querySelector('[part~="quiet-form"]'), 'loaded');
    });

    it('says when they were saved in another time zone, and moves them to this one', async () => {
      const client = createMemoryClient({
        quietHours: {
          enabled: true,
          start: '22:00',
          end: '07:00',
          days: [1, 2, 3, 4, 5],
          timeZone: 'Europe/Paris',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      });
      const element = await renderOwn(client, { timeZone: 'America/Toronto' });
      expect(words(part(element, 'quiet-zone'))).to.contain('They were saved in');
      expect(words(part(element, 'quiet-zone'))).to.contain('(Europe/Paris)');
      expect(part(element, 'quiet-save-button').getAttribute('aria-disabled')).to.equal('false');
      expect(element.dirty).to.equal(false);
      expect(await element.saveQuietHours()).to.equal(true);
      expect(client.storedQuietHours.timeZone).to.equal('America/Toronto');
    });

    it('drops unsaved edits on discard(), and the settings panel asks before leaving them', async () => {
      const element = await renderOwn();
      await typeTime(element, 'start', '20:00');
      expect(element.dirty).to.equal(true);
      element.discard();
      await settle(element);
      expect(quietInput(element, 'start').value).to.equal('22:00');
      expect(element.dirty).to.equal(false);

      const panel = await fixture<BaySettingsPanel>(
        html`<bay-settings-panel .client=${createMemoryClient()} section="notifications"></bay-settings-panel>`,
      );
      const section = await waitUntil(
        () => panel.shadowRoot?.querySelector('bay-notifications-section'),
        'the section',
      ).then(
        () =>
          panel.shadowRoot?.querySelector('bay-notifications-section') as BayNotificationsSection,
      );
      await waitUntil(
        () => section.shadowRoot?.querySelector('[part~="quiet-form"]'),
        'quiet hours',
        {
          timeout: 5000,
        },
      );
      await typeTime(section, 'start', '20:00');
      await panel.updateComplete;
      expect(panel.dirty).to.equal(true);
      const profileTab = panel.shadowRoot?.querySelector<HTMLElement>('[part~="tab"]');
      profileTab?.click();
      await panel.updateComplete;
      const confirm = panel.shadowRoot?.querySelector<HTMLDialogElement>('[part~="dialog"]');
      await waitUntil(() => confirm?.open, 'the panel asks');
      expect(deepText(confirm as HTMLElement)).to.contain('Discard changes?');
      panel.shadowRoot?.querySelector<HTMLElement>('[part~="stay-button"]')?.click();
    });

    it('speaks French: the rule, the days in the French week and the summary', async () => {
      const client = createMemoryClient({
        me: { language: 'fr' },
        quietHours: { enabled: true, days: [1, 3, 5] },
      });
      const element = await renderOwn(client, { timeZone: 'America/Toronto' });
      expect(words(part(element, 'quiet-header'))).to.equal('Heures calmes');
      expect(words(part(element, 'quiet-rule'))).to.contain(
        'attendent la fin des heures calmes ; les notifications obligatoires passent quand même.',
      );
      // Monday first in French.
      const firstDay = element.shadowRoot?.querySelector('[part~="quiet-day"] .visually-hidden');
      expect(words(firstDay)).to.equal('lundi');
      expect(words(part(element, 'quiet-summary'))).to.equal(
        'Les notifications du navigateur et mobiles attendent de 22:00 à 7:00 le lendemain matin (lundi, mercredi et vendredi).',
      );
      expect(words(part(element, 'quiet-save-button'))).to.equal('Enregistrer les heures calmes');
    });

    it('fits a phone: times side by side or stacked, the days wrapping, Save full width', async () => {
      const element = await renderOwn(createMemoryClient(), { width: '360px' });
      const form = part(element, 'quiet-form').getBoundingClientRect();
      for (const node of element.shadowRoot?.querySelectorAll<HTMLElement>(
        '[part~="quiet-day"], [part~="quiet-time"]',
      ) ?? []) {
        expect(node.getBoundingClientRect().right).to.be.at.most(form.right + 1);
      }
      expect(Math.round(part(element, 'quiet-save-button').getBoundingClientRect().width)).to.equal(
        Math.round(form.width),
      );
    });

    it('passes an accessibility check with errors shown, light and dark', async () => {
      const light = await renderOwn();
      await typeTime(light, 'end', '22:00');
      await light.saveQuietHours();
      await settle(light);
      await expectAccessible(light);
      const dark = await renderOwn(
        createMemoryClient({ me: { language: 'fr' }, quietHours: { enabled: true } }),
        { theme: 'dark', width: '360px' },
      );
      await expectAccessible(dark);
    });
  });
});
