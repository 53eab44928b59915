import { type BaylinkClient, createClient, type TokenSource } from '@baylink/sdk';
import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { clientContext } from '../internal/context.ts';

/**
 * @summary Gives the Baylink SDK client to every Baylink element inside it.
 *
 * Either set its `client` property to a client you created with `createClient()` (you keep
 * ownership: the provider never destroys it), or give it a `base-url` and a `token` attribute
 * or a `getToken` property, and it creates the client itself, replaces it when they change and
 * destroys it when it leaves the page.
 *
 * It renders nothing of its own (`display: contents`).
 *
 * @slot - The host's content, with Baylink elements anywhere inside (even in shadow roots).
 */
export class BayProvider extends BaylinkElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override followsUser = false;

  /** The API's origin (and path prefix), such as `https://api.baylink.example`. */
  @property({ attribute: 'base-url' }) accessor baseUrl: string | undefined = undefined;

  /** A user token minted by the host's backend for the signed-in user. */
  @property() accessor token: string | undefined = undefined;

  /** Called for the first token and again after a 401, to fetch a fresh one. */
  @property({ attribute: false }) accessor getToken: TokenSource | undefined = undefined;

  readonly #provider = new ContextProvider(this, { context: clientContext });
  #created: BaylinkClient | undefined;
  /** The options of the last attempt to create a client, or undefined before any. */
  #createdFrom:
    | readonly [string | undefined, string | undefined, TokenSource | undefined]
    | undefined;

  /** The client given to the elements inside: the `client` property, or the one created. */
  get providedClient(): BaylinkClient | undefined {
    return this.client ?? this.#created;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#destroyCreated();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#sync();
  }

  /**
   * Creates the owned client, or replaces it when its options changed, and provides the
   * current client. Runs on connection (so children that connect with the provider get a
   * client at once) and before each update.
   */
  #sync(): void {
    if (!this.isConnected) return;
    if (this.client) {
      this.#destroyCreated();
    } else {
      const from = [this.baseUrl, this.token, this.getToken] as const;
      const attempted = this.#createdFrom;
      if (!attempted || from.some((value, index) => value !== attempted[index])) {
        this.#destroyCreated();
        this.#created = this.#create();
        this.#createdFrom = from;
      }
    }
    if (this.#provider.value !== this.providedClient) {
      this.#provider.setValue(this.providedClient);
    }
  }

  #create(): BaylinkClient | undefined {
    if (!this.baseUrl || (!this.token && !this.getToken)) return undefined;
    try {
      return createClient({
        baseUrl: this.baseUrl,
        ...(this.token ? { token: this.token } : {}),
        ...(this.getToken ? { getToken: this.getToken } : {}),
      });
    } catch (error) {
      console.error('<bay-provider> could not create the Baylink client:', error);
      return undefined;
    }
  }

  #destroyCreated(): void {
    this.#created?.destroy();
    this.#created = undefined;
    this.#createdFrom = undefined;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
