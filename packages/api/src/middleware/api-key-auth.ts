import { createMiddleware } from 'hono/factory';
import { ApiError } from '../lib/errors.ts';
import { TtlCache } from '../lib/ttl-cache.ts';
import type { AppEnv, IntegratorRow } from '../lib/types.ts';
import { hashApiKey } from '../services/integrators.ts';
import { bearer } from './user-auth.ts';

/** Requires an integrator's server API key. Browsers never hold one, so no CORS here. */
export function apiKeyAuth() {
  const cache = new TtlCache<string, IntegratorRow | null>(1_000);
  return createMiddleware<AppEnv>(async function apiKeyAuth(c, next) {
    const key = bearer(c.req.header('authorization'));
    if (!key) {
      throw new ApiError(
        401,
        'api_key_invalid',
        'Send your API key as "Authorization: Bearer <key>"',
      );
    }
    const digest = hashApiKey(key).toString('hex');
    let integrator = cache.get(digest);
    if (integrator === undefined) {
      const { sql } = c.get('deps');
      const [row] = await sql<IntegratorRow[]>`
        select id, name, allowed_origins, created_at, updated_at
        from integrators where api_key_hash = ${Buffer.from(digest, 'hex')}`;
      integrator = row ?? null;
      cache.set(digest, integrator, 10_000);
    }
    if (!integrator) throw new ApiError(401, 'api_key_invalid', 'The API key is not valid');
    c.set('integrator', integrator);
    await next();
  });
}
