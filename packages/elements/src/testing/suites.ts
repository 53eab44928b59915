/// <reference types="mocha" />
import { expect, fixture, html, unsafeStatic, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BaylinkElement } from '../internal/baylink-element.ts';
import { type PlainTranslationKey, registerTranslation } from '../internal/localize.ts';
import '../provider/bay-provider.ts';
import type { BayProvider } from '../provider/provider.ts';
import { en } from '../translations/en.ts';
import { deepQuery, deepText, expectAccessible } from './helpers.ts';
import { createMemoryClient, type MemoryClient } from './memory-client.ts';

/**
 * Suites every element's tests run ("every element localizes", "every element re-renders
 * when the client changes"), so a new element gets the same guarantees by calling them.
 */

export interface SharedSuiteOptions {
  /** The element's tag, already defined. */
  tag: string;
  /** The heading the element shows in each language, even before the profile has loaded. */
  heading: { en: string; fr: string };
  /** Other labels it shows once the profile is loaded, in each language (same order). */
  labels: { en: string[]; fr: string[] };
  /** A string the element shows, to check overrides. */
  overridable: PlainTranslationKey;
  /**
   * What the element shows of the signed-in user (to tell two clients apart); it may open the
   * element first and answer asynchronously.
   */
  shownUser(element: HTMLElement): string | undefined | Promise<string | undefined>;
  /** Fills every memory client the suites make (for elements that show more than the profile). */
  seed?(client: MemoryClient): void;
}

async function mount(
  tag: string,
  options: { client?: MemoryClient; lang?: string },
): Promise<BaylinkElement> {
  const name = unsafeStatic(tag);
  const element = await fixture<BaylinkElement>(
    html`<${name} .client=${options.client} lang=${ifDefined(options.lang)}></${name}>`,
  );
  await element.updateComplete;
  return element;
}

async function settle(element: Element): Promise<void> {
  // Nested elements update after their parent; give them a frame.
  await (element as BaylinkElement).updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  for (const nested of element.shadowRoot?.querySelectorAll('*') ?? []) {
    if ('updateComplete' in nested) await (nested as BaylinkElement).updateComplete;
  }
}

/** A memory client, seeded as the element's suite options ask. */
function seeded(
  options: SharedSuiteOptions,
  clientOptions?: Parameters<typeof createMemoryClient>[0],
): MemoryClient {
  const client = createMemoryClient(clientOptions);
  options.seed?.(client);
  return client;
}

