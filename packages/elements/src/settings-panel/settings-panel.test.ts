/// <reference types="mocha" />
import { CATALOG } from '@baylink/sdk/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BaySettingsChangeEvent } from '../internal/events.ts';
import '../notification-center/bay-notification-center.ts';
import type { BayNotificationCenter } from '../notification-center/notification-center.ts';
import '../provider/bay-provider.ts';
import {
  deepActiveElement,
  deepQuery,
  deepQueryAll,
  deepText,
  expectAccessible,
} from '../testing/helpers.ts';
import { createMemoryClient, type MemoryClient } from '../testing/memory-client.ts';
import {
  controlValue,
  everyElementFollowsTheClient,
  everyElementLocalizes,
} from '../testing/suites.ts';
import './bay-settings-panel.ts';
import type { BayNotificationsSection } from './notifications-section.ts';
import type { BayProfileSection } from './profile-section.ts';
import { BaySettingsDirtyEvent, type BaySettingsNavigateEvent } from './settings-events.ts';
import { BaySettingsPanel, type SettingsSection } from './settings-panel.ts';

async function render(
  client: MemoryClient = createMemoryClient(),
  attributes: { section?: string; sections?: string; width?: string; waitForAll?: boolean } = {},
): Promise<BaySettingsPanel> {
  const wrapper =
    await fixture<HTMLDivElement>(html`<div style="inline-size: ${attributes.width ?? '960px'}">
    <bay-settings-panel
      .client=${client}
      section=${ifDefined(attributes.section)}
      sections=${ifDefined(attributes.sections)}
    ></bay-settings-panel>
  </div>`);
  const panel = wrapper.querySelector('bay-settings-panel') as BaySettingsPanel;
  await settle(panel);
  // Sections that check whether they apply (Password) join the navigation a moment later.
  if (!attributes.sections && attributes.waitForAll !== false) {
    await waitUntil(() => tabs(panel).length === registered().length, 'every section shows', {
      timeout: 5000,
    });
  }
  return panel;
}

async function settle(panel: BaySettingsPanel): Promise<void> {
  await panel.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const inner = panel.sectionElement as LitElement | null;
  await inner?.updateComplete;
  await panel.updateComplete;
}

function profile(panel: BaySettingsPanel): BayProfileSection {
  const found = panel.shadowRoot?.querySelector('bay-profile-section');
  if (!found) throw new Error('No <bay-profile-section> in the panel');
  return found;
}

function sectionControl(panel: BaySettingsPanel, name: string): HTMLInputElement {
  const found = deepQuery<HTMLInputElement>(panel, `[name="${name}"]`);
  if (!found) throw new Error(`No [name="${name}"] in the panel`);
  return found;
}

function tabs(panel: BaySettingsPanel): HTMLElement[] {
  return [...(panel.shadowRoot?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])];
}

function tab(panel: BaySettingsPanel, name: string): HTMLElement {
  const found = panel.shadowRoot?.querySelector<HTMLElement>(
    `[role="tab"][data-section="${name}"]`,
  );
  if (!found) throw new Error(`No tab for ${name}`);
  return found;
}

function part(panel: BaySettingsPanel, name: string): HTMLElement {
  const found = panel.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`No [part~="${name}"] in the panel`);
  return found;
}

function shown(panel: BaySettingsPanel): string | undefined {
  return panel.sectionElement?.localName;
}

function dialog(panel: BaySettingsPanel): HTMLDialogElement {
  return part(panel, 'dialog') as HTMLDialogElement;
}

/** Types into the profile's name field, so the profile section holds unsaved changes. */
async function editName(panel: BaySettingsPanel, value = 'Alex Martin-Roy'): Promise<void> {
  const name = sectionControl(panel, 'name');
  name.value = value;
  name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(panel);
}

/** The names of the registered sections that exist in this build, in navigation order. */
const registered = () => BaySettingsPanel.sections.map((entry) => entry.name);

