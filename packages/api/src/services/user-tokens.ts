import {
  MAX_TOKEN_TTL_SECONDS,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_CLOCK_TOLERANCE_SECONDS,
  UserTokenClaims,
} from '@baylink/sdk/contract';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { Sql } from 'postgres';
import { ApiError } from '../lib/errors.ts';
import { TtlCache } from '../lib/ttl-cache.ts';

export interface VerifiedToken {
  accountId: string;
  integratorId: string;
  allowedOrigins: string[];
  userId: string | undefined;
  referenceId: string | undefined;
  expiresAt: number;
}

interface AccountKey {
  integratorId: string;
  allowedOrigins: string[];
  secret: Uint8Array;
}

const invalid = (message: string) => new ApiError(401, 'token_invalid', message);

/**
 * Verifies user tokens: HS256 only, signed with the secret of the integrator that owns the
 * token's account (looked up in our database, never taken from the token), `aud` = baylink,
 * `exp` and `iat` required, a lifetime of at most 12 hours.
 *
 * Verified tokens and account keys are cached briefly, so a busy user costs one signature check
 * a minute rather than one per request.
 */
export class UserTokenVerifier {
  readonly #keys: TtlCache<string, AccountKey | null>;
  readonly #verified: TtlCache<string, VerifiedToken>;

  constructor(
    readonly sql: Sql,
    readonly now: () => Date = () => new Date(),
  ) {
    this.#keys = new TtlCache(10_000, () => this.now().getTime());
    this.#verified = new TtlCache(50_000, () => this.now().getTime());
  }

  /** Forget cached keys (after an integrator's secret or origins change). */
  forget(): void {
    this.#keys.clear();
    this.#verified.clear();
  }

  async verify(token: string): Promise<VerifiedToken> {
    const cached = this.#verified.get(token);
    if (cached) {
      if (cached.expiresAt * 1000 <= this.now().getTime() - TOKEN_CLOCK_TOLERANCE_SECONDS * 1000) {
        this.#verified.delete(token);
        throw new ApiError(401, 'token_expired', 'The user token has expired');
      }
      return cached;
    }

    let header: ReturnType<typeof decodeProtectedHeader>;
    let rawClaims: unknown;
    try {
      header = decodeProtectedHeader(token);
      rawClaims = decodeJwt(token);
    } catch {
      throw invalid('The user token is not a well-formed JWT');
    }
    if (header.alg !== TOKEN_ALGORITHM) {
      throw invalid(`User tokens must be signed with ${TOKEN_ALGORITHM}`);
    }
    const parsed = UserTokenClaims.safeParse(rawClaims);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ');
      throw invalid(`The user token's claims are missing or invalid: ${fields}`);
    }
    const claims = parsed.data;
    if (claims.exp - claims.iat > MAX_TOKEN_TTL_SECONDS) {
      throw invalid('The user token lives longer than 12 hours; mint shorter-lived tokens');
    }
    const key = await this.#accountKey(claims.acct);
    if (!key) throw invalid('The user token names an unknown account');

    try {
      await jwtVerify(token, key.secret, {
        algorithms: [TOKEN_ALGORITHM],
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat'],
        clockTolerance: TOKEN_CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: MAX_TOKEN_TTL_SECONDS,
        currentDate: this.now(),
      });
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new ApiError(401, 'token_expired', 'The user token has expired');
      }
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw invalid('The user token signature does not match the integrator secret');
      }
      throw invalid('The user token could not be verified');
    }

    const verified: VerifiedToken = {
      accountId: claims.acct,
      integratorId: key.integratorId,
      allowedOrigins: key.allowedOrigins,
      userId: claims.sub,
      referenceId: claims.ref,
      expiresAt: claims.exp,
    };
    const msLeft = claims.exp * 1000 - this.now().getTime();
    this.#verified.set(token, verified, Math.max(0, Math.min(60_000, msLeft)));
    return verified;
  }

  async #accountKey(accountId: string): Promise<AccountKey | null> {
    const cached = this.#keys.get(accountId);
    if (cached !== undefined) return cached;
    const [row] = await this.sql<
      { integrator_id: string; signing_secret: string; allowed_origins: string[] }[]
    >`
      select i.id as integrator_id, i.signing_secret, i.allowed_origins
      from accounts a join integrators i on i.id = a.integrator_id
      where a.id = ${accountId}`;
    const key = row
      ? {
          integratorId: row.integrator_id,
          allowedOrigins: row.allowed_origins,
          secret: new TextEncoder().encode(row.signing_secret),
        }
      : null;
    this.#keys.set(accountId, key, 30_000);
    return key;
  }
}
