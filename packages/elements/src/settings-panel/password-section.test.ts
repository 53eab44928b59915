/// <reference types="mocha" />
import { BaylinkError } from '@baylink/sdk';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { deepActiveElement, deepText, expectAccessible } from '../testing/helpers.ts';
import { createMemoryClient, type MemoryClient } from '../testing/memory-client.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import './bay-password-section.ts';
import { type BayPasswordSection, passwordSettingsSection } from './password-section.ts';
import type { BaySettingsDirtyEvent } from './settings-events.ts';

async function render(
  client: MemoryClient = createMemoryClient(),
  attributes: Record<string, string> = {},
): Promise<BayPasswordSection> {
  const element = await fixture<BayPasswordSection>(
    html`<bay-password-section .client=${client}></bay-password-section>`,
  );
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  await waitUntil(
    () => element.shadowRoot?.querySelector('form, [part~="notice"], [role="alert"]:not(:empty)'),
    'the password settings loaded',
  );
  await element.updateComplete;
  return element;
}

function inside<E extends Element = HTMLElement>(element: HTMLElement, selector: string): E {
  const found = element.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`No ${selector} in <${element.localName}>`);
  return found;
}

function control(element: HTMLElement, name: string): HTMLInputElement {
  return inside<HTMLInputElement>(element, `input[name="${name}"]`);
}

function saveButton(element: HTMLElement): HTMLButtonElement {
  return inside<HTMLButtonElement>(element, '[part~="save-button"]');
}

