/// <reference types="mocha" />
import { expect, fixture, html, unsafeStatic, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BaylinkElement } from '../internal/baylink-element.ts';
import { type PlainTranslationKey, registerTranslation } from '../internal/localize.ts';
import '../provider/bay-provider.ts';
import type { BayProvider } from '../provider/provider.ts';
import { deepText, expectAccessible } from '../testing/helpers.ts';
import { createMemoryClient, type MemoryClient } from '../testing/memory-client.ts';
import { en } from '../translations/en.ts';
import { fr } from '../translations/fr.ts';

/**
 * The shared suites of `src/testing/suites.ts`, for the elements shown before anyone is signed
 * in (`<bay-login>`, `<bay-password-reset>`): there is no user whose language to follow, so
 * they localize from their own `lang`, the closest `[lang]` ancestor or the document, and they
 * must not ask the client for a profile.
 */
export interface AuthSuiteOptions {
  tag: string;
  /** Attributes every instance gets (`token`, `account-id`…). */
  attributes?: Record<string, string>;
  heading: { en: string; fr: string };
  labels: { en: string[]; fr: string[] };
  overridable: PlainTranslationKey;
}

async function mount(
  options: AuthSuiteOptions,
  client: MemoryClient | undefined,
  wrapper: { lang?: string | null; dir?: string } = {},
): Promise<BaylinkElement> {
  const name = unsafeStatic(options.tag);
  const host = await fixture<HTMLDivElement>(
    html`<div lang=${ifDefined(wrapper.lang === null ? undefined : (wrapper.lang ?? 'en'))} dir=${wrapper.dir ?? 'ltr'}>
      <${name} .client=${client}></${name}>
    </div>`,
  );
  const element = host.querySelector(options.tag) as BaylinkElement;
  for (const [attribute, value] of Object.entries(options.attributes ?? {})) {
    element.setAttribute(attribute, value);
  }
  await element.updateComplete;
  return element;
}

async function settle(element: BaylinkElement): Promise<void> {
  await element.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

export function authElementLocalizes(options: AuthSuiteOptions): void {
  const { tag, heading, labels } = options;

  describe(`<${tag}> localizes (shared suite, before sign-in)`, () => {
    it('renders in English, and in French under a French ancestor', async () => {
      const english = await mount(options, createMemoryClient());
      await settle(english);
      for (const label of [heading.en, ...labels.en]) expect(deepText(english)).to.contain(label);
      const french = await mount(options, createMemoryClient(), { lang: 'fr-CA' });
      await settle(french);
      for (const label of [heading.fr, ...labels.fr]) expect(deepText(french)).to.contain(label);
      expect(deepText(french)).not.to.contain(heading.en);
    });

    it('lets its own lang attribute win, and follows its changes', async () => {
      const element = await mount(options, createMemoryClient(), { lang: 'fr' });
      element.setAttribute('lang', 'en');
      await settle(element);
      expect(deepText(element)).to.contain(heading.en);
      element.setAttribute('lang', 'fr');
      await settle(element);
      expect(deepText(element)).to.contain(heading.fr);
    });

    it('follows the document’s lang when nothing closer says', async () => {
      const previous = document.documentElement.lang;
      try {
        document.documentElement.lang = 'fr';
        const element = await mount(options, createMemoryClient(), { lang: null });
        await settle(element);
        expect(deepText(element)).to.contain(heading.fr);
        document.documentElement.lang = 'en';
        await waitUntil(() => deepText(element).includes(heading.en), 'follows <html lang>');
      } finally {
        document.documentElement.lang = previous;
      }
    });

    it('does not follow the client’s user, and asks the client for no profile', async () => {
      const client = createMemoryClient({ loaded: false, me: { language: 'fr' } });
      const element = await mount(options, client, { lang: 'en' });
      await settle(element);
      expect(deepText(element)).to.contain(heading.en);
      expect(client.callsOf('get')).to.have.length(0);
      expect(client.subscriberCount).to.equal(0);
    });

    it('takes its direction from the closest [dir] ancestor', async () => {
      const element = await mount(options, createMemoryClient(), { dir: 'rtl' });
      await settle(element);
      expect(element.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('dir')).to.equal(
        'rtl',
      );
    });

    it('takes string overrides from registerTranslation and from its strings property', async () => {
      const key = options.overridable;
      const element = await mount(options, createMemoryClient(), { lang: 'fr' });
      await settle(element);
      try {
        registerTranslation('fr', { [key]: 'Texte de l’intégrateur' });
        await settle(element);
        expect(deepText(element)).to.contain('Texte de l’intégrateur');
      } finally {
        registerTranslation('fr', { [key]: fr[key] });
      }
      element.strings = { '*': { [key]: 'Any language' } };
      element.setAttribute('lang', 'en');
      await settle(element);
      expect(deepText(element)).to.contain('Any language');
      expect(deepText(element)).not.to.contain(en[key]);
    });

    it('takes its client from <bay-provider>, or its own client property', async () => {
      const name = unsafeStatic(tag);
      const provided = createMemoryClient();
      const provider = await fixture<BayProvider>(
        html`<bay-provider .client=${provided}><${name}></${name}></bay-provider>`,
      );
      const element = provider.querySelector(tag) as BaylinkElement;
      await settle(element);
      expect(element.activeClient).to.equal(provided);
      const own = createMemoryClient();
      element.client = own;
      await settle(element);
      expect(element.activeClient).to.equal(own);
    });

    it('passes an accessibility check in English and in French, light and dark', async () => {
      const english = await mount(options, createMemoryClient());
      await settle(english);
      await expectAccessible(english);
      const french = await mount(options, createMemoryClient(), { lang: 'fr' });
      french.setAttribute('theme', 'dark');
      await settle(french);
      await expectAccessible(french);
    });
  });
}
