import type { StreamEvent } from '../../contract/stream.ts';
import type { BaylinkError } from '../error.ts';
import type { ConnectionStatus } from '../types.ts';

/** Where a source (the direct connection, or the tab that holds it) hands what it receives. */
export interface StreamSink {
  /** An event as it arrived; the sink deduplicates by id. */
  event(event: StreamEvent): void;
  status(status: ConnectionStatus, error?: BaylinkError | null): void;
  /** The last event id seen, to resume from (`Last-Event-ID`), or null for "from now on". */
  cursor(): string | null;
  /** Moves the cursor forward without delivering anything (a leader tab told us where it is). */
  adoptCursor(id: string): void;
}

/** Something that feeds a sink until it is stopped: a direct connection or a tab election. */
export interface StreamSource {
  start(sink: StreamSink): void;
  stop(): void;
}

/** Compares two decimal event ids (per-account sequence numbers) without losing precision. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether an id is a decimal sequence number the cursor can use. */
export function isSequenceId(id: unknown): id is string {
  return typeof id === 'string' && /^(0|[1-9]\d{0,30})$/.test(id);
}
