import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { setResponseHeader } from '../lib/node-http.ts';
import type { AppEnv } from '../lib/types.ts';

/**
 * Hono's `secure-headers`, applied the cheap way. That middleware edits `c.res.headers` after
 * the handler, which turns @hono/node-server's lightweight response into a full `Response`
 * on every request (measured: the biggest cost of a small JSON route). Here Hono's middleware
 * computes the header set once, at start, and each request sets it before the handler runs
 * (on Node's response, see lib/node-http.ts), so error responses carry it too.
 */
export function securityHeaders(options: Parameters<typeof secureHeaders>[0]) {
  const probe = new Hono().use(secureHeaders(options)).get('/', (c) => c.body(null, 204));
  let headers: [string, string][] | undefined;
  const computed = Promise.resolve(probe.request('/')).then((response) => {
    headers = [...response.headers.entries()];
    return headers;
  });
  return createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    for (const [name, value] of headers ?? (await computed)) setResponseHeader(c, name, value);
    await next();
  });
}
