import { STREAM_HEARTBEAT_SECONDS } from '@baylink/sdk/contract';
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import { z } from 'zod';
import { ConfigError } from '../env.ts';
import { STREAM_CHANNEL } from './stream-events.ts';
import { type ListenerHooks, PgListener } from './stream-listener.ts';

export interface StreamHubOptions {
  sql: Sql;
  logger: Logger;
  /** Milliseconds between `: heartbeat` comments (default STREAM_HEARTBEAT_SECONDS). */
  heartbeatMs?: number;
  /** Milliseconds between checks of the accounts' counters, the backstop for lost wake-ups. */
  pollMs?: number;
  /** How often the LISTEN connection pings itself, and how long the ping may take. */
  livenessIntervalMs?: number;
  livenessTimeoutMs?: number;
  /** Rows read per query, for catch-up and for wake-ups. */
  pageSize?: number;
  /** Open streams one user may hold on this process; past it, 429. */
  maxStreamsPerUser?: number;
  /** Bytes a stream may have queued and unsent; past it the stream is closed (slow consumer). */
  bufferBytes?: number;
  /** The `retry:` hint sent at the start of a stream (milliseconds, before jitter). */
  retryMs?: number;
  /** How long a new stream waits for the database to fix its starting point (then 503). */
  startTimeoutMs?: number;
  /** Opens the LISTEN connection (tests route it through a proxy). */
  connectListener?: (hooks: ListenerHooks) => Sql;
}

export interface OpenStreamRequest {
  accountId: string;
  userId: string;
  /** The client's Last-Event-ID, or null to start from now. */
  lastEventId: bigint | null;
  /** Destroys the underlying connection (used to drop a slow consumer at once). */
  destroy?: () => void;
  /**
   * Milliseconds until the token that opened the stream expires: the stream ends then, after a
   * short `retry:` hint, and the client reconnects with a fresh token and its Last-Event-ID.
   */
  lifetimeMs?: number;
}

/** The user already holds `maxStreamsPerUser` streams on this process. */
export class StreamLimitError extends Error {
  constructor(readonly limit: number) {
    super(`At most ${limit} streams per user`);
    this.name = 'StreamLimitError';
  }
}

/** The stream's starting point could not be read in time (the database is unreachable). */
export class StreamUnavailableError extends Error {
  constructor() {
    super('The stream cannot start now');
    this.name = 'StreamUnavailableError';
  }
}

/** The hub is shutting down and takes no new streams. */
export class StreamHubClosedError extends Error {
  constructor() {
    super('The stream hub is closed');
    this.name = 'StreamHubClosedError';
  }
}

export interface StreamHubStats {
  streams: number;
  accounts: number;
  listening: boolean;
  /** Connections the listener has opened (1 + reconnects). */
  listenerSessions: number;
  /** Queries made to read new rows after wake-ups and polls (not catch-ups of single streams). */
  feedReads: number;
}

/** A stream row ready to send: the SSE frame is encoded once and shared by every recipient. */
interface PreparedRow {
  seq: bigint;
  userId: string | null;
  frame: Uint8Array;
}

