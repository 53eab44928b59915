import { AwayStatus, SetAwayStatus } from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { AppDeps, AppEnv } from '../../lib/types.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';
import { readAwayStatus, type SetAwayInput, writeAwayStatus } from './away.sql.ts';

const userSecurity = [{ userToken: [] }];
const keySecurity = [{ apiKey: [] }];

const TeammateParams = z.object({ userId: z.uuid() });
const UserParams = z.object({ accountId: z.uuid(), userId: z.uuid() });

const SET_RULES =
  '`away: true` turns the status on (`since` is kept when it was already on); `assignee` (a user of the account other than the user, or a team of the account) and `until` (a date, a time of day and an IANA zone, converted with that zone’s rules for that date; it must be in the future) are optional, and left out mean none. `away: false` turns it off: `since` and `until` are dropped and a left-out `assignee` keeps the current one. Bad input answers 400 naming the field and changes nothing. Every change bumps `version` and reaches every user of the account as a `presence.changed` stream event.';

const READ_NOTE =
  'Exact at the moment of the read: a status whose `until` has passed reads as off even before the scheduled return writes it off. A user who never set a status reads as off, version 0.';

/** Writes a status and wakes this process's return timer when the new `until` is due sooner. */
async function write(
  deps: AppDeps,
  accountId: string,
  userId: string,
  change: SetAwayInput | 'off',
  updatedBy: string | null,
): Promise<AwayStatus> {
  const { status, changed } = await writeAwayStatus(deps.sql, accountId, userId, change, updatedBy);
  if (changed && status.until) deps.awayExpiry?.poke(new Date(status.until.at));
  return status;
}

/** Admins may change any user's status; other users only their own. */
function requireAdminOrSelf(c: Context<AppEnv>, userId: string): void {
  const { user } = c.get('auth');
  if (user.role === 'admin' || user.id === userId) return;
  throw new ApiError(
    403,
    'forbidden',
    'Only an admin of the account may change a teammate’s status',
  );
}

/**
 * Away status (article 000, "Using the Away Status"): the user's own (user token), a
 * teammate's (any user reads; admins change), and the integrator's per-user twins (API key).
 */
export const awayRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/away',
      tags: ['Away status'],
      summary: 'My away status',
      description: READ_NOTE,
      security: userSecurity,
      responses: {
        200: jsonResponse(AwayStatus, 'The signed-in user’s status'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const { accountId, user } = c.get('auth');
      return c.json(await readAwayStatus(sql, accountId, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/me/away',
      tags: ['Away status'],
      summary: 'Set my away status',
      description: SET_RULES,
      security: userSecurity,
      request: { body: jsonBody(SetAwayStatus) },
      responses: {
        200: jsonResponse(AwayStatus, 'The status after the change'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { accountId, user } = c.get('auth');
      return c.json(await write(c.get('deps'), accountId, user.id, input, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/me/away',
      tags: ['Away status'],
      summary: 'Turn my away status off',
      description: 'Drops `since` and `until`; the cover is kept for next time.',
      security: userSecurity,
      responses: {
        200: jsonResponse(AwayStatus, 'The status, off'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { accountId, user } = c.get('auth');
      return c.json(await write(c.get('deps'), accountId, user.id, 'off', user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/users/{userId}/away',
      tags: ['Away status'],
      summary: 'A teammate’s away status',
      description: READ_NOTE,
      security: userSecurity,
      request: { params: TeammateParams },
      responses: {
        200: jsonResponse(AwayStatus, 'The user’s status'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const { userId } = c.req.valid('param');
      return c.json(await readAwayStatus(sql, c.get('auth').accountId, userId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/users/{userId}/away',
      tags: ['Away status'],
      summary: 'Set a teammate’s away status (admins)',
      description: `For admins of the account (others get 403, except for themselves). ${SET_RULES}`,
      security: userSecurity,
      request: { params: TeammateParams, body: jsonBody(SetAwayStatus) },
      responses: {
        200: jsonResponse(AwayStatus, 'The status after the change'),
        ...errorResponses(400, 401, 403, 404, 413, 415),
      },
    }),
    async (c) => {
      const { userId } = c.req.valid('param');
      const input = c.req.valid('json');
      requireAdminOrSelf(c, userId);
      const { accountId, user } = c.get('auth');
      return c.json(await write(c.get('deps'), accountId, userId, input, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/users/{userId}/away',
      tags: ['Away status'],
      summary: 'Turn a teammate’s away status off (admins)',
      description:
        'For admins of the account (others get 403, except for themselves). The cover is kept.',
      security: userSecurity,
      request: { params: TeammateParams },
      responses: {
        200: jsonResponse(AwayStatus, 'The status, off'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { userId } = c.req.valid('param');
      requireAdminOrSelf(c, userId);
      const { accountId, user } = c.get('auth');
      return c.json(await write(c.get('deps'), accountId, userId, 'off', user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/users/{userId}/away',
      tags: ['Away status'],
      summary: 'A user’s away status',
      description: READ_NOTE,
      security: keySecurity,
      request: { params: UserParams },
      responses: {
        200: jsonResponse(AwayStatus, 'The user’s status'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      return c.json(await readAwayStatus(sql, accountId, userId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/accounts/{accountId}/users/{userId}/away',
      tags: ['Away status'],
      summary: 'Set a user’s away status',
      description: `For host backends (the change is recorded with \`updatedBy: null\`). ${SET_RULES}`,
      security: keySecurity,
      request: { params: UserParams, body: jsonBody(SetAwayStatus) },
      responses: {
        200: jsonResponse(AwayStatus, 'The status after the change'),
        ...errorResponses(400, 401, 404, 413, 415),
      },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const input = c.req.valid('json');
      const deps = c.get('deps');
      await requireOwnedAccount(deps.sql, c.get('integrator').id, accountId);
      return c.json(await write(deps, accountId, userId, input, null), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/accounts/{accountId}/users/{userId}/away',
      tags: ['Away status'],
      summary: 'Turn a user’s away status off',
      description: 'Drops `since` and `until`; the cover is kept for next time.',
      security: keySecurity,
      request: { params: UserParams },
      responses: {
        200: jsonResponse(AwayStatus, 'The status, off'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const deps = c.get('deps');
      await requireOwnedAccount(deps.sql, c.get('integrator').id, accountId);
      return c.json(await write(deps, accountId, userId, 'off', null), 200);
    },
  );
