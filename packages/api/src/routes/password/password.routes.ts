import {
  ChangePassword,
  type PasswordPolicy,
  PasswordSettings,
  SetUserPassword,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import {
  checkNewPassword,
  clock,
  identityServices,
  policyOf,
  requireBaylinkIdentity,
  storePassword,
} from '../auth/identity.ts';

const TAGS = ['Identity'];

interface PasswordRow {
  identity: 'host' | 'baylink';
  password_policy: Partial<PasswordPolicy> | null;
  password_hash: string | null;
  password_changed_at: string | null;
}

const toSettings = (row: PasswordRow): PasswordSettings => ({
  enabled: row.identity === 'baylink',
  policy: policyOf(row),
  changedAt: row.password_changed_at,
});

const UserParams = z.object({ accountId: z.uuid(), userId: z.uuid() });

/**
 * The signed-in user's password (`/v1/me/password`, user token) and the integrator's way to set
 * a user's first password (`/v1/accounts/{accountId}/users/{userId}/password`, API key).
 */
export const passwordRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/password',
      tags: TAGS,
      summary: 'My password settings',
      description:
        "Whether the Password section applies (`enabled`: the account uses Baylink's own identity), the account's password rule, and when the password last changed.",
      security: [{ userToken: [] }],
      responses: {
        200: jsonResponse(PasswordSettings, 'The password settings'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const { accountId, user } = c.get('auth');
      const [row] = await sql<PasswordRow[]>`
        select a.identity, a.password_policy, cr.password_hash, cr.password_changed_at
        from accounts a
        left join user_credentials cr on cr.account_id = a.id and cr.user_id = ${user.id}
        where a.id = ${accountId}`;
      if (!row) throw notFound('The account');
      return c.json(toSettings(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/me/password',
      tags: TAGS,
      summary: 'Change my password',
      description:
        "Needs the current password (400 `current_password_invalid` on `current` otherwise). The new one follows the account's rule (one detail per broken rule on `password`), differs from the current one and equals `confirmation`. Signed-in sessions stay valid (user tokens are stateless and live at most 12 hours); unused reset links stop working. Rate limited per user (429 `rate_limited`). Accounts that sign in through the host answer 403 `password_auth_disabled`.",
      security: [{ userToken: [] }],
      request: { body: jsonBody(ChangePassword) },
      responses: {
        200: jsonResponse(PasswordSettings, 'Changed'),
        ...errorResponses(400, 401, 403, 413, 415),
        429: { ...errorResponses(429)[429]!, description: 'Too many attempts; see `Retry-After`' },
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const deps = c.get('deps');
      const { accountId, user } = c.get('auth');
      const { hasher, limiter } = identityServices(deps);
      await limiter.enforce(c, [{ rule: 'changePerUser', subject: `${accountId}|${user.id}` }]);
      const [row] = await deps.sql<PasswordRow[]>`
        select a.identity, a.password_policy, cr.password_hash, cr.password_changed_at
        from accounts a
        left join user_credentials cr on cr.account_id = a.id and cr.user_id = ${user.id}
        where a.id = ${accountId}`;
      if (!row) throw notFound('The account');
      requireBaylinkIdentity(row);
      checkNewPassword(policyOf(row), input.password, input.confirmation);
      const matches = row.password_hash
        ? await hasher.verify(row.password_hash, input.current)
        : await hasher.verifyDummy(input.current);
      if (!matches) {
        throw new ApiError(400, 'current_password_invalid', 'The current password is not correct', [
          { path: 'current', message: 'The current password is not correct' },
        ]);
      }
      if (input.password.normalize('NFC') === input.current.normalize('NFC')) {
        throw new ApiError(400, 'validation_failed', 'Invalid input: password', [
          { path: 'password', message: 'Choose a password different from the current one' },
        ]);
      }
      const hash = await hasher.hash(input.password);
      const at = clock(deps);
      await deps.sql.begin((tx) => storePassword(tx, { accountId, userId: user.id, hash, at }));
      return c.json(
        toSettings({ ...row, password_hash: hash, password_changed_at: at.toISOString() }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/accounts/{accountId}/users/{userId}/password',
      tags: TAGS,
      summary: "Set a user's password",
      description:
        "For onboarding: users an integrator creates have no password until one is set here or they reset it by email. The password follows the account's rule. Accounts that sign in through the host answer 403 `password_auth_disabled`.",
      security: [{ apiKey: [] }],
      request: { params: UserParams, body: jsonBody(SetUserPassword) },
      responses: {
        204: { description: 'The password is set' },
        ...errorResponses(400, 401, 403, 404, 413, 415),
      },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const { password } = c.req.valid('json');
      const deps = c.get('deps');
      const [row] = await deps.sql<Pick<PasswordRow, 'identity' | 'password_policy'>[]>`
        select a.identity, a.password_policy
        from accounts a join users u on u.account_id = a.id
        where a.id = ${accountId} and a.integrator_id = ${c.get('integrator').id}
          and u.id = ${userId}`;
      if (!row) throw notFound('The user');
      requireBaylinkIdentity(row);
      checkNewPassword(policyOf(row), password);
      const hash = await identityServices(deps).hasher.hash(password);
      await deps.sql.begin((tx) => storePassword(tx, { accountId, userId, hash, at: clock(deps) }));
      return c.body(null, 204);
    },
  );
