import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../lib/types.ts';

/**
 * Gives every request a logger that carries its request id, and logs one line when it ends.
 * Needs Hono's `requestId()` middleware before it.
 */
export function requestLog() {
  return createMiddleware<AppEnv>(async function requestLog(c, next) {
    const started = performance.now();
    const log = c.get('deps').logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const line = { method: c.req.method, path: c.req.path, status: c.res.status, ms };
    if (c.res.status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request');
  });
}
