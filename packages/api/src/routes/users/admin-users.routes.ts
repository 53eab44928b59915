import { AdminUserList, PROFILE_LIMITS, UpdateUser, UpsertUser, User } from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { UserRow } from '../../lib/types.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';
import { photoFileKey, toUser, USER_COLUMNS, userConflictField } from './users.sql.ts';

const security = [{ apiKey: [] }];

const AccountParams = z.object({ accountId: z.uuid() });
const UserParams = z.object({ accountId: z.uuid(), userId: z.uuid() });
const ReferenceParams = z.object({
  accountId: z.uuid(),
  referenceId: z.string().trim().min(1).max(PROFILE_LIMITS.referenceId),
});

/** The columns a body field writes to; fields left out of a body are left as they are. */
const COLUMN_OF = {
  name: 'name',
  email: 'email',
  language: 'language',
  jobPosition: 'job_position',
  role: 'role',
  capabilities: 'capabilities',
} as const;

function columnsOf(input: Partial<Record<keyof typeof COLUMN_OF, unknown>>) {
  const columns: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COLUMN_OF)) {
    const value = input[field as keyof typeof COLUMN_OF];
    if (value === undefined) continue;
    columns[column] = Array.isArray(value) ? [...new Set(value)] : value;
  }
  return columns;
}

/** Turns the email unique-violation into the one 409 the caller can act on. */
function rethrowConflict(error: unknown): never {
  if (userConflictField(error) === 'email') {
    throw new ApiError(409, 'email_taken', 'Another user of this account has that email', [
      { path: 'email', message: 'Another user of this account already uses this email' },
    ]);
  }
  throw error;
}

/**
 * The users of an account, managed by the integrator's backend with its API key. Hosts sync
 * their people by their own id (`PUT …/users/by-reference/{referenceId}`), so a sync job can
 * run again and again without creating duplicates.
 */
export const adminUsersRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/accounts/{accountId}/users/by-reference/{referenceId}',
      tags: ['Users (admin)'],
      summary: 'Create or update a user by its id in the host system',
      description:
        'Creates the user (201) or updates the one with this reference ID (200), atomically. Fields left out keep their current value (or their default for a new user); `email: null` clears the email.',
      security,
      request: { params: ReferenceParams, body: jsonBody(UpsertUser) },
      responses: {
        200: jsonResponse(User, 'The updated user'),
        201: jsonResponse(User, 'The new user'),
        ...errorResponses(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { accountId, referenceId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      const changes = columnsOf(input);
      try {
        const [row] = await sql<(UserRow & { inserted: boolean })[]>`
          insert into users ${sql({ account_id: accountId, reference_id: referenceId, ...changes })}
          on conflict (account_id, reference_id) do update set ${sql(changes)}, updated_at = now()
          returning ${sql.unsafe(USER_COLUMNS)}, (xmax = 0) as inserted`;
        const { inserted, ...user } = row!;
        return inserted ? c.json(toUser(user), 201) : c.json(toUser(user), 200);
      } catch (error) {
        rethrowConflict(error);
      }
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/users',
      tags: ['Users (admin)'],
      summary: 'List the users of an account',
      security,
      request: { params: AccountParams },
      responses: {
        200: jsonResponse(AdminUserList, 'Every user of the account, by name'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      const rows = await sql<UserRow[]>`
        select ${sql.unsafe(USER_COLUMNS)} from users
        where account_id = ${accountId}
        order by lower(name), id
        limit 10000`;
      return c.json({ items: rows.map(toUser) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/users/{userId}',
      tags: ['Users (admin)'],
      summary: 'Get a user',
      security,
      request: { params: UserParams },
      responses: { 200: jsonResponse(User, 'The user'), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      const [row] = await sql<UserRow[]>`
        select ${sql.unsafe(USER_COLUMNS)} from users
        where account_id = ${accountId} and id = ${userId}`;
      if (!row) throw notFound('The user');
      return c.json(toUser(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/accounts/{accountId}/users/{userId}',
      tags: ['Users (admin)'],
      summary: 'Update a user',
      security,
      request: { params: UserParams, body: jsonBody(UpdateUser) },
      responses: {
        200: jsonResponse(User, 'The updated user'),
        ...errorResponses(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      const changes = columnsOf(c.req.valid('json'));
      try {
        const [row] =
          Object.keys(changes).length === 0
            ? await sql<UserRow[]>`
                select ${sql.unsafe(USER_COLUMNS)} from users
                where account_id = ${accountId} and id = ${userId}`
            : await sql<UserRow[]>`
                update users set ${sql(changes)}, updated_at = now()
                where account_id = ${accountId} and id = ${userId}
                returning ${sql.unsafe(USER_COLUMNS)}`;
        if (!row) throw notFound('The user');
        return c.json(toUser(row), 200);
      } catch (error) {
        rethrowConflict(error);
      }
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/accounts/{accountId}/users/{userId}',
      tags: ['Users (admin)'],
      summary: 'Delete a user',
      description: 'Removes the user, their team memberships and their photo.',
      security,
      request: { params: UserParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const deps = c.get('deps');
      await requireOwnedAccount(deps.sql, c.get('integrator').id, accountId);
      const [row] = await deps.sql<Pick<UserRow, 'photo_key'>[]>`
        delete from users where account_id = ${accountId} and id = ${userId}
        returning photo_key`;
      if (!row) throw notFound('The user');
      if (row.photo_key) await deps.files.delete(photoFileKey(accountId, userId, row.photo_key));
      return c.body(null, 204);
    },
  );
