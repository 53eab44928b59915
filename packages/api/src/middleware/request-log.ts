import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../lib/types.ts';

/**
 * Logs one JSON line per request with its request id, method, path, status and duration.
 * Needs Hono's `requestId()` middleware before it. Handlers that log name the request id too.
 */
export function requestLog() {
  return createMiddleware<AppEnv>(async function requestLog(c, next) {
    const started = performance.now();
    const { logger } = c.get('deps');
    const requestId = c.get('requestId');
    await next();
    const status = c.res.status;
    if (!logger.isLevelEnabled(status >= 500 ? 'error' : 'info')) return;
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const line = { requestId, method: c.req.method, path: c.req.path, status, ms };
    if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  });
}
