import { STREAM_HEARTBEAT_SECONDS } from '../../contract/constants.ts';
import type { StreamEvent } from '../../contract/stream.ts';
import { BaylinkError } from '../error.ts';
import type { Transport } from '../transport.ts';
import { readResponse } from '../transport.ts';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
import { createSseParser } from './sse-parser.ts';
import type { StreamSink, StreamSource } from './types.ts';

export interface ConnectionOptions extends BackoffOptions {
  /** No byte for this long means the connection is dead (default 2.5 heartbeat intervals). */
  heartbeatTimeoutMs: number;
  /** A connection that lived this long resets the backoff to its first step. */
  stableAfterMs: number;
  random?: () => number;
}

export const DEFAULT_CONNECTION: ConnectionOptions = {
  ...DEFAULT_BACKOFF,
  heartbeatTimeoutMs: STREAM_HEARTBEAT_SECONDS * 1000 * 2.5,
  stableAfterMs: 5000,
};

export const STREAM_PATH = '/v1/stream';

/**
 * One `GET /v1/stream` read with fetch (so the token travels in the Authorization header), kept
 * open until `stop()`: it parses the event stream by hand, resumes with `Last-Event-ID`,
 * reconnects with exponential backoff and full jitter (a `retry:` from the server sets the
 * base), and treats a silence longer than the heartbeat timeout as a dead connection.
 *
 * States: connecting (first attempt) → connected → reconnecting (waiting out a delay, or
 * trying again) → connected …; stop() from any state → disconnected.
 */
export class DirectConnection implements StreamSource {
  readonly #transport: Transport;
  readonly #options: ConnectionOptions;
  #stop: AbortController | undefined;

  constructor(transport: Transport, options: Partial<ConnectionOptions> = {}) {
    this.#transport = transport;
    this.#options = { ...DEFAULT_CONNECTION, ...options };
  }

  start(sink: StreamSink): void {
    if (this.#stop) return;
    const stop = new AbortController();
    this.#stop = stop;
    void this.#run(sink, stop.signal);
  }

  stop(): void {
    this.#stop?.abort();
    this.#stop = undefined;
  }

  async #run(sink: StreamSink, stopped: AbortSignal): Promise<void> {
    const options = this.#options;
    let attempt = 0;
    let retryHint: number | undefined;
    let everOpened = false;
    while (!stopped.aborted) {
      if (!everOpened && attempt === 0) sink.status('connecting');
      const attemptAbort = new AbortController();
      const onStop = () => attemptAbort.abort();
      stopped.addEventListener('abort', onStop, { once: true });
      let openedAt = 0;
      let progressed = false;
      let failure: BaylinkError | null = null;
      let retryAfterMs = 0;
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        const cursor = sink.cursor();
        if (cursor !== null) headers['last-event-id'] = cursor;
        const response = await this.#transport.open(STREAM_PATH, {
          headers,
          signal: attemptAbort.signal,
        });
        if (!response.ok || !response.body) {
          retryAfterMs = retryAfter(response.headers.get('retry-after'));
          await readResponse(response.status, response.headers.get('x-request-id'), () =>
            response.text(),
          );
          throw new BaylinkError({
            code: 'stream_unavailable',
            status: response.status,
            message: 'The stream answered without a body',
          });
        }
        if (stopped.aborted) {
          await response.body.cancel().catch(() => {});
          break;
        }
        openedAt = Date.now();
        everOpened = true;
        sink.status('connected');
        await this.#read(response.body, attemptAbort, {
          event: (event) => {
            progressed = true;
            sink.event(event);
          },
          retry: (milliseconds) => {
            retryHint = milliseconds;
          },
          id: (id) => sink.adoptCursor(id),
        });
      } catch (error) {
        if (stopped.aborted) break;
        failure =
          error instanceof BaylinkError
            ? error
            : new BaylinkError({
                code: 'stream_interrupted',
                status: 0,
                message: 'The realtime connection was interrupted',
                cause: error,
              });
      } finally {
        stopped.removeEventListener('abort', onStop);
        attemptAbort.abort();
      }
      if (stopped.aborted) break;
      if (openedAt > 0 && (progressed || Date.now() - openedAt >= options.stableAfterMs)) {
        attempt = 0;
      }
      sink.status('reconnecting', failure);
      // A 429 or 503 with Retry-After adds its wait; the jitter on top still spreads clients.
      const delay =
        Math.min(retryAfterMs, options.maxDelayMs) +
        backoffDelay(attempt, options, retryHint, options.random);
      attempt++;
      await sleep(delay, stopped);
    }
    sink.status('disconnected');
  }

  /** Reads until the server ends the stream; rejects when the heartbeat watchdog fires. */
  async #read(
    body: ReadableStream<Uint8Array>,
    abort: AbortController,
    on: { event(event: StreamEvent): void; retry(ms: number): void; id(id: string): void },
  ): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let dead = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        dead = true;
        abort.abort();
        reader.cancel().catch(() => {});
      }, this.#options.heartbeatTimeoutMs);
    };
    const parser = createSseParser({
      onMessage(message) {
        const event = parseEvent(message.data, message.id, message.event);
        if (event) on.event(event);
      },
      onRetry: on.retry,
      onId: on.id,
    });
    const cancel = () => {
      reader.cancel().catch(() => {});
    };
    abort.signal.addEventListener('abort', cancel, { once: true });
    arm();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        parser.feed(decoder.decode(value, { stream: true }));
      }
      if (dead) throw deadError();
    } catch (error) {
      if (dead) throw deadError();
      throw error;
    } finally {
      clearTimeout(watchdog);
      abort.signal.removeEventListener('abort', cancel);
    }
  }
}

/** A Retry-After header in milliseconds (seconds or an HTTP date), 0 when absent. */
function retryAfter(value: string | null): number {
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

function deadError(): BaylinkError {
  return new BaylinkError({
    code: 'stream_timeout',
    status: 0,
    message: 'The realtime connection went silent (no heartbeat)',
  });
}

let warnedMalformed = false;

/** Turns one SSE message into a StreamEvent, or undefined for one that is not ours. */
export function parseEvent(data: string, sseId: string, sseEvent: string): StreamEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object') {
    if (!warnedMalformed) {
      warnedMalformed = true;
      console.warn('[baylink] ignored a stream event whose data is not a JSON object');
    }
    return undefined;
  }
  const record = parsed as { id?: unknown; kind?: unknown; data?: unknown };
  const id = typeof record.id === 'string' && record.id !== '' ? record.id : sseId;
  const kind = typeof record.kind === 'string' ? record.kind : sseEvent;
  return { id, kind, data: record.data } as StreamEvent;
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, milliseconds);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
