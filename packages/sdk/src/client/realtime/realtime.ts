import { STREAM_HEARTBEAT_SECONDS } from '../../contract/constants.ts';
import type { StreamEvent } from '../../contract/stream.ts';
import type { BaylinkError } from '../error.ts';
import { ValueStore } from '../store.ts';
import type { Transport } from '../transport.ts';
import type {
  ConnectionEvent,
  ConnectionStatus,
  RealtimeModule,
  RealtimeOptions,
} from '../types.ts';
import { type ConnectionOptions, DirectConnection } from './connection.ts';
import { canShareAcrossTabs, TabSharedConnection } from './tab-leader.ts';
import { compareIds, isSequenceId, type StreamSink, type StreamSource } from './types.ts';

export interface StreamIdentity {
  accountId: string;
  userId: string;
}

/** What other modules of the client use, beyond the public face. */
export interface RealtimeInternals {
  /** How this client takes part: its own connection, the tab holding it, or a listener to it. */
  readonly role: 'direct' | 'leader' | 'follower' | null;
  /** Sends a message to this user's other tabs (when the stream is shared and open). */
  broadcast(topic: string, payload: unknown): void;
  /** Listens to messages of other tabs; returns its unsubscribe. */
  onBroadcast(topic: string, listener: (payload: unknown) => void): () => void;
  destroy(): void;
}

export const DEFAULT_LOST_CONNECTION_TIMEOUT_MS = 5000;

/**
 * The realtime module: one connection for every module of the client (and, in browsers, for
 * every tab of the user), opened when the first listener subscribes and closed a moment after
 * the last one leaves. It deduplicates events by id (never delivering an id at or below the
 * last one), keeps the cursor to resume from, and turns status changes into a debounced
 * lost/restored notice.
 */
