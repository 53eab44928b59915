import { UserList, UserSummary } from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonResponse } from '../../lib/openapi.ts';
import type { UserRow } from '../../lib/types.ts';
import { toUserSummary, USER_COLUMNS } from './users.sql.ts';

const security = [{ userToken: [] }];

/** The account's directory, as any of its users may see it (names, positions, photos). */
export const usersRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/users',
      tags: ['Users'],
      summary: 'Users of my account',
      security,
      responses: {
        200: jsonResponse(UserList, 'Every user of the account, by name'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const rows = await deps.sql<UserRow[]>`
        select ${deps.sql.unsafe(USER_COLUMNS)} from users
        where account_id = ${c.get('auth').accountId}
        order by lower(name), id
        limit 5000`;
      return c.json({ items: rows.map((row) => toUserSummary(deps, row)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/users/{userId}',
      tags: ['Users'],
      summary: 'A user of my account',
      security,
      request: { params: z.object({ userId: z.uuid() }) },
      responses: {
        200: jsonResponse(UserSummary, 'The user'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const [row] = await deps.sql<UserRow[]>`
        select ${deps.sql.unsafe(USER_COLUMNS)} from users
        where account_id = ${c.get('auth').accountId} and id = ${c.req.valid('param').userId}`;
      if (!row) throw notFound('The user');
      return c.json(toUserSummary(deps, row), 200);
    },
  );
