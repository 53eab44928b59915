import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** What @hono/node-server passes as `c.env`: Node's own request and response. */
interface NodeBindings {
  outgoing?: ServerResponse;
}

/**
 * Sets a header of the answer from middleware (security headers, the request id, CORS). On Node
 * it goes straight to Node's response, which merges it with the answer's own headers when they
 * are written (the answer's win, as with `c.header()`). Through `c.header()`, Hono builds a Fetch
 * `Headers` for every answer and @hono/node-server copies it back out: for the dozen headers
 * every answer carries that cost about 4 µs a request (measured on a small JSON route: 23.5 µs
 * of CPU against 19.6 µs this way). Elsewhere (`app.request()` in tests), `c.header()`.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as NodeBindings | undefined)?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}