const sharedOptions = {
  tag: 'bay-settings-panel',
  heading: { en: 'Your settings', fr: 'Vos paramètres' },
  labels: {
    en: ['Profile', 'Notifications', 'Profile information', 'Upload photo', 'Save changes'],
    fr: [
      'Profil',
      'Informations du profil',
      'Téléverser la photo',
      'Enregistrer les modifications',
    ],
  },
  overridable: 'settings.heading' as const,
  shownUser: (element: HTMLElement) => controlValue(element, 'name'),
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-settings-panel>', () => {
  it('shows "Your settings", a tab per section and the profile first', async () => {
    const panel = await render();
    expect(panel.shadowRoot?.querySelector('h2')?.textContent?.trim()).to.equal('Your settings');
    const list = part(panel, 'tabs');
    expect(list.getAttribute('role')).to.equal('tablist');
    expect(list.getAttribute('aria-label')).to.equal('Settings sections');
    expect(tabs(panel).map((entry) => entry.dataset.section)).to.deep.equal([
      'profile',
      'password',
      'signature',
      'away',
      'notifications',
    ]);
    expect(tabs(panel).map((entry) => entry.textContent?.trim())).to.deep.equal([
      'Profile',
      'Password',
      'Signature',
      'Away Status',
      'Notifications',
    ]);
    expect(tab(panel, 'profile').getAttribute('aria-selected')).to.equal('true');
    expect(tab(panel, 'notifications').getAttribute('aria-selected')).to.equal('false');
    const tabpanel = part(panel, 'panel');
    expect(tabpanel.getAttribute('role')).to.equal('tabpanel');
    expect(tabpanel.getAttribute('aria-labelledby')).to.equal('tab-profile');
    expect(shown(panel)).to.equal('bay-profile-section');
    // The section heading sits below the panel's in the outline.
    const sectionHeading = profile(panel).shadowRoot?.querySelector('[part~="header"]');
    expect(sectionHeading?.getAttribute('aria-level')).to.equal('3');
  });

  it('renders every section it offers', async () => {
    const panel = await render();
    for (const name of tabs(panel).map((entry) => entry.dataset.section ?? '')) {
      panel.section = name;
      await settle(panel);
      const element = panel.sectionElement as LitElement | null;
      expect(element?.localName).to.equal(`bay-${name}-section`);
      expect(element?.getAttribute('heading-level')).to.equal('3');
      await element?.updateComplete;
      const heading = element?.shadowRoot?.querySelector('[part~="header"]');
      expect(heading?.textContent?.trim().length).to.be.greaterThan(0);
    }
  });

  it('moves between tabs with the arrow keys, Home and End, and opens one with Enter', async () => {
    const panel = await render();
    const names = tabs(panel).map((entry) => entry.dataset.section ?? '');
    expect(tabs(panel).filter((entry) => entry.tabIndex === 0)).to.have.length(1);
    tab(panel, 'profile').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect((deepActiveElement() as HTMLElement).dataset.section).to.equal(names[1]);
    // Moving focus does not switch sections (manual activation).
    expect(shown(panel)).to.equal('bay-profile-section');
    await sendKeys({ press: 'End' });
    expect((deepActiveElement() as HTMLElement).dataset.section).to.equal(names[names.length - 1]);
    await sendKeys({ press: 'ArrowRight' });
    expect((deepActiveElement() as HTMLElement).dataset.section).to.equal(names[0]);
    await sendKeys({ press: 'ArrowLeft' });
    expect((deepActiveElement() as HTMLElement).dataset.section).to.equal(names[names.length - 1]);
    await sendKeys({ press: 'Home' });
    expect((deepActiveElement() as HTMLElement).dataset.section).to.equal('profile');
    tab(panel, 'notifications').focus();
    await sendKeys({ press: 'Enter' });
    await settle(panel);
    expect(shown(panel)).to.equal('bay-notifications-section');
    expect(panel.getAttribute('section')).to.equal('notifications');
    expect(tab(panel, 'notifications').getAttribute('aria-selected')).to.equal('true');
    expect(tab(panel, 'notifications').tabIndex).to.equal(0);
    expect((deepActiveElement() as HTMLElement).dataset.section).to.equal('notifications');
  });

  it('deep-links with the section attribute or property, reflected, and falls back to the first', async () => {
    const panel = await render(createMemoryClient(), { section: 'notifications' });
    expect(shown(panel)).to.equal('bay-notifications-section');
    panel.section = 'profile';
    await settle(panel);
    expect(shown(panel)).to.equal('bay-profile-section');
    expect(panel.getAttribute('section')).to.equal('profile');
    panel.setAttribute('section', 'notifications');
    await settle(panel);
    expect(shown(panel)).to.equal('bay-notifications-section');
    panel.setAttribute('section', 'nowhere');
    await settle(panel);
    expect(shown(panel)).to.equal('bay-profile-section');
    expect(tab(panel, 'profile').getAttribute('aria-selected')).to.equal('true');
  });

  it('tells the host with a cancelable bay-settings-navigate when the user picks a section', async () => {
    const panel = await render();
    const received = oneEvent(panel, 'bay-settings-navigate') as Promise<BaySettingsNavigateEvent>;
    tab(panel, 'notifications').click();
    const event = await received;
    expect(event.detail).to.deep.equal({ from: 'profile', to: 'notifications' });
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    await settle(panel);
    expect(shown(panel)).to.equal('bay-notifications-section');
    // A host that routes itself cancels, then sets the section from its URL.
    const cancel = (navigate: Event) => navigate.preventDefault();
    document.addEventListener('bay-settings-navigate', cancel);
    try {
      tab(panel, 'profile').click();
      await settle(panel);
      expect(shown(panel)).to.equal('bay-notifications-section');
      panel.section = 'profile';
      await settle(panel);
      expect(shown(panel)).to.equal('bay-profile-section');
    } finally {
      document.removeEventListener('bay-settings-navigate', cancel);
    }
    // Setting the property is the host's own doing: no event.
    let events = 0;
    const count = () => {
      events += 1;
    };
    panel.addEventListener('bay-settings-navigate', count);
    panel.section = 'notifications';
    await settle(panel);
    expect(events).to.equal(0);
  });

  it('asks "Discard changes?" before leaving unsaved changes: Stay keeps them, Leave switches', async () => {
    const client = createMemoryClient();
    const panel = await render(client);
    await editName(panel);
    expect(panel.dirty).to.equal(true);
    const navigated: string[] = [];
    panel.addEventListener('bay-settings-navigate', (event) => navigated.push(event.detail.to));
    tab(panel, 'notifications').click();
    await settle(panel);
    const confirm = dialog(panel);
    expect(confirm.open).to.equal(true);
    expect(confirm.getAttribute('role')).to.equal('alertdialog');
    expect(deepText(confirm)).to.contain('Discard changes?');
    expect(deepText(confirm)).to.contain('Your changes in Profile are not saved.');
    // The safe choice has focus.
    expect(deepActiveElement()?.getAttribute('part')).to.equal('stay-button');
    expect(navigated).to.deep.equal([]);
    part(panel, 'stay-button').click();
    await settle(panel);
    expect(confirm.open).to.equal(false);
    expect(shown(panel)).to.equal('bay-profile-section');
    expect(sectionControl(panel, 'name').value).to.equal('Alex Martin-Roy');
    expect(panel.hasAttribute('section')).to.equal(false);

    // Escape is Stay too.
    tab(panel, 'notifications').click();
    await settle(panel);
    expect(confirm.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await settle(panel);
    expect(confirm.open).to.equal(false);
    expect(shown(panel)).to.equal('bay-profile-section');

    tab(panel, 'notifications').click();
    await settle(panel);
    part(panel, 'leave-button').click();
    await settle(panel);
    expect(confirm.open).to.equal(false);
    expect(shown(panel)).to.equal('bay-notifications-section');
    expect(panel.getAttribute('section')).to.equal('notifications');
    expect(navigated).to.deep.equal(['notifications']);
    expect(panel.dirty).to.equal(false);
    // The edit was discarded: the profile shows what is saved.
    panel.section = 'profile';
    await settle(panel);
    expect(sectionControl(panel, 'name').value).to.equal('Alex Martin');
    expect(client.callsOf('update')).to.have.length(0);
  });

  it('guards a section set by the host as well, and puts the attribute back on Stay', async () => {
    const panel = await render(createMemoryClient(), { section: 'profile' });
    await editName(panel);
    panel.setAttribute('section', 'notifications');
    await settle(panel);
    expect(dialog(panel).open).to.equal(true);
    part(panel, 'stay-button').click();
    await settle(panel);
    expect(shown(panel)).to.equal('bay-profile-section');
    expect(panel.section).to.equal('profile');
    expect(panel.getAttribute('section')).to.equal('profile');
    panel.section = 'notifications';
    await settle(panel);
    expect(panel.section).to.equal('profile');
    part(panel, 'leave-button').click();
    await settle(panel);
    expect(shown(panel)).to.equal('bay-notifications-section');
    expect(panel.getAttribute('section')).to.equal('notifications');
  });

  it('does not ask once the changes are saved or undone', async () => {
    const panel = await render();
    await editName(panel);
    await editName(panel, 'Alex Martin');
    expect(panel.dirty).to.equal(false);
    tab(panel, 'notifications').click();
    await settle(panel);
    expect(dialog(panel).open).to.equal(false);
    expect(shown(panel)).to.equal('bay-notifications-section');
    panel.section = 'profile';
    await settle(panel);
    await editName(panel);
    await profile(panel).save();
    await settle(panel);
    tab(panel, 'notifications').click();
    await settle(panel);
    expect(dialog(panel).open).to.equal(false);
    expect(shown(panel)).to.equal('bay-notifications-section');
  });

  it('hooks the page’s beforeunload only while a section is dirty', async () => {
    const panel = await render();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).to.equal(false);
    await editName(panel);
    expect(unload()).to.equal(true);
    await editName(panel, 'Alex Martin');
    expect(unload()).to.equal(false);
    await editName(panel);
    panel.remove();
    expect(unload()).to.equal(false);
  });

  describe('the section protocol', () => {
    class DraftSection extends LitElement {
      #dirty = false;
      get dirty(): boolean {
        return this.#dirty;
      }
      set dirty(value: boolean) {
        if (value === this.#dirty) return;
        this.#dirty = value;
        this.dispatchEvent(new BaySettingsDirtyEvent({ dirty: value }));
      }
      override render() {
        return html`<p>Draft section</p>`;
      }
    }
    if (!customElements.get('test-draft-section')) {
      customElements.define('test-draft-section', DraftSection);
    }
    const draft: SettingsSection = {
      name: 'draft',
      label: 'profile.photo.label',
      render: () => html`<test-draft-section part="section"></test-draft-section>`,
    };
    let original: SettingsSection[];
    beforeEach(() => {
      original = BaySettingsPanel.sections;
    });
    afterEach(() => {
      BaySettingsPanel.sections = original;
    });

    it('follows a section’s bay-settings-dirty events for the guard and beforeunload', async () => {
      BaySettingsPanel.sections = [draft, ...original];
      const panel = await render();
      const element = panel.sectionElement as DraftSection;
      expect(element.localName).to.equal('test-draft-section');
      const dirtyEvents: boolean[] = [];
      document.addEventListener(
        'bay-settings-dirty',
        (event) => dirtyEvents.push(event.detail.dirty),
        {
          once: true,
        },
      );
      element.dirty = true;
      expect(dirtyEvents).to.deep.equal([true]);
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(true);
      tab(panel, 'profile').click();
      await settle(panel);
      expect(dialog(panel).open).to.equal(true);
      expect(deepText(dialog(panel))).to.contain('Your changes in Photo are not saved.');
      part(panel, 'stay-button').click();
      element.dirty = false;
      tab(panel, 'profile').click();
      await settle(panel);
      expect(shown(panel)).to.equal('bay-profile-section');
    });

    it('leaves out sections that do not apply to the user, once they answer', async () => {
      let answer: (value: boolean) => void = () => {};
      const seen: MemoryClient[] = [];
      const gated: SettingsSection = {
        ...draft,
        name: 'gated',
        available: (client) => {
          seen.push(client as MemoryClient);
          return new Promise<boolean>((resolve) => {
            answer = resolve;
          });
        },
      };
      const never: SettingsSection = { ...draft, name: 'never', available: () => false };
      const broken: SettingsSection = {
        ...draft,
        name: 'broken',
        available: () => Promise.reject(new Error('offline')),
      };
      BaySettingsPanel.sections = [...original, gated, never, broken];
      const client = createMemoryClient();
      const panel = await render(client, { section: 'gated', waitForAll: false });
      const names = () => tabs(panel).map((entry) => entry.dataset.section);
      // While it is being checked, a deep link to it waits rather than showing another section.
      expect(names()).not.to.include('gated');
      expect(shown(panel)).to.equal(undefined);
      expect(part(panel, 'panel').textContent?.trim()).to.equal('Loading your settings…');
      expect(seen).to.deep.equal([client]);
      answer(true);
      await waitUntil(() => names().includes('gated'), undefined, { timeout: 5000 });
      await settle(panel);
      expect(shown(panel)).to.equal('test-draft-section');
      expect(names()).not.to.include('never');
      expect(names()).not.to.include('broken');
      // A deep link to a section that does not apply shows the first.
      panel.section = 'never';
      await settle(panel);
      expect(shown(panel)).to.equal('bay-profile-section');
    });
  });

  it('shows only the sections named in the sections attribute, in that order', async () => {
    const panel = await render(createMemoryClient(), { sections: 'notifications profile unknown' });
    expect(tabs(panel).map((entry) => entry.dataset.section)).to.deep.equal([
      'notifications',
      'profile',
    ]);
    expect(shown(panel)).to.equal('bay-notifications-section');
    panel.sections = '';
    await settle(panel);
    await waitUntil(() => tabs(panel).length === registered().length, 'empty means every one', {
      timeout: 5000,
    });
    panel.sections = 'profile';
    await settle(panel);
    // One section: no navigation at all.
    expect(panel.shadowRoot?.querySelector('[role="tablist"]')).to.equal(null);
    expect(panel.shadowRoot?.querySelector('nav')).to.equal(null);
    expect(part(panel, 'panel').hasAttribute('role')).to.equal(false);
    expect(shown(panel)).to.equal('bay-profile-section');
    panel.section = 'notifications';
    await settle(panel);
    expect(shown(panel)).to.equal('bay-profile-section');
  });

  describe('at phone width', () => {
    it('lists the sections, drills into one and comes back', async () => {
      const panel = await render(createMemoryClient(), { width: '360px' });
      const list = part(panel, 'list');
      expect(getComputedStyle(part(panel, 'tabs')).display).to.equal('none');
      expect(getComputedStyle(list).display).to.not.equal('none');
      expect(getComputedStyle(part(panel, 'panel')).display).to.equal('none');
      expect(list.localName).to.equal('nav');
      const items = [...list.querySelectorAll<HTMLElement>('[part~="list-item"]')];
      expect(items.map((item) => item.textContent?.trim())).to.deep.equal(
        tabs(panel).map((entry) => entry.textContent?.trim()),
      );
      items.find((item) => item.dataset.section === 'notifications')?.click();
      await settle(panel);
      expect(getComputedStyle(list).display).to.equal('none');
      expect(getComputedStyle(part(panel, 'panel')).display).to.not.equal('none');
      expect(shown(panel)).to.equal('bay-notifications-section');
      expect(panel.getAttribute('section')).to.equal('notifications');
      const back = part(panel, 'back-button');
      expect(getComputedStyle(back).display).to.not.equal('none');
      expect(back.textContent?.trim()).to.equal('All settings');
      expect(deepActiveElement()).to.equal(part(panel, 'panel'));
      // The notifications section is itself a list at this width.
      const inner = panel.sectionElement as BayNotificationsSection;
      await waitUntil(() => inner.shadowRoot?.querySelector('table'), undefined, { timeout: 5000 });
      expect(
        getComputedStyle(inner.shadowRoot?.querySelector('thead') as Element).display,
      ).to.equal('none');
      back.click();
      await settle(panel);
      expect(getComputedStyle(list).display).to.not.equal('none');
      expect((deepActiveElement() as HTMLElement).dataset.section).to.equal('notifications');
      expect(
        items
          .find((item) => item.dataset.section === 'notifications')
          ?.getAttribute('aria-current'),
      ).to.equal('page');
    });

    it('opens a deep-linked section directly', async () => {
      const panel = await render(createMemoryClient(), {
        width: '360px',
        section: 'notifications',
      });
      expect(getComputedStyle(part(panel, 'list')).display).to.equal('none');
      expect(getComputedStyle(part(panel, 'panel')).display).to.not.equal('none');
      expect(getComputedStyle(part(panel, 'back-button')).display).to.not.equal('none');
    });

    it('passes an accessibility check as a list and inside a section', async () => {
      const panel = await render(createMemoryClient(), { width: '360px' });
      await expectAccessible(panel);
      part(panel, 'list').querySelector<HTMLElement>('[data-section="notifications"]')?.click();
      await settle(panel);
      await waitUntil(() => deepQuery(panel, 'table'), undefined, { timeout: 5000 });
      await expectAccessible(panel);
    });
  });

  it('passes its lang, theme, client and strings on to its sections', async () => {
    const client = createMemoryClient({ me: { language: 'en' } });
    const panel = await fixture<BaySettingsPanel>(
      html`<bay-settings-panel lang="fr" theme="dark" .client=${client}></bay-settings-panel>`,
    );
    panel.strings = { fr: { 'profile.save': 'Enregistrer', 'preferences.reset': 'Tout rétablir' } };
    await settle(panel);
    const inner = profile(panel);
    expect(inner.getAttribute('lang')).to.equal('fr');
    expect(inner.getAttribute('theme')).to.equal('dark');
    expect(inner.client).to.equal(client);
    expect(deepText(panel)).to.contain('Enregistrer');
    expect(deepText(panel)).to.contain('Vos paramètres');
    panel.section = 'notifications';
    await settle(panel);
    const notifications = panel.sectionElement as BayNotificationsSection;
    expect(notifications.getAttribute('lang')).to.equal('fr');
    expect(notifications.getAttribute('theme')).to.equal('dark');
    expect(notifications.client).to.equal(client);
    await waitUntil(() => deepText(panel).includes('Tout rétablir'), undefined, { timeout: 5000 });
    expect(deepText(panel)).to.contain('Rendez-vous');
  });

  it('re-renders in French, heading and tabs included, once the user saves French', async () => {
    const panel = await render();
    const language = sectionControl(panel, 'language');
    language.value = 'fr';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(panel);
    expect(await profile(panel).save()).to.equal(true);
    await waitUntil(
      () => panel.shadowRoot?.querySelector('h2')?.textContent?.trim() === 'Vos paramètres',
      undefined,
      { timeout: 5000 },
    );
    expect(tab(panel, 'profile').textContent?.trim()).to.equal('Profil');
    expect(deepText(panel)).to.contain('Votre profil a été enregistré.');
  });

  it('switches every Baylink element in the provider to French at once when the profile saves French', async () => {
    const client = createMemoryClient({ me: { language: 'en' } });
    client.generateNotifications(3, { readRatio: 0 });
    const provider = await fixture(html`<bay-provider .client=${client}>
      <header><bay-notification-center></bay-notification-center></header>
      <main style="inline-size: 960px"><bay-settings-panel></bay-settings-panel></main>
    </bay-provider>`);
    const center = provider.querySelector('bay-notification-center') as BayNotificationCenter;
    const panel = provider.querySelector('bay-settings-panel') as BaySettingsPanel;
    await settle(panel);
    const bell = () => deepQuery(center, '[part~="bell"] .visually-hidden')?.textContent?.trim();
    await waitUntil(() => bell() === 'Notifications, 3 unread', 'the English bell', {
      timeout: 5000,
    });
    // The notifications section, open in a second panel, follows too (its catalog reloads).
    const second = await fixture<BaySettingsPanel>(
      html`<div style="inline-size: 960px"><bay-settings-panel section="notifications" .client=${client}></bay-settings-panel></div>`,
    );
    const matrix = second.querySelector('bay-settings-panel') as BaySettingsPanel;
    await waitUntil(() => deepText(matrix).includes('Appointments'), 'the English catalog', {
      timeout: 5000,
    });

    const language = sectionControl(panel, 'language');
    language.value = 'fr';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(panel);
    expect(await profile(panel).save()).to.equal(true);

    await waitUntil(() => bell() === 'Notifications, 3\u00a0non lues', 'the bell in French', {
      timeout: 5000,
    });
    await waitUntil(() => deepText(panel).includes('Vos paramètres'), 'the panel in French', {
      timeout: 5000,
    });
    await waitUntil(() => deepText(matrix).includes('Rendez-vous'), 'the catalog in French', {
      timeout: 5000,
    });
    const french = CATALOG.find((category) => category.key === 'appointments')?.label.fr;
    expect(french).to.equal('Rendez-vous');
    expect(deepText(matrix)).to.contain('Gérer vos notifications');
    expect(deepText(matrix)).not.to.contain('Appointments');
    center.show();
    await waitUntil(
      () => deepText(center).includes('Tout marquer comme lu'),
      'the open panel in French',
      { timeout: 5000 },
    );
    center.hide();
    // And back to English, from the same profile form.
    const again = sectionControl(panel, 'language');
    again.value = 'en';
    again.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(panel);
    expect(await profile(panel).save()).to.equal(true);
    await waitUntil(() => bell() === 'Notifications, 3 unread', 'the bell in English', {
      timeout: 5000,
    });
    await waitUntil(() => deepText(matrix).includes('Appointments'), undefined, { timeout: 5000 });
  });

  it('lets ::part() and --bay-* tokens reach its sections through it', async () => {
    const wrapper =
      await fixture<HTMLDivElement>(html`<div style="--bay-color-accent: rgb(120, 20, 90)">
      <style>
        bay-settings-panel::part(save-button) { letter-spacing: 3px; }
        bay-settings-panel::part(section-header) { text-decoration-line: underline; }
        bay-settings-panel::part(base) { border-top-width: 5px; }
        bay-settings-panel::part(tab) { letter-spacing: 2px; }
        bay-settings-panel::part(matrix) { outline: 4px solid rgb(1, 2, 3); }
      </style>
      <bay-settings-panel .client=${createMemoryClient()}></bay-settings-panel>
    </div>`);
    const panel = wrapper.querySelector('bay-settings-panel') as BaySettingsPanel;
    await settle(panel);
    await editName(panel);
    const save = deepQuery(panel, '[part~="save-button"]') as HTMLElement;
    expect(getComputedStyle(save).backgroundColor).to.equal('rgb(120, 20, 90)');
    expect(getComputedStyle(save).letterSpacing).to.equal('3px');
    const header = deepQuery(profile(panel), '[part~="header"]') as HTMLElement;
    expect(getComputedStyle(header).textDecorationLine).to.equal('underline');
    const base = part(panel, 'base');
    expect(getComputedStyle(base).borderTopWidth).to.equal('5px');
    const sectionBase = deepQuery(profile(panel), 'section[part~="base"]') as HTMLElement;
    expect(getComputedStyle(sectionBase).borderTopWidth).to.equal('0px');
    expect(getComputedStyle(tab(panel, 'profile')).letterSpacing).to.equal('2px');
    await profile(panel).save();
    panel.section = 'notifications';
    await settle(panel);
    await waitUntil(() => deepQuery(panel, 'table'), undefined, { timeout: 5000 });
    expect(getComputedStyle(deepQuery(panel, 'table') as HTMLElement).outlineWidth).to.equal('4px');
  });

  it('sends the section’s bay-settings-change on to the page', async () => {
    const panel = await render();
    const received = oneEvent(
      document.body,
      'bay-settings-change',
    ) as Promise<BaySettingsChangeEvent>;
    await editName(panel);
    await profile(panel).save();
    const event = await received;
    expect(event.composed).to.equal(true);
    expect(event.detail.section).to.equal('profile');
    expect(event.detail.me.name).to.equal('Alex Martin-Roy');
  });

  it('works inside <bay-provider> with no client of its own', async () => {
    const provider =
      await fixture(html`<bay-provider .client=${createMemoryClient({ me: { name: 'Sam Roy' } })}>
      <bay-settings-panel></bay-settings-panel>
    </bay-provider>`);
    const panel = provider.querySelector('bay-settings-panel') as BaySettingsPanel;
    await settle(panel);
    expect(sectionControl(panel, 'name').value).to.equal('Sam Roy');
  });

  it('passes an accessibility check in light and dark, with the discard dialog open', async () => {
    const panel = await render(createMemoryClient({ me: { language: 'fr' } }));
    await expectAccessible(panel);
    panel.theme = 'dark';
    await settle(panel);
    expect(getComputedStyle(part(panel, 'base')).backgroundColor).to.equal('rgb(22, 24, 29)');
    await expectAccessible(panel);
    await editName(panel);
    tab(panel, 'notifications').click();
    await settle(panel);
    expect(dialog(panel).open).to.equal(true);
    await expectAccessible(panel);
    part(panel, 'leave-button').click();
    await settle(panel);
    await waitUntil(() => deepQueryAll(panel, 'table').length === 1, undefined, { timeout: 5000 });
    await expectAccessible(panel);
  });
});
