import type { StreamEvent } from '../../contract/stream.ts';
import type { ConnectionStatus } from '../types.ts';
import type { StreamSink, StreamSource } from './types.ts';

/** What tabs of one user say to each other on their BroadcastChannel. */
export type TabMessage =
  | { type: 'event'; event: StreamEvent }
  | { type: 'status'; status: ConnectionStatus; cursor: string | null }
  | { type: 'hello' }
  | { type: 'app'; topic: string; payload: unknown };

export type TabRole = 'leader' | 'follower';

/** Whether this environment can share one stream between tabs (Web Locks and BroadcastChannel). */
export function canShareAcrossTabs(): boolean {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return typeof locks?.request === 'function' && typeof globalThis.BroadcastChannel === 'function';
}

/**
 * One stream for every tab of a user in this browser (browsers allow six HTTP/1.1 connections
 * per origin): the tabs that need the stream ask for one Web Lock; the tab that holds it (the
 * leader) opens the connection and re-broadcasts every event and every status change on a
 * BroadcastChannel of the same name; the others (followers) listen to the channel. When the
 * leader tab closes or stops needing the stream, the browser grants the lock to a waiting tab,
 * which opens the stream from the last id it has seen, so nothing is lost in the hand-over.
 */
export class TabSharedConnection implements StreamSource {
  readonly name: string;
  readonly #createSource: () => StreamSource;
  readonly #onApp: (topic: string, payload: unknown) => void;
  #channel: BroadcastChannel | undefined;
  #lockRequest: AbortController | undefined;
  #release: (() => void) | undefined;
  #source: StreamSource | undefined;
  #sink: StreamSink | undefined;
  #status: ConnectionStatus = 'connecting';
  #role: TabRole = 'follower';
  #stopped = false;

  constructor(
    name: string,
    createSource: () => StreamSource,
    onApp: (topic: string, payload: unknown) => void = () => {},
  ) {
    this.name = name;
    this.#createSource = createSource;
    this.#onApp = onApp;
  }

  get role(): TabRole {
    return this.#role;
  }

  start(sink: StreamSink): void {
    if (this.#channel || this.#stopped) return;
    this.#sink = sink;
    const channel = new BroadcastChannel(this.name);
    this.#channel = channel;
    channel.onmessage = (message: MessageEvent<TabMessage>) => this.#receive(message.data);
    sink.status('connecting');
    const lockRequest = new AbortController();
    this.#lockRequest = lockRequest;
    navigator.locks
      .request(this.name, { signal: lockRequest.signal }, () => this.#lead())
      .catch(() => {
        // Aborted because this tab stopped needing the stream before its turn came.
      });
    this.#post({ type: 'hello' });
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#lockRequest?.abort();
    const source = this.#source;
    this.#source = undefined;
    if (this.#role === 'leader') {
      // Tell the followers the stream is changing hands; one of them takes the lock next.
      this.#post({ type: 'status', status: 'reconnecting', cursor: this.#sink?.cursor() ?? null });
    }
    source?.stop();
    this.#release?.();
    this.#channel?.close();
    this.#channel = undefined;
    this.#sink = undefined;
  }

  /** Sends an application message (such as an optimistic change) to the other tabs. */
  broadcast(topic: string, payload: unknown): void {
    this.#post({ type: 'app', topic, payload });
  }

  async #lead(): Promise<void> {
    const sink = this.#sink;
    if (this.#stopped || !sink) return;
    this.#role = 'leader';
    const source = this.#createSource();
    this.#source = source;
    const held = new Promise<void>((resolve) => {
      this.#release = resolve;
    });
    source.start({
      event: (event) => {
        if (this.#source !== source) return;
        sink.event(event);
        this.#post({ type: 'event', event });
      },
      status: (status, error) => {
        if (this.#source !== source) return;
        this.#status = status;
        sink.status(status, error);
        this.#post({ type: 'status', status, cursor: sink.cursor() });
      },
      cursor: () => sink.cursor(),
      adoptCursor: (id) => sink.adoptCursor(id),
    });
    // Hold the lock until this tab stops needing the stream (or closes: the browser releases it).
    await held;
  }

  #receive(message: TabMessage): void {
    const sink = this.#sink;
    if (!sink || !message || typeof message !== 'object') return;
    switch (message.type) {
      case 'event':
        if (this.#role === 'follower') sink.event(message.event);
        break;
      case 'status':
        if (this.#role === 'follower') {
          if (message.cursor !== null) sink.adoptCursor(message.cursor);
          sink.status(message.status);
        }
        break;
      case 'hello':
        if (this.#role === 'leader') {
          this.#post({ type: 'status', status: this.#status, cursor: sink.cursor() });
        }
        break;
      case 'app':
        this.#onApp(message.topic, message.payload);
        break;
    }
  }

  #post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel or a payload that cannot be cloned: the other tabs catch up from the stream.
    }
  }
}
