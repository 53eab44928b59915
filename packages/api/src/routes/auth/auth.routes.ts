import { createHash, randomBytes } from 'node:crypto';
import {
  LoginRequest,
  LoginResponse,
  PasswordResetAccepted,
  PasswordResetConfirm,
  PasswordResetRequest,
} from '@baylink/sdk/contract';
import { mintUserToken } from '@baylink/sdk/server';
import { createRoute } from '@hono/zod-openapi';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { AppDeps } from '../../lib/types.ts';
import { passwordResetMail } from '../../mail/password-reset.ts';
import {
  addressOf,
  checkNewPassword,
  clock,
  findIdentityAccount,
  type IdentityAccount,
  identityServices,
  LOGIN_TOKEN_TTL_SECONDS,
  policyOf,
  RESET_TOKEN_TTL_MINUTES,
  requireBaylinkIdentity,
  requireListedOrigin,
  storePassword,
} from './identity.ts';

const TAGS = ['Identity'];
/** Public routes: no token, no key (CORS for the origins integrators list). */
const security: Record<string, string[]>[] = [];

const rateLimited = {
  429: {
    description:
      'Too many attempts; `Retry-After` says how many seconds to wait (every answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`)',
    content: errorResponses(429)[429]!.content,
  },
};

const invalidCredentials = () =>
  new ApiError(401, 'invalid_credentials', 'The email address or the password is not correct');

const invalidResetToken = () =>
  new ApiError(400, 'reset_token_invalid', 'This reset link is not valid', [
    {
      path: 'token',
      message: 'The link is invalid, has expired or was already used: ask for a new one',
    },
  ]);

/** The same answer whether or not the address belongs to a user of the account. */
const RESET_ACCEPTED: PasswordResetAccepted = {
  message:
    'If a user of this account has this email address, a link to reset the password is on its way.',
};

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * Baylink's own identity, for accounts whose users sign in with an email and a password:
 * login, and password reset by an emailed single-use link. Public (no token); rate limited per
 * account and address and per client address.
 */
