import type { AwayStatus, PresenceList } from '../contract/away.ts';
import type { StreamEvent } from '../contract/stream.ts';
import { BaylinkError } from './error.ts';
import { ValueStore } from './store.ts';
import type { Transport } from './transport.ts';
import type { AwayNotice, PresenceModule, PresenceState, RealtimeModule } from './types.ts';

/** setTimeout's largest delay (about 24.8 days); later returns are re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A status as of `now`: one whose `until` has passed reads as off, the way the API reads it
 * and the way the server's automatic return will write it (same fields, the assignee kept).
 */
export function effectiveStatus(status: AwayStatus, now: number = Date.now()): AwayStatus {
  if (!status.away || !status.until || Date.parse(status.until.at) > now) return status;
  return { ...status, away: false, since: null, until: null };
}

type Listener = (status: AwayStatus | undefined) => void;

/**
 * Every away status this client knows, whoever it came from (the presence list, the user's own
 * status, a write's answer, the stream), merged by `version`: an answer or event never replaces
 * a newer one, whatever order they arrive in. It turns statuses off locally when their `until`
 * passes (one timer for the earliest), and listens to the stream while anyone listens to it.
 */
export class PresenceHub {
  readonly #entries = new Map<string, AwayStatus>();
  readonly #userListeners = new Map<string, Set<Listener>>();
  readonly #changeListeners = new Set<(userIds: readonly string[]) => void>();
  readonly #resyncListeners = new Set<() => void>();
  readonly #realtime: RealtimeModule;
  #stopStream: (() => void) | undefined;
  #holders = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #destroyed = false;

  constructor(realtime: RealtimeModule) {
    this.#realtime = realtime;
  }

  /** The user's status as of now, if known. */
  get(userId: string): AwayStatus | undefined {
    const status = this.#entries.get(userId);
    return status && effectiveStatus(status);
  }

  /** Every known status as of now, by user id. */
  snapshot(): Map<string, AwayStatus> {
    const now = Date.now();
    const users = new Map<string, AwayStatus>();
    for (const [id, status] of this.#entries) users.set(id, effectiveStatus(status, now));
    return users;
  }

  /** Takes statuses in (answers or events); returns the ids that changed. */
  merge(statuses: readonly AwayStatus[], options: { replaceAll?: boolean } = {}): string[] {
    const changed: string[] = [];
    for (const status of statuses) {
      if (!status || typeof status.userId !== 'string') continue;
      const known = this.#entries.get(status.userId);
      if (known && known.version > status.version) continue;
      if (known && known.version === status.version && known.name === status.name) continue;
      this.#entries.set(status.userId, status);
      changed.push(status.userId);
    }
    if (options.replaceAll) {
      const listed = new Set(statuses.map((status) => status.userId));
      for (const id of [...this.#entries.keys()]) {
        if (!listed.has(id)) {
          this.#entries.delete(id);
          changed.push(id);
        }
      }
    }
    if (changed.length > 0) this.#changed(changed);
    return changed;
  }

  /** Listens to one user's status (called at once with the current value). */
  subscribeUser(userId: string, listener: Listener): () => void {
    let listeners = this.#userListeners.get(userId);
    if (!listeners) {
      listeners = new Set();
      this.#userListeners.set(userId, listeners);
    }
    listeners.add(listener);
    const release = this.hold();
    listener(this.get(userId));
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      listeners.delete(listener);
      if (listeners.size === 0) this.#userListeners.delete(userId);
      release();
    };
  }

  /** Listens to every change (the ids that changed). */
  onChange(listener: (userIds: readonly string[]) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** Called when the stream says what was missed is unknown: reload from the API. */
  onResync(listener: () => void): () => void {
    this.#resyncListeners.add(listener);
    return () => this.#resyncListeners.delete(listener);
  }

  /** Keeps the stream open while held; returns the release. */
  hold(): () => void {
    this.#holders += 1;
    if (this.#holders === 1 && !this.#destroyed) {
      this.#stopStream = this.#realtime.subscribe((event) => this.#onEvent(event));
    }
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#holders -= 1;
      if (this.#holders === 0) {
        this.#stopStream?.();
        this.#stopStream = undefined;
      }
    };
  }

  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#timer);
    this.#stopStream?.();
    this.#stopStream = undefined;
    this.#userListeners.clear();
    this.#changeListeners.clear();
    this.#resyncListeners.clear();
  }

