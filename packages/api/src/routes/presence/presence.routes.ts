import { PresenceList } from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, jsonResponse } from '../../lib/openapi.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';
import { readPresence } from '../away/away.sql.ts';

const PRESENCE_NOTE =
  'Every user of the account, by name (at most 5000), with their away status as of `asOf`: a status whose `until` has passed reads as off. Users who never set one read as off, version 0. Keep it current with the `presence.changed` stream events (each carries one user’s status; keep the highest `version`).';

/**
 * Presence: the away status of every user of an account in one answer, so a screen of names
 * (`<bay-user-name>`) loads once and then follows the stream.
 */
export const presenceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/presence',
      tags: ['Away status'],
      summary: 'Away status of everyone in my account',
      description: PRESENCE_NOTE,
      security: [{ userToken: [] }],
      responses: {
        200: jsonResponse(PresenceList, 'Every user with their status'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      return c.json(await readPresence(sql, c.get('auth').accountId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/presence',
      tags: ['Away status'],
      summary: 'Away status of everyone in an account',
      description: PRESENCE_NOTE,
      security: [{ apiKey: [] }],
      request: { params: z.object({ accountId: z.uuid() }) },
      responses: {
        200: jsonResponse(PresenceList, 'Every user with their status'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      return c.json(await readPresence(sql, accountId), 200);
    },
  );
