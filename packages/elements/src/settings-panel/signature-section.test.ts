/// <reference types="mocha" />
import { SIGNATURE_MAX_LENGTH } from '@baylink/sdk';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { BayErrorEvent, BaySettingsChangeEvent } from '../internal/events.ts';
import { deepActiveElement, deepText, expectAccessible } from '../testing/helpers.ts';
import {
  createMemoryClient,
  type MemoryClient,
  type MemoryClientOptions,
} from '../testing/memory-client.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import './bay-signature-section.ts';
import type { BaySettingsDirtyEvent } from './settings-events.ts';
import {
  type BaySignatureSection,
  SIGNATURE_NEAR_LIMIT,
  SIGNATURE_SECTION_PARTS,
  signatureSettingsSection,
  signBody,
} from './signature-section.ts';

function client(options: MemoryClientOptions = {}): MemoryClient {
  return createMemoryClient({ me: { name: 'Alex Martin', ...options.me }, ...options });
}

async function render(memory: MemoryClient = client()): Promise<BaySignatureSection> {
  const element = await fixture<BaySignatureSection>(
    html`<bay-signature-section .client=${memory}></bay-signature-section>`,
  );
  await element.updateComplete;
  return element;
}

function inside<E extends Element = HTMLElement>(
  element: BaySignatureSection,
  selector: string,
): E {
  const found = element.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`No ${selector} in <bay-signature-section>`);
  return found;
}

const toggle = (element: BaySignatureSection) =>
  inside<HTMLInputElement>(element, '[name="enabled"]');
const field = (element: BaySignatureSection) =>
  inside<HTMLTextAreaElement>(element, '[name="text"]');
const saveButton = (element: BaySignatureSection) =>
  inside<HTMLButtonElement>(element, '[part~="save-button"]');
const text = (element: BaySignatureSection, part: string) =>
  element.shadowRoot
    ?.querySelector(`[part~="${part}"]`)
    // Collapses layout white space only: no-break spaces are part of the text.
    ?.textContent?.replace(/[ \t\n\r]+/g, ' ')
    .trim();
/** The signature line of the preview, exactly as shown (line breaks kept). */
const previewSignature = (element: BaySignatureSection) =>
  element.shadowRoot?.querySelector('[part~="preview-signature"]')?.textContent ?? null;