async function type(element: BayPasswordSection, name: string, value: string): Promise<void> {
  const input = control(element, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

async function fill(
  element: BayPasswordSection,
  values: { password?: string; confirmation?: string; current?: string },
): Promise<void> {
  for (const [name, value] of Object.entries(values)) await type(element, name, value);
}

function labelOf(element: HTMLElement, name: string): string {
  return (
    inside(element, `label[for="${control(element, name).id}"]`)
      .textContent?.replace(/\s+/g, ' ')
      .trim() ?? ''
  );
}

function errorOf(element: HTMLElement, name: string): string | undefined {
  const ids = control(element, name).getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids
    .map((id) => element.shadowRoot?.getElementById(id))
    .find((node) => node?.matches('[part~="error"]'));
  return error?.textContent?.trim();
}

function rules(element: HTMLElement): Array<[string, string]> {
  return Array.from(element.shadowRoot?.querySelectorAll<HTMLElement>('[part~="rule"]') ?? []).map(
    (rule) => [rule.dataset.rule ?? '', rule.dataset.state ?? ''],
  );
}

function text(element: HTMLElement, selector: string): string {
  return inside(element, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

const sharedOptions = {
  tag: 'bay-password-section',
  heading: { en: 'Change password', fr: 'Changer le mot de passe' },
  labels: {
    en: ['Password (6 characters min)', 'Password confirmation', 'Current password'],
    fr: ['Mot de passe (6 caractères min.)', 'Confirmation du mot de passe', 'Mot de passe actuel'],
  },
  overridable: 'password.current' as const,
  shownUser: () => undefined,
};

// Two clients are told apart by their accounts' rules: each client the suite makes gets its own
// minimum length, which the section must load again from the new client and show in its label.
const namesByMinLength = new Map<number, string>();

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient({
  ...sharedOptions,
  seed(client: MemoryClient) {
    const minLength = 7 + namesByMinLength.size;
    namesByMinLength.set(minLength, client.profile.name);
    client.passwordAuth.policy = { ...client.passwordAuth.policy, minLength };
  },
  async shownUser(element: HTMLElement) {
    let label = '';
    await waitUntil(() => {
      label = element.shadowRoot?.querySelector('label[for="password"]')?.textContent ?? '';
      return /\d+/.test(label);
    }, 'the new password’s label');
    return namesByMinLength.get(Number(/\d+/.exec(label)?.[0]));
  },
});

describe('<bay-password-section>', () => {
  before(() => {
    (customElements.get('bay-password-section') as typeof BayPasswordSection).announceDelay = 50;
  });

  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 1024, height: 768 });
  });

  describe('rendering', () => {
    it('shows the article’s fields, each a password field with its autocomplete and a show button', async () => {
      const element = await render();
      expect(text(element, '[part~="header"]')).to.equal('Change password');
      expect(labelOf(element, 'password')).to.equal('Password (6 characters min)');
      expect(labelOf(element, 'confirmation')).to.equal('Password confirmation');
      expect(labelOf(element, 'current')).to.equal('Current password');
      expect(
        ['password', 'confirmation', 'current'].map((name) => [
          control(element, name).type,
          control(element, name).autocomplete,
        ]),
      ).to.deep.equal([
        ['password', 'new-password'],
        ['password', 'new-password'],
        ['password', 'current-password'],
      ]);
      const toggles = Array.from(
        element.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="toggle"]') ?? [],
      );
      expect(toggles.map((toggle) => toggle.getAttribute('aria-label'))).to.deep.equal([
        'Show new password',
        'Show password confirmation',
        'Show current password',
      ]);
      // Password managers learn which account the new password is for.
      const username = control(element, 'username');
      expect(username.autocomplete).to.equal('username');
      expect(username.value).to.equal('alex.martin@example.com');
      expect(saveButton(element).textContent?.trim()).to.equal('Change password');
    });

    it('lists the article’s rule by default and the account’s stricter rule when it has one', async () => {
      const element = await render();
      expect(text(element, '[part~="rules"]')).to.contain('Your password must have:');
      expect(rules(element)).to.deep.equal([
        ['length', 'pending'],
        ['letter', 'pending'],
        ['digit', 'pending'],
      ]);
      expect(text(element, '[part~="rules"]')).to.contain('At least 6 characters');

      const strict = await render(
        createMemoryClient({
          auth: { policy: { minLength: 12, requireMixedCase: true, requireSymbol: true } },
        }),
      );
      expect(labelOf(strict, 'password')).to.equal('Password (12 characters min)');
      expect(rules(strict).map(([rule]) => rule)).to.deep.equal([
        'length',
        'letter',
        'digit',
        'mixedCase',
        'symbol',
      ]);
      expect(text(strict, '[part~="rules"]')).to.contain('At least 12 characters');
      expect(text(strict, '[part~="rules"]')).to.contain('Upper and lower case letters');
      expect(control(strict, 'password').getAttribute('aria-describedby')).to.contain(
        'password-rules',
      );
    });

    it('shows the French labels of the help article', async () => {
      const element = await render(createMemoryClient({ me: { language: 'fr' } }));
      expect(text(element, '[part~="header"]')).to.equal('Changer le mot de passe');
      expect(labelOf(element, 'password')).to.equal('Mot de passe (6 caractères min.)');
      expect(labelOf(element, 'confirmation')).to.equal('Confirmation du mot de passe');
      expect(labelOf(element, 'current')).to.equal('Mot de passe actuel');
      expect(saveButton(element).textContent?.trim()).to.equal('Changer le mot de passe');
      expect(text(element, '[part~="rules"]')).to.contain('Votre mot de passe doit comporter');
      expect(text(element, '[part~="rules"]')).to.contain('Au moins 6 caractères');
      expect(text(element, '[part~="rules"]')).to.contain('Des lettres');
      expect(text(element, '[part~="rules"]')).to.contain('Des chiffres');
    });

    it('says when the password was last changed', async () => {
      const element = await render(
        createMemoryClient({ auth: { changedAt: '2026-03-14T15:00:00.000Z' } }),
      );
      expect(deepText(element)).to.contain('Last changed March 14, 2026.');
    });

    it('shows a notice instead of the form when the account signs in through the host', async () => {
      const client = createMemoryClient({ auth: { enabled: false } });
      const element = await render(client);
      expect(element.shadowRoot?.querySelector('form')).to.equal(null);
      expect(text(element, '[part~="notice"]')).to.contain(
        'You sign in through your dealership’s software',
      );
      expect(element.applicable).to.equal(false);
      expect(await passwordSettingsSection.available?.(client)).to.equal(false);
      expect(await passwordSettingsSection.available?.(createMemoryClient())).to.equal(true);
    });

    it('offers to try again when the settings cannot be loaded', async () => {
      const client = createMemoryClient();
      client.failNext({}, 'auth.settings');
      const element = await render(client);
      expect(text(element, '[role="alert"]')).to.contain('Baylink could not be reached');
      inside<HTMLButtonElement>(element, 'button').click();
      await waitUntil(() => element.shadowRoot?.querySelector('form'), 'form after retry');
      expect(element.applicable).to.equal(true);
    });

    it('fits a phone screen', async () => {
      await setViewport({ width: 360, height: 740 });
      const element = await render();
      await fill(element, { password: 'short' });
      expect(element.getBoundingClientRect().width).to.be.at.most(360);
      for (const field of ['password', 'confirmation', 'current']) {
        const input = control(element, field).getBoundingClientRect();
        const toggle = control(element, field).nextElementSibling?.getBoundingClientRect();
        expect(input.width).to.be.greaterThan(150);
        expect(toggle?.right ?? 0).to.be.at.most(element.getBoundingClientRect().right + 0.5);
        expect(toggle?.height ?? 0).to.be.at.least(44);
      }
      expect(element.shadowRoot?.querySelector('section')?.scrollWidth).to.be.at.most(
        element.clientWidth,
      );
    });

    it('passes an accessibility check with errors, in French and in dark mode', async () => {
      const element = await render();
      await fill(element, { password: 'abc', confirmation: 'abd' });
      await element.save();
      expect(errorOf(element, 'password')).to.not.equal(undefined);
      await expectAccessible(element);
      element.setAttribute('theme', 'dark');
      await element.updateComplete;
      await expectAccessible(element);
      await emulateMedia({ colorScheme: 'dark' });
      const french = await render(createMemoryClient({ me: { language: 'fr' } }));
      await fill(french, { password: 'abcdef1' });
      await expectAccessible(french);
    });
  });

  describe('rule checks as the user types', () => {
    it('marks each rule met or not, in words as well as ✓ and ✗', async () => {
      const element = await render();
      await type(element, 'password', 'abc');
      expect(rules(element)).to.deep.equal([
        ['length', 'unmet'],
        ['letter', 'met'],
        ['digit', 'unmet'],
      ]);
      const [length, letter] = Array.from(
        element.shadowRoot?.querySelectorAll<HTMLElement>('[part~="rule"]') ?? [],
      );
      expect(length?.textContent?.replace(/\s+/g, ' ')).to.contain('✗');
      expect(length?.textContent).to.contain('(not met yet)');
      expect(letter?.textContent).to.contain('✓');
      expect(letter?.textContent).to.contain('(met)');
      expect(letter?.getAttribute('part')).to.contain('rule-met');
      await type(element, 'password', 'abcdef12');
      expect(rules(element).every(([, state]) => state === 'met')).to.equal(true);
    });

    it('sums the checks up in a polite live region once typing pauses', async () => {
      const element = await render();
      const announcer = inside(element, '[part~="announcer"]');
      expect(announcer.getAttribute('role')).to.equal('status');
      await type(element, 'password', 'a');
      await type(element, 'password', 'ab');
      await waitUntil(() => announcer.textContent?.trim(), 'announced');
      expect(announcer.textContent?.trim()).to.equal('Password rules met: 1 of 3.');
      await type(element, 'password', 'abcdef1');
      await waitUntil(
        () => announcer.textContent?.includes('every rule'),
        'announced every rule met',
      );
      expect(announcer.textContent?.trim()).to.equal('Your password meets every rule.');
    });

    it('shows and hides a password with its button', async () => {
      const element = await render();
      await type(element, 'password', 'abcdef12');
      const toggle = inside<HTMLButtonElement>(
        element,
        '[part~="toggle"][aria-controls="password"]',
      );
      toggle.click();
      await element.updateComplete;
      expect(control(element, 'password').type).to.equal('text');
      expect(toggle.getAttribute('aria-label')).to.equal('Hide new password');
      expect(toggle.textContent?.trim()).to.equal('Hide');
      expect(control(element, 'password').value).to.equal('abcdef12');
      toggle.click();
      await element.updateComplete;
      expect(control(element, 'password').type).to.equal('password');
      expect(toggle.getAttribute('aria-label')).to.equal('Show new password');
    });
  });

  describe('checks before sending', () => {
    it('refuses empty fields without calling the API, and focuses the first', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      saveButton(element).click();
      await waitUntil(() => errorOf(element, 'password'), 'errors shown');
      expect(errorOf(element, 'password')).to.equal('Enter a new password.');
      expect(errorOf(element, 'confirmation')).to.equal(
        'Enter the new password again to confirm it.',
      );
      expect(errorOf(element, 'current')).to.equal('Enter your current password.');
      expect(control(element, 'password').getAttribute('aria-invalid')).to.equal('true');
      expect(deepActiveElement()).to.equal(control(element, 'password'));
      expect(client.callsOf('auth.changePassword')).to.have.length(0);
    });

    it('says when the confirmation does not match, and clears it once it does', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await fill(element, { password: 'newpass12', confirmation: 'newpass13', current: 'x' });
      expect(await element.save()).to.equal(false);
      expect(errorOf(element, 'confirmation')).to.equal('The passwords do not match.');
      expect(errorOf(element, 'password')).to.equal(undefined);
      expect(deepActiveElement()).to.equal(control(element, 'confirmation'));
      // Fixing the new password instead also clears it.
      await type(element, 'password', 'newpass13');
      expect(errorOf(element, 'confirmation')).to.equal(undefined);
      expect(client.callsOf('auth.changePassword')).to.have.length(0);
    });

    it('refuses a password that breaks the rule, naming the rule', async () => {
      const element = await render();
      await fill(element, { password: 'abcdefgh', confirmation: 'abcdefgh', current: 'old' });
      await element.save();
      expect(errorOf(element, 'password')).to.equal('Include at least one number.');
      await type(element, 'password', 'ab1');
      expect(errorOf(element, 'password')).to.equal('Use at least 6 characters.');
      await type(element, 'password', '123456');
      expect(errorOf(element, 'password')).to.equal('Include at least one letter.');
    });

    it('refuses the current password as the new one', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await fill(element, {
        password: 'baylink-demo-1',
        confirmation: 'baylink-demo-1',
        current: 'baylink-demo-1',
      });
      await element.save();
      expect(errorOf(element, 'password')).to.equal(
        'Choose a password different from your current one.',
      );
      expect(client.callsOf('auth.changePassword')).to.have.length(0);
    });
  });

  describe('saving', () => {
    it('shows a saving state, then says the password was changed and clears the fields', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await fill(element, {
        password: 'winter-2026',
        confirmation: 'winter-2026',
        current: 'baylink-demo-1',
      });
      inside<HTMLButtonElement>(element, '[aria-controls="password"]').click();
      client.hold();
      const saving = element.save();
      await element.updateComplete;
      expect(saveButton(element).textContent?.trim()).to.equal('Changing password…');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      expect(inside(element, 'form').getAttribute('aria-busy')).to.equal('true');
      // The password went back to dots when it was sent.
      expect(control(element, 'password').type).to.equal('password');
      client.release();
      expect(await saving).to.equal(true);
      await element.updateComplete;
      expect(text(element, '[part~="status"]')).to.equal('Your password was changed.');
      expect(inside(element, '[part~="status"]').getAttribute('role')).to.equal('status');
      for (const name of ['password', 'confirmation', 'current']) {
        expect(control(element, name).value).to.equal('');
      }
      expect(client.passwordAuth.password).to.equal('winter-2026');
      expect(client.callsOf('auth.changePassword')).to.have.length(1);
      await waitUntil(() => deepText(element).includes('Last changed'), 'changed date shown');
    });

    it('tells the panel when it holds unsaved passwords, and when it no longer does', async () => {
      const element = await render();
      const events: boolean[] = [];
      element.addEventListener('bay-settings-dirty', (event: BaySettingsDirtyEvent) =>
        events.push(event.detail.dirty),
      );
      expect(element.dirty).to.equal(false);
      const dirty = oneEvent(element, 'bay-settings-dirty');
      await type(element, 'password', 'w');
      expect((await dirty).bubbles && (await dirty).composed).to.equal(true);
      expect(element.dirty).to.equal(true);
      await type(element, 'password', 'wi');
      await fill(element, {
        password: 'winter-2026',
        confirmation: 'winter-2026',
        current: 'baylink-demo-1',
      });
      await element.save();
      await element.updateComplete;
      expect(element.dirty).to.equal(false);
      expect(events).to.deep.equal([true, false]);
    });

    it('shows the API’s wrong current password on its field, in the user’s language', async () => {
      const client = createMemoryClient({ me: { language: 'fr' } });
      const element = await render(client);
      await fill(element, {
        password: 'winter-2026',
        confirmation: 'winter-2026',
        current: 'nope',
      });
      expect(await element.save()).to.equal(false);
      expect(errorOf(element, 'current')).to.equal('Votre mot de passe actuel n’est pas le bon.');
      expect(control(element, 'current').getAttribute('aria-invalid')).to.equal('true');
      expect(deepActiveElement()).to.equal(control(element, 'current'));
      expect(client.passwordAuth.password).to.equal('baylink-demo-1');
    });

    it('maps the API’s 400 details onto their fields', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      client.failNext(
        {
          status: 400,
          code: 'validation_failed',
          details: [
            { path: 'password', message: 'This password is too common' },
            { path: 'confirmation', message: 'Does not match' },
          ],
        },
        'auth.changePassword',
      );
      await fill(element, {
        password: 'password1',
        confirmation: 'password1',
        current: 'baylink-demo-1',
      });
      expect(await element.save()).to.equal(false);
      expect(errorOf(element, 'password')).to.equal('This password is too common');
      expect(errorOf(element, 'confirmation')).to.equal('The passwords do not match.');
      expect(text(element, '[part~="alert"]')).to.equal('');
    });

    it('says how long to wait when the API answers 429', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      const limited = new BaylinkError({
        status: 429,
        code: 'rate_limited',
        message: 'Too many attempts',
      });
      Object.assign(limited, { retryAfter: 300 });
      client.failNext(limited, 'auth.changePassword');
      await fill(element, {
        password: 'winter-2026',
        confirmation: 'winter-2026',
        current: 'baylink-demo-1',
      });
      expect(await element.save()).to.equal(false);
      expect(text(element, '[part~="alert"]')).to.equal(
        'Too many attempts. Try again in 5 minutes.',
      );
      expect(inside(element, '[part~="alert"]').getAttribute('role')).to.equal('alert');
      // What was typed stays, to try again later.
      expect(control(element, 'current').value).to.equal('baylink-demo-1');

      element.setAttribute('lang', 'fr');
      await element.updateComplete;
      expect(text(element, '[part~="alert"]')).to.equal(
        'Trop de tentatives. Réessayez dans 5 minutes.',
      );
    });

    it('says when the API could not be reached', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      client.failNext({}, 'auth.changePassword');
      await fill(element, {
        password: 'winter-2026',
        confirmation: 'winter-2026',
        current: 'baylink-demo-1',
      });
      await element.save();
      expect(text(element, '[part~="alert"]')).to.contain('Baylink could not be reached');
    });

    it('is usable from the keyboard alone: Tab through fields and buttons, Enter saves', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      control(element, 'password').focus();
      await sendKeys({ type: 'spring-2026' });
      const order: string[] = [];
      for (let index = 0; index < 6; index += 1) {
        await sendKeys({ press: 'Tab' });
        const active = deepActiveElement();
        order.push(
          active?.getAttribute('name') ??
            `${active?.getAttribute('part')}:${active?.getAttribute('aria-controls') ?? ''}`,
        );
      }
      expect(order).to.deep.equal([
        'toggle:password',
        'confirmation',
        'toggle:confirmation',
        'current',
        'toggle:current',
        'save-button:',
      ]);
      // Space on a show button shows the password.
      control(element, 'confirmation').focus();
      await sendKeys({ type: 'spring-2026' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Space' });
      await element.updateComplete;
      expect(control(element, 'confirmation').type).to.equal('text');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'baylink-demo-1' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => deepText(element).includes('Your password was changed.'), 'saved');
      expect(client.passwordAuth.password).to.equal('spring-2026');
    });
  });
});