export function createRealtime(
  transport: Transport,
  identity: () => Promise<StreamIdentity>,
  options: RealtimeOptions = {},
): RealtimeModule & RealtimeInternals {
  const status = new ValueStore<ConnectionStatus>('disconnected');
  const listeners = new Set<(event: StreamEvent) => void>();
  const lostListeners = new Set<(event: ConnectionEvent) => void>();
  const appListeners = new Map<string, Set<(payload: unknown) => void>>();
  const lostTimeout = options.lostConnectionTimeoutMs ?? DEFAULT_LOST_CONNECTION_TIMEOUT_MS;
  const connection: Partial<ConnectionOptions> = {
    ...(options.initialDelayMs === undefined ? {} : { initialDelayMs: options.initialDelayMs }),
    ...(options.maxDelayMs === undefined ? {} : { maxDelayMs: options.maxDelayMs }),
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? STREAM_HEARTBEAT_SECONDS * 1000 * 2.5,
  };
  const share = options.shareAcrossTabs !== false && canShareAcrossTabs();

  let destroyed = false;
  let generation = 0;
  let source: StreamSource | null = null;
  let tabs: TabSharedConnection | null = null;
  let cursor: string | null = null;
  let everConnected = false;
  let lastError: BaylinkError | null = null;
  let lostTimer: ReturnType<typeof setTimeout> | undefined;
  let lostEmitted = false;
  let closeQueued = false;
  let isOpen = false;

  const emit = (event: StreamEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        reportListenerError(error);
      }
    }
  };

  const emitConnection = (event: ConnectionEvent) => {
    for (const listener of [...lostListeners]) {
      try {
        listener(event);
      } catch (error) {
        reportListenerError(error);
      }
    }
  };

  const clearLostTimer = () => {
    clearTimeout(lostTimer);
    lostTimer = undefined;
  };

  const sinkFor = (gen: number): StreamSink => ({
    event(event) {
      if (gen !== generation) return;
      if (event.kind === 'resync') {
        if (isSequenceId(event.id)) cursor = event.id;
        emit(event);
        return;
      }
      if (isSequenceId(event.id)) {
        if (cursor !== null && compareIds(event.id, cursor) <= 0) return;
        cursor = event.id;
      }
      emit(event);
    },
    status(next, error) {
      if (gen !== generation || next === 'disconnected') return;
      if (error !== undefined) lastError = error;
      if (next === 'connecting' && everConnected) next = 'reconnecting';
      const previous = status.getState();
      if (previous === next) return;
      if (next === 'connected') {
        lastError = null;
        clearLostTimer();
        const resumedBlind = everConnected && cursor === null;
        everConnected = true;
        status.setState(next);
        if (lostEmitted) {
          lostEmitted = false;
          emitConnection('restored');
        }
        // Reconnected with no id to resume from: what happened meanwhile is unknown.
        if (resumedBlind) {
          emit({ id: '0', kind: 'resync', data: { reason: 'reconnected_without_cursor' } });
        }
        return;
      }
      status.setState(next);
      if (next === 'reconnecting' && lostTimer === undefined && !lostEmitted) {
        lostTimer = setTimeout(() => {
          lostTimer = undefined;
          if (gen === generation && status.getState() !== 'connected') {
            lostEmitted = true;
            emitConnection('lost');
          }
        }, lostTimeout);
      }
    },
    cursor: () => (gen === generation ? cursor : null),
    adoptCursor(id) {
      if (gen !== generation || !isSequenceId(id)) return;
      if (cursor === null || compareIds(id, cursor) > 0) cursor = id;
    },
  });

  const direct = () => new DirectConnection(transport, connection);

  const startSource = (next: StreamSource, gen: number) => {
    source = next;
    next.start(sinkFor(gen));
  };

  const open = () => {
    if (destroyed) return;
    isOpen = true;
    const gen = ++generation;
    cursor = null;
    everConnected = false;
    lastError = null;
    status.setState('connecting');
    if (!share) {
      startSource(direct(), gen);
      return;
    }
    identity().then(
      (who) => {
        if (gen !== generation) return;
        const shared = new TabSharedConnection(lockName(transport.baseUrl, who), direct, receive);
        tabs = shared;
        startSource(shared, gen);
      },
      () => {
        // Without the user's identity there is no safe lock name: hold a connection of our own.
        if (gen === generation) startSource(direct(), gen);
      },
    );
  };

  const receive = (topic: string, payload: unknown) => {
    for (const listener of [...(appListeners.get(topic) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        reportListenerError(error);
      }
    }
  };

  const close = () => {
    isOpen = false;
    generation++;
    source?.stop();
    source = null;
    tabs = null;
    cursor = null;
    everConnected = false;
    clearLostTimer();
    lostEmitted = false;
    status.setState('disconnected');
  };

  const module: RealtimeModule & RealtimeInternals = {
    status,
    get lastError() {
      return lastError;
    },
    get role() {
      if (!source) return null;
      return source instanceof TabSharedConnection ? source.role : 'direct';
    },
    subscribe(listener) {
      if (destroyed) return () => {};
      const wrapped = (event: StreamEvent) => listener(event);
      listeners.add(wrapped);
      if (!isOpen) open();
      return () => {
        if (!listeners.delete(wrapped) || listeners.size > 0 || closeQueued) return;
        // Closed a moment later, so an element moved in the page does not reconnect.
        closeQueued = true;
        queueMicrotask(() => {
          closeQueued = false;
          if (listeners.size === 0 && isOpen) close();
        });
      };
    },
    onLostConnection(listener) {
      lostListeners.add(listener);
      return () => {
        lostListeners.delete(listener);
      };
    },
    broadcast(topic, payload) {
      tabs?.broadcast(topic, payload);
    },
    onBroadcast(topic, listener) {
      let set = appListeners.get(topic);
      if (!set) {
        set = new Set();
        appListeners.set(topic, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    destroy() {
      destroyed = true;
      listeners.clear();
      lostListeners.clear();
      appListeners.clear();
      close();
      status.clear();
    },
  };
  return module;
}

/** The Web Lock and BroadcastChannel name shared by one user's tabs for one API. */
export function lockName(baseUrl: string, who: StreamIdentity): string {
  return `baylink:stream:${baseUrl}|${who.accountId}|${who.userId}`;
}

function reportListenerError(error: unknown) {
  // A listener's bug must not break the connection or the other listeners; surface it anyway.
  setTimeout(() => {
    throw error;
  });
}
