import { createMiddleware } from 'hono/factory';
import type { Sql } from 'postgres';
import { ApiError } from '../lib/errors.ts';
import { setResponseHeader } from '../lib/node-http.ts';
import { TtlCache } from '../lib/ttl-cache.ts';
import type { AppEnv } from '../lib/types.ts';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Last-Event-ID, X-Request-Id';
const EXPOSED_HEADERS =
  'X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';

/**
 * Cross-origin access for browser routes. An origin is allowed when some integrator lists it;
 * the user-auth middleware then checks that the token's own integrator lists it. Preflights
 * from unknown origins are refused with 403 and no CORS headers.
 */
export function hostCors(options: { sql: Sql; selfOrigin?: () => string | undefined }) {
  const known = new TtlCache<string, boolean>(5_000);
  const isKnown = async (origin: string) => {
    if (origin === options.selfOrigin?.()) return true;
    let allowed = known.get(origin);
    if (allowed === undefined) {
      const [row] = await options.sql`
        select 1 from integrators where ${origin} = any (allowed_origins) limit 1`;
      allowed = Boolean(row);
      known.set(origin, allowed, 10_000);
    }
    return allowed;
  };

  return createMiddleware<AppEnv>(async function hostCors(c, next) {
    // Answers depend on Origin, so caches must key on it, also for requests without one. Set,
    // not appended: this middleware may match a path twice (`/v1/me` and `/v1/me/*`).
    setResponseHeader(c, 'vary', 'Origin');
    const origin = c.req.header('origin');
    if (!origin) return next();
    const allowed = await isKnown(origin);
    if (c.req.method === 'OPTIONS') {
      if (!allowed) {
        throw new ApiError(
          403,
          'origin_not_allowed',
          `The origin ${origin} may not call this API`,
          undefined,
          {
            Vary: 'Origin',
          },
        );
      }
      setResponseHeader(c, 'access-control-allow-origin', origin);
      setResponseHeader(c, 'access-control-allow-methods', ALLOWED_METHODS);
      setResponseHeader(c, 'access-control-allow-headers', ALLOWED_HEADERS);
      setResponseHeader(c, 'access-control-max-age', '600');
      return c.body(null, 204);
    }
    if (allowed) {
      setResponseHeader(c, 'access-control-allow-origin', origin);
      setResponseHeader(c, 'access-control-expose-headers', EXPOSED_HEADERS);
    }
    await next();
  });
}
