import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../lib/errors.ts';
import type { AppEnv, TokenAuth } from '../lib/types.ts';
import type { UserLoader } from '../services/user-loader.ts';
import type { UserTokenVerifier } from '../services/user-tokens.ts';

export function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Requires a valid user token and loads the signed-in user. A page on an origin that the
 * token's integrator has not listed is refused, even with a good token.
 *
 * `userInRoute` names the requests whose route reads the user in its own query, with what it
 * reads (one round trip instead of two): those get only `token`, and their route answers the
 * same 401 as here when the user does not exist.
 */
export function userAuth(options: {
  verifier: UserTokenVerifier;
  users: UserLoader;
  selfOrigin?: () => string | undefined;
  userInRoute?: (c: Context<AppEnv>) => boolean;
}) {
  return createMiddleware<AppEnv>(async function userAuth(c, next) {
    const token = bearer(c.req.header('authorization'));
    if (!token) {
      throw new ApiError(
        401,
        'token_missing',
        'Send a user token as "Authorization: Bearer <token>"',
      );
    }
    const verified = await options.verifier.verify(token);
    const origin = c.req.header('origin');
    if (origin && origin !== options.selfOrigin?.() && !verified.allowedOrigins.includes(origin)) {
      throw new ApiError(
        403,
        'origin_not_allowed',
        `The origin ${origin} is not on this integrator's list of allowed origins`,
      );
    }
    const claims: TokenAuth = {
      accountId: verified.accountId,
      integratorId: verified.integratorId,
      userId: verified.userId,
      referenceId: verified.referenceId,
      expiresAt: verified.expiresAt,
    };
    c.set('token', claims);
    if (options.userInRoute?.(c)) return next();
    const user = verified.userId
      ? await options.users.byId(verified.accountId, verified.userId)
      : await options.users.byReference(verified.accountId, verified.referenceId ?? '');
    if (!user) throw new ApiError(401, 'token_invalid', 'The user token names an unknown user');
    c.set('auth', {
      accountId: verified.accountId,
      integratorId: verified.integratorId,
      user,
      expiresAt: verified.expiresAt,
    });
    await next();
  });
}