  #onEvent(event: StreamEvent): void {
    if (event.kind === 'presence.changed') this.merge([event.data]);
    else if (event.kind === 'resync') for (const listener of [...this.#resyncListeners]) listener();
  }

  #changed(userIds: readonly string[]): void {
    this.#schedule();
    for (const id of userIds) {
      const listeners = this.#userListeners.get(id);
      if (!listeners) continue;
      const status = this.get(id);
      for (const listener of [...listeners]) safely(() => listener(status));
    }
    for (const listener of [...this.#changeListeners]) safely(() => listener(userIds));
  }

  /** One timer for the earliest `until` still ahead: at that instant those users read as off. */
  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#destroyed) return;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const status of this.#entries.values()) {
      if (!status.away || !status.until) continue;
      const at = Date.parse(status.until.at);
      if (at > now && at < next) next = at;
    }
    if (next === Number.POSITIVE_INFINITY) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        const due: string[] = [];
        const at = Date.now();
        for (const [id, status] of this.#entries) {
          if (status.away && status.until && Date.parse(status.until.at) <= at) due.push(id);
        }
        if (due.length > 0) this.#changed(due);
        else this.#schedule();
      },
      Math.min(MAX_TIMER_MS, next - now + 5),
    );
    // Never keep a Node process alive for a display timer.
    (this.#timer as { unref?: () => void }).unref?.();
  }
}

function safely(run: () => void): void {
  try {
    run();
  } catch (error) {
    setTimeout(() => {
      throw error;
    });
  }
}

/** What a composer needs to warn before mentioning or assigning someone. */
export function awayNotice(hub: PresenceHub, status: AwayStatus): AwayNotice {
  const cover = status.away ? status.assignee : null;
  const coverAway = cover?.kind === 'user' ? (hub.get(cover.id)?.away ?? false) : false;
  return {
    userId: status.userId,
    name: status.name,
    away: status.away,
    since: status.since,
    until: status.until,
    cover,
    coverAway,
  };
}

/**
 * `client.presence`: the away status of every user of the account in one store, loaded once
 * (`GET /v1/presence`) when its first subscriber arrives — whether that is the store itself or
 * one of 500 `<bay-user-name>` elements through `subscribeUser` — and kept live from the stream.
 */
export function createPresenceModule(
  transport: Transport,
  hub: PresenceHub,
): PresenceModule & { destroy(): void } {
  const store = new ValueStore<PresenceState>({ status: 'idle', users: new Map(), error: null });
  let loading: Promise<void> | undefined;
  let listeners = 0;
  let release: (() => void) | undefined;
  let stopChanges: (() => void) | undefined;
  let stopResync: (() => void) | undefined;

  const refresh = (): Promise<void> => {
    loading ??= (async () => {
      store.setState((state) => ({
        ...state,
        status: state.status === 'ready' ? 'ready' : 'loading',
      }));
      try {
        const list = await transport.request<PresenceList>('/v1/presence');
        hub.merge(list.items, { replaceAll: true });
        store.setState({ status: 'ready', users: hub.snapshot(), error: null });
      } catch (error) {
        store.setState((state) => ({
          ...state,
          status: state.status === 'ready' ? 'ready' : 'error',
          error: error as BaylinkError,
        }));
        throw error;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };

  const ensureLoaded = (): Promise<void> => {
    if (store.getState().status === 'ready') return Promise.resolve();
    return loading ?? refresh();
  };

  /** While anyone listens: follow the hub, reload on resync, keep the stream open. */
  const activate = () => {
    listeners += 1;
    if (listeners === 1) {
      release = hub.hold();
      stopChanges = hub.onChange(() => {
        if (store.getState().status === 'ready') {
          store.setState((state) => ({ ...state, users: hub.snapshot() }));
        }
      });
      stopResync = hub.onResync(() => {
        refresh().catch(() => {});
      });
    }
    if (store.getState().status === 'idle') refresh().catch(() => {});
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      listeners -= 1;
      if (listeners === 0) {
        stopChanges?.();
        stopResync?.();
        release?.();
        stopChanges = stopResync = release = undefined;
      }
    };
  };

  return {
    store: {
      getState: () => store.getState(),
      subscribe(listener) {
        const unsubscribe = store.subscribe(listener);
        const deactivate = activate();
        return () => {
          unsubscribe();
          deactivate();
        };
      },
    },
    get: (userId) => hub.get(userId),
    subscribeUser(userId, listener) {
      const deactivate = activate();
      const unsubscribe = hub.subscribeUser(userId, listener);
      return () => {
        unsubscribe();
        deactivate();
      };
    },
    refresh,
    async check(userId) {
      let status = hub.get(userId);
      if (!status) {
        await ensureLoaded();
        status = hub.get(userId);
      }
      if (!status) {
        throw new BaylinkError({
          code: 'not_found',
          status: 404,
          message: 'No user of this account has this id',
        });
      }
      return awayNotice(hub, status);
    },
    destroy() {
      store.clear();
    },
  };
}
