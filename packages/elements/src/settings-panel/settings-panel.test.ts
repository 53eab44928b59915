/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { BaySettingsChangeEvent } from '../internal/events.ts';
import '../provider/bay-provider.ts';
import { deepQuery, deepText, expectAccessible } from '../testing/helpers.ts';
import { createMemoryClient, type MemoryClient } from '../testing/memory-client.ts';
import {
  controlValue,
  everyElementFollowsTheClient,
  everyElementLocalizes,
} from '../testing/suites.ts';
import './bay-settings-panel.ts';
import type { BayProfileSection } from './profile-section.ts';
import { BaySettingsPanel, type SettingsSection } from './settings-panel.ts';

async function render(client: MemoryClient = createMemoryClient()): Promise<BaySettingsPanel> {
  const panel = await fixture<BaySettingsPanel>(
    html`<bay-settings-panel .client=${client}></bay-settings-panel>`,
  );
  await section(panel).updateComplete;
  return panel;
}

function section(panel: BaySettingsPanel): BayProfileSection {
  const found = panel.shadowRoot?.querySelector('bay-profile-section');
  if (!found) throw new Error('No <bay-profile-section> in the panel');
  return found;
}

function sectionControl(panel: BaySettingsPanel, name: string): HTMLInputElement {
  const found = deepQuery<HTMLInputElement>(panel, `[name="${name}"]`);
  if (!found) throw new Error(`No [name="${name}"] in the panel`);
  return found;
}

