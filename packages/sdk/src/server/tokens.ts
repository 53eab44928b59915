import { SignJWT } from 'jose';
import { MAX_TOKEN_TTL_SECONDS, TOKEN_ALGORITHM, TOKEN_AUDIENCE } from '../contract/constants.ts';

export interface MintUserTokenOptions {
  /** The integrator's token-signing secret (from `baylink integrator create`). */
  secret: string;
  /** Baylink's id of the account (dealership). */
  accountId: string;
  /** Baylink's id of the user… */
  userId?: string;
  /** …or the user's id in your system (their reference ID). */
  referenceId?: string;
  /** Lifetime in seconds; at most 12 hours. Defaults to 1 hour. */
  expiresInSeconds?: number;
  /** The issue time, for tests; defaults to now. */
  now?: Date;
}

/**
 * Signs a short-lived user token for the browser, on your backend. The API refuses tokens
 * without `exp`, living longer than 12 hours, for another audience or with another algorithm.
 */
export async function mintUserToken(
  options: MintUserTokenOptions,
): Promise<{ token: string; expiresAt: Date }> {
  const ttl = options.expiresInSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new RangeError(
      `expiresInSeconds must be a whole number from 1 to ${MAX_TOKEN_TTL_SECONDS}`,
    );
  }
  if (!options.secret) throw new TypeError('mintUserToken needs the integrator secret');
  if (!options.accountId) throw new TypeError('mintUserToken needs an accountId');
  if (Boolean(options.userId) === Boolean(options.referenceId)) {
    throw new TypeError('mintUserToken needs exactly one of userId or referenceId');
  }
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const exp = iat + ttl;
  const jwt = new SignJWT({
    acct: options.accountId,
    ...(options.referenceId ? { ref: options.referenceId } : {}),
  })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp);
  if (options.userId) jwt.setSubject(options.userId);
  const token = await jwt.sign(new TextEncoder().encode(options.secret));
  return { token, expiresAt: new Date(exp * 1000) };
}
