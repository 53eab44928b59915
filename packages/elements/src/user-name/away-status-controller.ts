import type { AwayStatus, BaylinkClient } from '@baylink/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps a host element up to date with one user's away status while it is connected: with a
 * user id, through `client.presence.subscribeUser` (the one presence store of the page: a
 * thousand names cost one load and one subscription each, no request); without one, the
 * signed-in user's own status (`client.away.store`). It moves its subscription when the client
 * or the user id changes.
 */
export class AwayStatusController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: () => { client: BaylinkClient | undefined; userId: string | undefined };
  #client: BaylinkClient | undefined;
  #userId: string | undefined;
  #unsubscribe: (() => void) | undefined;
  #status: AwayStatus | undefined;
  #connected = false;

  constructor(
    host: ReactiveControllerHost,
    source: () => { client: BaylinkClient | undefined; userId: string | undefined },
  ) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  /** The user's status (undefined until known, or for a user the account does not have). */
  get status(): AwayStatus | undefined {
    return this.#status;
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
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #sync(): void {
    if (!this.#connected) return;
    const { client, userId } = this.#source();
    if (client === this.#client && userId === this.#userId && this.#unsubscribe) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client = client;
    this.#userId = userId;
    this.#status = undefined;
    if (!client) return;
    // Values that arrive while subscribing are part of this update: no second one.
    let subscribing = true;
    const receive = (status: AwayStatus | undefined) => {
      if (status === this.#status) return;
      this.#status = status;
      if (!subscribing) this.#host.requestUpdate();
    };
    if (userId) {
      this.#unsubscribe = client.presence.subscribeUser(userId, receive);
    } else {
      const store = client.away.store;
      this.#unsubscribe = store.subscribe((state) => receive(state.away ?? undefined));
      receive(store.getState().away ?? undefined);
    }
    subscribing = false;
  }
}
