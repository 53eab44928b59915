import type { Store } from '@baylink/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps a host element subscribed to an SDK `Store<T>` while it is connected, and updates it on
 * every change. The store comes from a getter (usually reading the host's client), checked
 * before each update: when the client changes, the controller moves its subscription to the new
 * client's store.
 *
 * ```ts
 * readonly #me = new StoreController(this, () => this.activeClient?.me.store);
 * render() { return html`${this.#me.value?.me?.name}`; }
 * ```
 */
export class StoreController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #getStore: () => Store<T> | undefined;
  #store: Store<T> | undefined;
  #unsubscribe: (() => void) | undefined;
  #value: T | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, getStore: () => Store<T> | undefined) {
    this.#host = host;
    this.#getStore = getStore;
    host.addController(this);
  }

  /** The store's latest state, or `undefined` without a store. */
  get value(): T | undefined {
    return this.#value;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#detach();
  }

  /** Subscribes to the store the getter names now, if it is not the one already followed. */
  #sync(): void {
    if (!this.#connected) return;
    const store = this.#getStore();
    if (store === this.#store && this.#unsubscribe) return;
    this.#detach();
    this.#store = store;
    if (!store) {
      this.#value = undefined;
      return;
    }
    this.#value = store.getState();
    this.#unsubscribe = store.subscribe((state) => {
      this.#value = state;
      this.#host.requestUpdate();
    });
    // Subscribing may have started a load that changed the state synchronously.
    this.#value = store.getState();
  }

  #detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = undefined;
  }
}
