import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** What @hono/node-server passes as `c.env`: Node's own request and response. */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

const nodeOf = (c: Context): NodeBindings | undefined => c.env as NodeBindings | undefined;

/**
 * A request header (`name` in lower case). On Node it is read from the headers Node has already
 * parsed: the first `c.req.header()` of a request builds a Fetch `Headers` from them, which costs
 * more than the rest of a small route's middleware (measured, see bench/README.md). Elsewhere
 * (`app.request()` in tests) it is read from the Request.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeOf(c)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Sets response headers that every answer carries (security headers, the request id, `Vary`).
 * On Node they go straight to Node's response, which merges them with the answer's own headers
 * when it is written (the answer's win, as with `c.header()`): setting them through `c.header()`
 * makes Hono build a Fetch `Headers` for every answer, and @hono/node-server copy it back out
 * (measured: a dozen such headers cost about a fifth of a small route). Elsewhere, `c.header()`.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = nodeOf(c)?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}