interface RowRecord {
  seq: string;
  user_id: string | null;
  kind: string;
  payload: string;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

/** The Server-Sent Event of one stream row: `id` is the seq, `data` the contract's StreamEvent. */
export function streamFrame(seq: string, kind: string, payloadJson: string): Uint8Array {
  // Kinds are written by our own code; keep the framing safe whatever they hold.
  const safeKind = kind.replace(/[^\w.-]/g, '_');
  const data = `{"id":"${seq}","kind":${JSON.stringify(safeKind)},"data":${payloadJson}}`;
  // jsonb text never holds a raw line break, but a frame must never be split by one.
  const lines = data.replace(/\r\n|\r|\n/g, '\ndata: ');
  return encoder.encode(`id: ${seq}\nevent: ${safeKind}\ndata: ${lines}\n\n`);
}

function prepare(row: RowRecord): PreparedRow {
  return {
    seq: BigInt(row.seq),
    userId: row.user_id,
    frame: streamFrame(row.seq, row.kind, row.payload),
  };
}

const jitter = (ms: number) => Math.round(ms + Math.random() * (ms / 2));

/** The `retry:` hint of a stream that ends because its token expired (before jitter). */
const EXPIRY_RETRY_MS = 250;

/**
 * The realtime fan-out of one API process.
 *
 * One dedicated connection LISTENs on `baylink_stream` (the payload is an account id). A wake-up
 * makes the hub read the account's new rows once (`seq > cursor`, in order, in pages) and hand
 * them, in memory, to every local stream of that account whose user may see them. Each stream
 * keeps its own cursor and never sends a seq twice. A slow poll of the accounts' counters backs
 * up lost wake-ups; the listener catches every account up whenever it (re)LISTENs.
 *
 * Seqs are gapless and in commit order within an account (see stream-events.ts), so a stream
 * that has sent up to N resumes exactly at N + 1, whether from the table (catch-up after
 * `Last-Event-ID`) or from the hub.
 */
export class StreamHub {
  readonly #sql: Sql;
  readonly #logger: Logger;
  readonly #heartbeatMs: number;
  readonly #pollMs: number;
  readonly #pageSize: number;
  readonly #maxPerUser: number;
  readonly #bufferBytes: number;
  readonly #retryMs: number;
  readonly #startTimeoutMs: number;
  readonly #listener: PgListener;
  readonly #feeds = new Map<string, AccountFeed>();
  readonly #perUser = new Map<string, number>();
  readonly #timers: NodeJS.Timeout[] = [];
  #started = false;
  #closed = false;
  #streams = 0;
  #feedReads = 0;