async function typeText(element: BaySignatureSection, value: string): Promise<void> {
  const textarea = field(element);
  textarea.value = value;
  textarea.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

function labelOf(element: BaySignatureSection, control: HTMLElement): string {
  return (
    inside(element, `label[for="${control.id}"]`).textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}

/** The text of what `aria-describedby` points at, for the field. */
function descriptionOf(element: BaySignatureSection, control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids
    .map((id) => element.shadowRoot?.getElementById(id)?.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const sharedOptions = {
  tag: 'bay-signature-section',
  heading: { en: 'Message signature', fr: 'Signature des messages' },
  labels: {
    en: [
      'Activate or deactivate the signature when sending a message',
      'Your signature',
      'What your customers will see',
      'Update signature',
    ],
    fr: [
      'Activer ou désactiver la signature lors de l’envoi d’un message',
      'Votre signature',
      'Ce que verront vos clients',
      'Mettre à jour la signature',
    ],
  },
  overridable: 'signature.save' as const,
  // An empty signature previews the profile name: what the section shows of its user.
  shownUser: (element: HTMLElement) =>
    element.shadowRoot?.querySelector('[part~="preview-signature"]')?.textContent ?? undefined,
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-signature-section>', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('rendering', () => {
    it('shows the switch, the field and the preview with the article’s English labels', async () => {
      const element = await render(client({ signature: { text: 'Alex\nService advisor' } }));
      expect(text(element, 'header')).to.equal('Message signature');
      expect(inside(element, '[part~="header"]').getAttribute('role')).to.equal('heading');
      expect(toggle(element).getAttribute('role')).to.equal('switch');
      expect(toggle(element).checked).to.equal(true);
      expect(labelOf(element, toggle(element))).to.equal(
        'Activate or deactivate the signature when sending a message',
      );
      expect(text(element, 'switch-state')).to.equal('On');
      expect(labelOf(element, field(element))).to.equal('Your signature');
      expect(field(element).value).to.equal('Alex\nService advisor');
      expect(text(element, 'preview-heading')).to.equal('What your customers will see');
      expect(previewSignature(element)).to.equal('Alex\nService advisor');
      expect(text(element, 'save-button')).to.equal('Update signature');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      expect(deepText(element)).to.contain('If you leave it empty, your profile name is used.');
      expect(text(element, 'counter')).to.contain('20/500');
      expect(descriptionOf(element, field(element))).to.contain('20 of 500 characters');
      expect(descriptionOf(element, field(element))).to.contain('Up to 500 characters.');
    });

    it('shows the French labels, from the French article', async () => {
      const element = await render(client({ me: { language: 'fr', name: 'Marie Roy' } }));
      expect(text(element, 'header')).to.equal('Signature des messages');
      expect(labelOf(element, toggle(element))).to.equal(
        'Activer ou désactiver la signature lors de l’envoi d’un message',
      );
      expect(text(element, 'switch-state')).to.equal('Activée');
      expect(labelOf(element, field(element))).to.equal('Votre signature');
      expect(text(element, 'save-button')).to.equal('Mettre à jour la signature');
      expect(text(element, 'preview-heading')).to.equal('Ce que verront vos clients');
      const shown = deepText(element);
      expect(shown).to.contain('La signature est utilisée sur chaque message que vous envoyez');
      expect(shown).to.contain(
        'Si vous laissez votre signature vide, l’application utilisera automatiquement le nom inscrit au profil.',
      );
      expect(text(element, 'preview-note')).to.equal(
        'Votre signature est vide\u00a0: le nom inscrit au profil est utilisé.',
      );
      expect(previewSignature(element)).to.equal('Marie Roy');
    });

    it('shows a loading state, then a failed load with “Try again” that works', async () => {
      const memory = client({ loaded: false });
      memory.failNext({}, 'signature.get');
      const element = await render(memory);
      await waitUntil(() => element.shadowRoot?.querySelector('[role="alert"]'), 'load failure');
      expect(text(element, 'alert')).to.equal(
        'Baylink could not be reached. Check your connection and try again.',
      );
      const retry = inside<HTMLButtonElement>(element, 'button');
      expect(retry.textContent?.trim()).to.equal('Try again');
      memory.hold();
      retry.click();
      await element.updateComplete;
      expect(deepText(element)).to.contain('Loading your signature…');
      memory.release();
      await waitUntil(() => element.shadowRoot?.querySelector('[name="text"]'), 'loaded');
    });
  });

  describe('the live preview', () => {
    it('updates as the user types, line breaks included', async () => {
      const element = await render();
      await typeText(element, 'Alex M.');
      expect(previewSignature(element)).to.equal('Alex M.');
      await typeText(element, '  Alex M.\nService advisor\n\n');
      expect(previewSignature(element)).to.equal('Alex M.\nService advisor');
      expect(text(element, 'preview-note')).to.equal(
        'Added under every message you send manually.',
      );
      const bubble = inside(element, '[part~="preview-message"]');
      expect(bubble.textContent).to.contain('Hello, your vehicle is ready.');
      // Shown on two lines, as customers get it.
      const signature = inside(element, '[part~="preview-signature"]');
      expect(getComputedStyle(signature).whiteSpace).to.equal('pre-line');
    });

    it('previews the profile name when the text is empty', async () => {
      const element = await render(client({ signature: { text: 'Alex' } }));
      await typeText(element, '   ');
      expect(previewSignature(element)).to.equal('Alex Martin');
      expect(text(element, 'preview-note')).to.equal(
        'Your signature is empty, so your profile name is used.',
      );
      expect(descriptionOf(element, field(element))).to.contain(
        'Leave it empty to sign with your profile name, Alex Martin.',
      );
    });

    it('follows a change of the profile name made elsewhere', async () => {
      const memory = client();
      const element = await render(memory);
      memory.externalUpdate({ name: 'Alexandra Martin' });
      await element.updateComplete;
      expect(previewSignature(element)).to.equal('Alexandra Martin');
    });

    it('shows the message without a signature, and says so, when switched off', async () => {
      const element = await render(client({ signature: { text: 'Alex' } }));
      toggle(element).click();
      await element.updateComplete;
      expect(toggle(element).checked).to.equal(false);
      expect(text(element, 'switch-state')).to.equal('Off');
      expect(element.shadowRoot?.querySelector('[part~="preview-signature"]')).to.equal(null);
      expect(text(element, 'preview-note')).to.equal(
        'Signature off: your messages are sent without a signature.',
      );
      expect(text(element, 'preview-message')).to.equal(
        'Hello, your vehicle is ready. You can pick it up today before 6 p.m.',
      );
      toggle(element).click();
      await element.updateComplete;
      expect(previewSignature(element)).to.equal('Alex');
    });

    it('signs like the API: a blank line between the body and the signature', () => {
      expect(signBody('Hello.  \n', 'Alex\nParts')).to.deep.equal({
        body: 'Hello.\n\nAlex\nParts',
        signature: 'Alex\nParts',
      });
      expect(signBody('Hello.\r\n', 'Alex\nParts').body).to.equal('Hello.\r\n\r\nAlex\r\nParts');
      expect(signBody('Hello. ', null)).to.deep.equal({ body: 'Hello. ', signature: null });
    });
  });

  describe('saving', () => {
    it('enables “Update signature” only when something changed', async () => {
      const element = await render(client({ signature: { text: 'Alex' } }));
      expect(element.dirty).to.equal(false);
      await typeText(element, 'Alex M.');
      expect(element.dirty).to.equal(true);
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('false');
      await typeText(element, '  Alex \n');
      expect(element.dirty).to.equal(false);
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      toggle(element).click();
      await element.updateComplete;
      expect(element.dirty).to.equal(true);
      expect(await element.save()).to.equal(true);
      saveButton(element).click();
      await element.updateComplete;
      expect(element.dirty).to.equal(false);
    });

    it('saves the text and the switch, shows “saving”, then the status, and tells the page', async () => {
      const memory = client();
      const element = await render(memory);
      await typeText(element, ' Alex Martin\r\nService advisor ');
      toggle(element).click();
      toggle(element).click();
      await element.updateComplete;
      memory.hold();
      const changed = oneEvent(element, 'bay-settings-change') as Promise<BaySettingsChangeEvent>;
      saveButton(element).click();
      await element.updateComplete;
      expect(text(element, 'save-button')).to.equal('Updating…');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      expect(inside(element, 'form').getAttribute('aria-busy')).to.equal('true');
      memory.release();
      const event = await changed;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.section).to.equal('signature');
      expect(event.detail.signature?.text).to.equal('Alex Martin\nService advisor');
      expect(event.detail.me.name).to.equal('Alex Martin');
      await element.updateComplete;
      expect(inside(element, '[part~="status"]').getAttribute('role')).to.equal('status');
      expect(text(element, 'status')).to.equal('Your signature was updated.');
      expect(text(element, 'save-button')).to.equal('Update signature');
      expect(memory.callsOf('signature.update').map((call) => call.args)).to.deep.equal([
        [{ text: 'Alex Martin\nService advisor' }],
      ]);
      expect((await memory.signature.get()).text).to.equal('Alex Martin\nService advisor');
      expect(field(element).value).to.equal('Alex Martin\nService advisor');
      expect(element.dirty).to.equal(false);
    });

    it('saves the switch off', async () => {
      const memory = client({ signature: { text: 'Alex' } });
      const element = await render(memory);
      toggle(element).click();
      await element.updateComplete;
      expect(await element.save()).to.equal(true);
      expect(memory.callsOf('signature.update')[0]?.args).to.deep.equal([{ enabled: false }]);
      expect((await memory.signature.get()).effective).to.equal(null);
      expect(toggle(element).checked).to.equal(false);
    });

    it('dispatches bay-settings-dirty when unsaved changes appear and go', async () => {
      const element = await render();
      const seen: boolean[] = [];
      element.addEventListener('bay-settings-dirty', (event: BaySettingsDirtyEvent) => {
        expect(event.bubbles && event.composed).to.equal(true);
        seen.push(event.detail.dirty);
      });
      await typeText(element, 'A');
      await typeText(element, 'Al');
      await typeText(element, '');
      await typeText(element, 'Alex');
      await element.save();
      await element.updateComplete;
      expect(seen).to.deep.equal([true, false, true, false]);
      await typeText(element, 'Alex M.');
      element.discard();
      await element.updateComplete;
      expect(field(element).value).to.equal('Alex');
      expect(seen).to.deep.equal([true, false, true, false, true, false]);
    });

    it('shows the API’s 400 on the field, focuses it, and keeps what was typed', async () => {
      const memory = client();
      const element = await render(memory);
      const errors: BayErrorEvent[] = [];
      element.addEventListener('bay-error', (event) => errors.push(event));
      memory.failNext(
        {
          status: 400,
          code: 'validation_failed',
          details: [{ path: 'text', message: 'This signature holds a forbidden word' }],
        },
        'signature.update',
      );
      await typeText(element, 'Alex the Great');
      expect(await element.save()).to.equal(false);
      await element.updateComplete;
      expect(field(element).getAttribute('aria-invalid')).to.equal('true');
      expect(descriptionOf(element, field(element))).to.contain(
        'This signature holds a forbidden word',
      );
      expect(deepActiveElement()).to.equal(field(element));
      expect(field(element).value).to.equal('Alex the Great');
      expect(text(element, 'alert')).to.equal('');
      expect(errors[0]?.detail).to.deep.include({ section: 'signature', operation: 'save' });
      // The real validation of the memory client, as the API's.
      await typeText(element, 'Alex\u0007');
      expect(await element.save()).to.equal(false);
      await element.updateComplete;
      expect(descriptionOf(element, field(element))).to.contain('no other control characters');
    });

    it('shows an alert when the API cannot be reached, and keeps the changes', async () => {
      const memory = client();
      const element = await render(memory);
      memory.failNext({}, 'signature.update');
      await typeText(element, 'Alex');
      expect(await element.save()).to.equal(false);
      await element.updateComplete;
      expect(inside(element, '[part~="alert"]').getAttribute('role')).to.equal('alert');
      expect(text(element, 'alert')).to.equal(
        'Baylink could not be reached. Check your connection and try again.',
      );
      expect(element.dirty).to.equal(true);
      expect(await element.save()).to.equal(true);
      expect(text(element, 'alert')).to.equal('');
    });
  });

  describe('the character counter', () => {
    it('counts as the user types and warns near the limit', async () => {
      const element = await render();
      await typeText(element, 'x'.repeat(10));
      expect(text(element, 'counter')).to.equal('10/500 10 of 500 characters');
      await typeText(element, 'x'.repeat(SIGNATURE_MAX_LENGTH - SIGNATURE_NEAR_LIMIT + 8));
      expect(text(element, 'counter')).to.contain('42 characters left');
      expect(inside(element, '[part~="counter"]').classList.contains('near')).to.equal(true);
      await typeText(element, 'x'.repeat(SIGNATURE_MAX_LENGTH - 1));
      expect(text(element, 'counter')).to.contain('1 character left');
    });

    it('announces the characters left politely once typing pauses, near the limit only', async () => {
      const element = await render();
      const region = () =>
        [...(element.shadowRoot?.querySelectorAll('[aria-live="polite"]') ?? [])].find(
          (node) => !node.matches('[part~="status"]'),
        ) as HTMLElement;
      await typeText(element, 'x'.repeat(100));
      await aTimeout(900);
      expect(region().textContent?.trim()).to.equal('');
      await typeText(element, 'x'.repeat(SIGNATURE_MAX_LENGTH - 20));
      // Not while the user is still typing…
      expect(region().textContent?.trim()).to.equal('');
      // …but once they pause.
      await waitUntil(() => region().textContent?.trim() === '20 characters left', 'announced');
      expect(region().getAttribute('role')).to.equal('status');
    });

    it('marks a text over the limit and refuses to save it without calling the API', async () => {
      const memory = client();
      const element = await render(memory);
      await typeText(element, 'y'.repeat(SIGNATURE_MAX_LENGTH + 3));
      expect(text(element, 'counter')).to.contain('3 characters too many');
      expect(inside(element, '[part~="counter"]').classList.contains('over')).to.equal(true);
      expect(field(element).getAttribute('aria-invalid')).to.equal('true');
      expect(await element.save()).to.equal(false);
      await element.updateComplete;
      expect(memory.callsOf('signature.update')).to.have.length(0);
      expect(descriptionOf(element, field(element))).to.contain('Use 500 characters or fewer.');
      expect(deepActiveElement()).to.equal(field(element));
      await typeText(element, 'y'.repeat(SIGNATURE_MAX_LENGTH));
      expect(descriptionOf(element, field(element))).not.to.contain('Use 500 characters or fewer.');
    });

    it('speaks French: plural rules and no-break spaces', async () => {
      const element = await render(client({ me: { language: 'fr' } }));
      await typeText(element, 'x'.repeat(SIGNATURE_MAX_LENGTH - 1));
      expect(text(element, 'counter')).to.contain('Il reste 1\u00a0caractère');
      await typeText(element, 'x'.repeat(SIGNATURE_MAX_LENGTH + 2));
      expect(text(element, 'counter')).to.contain('2\u00a0caractères de trop');
    });
  });

  describe('keyboard and screen readers', () => {
    it('works with the keyboard alone: Tab, Space on the switch, typing, Enter on the button', async () => {
      const memory = client({ signature: { enabled: false } });
      const element = await render(memory);
      const start = await fixture<HTMLButtonElement>(html`<button>before</button>`);
      element.before(start);
      start.focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(toggle(element));
      await sendKeys({ press: 'Space' });
      await element.updateComplete;
      expect(toggle(element).checked).to.equal(true);
      expect(toggle(element).getAttribute('aria-checked') ?? 'native').to.equal('native');
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(field(element));
      await sendKeys({ type: 'Alex' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: 'Parts' });
      await element.updateComplete;
      expect(previewSignature(element)).to.equal('Alex\nParts');
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(saveButton(element));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => text(element, 'status') === 'Your signature was updated.', 'saved');
      expect(memory.callsOf('signature.update')[0]?.args).to.deep.equal([
        { enabled: true, text: 'Alex\nParts' },
      ]);
    });

    it('saves with Ctrl+Enter from the field', async () => {
      const memory = client();
      const element = await render(memory);
      field(element).focus();
      await sendKeys({ type: 'Alex' });
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await waitUntil(() => memory.callsOf('signature.update').length === 1, 'saved');
      expect(field(element).value).to.equal('Alex');
    });

    it('passes axe in light and dark, on and off, empty and near the limit', async () => {
      const element = await render();
      await expectAccessible(element);
      await typeText(element, 'z'.repeat(SIGNATURE_MAX_LENGTH - 5));
      toggle(element).click();
      await element.updateComplete;
      await expectAccessible(element);
      element.theme = 'dark';
      await element.updateComplete;
      await expectAccessible(element);
      await emulateMedia({ colorScheme: 'dark' });
      element.theme = undefined;
      await typeText(element, 'z'.repeat(SIGNATURE_MAX_LENGTH + 5));
      await element.save();
      await element.updateComplete;
      await expectAccessible(element);
    });
  });

  describe('layout and styling', () => {
    async function inContainer(width: string): Promise<BaySignatureSection> {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: ${width}"><bay-signature-section .client=${client()}></bay-signature-section></div>`,
      );
      const element = wrapper.querySelector('bay-signature-section') as BaySignatureSection;
      await element.updateComplete;
      return element;
    }

    const columns = (element: BaySignatureSection) =>
      getComputedStyle(inside(element, '.layout')).gridTemplateColumns.split(' ').length;

    it('puts the preview beside the form on a desktop-wide container', async () => {
      const element = await inContainer('1000px');
      expect(columns(element)).to.equal(2);
      const form = inside(element, 'form').getBoundingClientRect();
      const preview = inside(element, '[part~="preview"]').getBoundingClientRect();
      expect(preview.left).to.be.greaterThan(form.right - 1);
    });

    it('stacks into one column on a phone-wide container, whatever the viewport', async () => {
      const element = await inContainer('360px');
      expect(columns(element)).to.equal(1);
      const form = inside(element, 'form').getBoundingClientRect();
      const preview = inside(element, '[part~="preview"]').getBoundingClientRect();
      expect(preview.top).to.be.greaterThan(form.bottom - 1);
      const container = (element.parentElement as HTMLElement).getBoundingClientRect();
      expect(preview.right).to.be.at.most(container.right + 1);
      expect(field(element).getBoundingClientRect().right).to.be.at.most(container.right + 1);
    });

    it('takes --bay-* tokens and ::part() styles from the page', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div
        style="--bay-color-accent: rgb(10, 120, 30); --bay-signature-section-bubble-background: rgb(1, 2, 3)"
      >
        <style>
          bay-signature-section::part(textarea) { border-color: rgb(200, 0, 0); }
        </style>
        <bay-signature-section .client=${client()}></bay-signature-section>
      </div>`);
      const element = wrapper.querySelector('bay-signature-section') as BaySignatureSection;
      await element.updateComplete;
      await typeText(element, 'Alex');
      expect(getComputedStyle(saveButton(element)).backgroundColor).to.equal('rgb(10, 120, 30)');
      expect(getComputedStyle(toggle(element)).backgroundColor).to.equal('rgb(10, 120, 30)');
      expect(getComputedStyle(inside(element, '.bubble')).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(field(element)).borderTopColor).to.equal('rgb(200, 0, 0)');
    });

    it('uses dark colours with theme="dark"', async () => {
      const element = await render();
      expect(getComputedStyle(element).backgroundColor).to.equal('rgb(255, 255, 255)');
      element.theme = 'dark';
      await element.updateComplete;
      expect(getComputedStyle(element).backgroundColor).to.equal('rgb(22, 24, 29)');
    });

    it('names every part it documents', async () => {
      const element = await render(client({ signature: { text: 'Alex' } }));
      await typeText(element, 'Alex!');
      await element.save();
      await element.updateComplete;
      const present = new Set(
        [...(element.shadowRoot?.querySelectorAll('[part]') ?? [])].flatMap((node) =>
          (node.getAttribute('part') ?? '').split(/\s+/),
        ),
      );
      // `error` shows only with an error: checked in the saving tests.
      for (const part of SIGNATURE_SECTION_PARTS.filter((name) => name !== 'error')) {
        expect(present.has(part), part).to.equal(true);
      }
    });
  });

  describe('in the settings panel', () => {
    it('describes itself for the panel: name, label and the element with its parts', () => {
      expect(signatureSettingsSection.name).to.equal('signature');
      expect(signatureSettingsSection.label).to.equal('settings.section.signature');
    });
  });
});
