/**
 * A Server-Sent Events parser that follows the WHATWG "event stream interpretation" rules:
 * lines end in CRLF, LF or CR (a CR at the end of one chunk and an LF at the start of the next
 * are one line end); `:` starts a comment; the fields are `event`, `data` (several lines are
 * joined with LF), `id` (ignored when it contains NUL; kept across events until changed) and
 * `retry` (digits only); a blank line dispatches the event, and an event without data is not
 * dispatched. A leading byte order mark is dropped.
 */

export interface SseMessage {
  /** The last event id, as the spec keeps it (the id of this event or of an earlier one). */
  id: string;
  /** The `event:` field, or `message` when absent. */
  event: string;
  data: string;
}

export interface SseHandlers {
  onMessage(message: SseMessage): void;
  /** A `retry:` field, in milliseconds. */
  onRetry?(milliseconds: number): void;
  /** A comment line (`: heartbeat`), without its leading colon and one space. */
  onComment?(comment: string): void;
  /**
   * An id that came in a block without data (which dispatches no event): some servers send
   * the client's cursor that way when a stream opens.
   */
  onId?(id: string): void;
}

export interface SseParser {
  /** Feeds decoded text; complete lines are interpreted at once. */
  feed(text: string): void;
  /** Forgets a partial line and event (call it when the connection is replaced). */
  reset(): void;
}

export function createSseParser(handlers: SseHandlers): SseParser {
  let buffer = '';
  let start = true;
  let pendingCr = false;
  let data: string[] = [];
  let hasData = false;
  let eventType = '';
  let lastId = '';
  let blockHadId = false;

  const dispatch = () => {
    const hadId = blockHadId;
    blockHadId = false;
    if (!hasData) {
      eventType = '';
      if (hadId) handlers.onId?.(lastId);
      return;
    }
    const message = { id: lastId, event: eventType || 'message', data: data.join('\n') };
    data = [];
    hasData = false;
    eventType = '';
    handlers.onMessage(message);
  };

  const line = (text: string) => {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.charCodeAt(0) === 58 /* : */) {
      handlers.onComment?.(text.startsWith(': ') ? text.slice(2) : text.slice(1));
      return;
    }
    const colon = text.indexOf(':');
    let field: string;
    let value: string;
    if (colon === -1) {
      field = text;
      value = '';
    } else {
      field = text.slice(0, colon);
      value = text.charCodeAt(colon + 1) === 32 ? text.slice(colon + 2) : text.slice(colon + 1);
    }
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data.push(value);
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\u0000')) {
          lastId = value;
          blockHadId = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        // Unknown fields are ignored, as the spec says.
        break;
    }
  };

  return {
    feed(text: string) {
      if (text === '') return;
      if (start) {
        start = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (pendingCr && text.charCodeAt(0) === 10) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      let from = 0;
      for (let i = 0; i < buffer.length; i++) {
        const code = buffer.charCodeAt(i);
        if (code !== 10 && code !== 13) continue;
        line(buffer.slice(from, i));
        if (code === 13) {
          if (i + 1 === buffer.length) pendingCr = true;
          else if (buffer.charCodeAt(i + 1) === 10) i++;
        }
        from = i + 1;
      }
      buffer = buffer.slice(from);
    },
    reset() {
      buffer = '';
      start = true;
      pendingCr = false;
      data = [];
      hasData = false;
      eventType = '';
      blockHadId = false;
    },
  };
}