/** Every element renders in English and French and follows the language rules. */
export function everyElementLocalizes(options: SharedSuiteOptions): void {
  const { tag, heading, labels } = options;
  const createMemoryClient = (clientOptions?: Parameters<typeof seeded>[1]) =>
    seeded(options, clientOptions);

  describe(`<${tag}> localizes (shared suite)`, () => {
    it('renders in English for a user who prefers English', async () => {
      const element = await mount(tag, { client: createMemoryClient({ me: { language: 'en' } }) });
      await settle(element);
      const text = deepText(element);
      for (const label of [heading.en, ...labels.en]) expect(text).to.contain(label);
    });

    it('renders in French for a user who prefers French', async () => {
      const element = await mount(tag, { client: createMemoryClient({ me: { language: 'fr' } }) });
      await settle(element);
      const text = deepText(element);
      for (const label of [heading.fr, ...labels.fr]) expect(text).to.contain(label);
      expect(text).not.to.contain(heading.en);
    });

    it('lets its own lang attribute win over the user’s language', async () => {
      const client = createMemoryClient({ me: { language: 'fr' } });
      const element = await mount(tag, { client, lang: 'en' });
      await settle(element);
      expect(deepText(element)).to.contain(heading.en);
      element.setAttribute('lang', 'fr-CA');
      await settle(element);
      expect(deepText(element)).to.contain(heading.fr);
    });

    it('uses the closest [lang] ancestor while the profile is not known', async () => {
      const client = createMemoryClient({ loaded: false });
      client.hold();
      const name = unsafeStatic(tag);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="fr"><${name} .client=${client}></${name}></div>`,
      );
      const element = wrapper.firstElementChild as BaylinkElement;
      await settle(element);
      expect(deepText(element)).to.contain(heading.fr);
      client.release();
      await waitUntil(() => deepText(element).includes(heading.en), 'follows the loaded profile');
    });

    it('follows the document’s lang when nothing closer says', async () => {
      const previous = document.documentElement.lang;
      const client = createMemoryClient({ loaded: false });
      client.hold();
      try {
        document.documentElement.lang = 'en';
        const element = await mount(tag, { client });
        await settle(element);
        expect(deepText(element)).to.contain(heading.en);
        document.documentElement.lang = 'fr';
        await waitUntil(() => deepText(element).includes(heading.fr), 'follows <html lang>');
      } finally {
        document.documentElement.lang = previous;
        client.release();
      }
    });

    it('takes its direction from the closest [dir] ancestor', async () => {
      const name = unsafeStatic(tag);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div dir="rtl"><${name} .client=${createMemoryClient()}></${name}></div>`,
      );
      const element = wrapper.firstElementChild as BaylinkElement;
      await settle(element);
      expect(element.resolvedDir).to.equal('rtl');
      expect(element.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('dir')).to.equal(
        'rtl',
      );
      element.setAttribute('dir', 'ltr');
      await settle(element);
      expect(element.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('dir')).to.equal(
        'ltr',
      );
    });

    it('takes string overrides from registerTranslation and from its strings property', async () => {
      const key = options.overridable;
      const element = await mount(tag, { client: createMemoryClient({ me: { language: 'fr' } }) });
      await settle(element);
      try {
        registerTranslation('fr', { [key]: 'Texte de l’intégrateur' });
        await settle(element);
        expect(deepText(element)).to.contain('Texte de l’intégrateur');
      } finally {
        // Registered strings are global to the page: put the built-in one back.
        registerTranslation('fr', { [key]: (await import('../translations/fr.ts')).fr[key] });
      }
      element.strings = { fr: { [key]: 'Texte de cet élément' } };
      await settle(element);
      expect(deepText(element)).to.contain('Texte de cet élément');
      element.strings = { '*': { [key]: 'Any language' } };
      element.setAttribute('lang', 'en');
      await settle(element);
      expect(deepText(element)).to.contain('Any language');
      expect(deepText(element)).not.to.contain(en[key]);
    });

    it('passes an accessibility check in English and in French', async () => {
      const english = await mount(tag, { client: createMemoryClient({ me: { language: 'en' } }) });
      await settle(english);
      await expectAccessible(english);
      const french = await mount(tag, { client: createMemoryClient({ me: { language: 'fr' } }) });
      await settle(french);
      await expectAccessible(french);
    });
  });
}

/** Every element follows its client: property, provider, and changes of either. */
export function everyElementFollowsTheClient(options: SharedSuiteOptions): void {
  const { tag, shownUser } = options;
  const first = () => seeded(options, { me: { name: 'Alex Martin' } });
  const second = () => seeded(options, { me: { name: 'Béatrice Roy' } });

  describe(`<${tag}> re-renders when the client changes (shared suite)`, () => {
    it('shows the user of its client property, and of the next one', async () => {
      const element = await mount(tag, { client: first() });
      await settle(element);
      expect(await shownUser(element)).to.equal('Alex Martin');
      element.client = second();
      await settle(element);
      expect(await shownUser(element)).to.equal('Béatrice Roy');
    });

    it('takes its client from <bay-provider> and follows the provider’s changes', async () => {
      const name = unsafeStatic(tag);
      const provider = await fixture<BayProvider>(
        html`<bay-provider .client=${first()}><div><${name}></${name}></div></bay-provider>`,
      );
      const element = provider.querySelector(tag) as BaylinkElement;
      await settle(element);
      expect(await shownUser(element)).to.equal('Alex Martin');
      provider.client = second();
      await settle(element);
      expect(await shownUser(element)).to.equal('Béatrice Roy');
    });

    it('lets its own client property win over the provider’s', async () => {
      const name = unsafeStatic(tag);
      const provider = await fixture<BayProvider>(
        html`<bay-provider .client=${first()}><${name} .client=${second()}></${name}></bay-provider>`,
      );
      const element = provider.querySelector(tag) as BaylinkElement;
      await settle(element);
      expect(await shownUser(element)).to.equal('Béatrice Roy');
    });

    it('unsubscribes from the client when it leaves the page, and comes back', async () => {
      const client = first();
      const element = await mount(tag, { client });
      await settle(element);
      expect(client.subscriberCount).to.be.greaterThan(0);
      const parent = element.parentElement as HTMLElement;
      element.remove();
      expect(client.subscriberCount).to.equal(0);
      parent.append(element);
      await settle(element);
      expect(client.subscriberCount).to.be.greaterThan(0);
      expect(await shownUser(element)).to.equal('Alex Martin');
    });
  });
}

/** The value of the named control inside `element` (shadow roots included). */
export function controlValue(element: Element, name: string): string | undefined {
  return deepQuery<HTMLInputElement>(element, `[name="${name}"]`)?.value;
}