const sharedOptions = {
  tag: 'bay-settings-panel',
  heading: { en: 'Your settings', fr: 'Vos paramètres' },
  labels: {
    en: ['Profile information', 'Upload photo', 'Preferred language', 'Save changes'],
    fr: [
      'Informations du profil',
      'Téléverser la photo',
      'Préférence linguistique',
      'Enregistrer les modifications',
    ],
  },
  overridable: 'settings.heading' as const,
  shownUser: (element: HTMLElement) => controlValue(element, 'name'),
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-settings-panel>', () => {
  it('shows "Your settings" with the profile section only, and no navigation', async () => {
    const panel = await render();
    const heading = panel.shadowRoot?.querySelector('h2');
    expect(heading?.textContent?.trim()).to.equal('Your settings');
    expect(panel.shadowRoot?.querySelector('nav')).to.equal(null);
    const sections = panel.shadowRoot?.querySelectorAll('[part~="section"]') ?? [];
    expect(sections).to.have.length(1);
    expect(sections[0]?.localName).to.equal('bay-profile-section');
    // The section heading sits below the panel's in the outline.
    const sectionHeading = section(panel).shadowRoot?.querySelector('[part~="header"]');
    expect(sectionHeading?.getAttribute('aria-level')).to.equal('3');
    expect(deepText(panel)).not.to.match(/Signature|Away|Notifications|Password/);
  });

  it('shows "Vos paramètres" and the French profile for a French-speaking user', async () => {
    const panel = await render(createMemoryClient({ me: { language: 'fr' } }));
    expect(panel.shadowRoot?.querySelector('h2')?.textContent?.trim()).to.equal('Vos paramètres');
    expect(deepText(panel)).to.contain('Informations du profil');
  });

  it('passes its lang, theme, client and strings on to its section', async () => {
    const client = createMemoryClient({ me: { language: 'en' } });
    const panel = await fixture<BaySettingsPanel>(
      html`<bay-settings-panel lang="fr" theme="dark" .client=${client}></bay-settings-panel>`,
    );
    panel.strings = { fr: { 'profile.save': 'Enregistrer' } };
    await panel.updateComplete;
    const inner = section(panel);
    await inner.updateComplete;
    expect(inner.getAttribute('lang')).to.equal('fr');
    expect(inner.getAttribute('theme')).to.equal('dark');
    expect(inner.client).to.equal(client);
    expect(deepText(panel)).to.contain('Enregistrer');
    expect(deepText(panel)).to.contain('Vos paramètres');
  });

  it('re-renders in French, heading included, once the user saves French', async () => {
    const panel = await render();
    const language = sectionControl(panel, 'language');
    language.value = 'fr';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await section(panel).updateComplete;
    expect(await section(panel).save()).to.equal(true);
    await waitUntil(
      () => panel.shadowRoot?.querySelector('h2')?.textContent?.trim() === 'Vos paramètres',
    );
    expect(deepText(panel)).to.contain('Votre profil a été enregistré.');
  });

  it('lets ::part() and --bay-* tokens reach the profile section through it', async () => {
    const wrapper =
      await fixture<HTMLDivElement>(html`<div style="--bay-color-accent: rgb(120, 20, 90)">
      <style>
        bay-settings-panel::part(save-button) { letter-spacing: 3px; }
        bay-settings-panel::part(section-header) { text-decoration-line: underline; }
        bay-settings-panel::part(base) { border-top-width: 5px; }
      </style>
      <bay-settings-panel .client=${createMemoryClient()}></bay-settings-panel>
    </div>`);
    const panel = wrapper.querySelector('bay-settings-panel') as BaySettingsPanel;
    await section(panel).updateComplete;
    const name = sectionControl(panel, 'name');
    name.value = 'Alex Martin-Roy';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    await section(panel).updateComplete;
    const save = deepQuery(panel, '[part~="save-button"]') as HTMLElement;
    expect(getComputedStyle(save).backgroundColor).to.equal('rgb(120, 20, 90)');
    expect(getComputedStyle(save).letterSpacing).to.equal('3px');
    const header = deepQuery(section(panel), '[part~="header"]') as HTMLElement;
    expect(getComputedStyle(header).textDecorationLine).to.equal('underline');
    // The panel's own base part, not the section's.
    const base = panel.shadowRoot?.querySelector('[part~="base"]') as HTMLElement;
    expect(getComputedStyle(base).borderTopWidth).to.equal('5px');
    const sectionBase = deepQuery(section(panel), 'section[part~="base"]') as HTMLElement;
    expect(getComputedStyle(sectionBase).borderTopWidth).to.equal('0px');
  });

  it('sends the section’s bay-settings-change on to the page', async () => {
    const panel = await render();
    const received = oneEvent(
      document.body,
      'bay-settings-change',
    ) as Promise<BaySettingsChangeEvent>;
    const name = sectionControl(panel, 'name');
    name.value = 'Alex Martin-Roy';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    await section(panel).save();
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
    await panel.updateComplete;
    await section(panel).updateComplete;
    expect(sectionControl(panel, 'name').value).to.equal('Sam Roy');
  });

  it('shows a navigation once a second section plugs in, and the section attribute picks one', async () => {
    const extra: SettingsSection = {
      name: 'extra',
      label: 'profile.photo.label',
      render: () => html`<p part="section" id="extra">Another section</p>`,
    };
    const original = BaySettingsPanel.sections;
    BaySettingsPanel.sections = [...original, extra];
    try {
      const panel = await render();
      const nav = panel.shadowRoot?.querySelector('nav');
      expect(nav?.getAttribute('aria-label')).to.equal('Settings sections');
      const buttons = Array.from(nav?.querySelectorAll('button') ?? []);
      expect(buttons.map((button) => button.textContent?.trim())).to.deep.equal([
        'Profile',
        'Photo',
      ]);
      expect(buttons[0]?.getAttribute('aria-current')).to.equal('page');
      buttons[1]?.click();
      await panel.updateComplete;
      expect(panel.getAttribute('section')).to.equal('extra');
      expect(panel.shadowRoot?.querySelector('#extra')).to.not.equal(null);
      expect(panel.shadowRoot?.querySelector('bay-profile-section')).to.equal(null);
      panel.setAttribute('section', 'profile');
      await panel.updateComplete;
      expect(panel.shadowRoot?.querySelector('bay-profile-section')).to.not.equal(null);
      await expectAccessible(panel);
    } finally {
      BaySettingsPanel.sections = original;
    }
  });

  it('passes an accessibility check in dark mode', async () => {
    const panel = await render(createMemoryClient({ me: { language: 'fr' } }));
    panel.theme = 'dark';
    await panel.updateComplete;
    await section(panel).updateComplete;
    expect(
      getComputedStyle(panel.shadowRoot?.querySelector('[part~="base"]') as Element)
        .backgroundColor,
    ).to.equal('rgb(22, 24, 29)');
    await expectAccessible(panel);
  });
});