export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/login',
      tags: TAGS,
      summary: 'Sign in with an email and a password',
      description:
        'For accounts whose identity is `baylink`. Answers a user token (12 hours) signed like the ones integrators mint. A wrong address and a wrong password answer the same 401 `invalid_credentials`, in the same time. Accounts that sign in through the host answer 403 `password_auth_disabled`.',
      security,
      request: { body: jsonBody(LoginRequest) },
      responses: {
        200: jsonResponse(LoginResponse, 'Signed in'),
        ...errorResponses(400, 401, 403, 413, 415),
        ...rateLimited,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const deps = c.get('deps');
      const { hasher, limiter } = identityServices(deps);
      await limiter.enforce(c, [
        { rule: 'loginPerEmail', subject: `${input.accountId}|${input.email}` },
        { rule: 'loginPerIp', subject: addressOf(c) },
      ]);
      const account = await findIdentityAccount(deps.sql, input.accountId);
      if (account) {
        requireListedOrigin(c, account);
        requireBaylinkIdentity(account);
      }
      const [user] = account
        ? await deps.sql<{ id: string; password_hash: string | null }[]>`
            select u.id, cr.password_hash
            from users u
            left join user_credentials cr on cr.account_id = u.account_id and cr.user_id = u.id
            where u.account_id = ${input.accountId} and u.email = ${input.email}`
        : [];
      const stored = user?.password_hash;
      const matches = stored
        ? await hasher.verify(stored, input.password)
        : await hasher.verifyDummy(input.password);
      if (!account || !user || !stored || !matches) throw invalidCredentials();

      if (hasher.needsRehash(stored)) {
        // Raised parameters reach a user's hash at their next login (the password is at hand).
        const upgraded = await hasher.hash(input.password);
        await deps.sql`
          update user_credentials set password_hash = ${upgraded}
          where account_id = ${account.id} and user_id = ${user.id} and password_hash = ${stored}`;
      }
      const minted = await mintUserToken({
        secret: account.signing_secret,
        accountId: account.id,
        userId: user.id,
        expiresInSeconds: LOGIN_TOKEN_TTL_SECONDS,
        now: clock(deps),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(
        { token: minted.token, expiresAt: minted.expiresAt.toISOString(), userId: user.id },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/password-resets',
      tags: TAGS,
      summary: 'Ask for a password reset link by email',
      description:
        "Always answers 202 with the same body, whether or not a user of the account has this address. When one does, it receives (in their language) a link to `resetUrl` with `{token}` replaced by a single-use token that expires in one hour; earlier links stop working. `resetUrl` must be a page on one of the integrator's allowed origins and contain `{token}`.",
      security,
      request: { body: jsonBody(PasswordResetRequest) },
      responses: {
        202: jsonResponse(PasswordResetAccepted, 'Accepted (the same answer for any address)'),
        ...errorResponses(400, 403, 404, 413, 415),
        ...rateLimited,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const deps = c.get('deps');
      const { limiter } = identityServices(deps);
      await limiter.enforce(c, [
        { rule: 'resetPerEmail', subject: `${input.accountId}|${input.email}` },
        { rule: 'resetPerIp', subject: addressOf(c) },
      ]);
      const account = await findIdentityAccount(deps.sql, input.accountId);
      if (!account) throw notFound('The account');
      requireListedOrigin(c, account);
      requireBaylinkIdentity(account);
      // Checked before looking the address up, so a bad resetUrl tells nothing about it.
      checkResetUrl(deps, account, input.resetUrl);

      const [user] = await deps.sql<
        { id: string; name: string; email: string; language: 'en' | 'fr' }[]
      >`
        select id, name, email, language from users
        where account_id = ${account.id} and email = ${input.email}`;
      if (user) {
        const token = randomBytes(32).toString('base64url');
        const now = clock(deps);
        const expiresAt = new Date(now.getTime() + RESET_TOKEN_TTL_MINUTES * 60_000);
        await deps.sql.begin(async (tx) => {
          // Earlier unused links stop working; used and expired ones are cleared after a day.
          await tx`
            delete from password_reset_tokens
            where account_id = ${account.id} and user_id = ${user.id}
              and (used_at is null
                   or expires_at < ${new Date(now.getTime() - 86_400_000).toISOString()})`;
          await tx`
            insert into password_reset_tokens (account_id, user_id, token_hash, created_at, expires_at)
            values (${account.id}, ${user.id}, ${sha256(token)}, ${now.toISOString()},
                    ${expiresAt.toISOString()})`;
        });
        // Sent after answering: an SMTP round trip must not tell a known address from another.
        sendResetMail(deps, account, user, input.resetUrl.replaceAll('{token}', token), expiresAt);
      }
      c.header('Cache-Control', 'no-store');
      return c.json(RESET_ACCEPTED, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/password-resets/confirm',
      tags: TAGS,
      summary: 'Set a new password with the token of a reset link',
      description:
        "The token works once, within an hour of the request. An unknown, expired or used token answers 400 `reset_token_invalid`. The new password follows the account's rule (one detail per broken rule on `password`) and must equal `confirmation`; a refused password leaves the token usable.",
      security,
      request: { body: jsonBody(PasswordResetConfirm) },
      responses: {
        204: { description: 'The password is changed; the link no longer works' },
        ...errorResponses(400, 403, 413, 415),
        ...rateLimited,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const deps = c.get('deps');
      const { hasher, limiter } = identityServices(deps);
      await limiter.enforce(c, [{ rule: 'resetConfirmPerIp', subject: addressOf(c) }]);
      const now = clock(deps);
      const [found] = await deps.sql<
        (Pick<IdentityAccount, 'identity' | 'password_policy' | 'allowed_origins'> & {
          account_id: string;
          id: string;
          user_id: string;
          expires_at: string;
          used_at: string | null;
        })[]
      >`
        select t.account_id, t.id, t.user_id, t.expires_at, t.used_at,
               a.identity, a.password_policy, i.allowed_origins
        from password_reset_tokens t
        join accounts a on a.id = t.account_id
        join integrators i on i.id = a.integrator_id
        where t.token_hash = ${sha256(input.token)}`;
      if (!found || found.used_at || Date.parse(found.expires_at) <= now.getTime()) {
        throw invalidResetToken();
      }
      requireListedOrigin(c, found);
      requireBaylinkIdentity(found);
      checkNewPassword(policyOf(found), input.password, input.confirmation);
      const hash = await hasher.hash(input.password);
      await deps.sql.begin(async (tx) => {
        // Claims the token: of two confirmations racing, one finds it already used.
        const claimed = await tx`
          update password_reset_tokens set used_at = ${now.toISOString()}
          where account_id = ${found.account_id} and id = ${found.id}
            and used_at is null and expires_at > ${now.toISOString()}
          returning id`;
        if (claimed.length === 0) throw invalidResetToken();
        await storePassword(tx, {
          accountId: found.account_id,
          userId: found.user_id,
          hash,
          at: now,
        });
      });
      c.header('Cache-Control', 'no-store');
      return c.body(null, 204);
    },
  );

/** `resetUrl` must point at a page of the integrator (or this API's own pages) and hold `{token}`. */
function checkResetUrl(deps: AppDeps, account: IdentityAccount, resetUrl: string): void {
  const origin = new URL(resetUrl).origin;
  const self = deps.publicUrl ? new URL(deps.publicUrl).origin : undefined;
  const problems: string[] = [];
  if (origin !== self && !account.allowed_origins.includes(origin)) {
    problems.push(`Must be a page on one of the integrator's allowed origins, not ${origin}`);
  }
  if (!resetUrl.includes('{token}')) {
    problems.push('Must contain {token}, which the link in the mail replaces with the token');
  }
  if (problems.length > 0) {
    throw new ApiError(
      400,
      'validation_failed',
      'Invalid input: resetUrl',
      problems.map((message) => ({ path: 'resetUrl', message })),
    );
  }
}

function sendResetMail(
  deps: AppDeps,
  account: IdentityAccount,
  user: { id: string; name: string; email: string; language: 'en' | 'fr' },
  link: string,
  expiresAt: Date,
): void {
  const message = passwordResetMail({
    to: user.email,
    language: user.language,
    name: user.name,
    accountName: account.name,
    link,
    expiresAt,
    validMinutes: RESET_TOKEN_TTL_MINUTES,
    timeZone: account.time_zone,
  });
  deps.mailer?.send(message).catch((error: unknown) => {
    deps.logger.error(
      { err: error, accountId: account.id, userId: user.id },
      'the password reset mail could not be sent',
    );
  });
}
