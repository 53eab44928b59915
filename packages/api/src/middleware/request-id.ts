import { createMiddleware } from 'hono/factory';
import { setResponseHeader } from '../lib/node-http.ts';
import type { AppEnv } from '../lib/types.ts';

const VALID_ID = /^[\w\-=]+$/;

/**
 * Hono's `requestId()` with its rules (a client's `X-Request-Id` of word characters, `-` and `=`
 * up to `limitLength` is kept, else a random UUID), setting the response header the cheap way on
 * Node (lib/node-http.ts).
 */
export function requestId(options: { limitLength: number }) {
  return createMiddleware<AppEnv>(async function requestId(c, next) {
    let id = c.req.header('x-request-id');
    if (!id || id.length > options.limitLength || !VALID_ID.test(id)) id = crypto.randomUUID();
    c.set('requestId', id);
    setResponseHeader(c, 'x-request-id', id);
    await next();
  });
}
