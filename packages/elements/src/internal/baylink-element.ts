import type { BaylinkClient, MeState } from '@baylink/sdk';
import { ContextConsumer } from '@lit/context';
import { type CSSResultGroup, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { attachContextRoot, clientContext } from './context.ts';
import {
  matchLanguage,
  onTranslationsChange,
  type StringsByLanguage,
  type TranslationKey,
  type TranslationParams,
  translate,
} from './localize.ts';
import { sharedStyles } from './shared.styles.ts';
import { StoreController } from './store-controller.ts';

const connected = new Set<BaylinkElement>();

function updateAll(): void {
  for (const element of connected) element.requestUpdate();
}

let documentObserver: MutationObserver | undefined;
let stopTranslations: (() => void) | undefined;

/** Watches `<html lang dir>` and registered translations while any element is connected. */
function watchDocument(): void {
  if (!documentObserver && typeof MutationObserver !== 'undefined') {
    documentObserver = new MutationObserver(updateAll);
    documentObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang', 'dir'],
    });
  }
  stopTranslations ??= onTranslationsChange(updateAll);
}

function unwatchDocument(): void {
  if (connected.size > 0) return;
  documentObserver?.disconnect();
  documentObserver = undefined;
  stopTranslations?.();
  stopTranslations = undefined;
}

/** The closest element above `start` with `attribute`, crossing shadow roots. */
function closestAcrossShadow(start: Element, attribute: string): Element | undefined {
  let node: Node | null = start.parentNode;
  while (node) {
    if (node instanceof Element) {
      if (node.hasAttribute(attribute)) return node;
      node = node.parentNode;
    } else if (node instanceof ShadowRoot) {
      node = node.host;
    } else {
      node = null;
    }
  }
  return undefined;
}

const warned = new Set<string>();

/**
 * Registers a custom element once. Loading the library twice (two bundles on one page) does not
 * throw; a different class under a taken name is reported once in the console.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing !== ctor && !warned.has(tag)) {
    warned.add(tag);
    console.warn(
      `<${tag}> is already defined by another copy of @baylink/elements; this copy's class is not used.`,
    );
  }
}

/**
 * The base class of every Baylink element.
 *
 * - Takes the SDK client from `<bay-provider>` (through `@lit/context`) or from its own
 *   `client` property, which wins.
 * - Follows the signed-in user's profile store, so every element knows `me.language`.
 * - Resolves its language: its own `lang` attribute, else the user's preferred language, else
 *   the closest `[lang]` ancestor (across shadow roots) or the document, else English. The
 *   direction comes from its own `dir`, the closest `[dir]` ancestor, or the document.
 * - Translates with `term()`, which honours `registerTranslation()` and the `strings` property.
 */
export class BaylinkElement extends LitElement {
  static override styles: CSSResultGroup = [sharedStyles];

  /**
   * The SDK client to use. Leave unset inside a `<bay-provider>`; when set, it wins over the
   * provider's.
   */
  @property({ attribute: false }) accessor client: BaylinkClient | undefined = undefined;

  /**
   * Replaces single strings for this element, by language:
   * `{ fr: { 'profile.save': 'Enregistrer' } }` (`'*'` applies to every language).
   */
  @property({ attribute: false }) accessor strings: StringsByLanguage | undefined = undefined;

  /** `light` or `dark` forces a colour scheme; without it the system's preference applies. */
  @property({ reflect: true }) accessor theme: 'light' | 'dark' | undefined = undefined;

  /** The client the nearest `<bay-provider>` provides. */
  @state() protected accessor contextClient: BaylinkClient | undefined = undefined;

  /**
   * Whether the element follows the signed-in user's profile (for its language). Elements that
   * render no text of their own, such as the provider, turn it off so they load nothing.
   */
  static followsUser = true;

  /** The signed-in user's profile store of the active client. */
  protected readonly meStore = new StoreController<MeState>(this, () =>
    (this.constructor as typeof BaylinkElement).followsUser
      ? this.activeClient?.me.store
      : undefined,
  );

  constructor() {
    super();
    attachContextRoot(this.ownerDocument);
    new ContextConsumer(this, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.contextClient = client;
      },
    });
  }

  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: `super` runs Lit's getter with the subclass as `this`, so the subclass's own properties are finalized.
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if ((name === 'lang' || name === 'dir') && old !== value) this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    watchDocument();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    unwatchDocument();
  }

  /** The client this element uses: its `client` property, else the provider's. */
  get activeClient(): BaylinkClient | undefined {
    return this.client ?? this.contextClient;
  }

  /** The language this element renders in (`en`, `fr`, or a registered one). */
  get resolvedLang(): string {
    const ownLang = matchLanguage(this.getAttribute('lang'));
    if (ownLang) return ownLang;
    const userLang = matchLanguage(this.meStore.value?.me?.language);
    if (userLang) return userLang;
    const ancestor = closestAcrossShadow(this, 'lang');
    const inherited = matchLanguage(ancestor?.getAttribute('lang'));
    if (inherited) return inherited;
    return matchLanguage(document.documentElement.lang) ?? 'en';
  }

  /** The text direction: own `dir`, else the closest `[dir]` ancestor, else the document's. */
  get resolvedDir(): 'ltr' | 'rtl' {
    const own = this.getAttribute('dir');
    const value =
      own === 'ltr' || own === 'rtl'
        ? own
        : (closestAcrossShadow(this, 'dir')?.getAttribute('dir') ?? document.documentElement.dir);
    return value === 'rtl' ? 'rtl' : 'ltr';
  }

  /** A translated string in this element's language. */
  term<K extends TranslationKey>(key: K, ...params: TranslationParams<K>): string {
    return translate(this.resolvedLang, key, this.strings, ...params);
  }
}