  constructor(options: StreamHubOptions) {
    this.#sql = options.sql;
    this.#logger = options.logger;
    this.#heartbeatMs = options.heartbeatMs ?? STREAM_HEARTBEAT_SECONDS * 1000;
    this.#pollMs = options.pollMs ?? 5_000;
    this.#pageSize = options.pageSize ?? 500;
    this.#maxPerUser = options.maxStreamsPerUser ?? 10;
    this.#bufferBytes = options.bufferBytes ?? 1024 * 1024;
    this.#retryMs = options.retryMs ?? 2_000;
    this.#startTimeoutMs = options.startTimeoutMs ?? 5_000;
    this.#listener = new PgListener({
      sql: options.sql,
      logger: options.logger,
      channel: STREAM_CHANNEL,
      onNotify: (accountId) => {
        const feed = this.#feeds.get(accountId);
        if (feed) this.#requestRead(feed);
      },
      onListen: () => {
        for (const feed of this.#feeds.values()) this.#requestRead(feed);
      },
      ...(options.livenessIntervalMs ? { livenessIntervalMs: options.livenessIntervalMs } : {}),
      ...(options.livenessTimeoutMs ? { livenessTimeoutMs: options.livenessTimeoutMs } : {}),
      ...(options.connectListener ? { connect: options.connectListener } : {}),
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Starts listening, polling and heartbeats (done on the first stream if not called). */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#listener.start();
    const heartbeat = setInterval(() => {
      for (const feed of this.#feeds.values()) {
        for (const subscriber of feed.subscribers) subscriber.write(HEARTBEAT);
      }
    }, this.#heartbeatMs);
    const poll = setInterval(() => void this.#poll(), this.#pollMs);
    for (const timer of [heartbeat, poll]) {
      timer.unref();
      this.#timers.push(timer);
    }
  }

  stats(): StreamHubStats {
    return {
      streams: this.#streams,
      accounts: this.#feeds.size,
      listening: this.#listener.listening,
      listenerSessions: this.#listener.sessions,
      feedReads: this.#feedReads,
    };
  }

  /** Drops the LISTEN connection as if it had gone deaf; the hub reconnects and catches up. */
  reconnectListener(): void {
    this.#listener.reconnect('requested');
  }

  /**
   * Opens a stream for a user and resolves once its starting point is fixed: every event
   * committed from then on will be sent. Rejects with `StreamLimitError` past the per-user
   * limit, `StreamHubClosedError` while shutting down, `StreamUnavailableError` when the
   * database does not answer in time. The body ends when the client goes away, when it reads
   * too slowly, or when the hub closes (after a `retry:` hint).
   */
  async open(request: OpenStreamRequest): Promise<ReadableStream<Uint8Array>> {
    if (this.#closed) throw new StreamHubClosedError();
    const userKey = `${request.accountId}:${request.userId}`;
    const held = this.#perUser.get(userKey) ?? 0;
    if (held >= this.#maxPerUser) throw new StreamLimitError(this.#maxPerUser);
    this.start();
    this.#perUser.set(userKey, held + 1);
    this.#streams++;

    let feed = this.#feeds.get(request.accountId);
    if (!feed) {
      feed = new AccountFeed(request.accountId);
      this.#feeds.set(request.accountId, feed);
      void this.#initFeed(feed);
    }
    const subscriber = new Subscriber({
      feed,
      userId: request.userId,
      bufferBytes: this.#bufferBytes,
      retryMs: jitter(this.#retryMs),
      ...(request.destroy ? { destroy: request.destroy } : {}),
      ...(request.lifetimeMs !== undefined
        ? { lifetimeMs: request.lifetimeMs, expiryRetryMs: jitter(EXPIRY_RETRY_MS) }
        : {}),
      onDispose: (reason) => this.#release(subscriber, userKey, reason),
      logger: this.#logger,
    });
    // Registered before anything is read, so nothing the hub reads from now on can miss it.
    feed.add(subscriber);
    if (request.lastEventId !== null) {
      void this.#catchUp(subscriber, request.lastEventId);
    } else if (feed.cursor !== null) {
      // Every row after the feed's cursor will be dispatched to it: start there.
      subscriber.goLive(feed.cursor);
    } else {
      feed.awaitingCursor.add(subscriber);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), this.#startTimeoutMs);
      });
      const started = await Promise.race([feed.ready.then(() => true), timedOut]);
      clearTimeout(timer);
      if (!started) {
        subscriber.abort();
        throw new StreamUnavailableError();
      }
      if (this.#closed) throw new StreamHubClosedError();
    }
    return subscriber.body;
  }

  /** Ends every stream with a `retry:` hint, so clients reconnect elsewhere, and stops listening. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    const retry = jitter(Math.max(250, Math.round(this.#retryMs / 2)));
    for (const feed of [...this.#feeds.values()]) {
      for (const subscriber of [...feed.subscribers]) subscriber.end(retry);
    }
    this.#feeds.clear();
    await this.#listener.close();
  }

  #release(subscriber: Subscriber, userKey: string, reason: string) {
    this.#streams--;
    const held = (this.#perUser.get(userKey) ?? 1) - 1;
    if (held > 0) this.#perUser.set(userKey, held);
    else this.#perUser.delete(userKey);
    const feed = subscriber.feed;
    feed.remove(subscriber);
    if (feed.subscribers.size === 0 && this.#feeds.get(feed.accountId) === feed) {
      this.#feeds.delete(feed.accountId);
    }
    if (reason !== 'client closed' && reason !== 'hub closed' && reason !== 'token expired') {
      this.#logger.info({ accountId: feed.accountId, reason }, 'stream closed by the server');
    }
  }

  async #initFeed(feed: AccountFeed): Promise<void> {
    try {
      const [row] = await this.#sql<{ last_seq: string }[]>`
        select last_seq::text as last_seq from stream_counters where account_id = ${feed.accountId}`;
      if (this.#feeds.get(feed.accountId) !== feed) return;
      feed.cursor = BigInt(row?.last_seq ?? 0);
      for (const subscriber of feed.awaitingCursor) subscriber.goLive(feed.cursor);
      feed.awaitingCursor.clear();
      feed.markReady();
      if (feed.again) this.#requestRead(feed);
    } catch (error) {
      if (this.#closed || this.#feeds.get(feed.accountId) !== feed) return;
      this.#logger.warn({ err: error, accountId: feed.accountId }, 'stream: cannot read the head');
      this.#later(() => this.#initFeed(feed));
    }
  }

  /** Reads the account's new rows once for every local stream; coalesces concurrent wake-ups. */
  #requestRead(feed: AccountFeed): void {
    if (feed.cursor === null || feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = true;
    void this.#readFeed(feed);
  }

  async #readFeed(feed: AccountFeed): Promise<void> {
    try {
      do {
        feed.again = false;
        for (;;) {
          this.#feedReads++;
          const rows = await this.#sql<RowRecord[]>`
            select seq::text as seq, user_id, kind, payload::text as payload
            from stream_events
            where account_id = ${feed.accountId} and seq > ${String(feed.cursor)}::bigint
            order by stream_events.seq
            limit ${this.#pageSize}`;
          if (this.#feeds.get(feed.accountId) !== feed) return;
          for (const row of rows) {
            const prepared = prepare(row);
            feed.cursor = prepared.seq;
            feed.dispatch(prepared);
          }
          if (rows.length < this.#pageSize) break;
        }
      } while (feed.again && !this.#closed);
    } catch (error) {
      if (!this.#closed) {
        this.#logger.warn({ err: error, accountId: feed.accountId }, 'stream: read failed');
        this.#later(() => this.#requestRead(feed));
      }
    } finally {
      feed.reading = false;
    }
  }

  /** The backstop: one query for every account with local streams, reading those that moved. */
  async #poll(): Promise<void> {
    const feeds = [...this.#feeds.values()].filter((feed) => feed.cursor !== null);
    if (feeds.length === 0 || this.#closed) return;
    try {
      const rows = await this.#sql<{ account_id: string; last_seq: string }[]>`
        select account_id, last_seq::text as last_seq from stream_counters
        where account_id = any(${feeds.map((feed) => feed.accountId)}::uuid[])`;
      for (const row of rows) {
        const feed = this.#feeds.get(row.account_id);
        if (feed && feed.cursor !== null && BigInt(row.last_seq) > feed.cursor) {
          this.#requestRead(feed);
        }
      }
    } catch (error) {
      if (!this.#closed) this.#logger.warn({ err: error }, 'stream: poll failed');
    }
  }

  /** Sends what the client missed since `lastEventId` from the table, then goes live. */
  async #catchUp(subscriber: Subscriber, lastEventId: bigint): Promise<void> {
    const { accountId } = subscriber.feed;
    try {
      const [counter] = await this.#sql<{ last_seq: string; horizon: string }[]>`
        select last_seq::text as last_seq, horizon::text as horizon
        from stream_counters where account_id = ${accountId}`;
      const head = BigInt(counter?.last_seq ?? 0);
      const horizon = BigInt(counter?.horizon ?? 0);
      let cursor = lastEventId;
      if (lastEventId < horizon || lastEventId > head) {
        // Rows after the cursor were deleted (or the cursor is not from this stream): the
        // client reloads its state and follows from the head.
        subscriber.resync(head, lastEventId < horizon ? 'cursor_expired' : 'cursor_unknown');
        cursor = head;
      }
      for (;;) {
        // Paced by the client: the next page is read once the previous one has mostly gone out.
        await subscriber.drained();
        if (subscriber.closed) return;
        const rows = await this.#sql<RowRecord[]>`
          select seq::text as seq, user_id, kind, payload::text as payload
          from stream_events
          where account_id = ${accountId} and seq > ${String(cursor)}::bigint
            and (user_id is null or user_id = ${subscriber.userId})
          order by stream_events.seq
          limit ${this.#pageSize}`;
        for (const row of rows) {
          const prepared = prepare(row);
          subscriber.send(prepared, false);
          cursor = prepared.seq;
        }
        if (rows.length < this.#pageSize) break;
      }
      await subscriber.drained();
      subscriber.goLive(cursor);
    } catch (error) {
      if (subscriber.closed) return;
      this.#logger.warn({ err: error, accountId }, 'stream: catch-up failed; closing the stream');
      subscriber.end(jitter(this.#retryMs));
    }
  }

  #later(run: () => unknown): void {
    const timer = setTimeout(() => {
      if (!this.#closed) run();
    }, 1_000);
    timer.unref();
  }
}

/** The local streams of one account, and how far the hub has read its rows. */
class AccountFeed {
  /** The highest seq read and dispatched; null until the head is known. */
  cursor: bigint | null = null;
  reading = false;
  again = false;
  readonly subscribers = new Set<Subscriber>();
  readonly #byUser = new Map<string, Set<Subscriber>>();
  /** Streams without Last-Event-ID that start at the cursor once it is known. */
  readonly awaitingCursor = new Set<Subscriber>();
  /** Resolves once the cursor is known. */
  readonly ready: Promise<void>;
  markReady!: () => void;

  constructor(readonly accountId: string) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  add(subscriber: Subscriber) {
    this.subscribers.add(subscriber);
    let mine = this.#byUser.get(subscriber.userId);
    if (!mine) {
      mine = new Set();
      this.#byUser.set(subscriber.userId, mine);
    }
    mine.add(subscriber);
  }

  remove(subscriber: Subscriber) {
    this.subscribers.delete(subscriber);
    this.awaitingCursor.delete(subscriber);
    const mine = this.#byUser.get(subscriber.userId);
    mine?.delete(subscriber);
    if (mine?.size === 0) this.#byUser.delete(subscriber.userId);
  }

  dispatch(row: PreparedRow) {
    const targets = row.userId === null ? this.subscribers : this.#byUser.get(row.userId);
    if (!targets) return;
    for (const subscriber of targets) subscriber.offer(row);
  }
}

/** One open SSE response. */
class Subscriber {
  readonly feed: AccountFeed;
  readonly userId: string;
  readonly body: ReadableStream<Uint8Array>;
  /** The highest seq sent; null until the stream knows where it starts. */
  #cursor: bigint | null = null;
  /** False while catching up: rows from the hub wait in `#pending`. */
  #live = false;
  /** Rows the hub dispatched while the stream was still catching up. */
  #pending: PreparedRow[] = [];
  #pendingBytes = 0;
  /** Catch-ups waiting for the queue to have room. */
  #drainWaiters: (() => void)[] = [];
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #closed = false;
  readonly #bufferBytes: number;
  readonly #destroy: (() => void) | undefined;
  readonly #onDispose: (reason: string) => void;
  readonly #logger: Logger;
  /** Ends the stream when its token expires. */
  #expiry: NodeJS.Timeout | undefined;

  constructor(options: {
    feed: AccountFeed;
    userId: string;
    bufferBytes: number;
    retryMs: number;
    destroy?: () => void;
    onDispose: (reason: string) => void;
    logger: Logger;
    lifetimeMs?: number;
    expiryRetryMs?: number;
  }) {
    this.feed = options.feed;
    this.userId = options.userId;
    this.#bufferBytes = options.bufferBytes;
    this.#destroy = options.destroy;
    this.#onDispose = options.onDispose;
    this.#logger = options.logger;
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
          controller.enqueue(encoder.encode(`retry: ${options.retryMs}\n\n`));
        },
        pull: () => this.#wakeDrainWaiters(),
        cancel: () => this.#dispose('client closed'),
      },
      { highWaterMark: options.bufferBytes, size: (chunk) => chunk.byteLength },
    );
    if (options.lifetimeMs !== undefined) {
      const retryMs = options.expiryRetryMs ?? EXPIRY_RETRY_MS;
      this.#expiry = setTimeout(
        () => this.end(retryMs, 'token expired'),
        Math.max(0, options.lifetimeMs),
      );
      this.#expiry.unref();
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The client went away (its request was aborted). */
  abort(): void {
    this.#dispose('client closed');
  }

  /** A row from the hub: buffered while catching up, else sent unless already sent. */
  offer(row: PreparedRow): void {
    if (this.#closed) return;
    if (!this.#live) {
      this.#pending.push(row);
      this.#pendingBytes += row.frame.byteLength;
      if (this.#pendingBytes > this.#bufferBytes) this.#drop('too many events while catching up');
      return;
    }
    this.send(row);
  }

  /**
   * Sends a row unless its seq was already sent (the one place that enforces no duplicates).
   * `bounded` false is for the catch-up, which paces itself with `drained()` instead.
   */
  send(row: PreparedRow, bounded = true): void {
    if (this.#cursor !== null && row.seq <= this.#cursor) return;
    this.write(row.frame, bounded);
    this.#cursor = row.seq;
  }

  /** Resolves once the queue has room again (at once when it has, or when the stream closed). */
  drained(): Promise<void> {
    if (this.#closed || (this.#controller.desiredSize ?? 0) > 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  #wakeDrainWaiters(): void {
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Starts following the hub after `cursor`: the rows buffered meanwhile go out first. */
  goLive(cursor: bigint): void {
    if (this.#closed || this.#live) return;
    if (this.#cursor === null || cursor > this.#cursor) this.#cursor = cursor;
    this.#live = true;
    const pending = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    for (const row of pending) this.send(row);
  }

  resync(head: bigint, reason: string): void {
    const seq = String(head);
    this.write(streamFrame(seq, 'resync', JSON.stringify({ reason })));
    this.#cursor = head;
  }

  write(bytes: Uint8Array, bounded = true): void {
    if (this.#closed) return;
    try {
      this.#controller.enqueue(bytes);
    } catch {
      this.#dispose('client closed');
      return;
    }
    if (bounded && (this.#controller.desiredSize ?? 0) < 0) this.#drop('slow consumer');
  }

  /** Ends the stream cleanly after a `retry:` hint. */
  end(retryMs: number, reason = 'hub closed'): void {
    if (this.#closed) return;
    try {
      this.#controller.enqueue(encoder.encode(`retry: ${retryMs}\n\n`));
      this.#controller.close();
    } catch {
      // Already closed by the client.
    }
    this.#dispose(reason);
  }

  /** Closes at once: the client reconnects with Last-Event-ID and catches up from the table. */
  #drop(reason: string): void {
    if (this.#closed) return;
    this.#logger.warn({ accountId: this.feed.accountId, reason }, 'stream dropped');
    this.#dispose(reason);
    if (this.#destroy) {
      this.#destroy();
    } else {
      try {
        this.#controller.close();
      } catch {
        // Already closed.
      }
    }
  }

  #dispose(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#expiry);
    this.#pending = [];
    this.#wakeDrainWaiters();
    this.#onDispose(reason);
  }
}

const StreamConfigSchema = z.object({
  BAYLINK_STREAM_HEARTBEAT_MS: z.coerce.number().int().min(50).max(300_000).optional(),
  BAYLINK_STREAM_POLL_MS: z.coerce.number().int().min(50).max(600_000).optional(),
  BAYLINK_STREAM_LIVENESS_MS: z.coerce.number().int().min(50).max(600_000).optional(),
  BAYLINK_STREAM_LIVENESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(600_000).optional(),
  BAYLINK_STREAM_MAX_PER_USER: z.coerce.number().int().min(1).max(1_000).optional(),
});

/**
 * The stream's tuning from the environment (all optional): BAYLINK_STREAM_HEARTBEAT_MS,
 * BAYLINK_STREAM_POLL_MS, BAYLINK_STREAM_LIVENESS_MS, BAYLINK_STREAM_LIVENESS_TIMEOUT_MS,
 * BAYLINK_STREAM_MAX_PER_USER. Throws a `ConfigError` naming every bad field.
 */
export function streamOptionsFromEnv(
  source: NodeJS.ProcessEnv = process.env,
): Omit<StreamHubOptions, 'sql' | 'logger'> {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key in StreamConfigSchema.shape && value),
  );
  const result = StreamConfigSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const env = result.data;
  return {
    ...(env.BAYLINK_STREAM_HEARTBEAT_MS ? { heartbeatMs: env.BAYLINK_STREAM_HEARTBEAT_MS } : {}),
    ...(env.BAYLINK_STREAM_POLL_MS ? { pollMs: env.BAYLINK_STREAM_POLL_MS } : {}),
    ...(env.BAYLINK_STREAM_LIVENESS_MS
      ? { livenessIntervalMs: env.BAYLINK_STREAM_LIVENESS_MS }
      : {}),
    ...(env.BAYLINK_STREAM_LIVENESS_TIMEOUT_MS
      ? { livenessTimeoutMs: env.BAYLINK_STREAM_LIVENESS_TIMEOUT_MS }
      : {}),
    ...(env.BAYLINK_STREAM_MAX_PER_USER
      ? { maxStreamsPerUser: env.BAYLINK_STREAM_MAX_PER_USER }
      : {}),
  };
}
