import {
  DeliveryPage,
  DeliveryQuery,
  RetryDeliveries,
  RetryDeliveriesResult,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { UserAuth } from '../../lib/types.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';
import { listDeliveries, retryDeliveries } from './deliveries.sql.ts';

const userSecurity = [{ userToken: [] }];
const keySecurity = [{ apiKey: [] }];

const AccountParams = z.object({ accountId: z.uuid() });

const LIST_NOTE =
  'Every delivery of the account (one per notification × channel × destination), newest first, keyset-paginated (`nextCursor`), filtered by `status`, `channel`, `userId` or `notificationId`. `destination` is for people: the browser’s label for web push, the address for email, `webhook` for mobile. `held` says the user’s quiet hours hold it until `nextAttemptAt`.';

const RETRY_NOTE =
  'Puts the given failed or dead deliveries back in the queue, due now; the others (sent, queued, in flight, unknown) are answered in `skipped`. Attempts are kept and not restarted: a dead delivery gets one more attempt and is dead again if it fails.';

function requireAdmin(auth: UserAuth, what: string) {
  if (auth.user.role !== 'admin') {
    throw new ApiError(403, 'forbidden', `Only an admin of the account may ${what}`);
  }
}

/** The delivery log and dead letters: admins (user token) and the integrator (API key). */
export const deliveriesRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/deliveries',
      tags: ['Deliveries'],
      summary: 'List the account’s deliveries (admins)',
      description: `For admins of the account (others get 403). ${LIST_NOTE}`,
      security: userSecurity,
      request: { query: DeliveryQuery },
      responses: {
        200: jsonResponse(DeliveryPage, 'A page of deliveries'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const auth = c.get('auth');
      requireAdmin(auth, 'list deliveries');
      return c.json(await listDeliveries(c.get('deps').sql, auth.accountId, query), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/deliveries/retry',
      tags: ['Deliveries'],
      summary: 'Retry failed or dead deliveries (admins)',
      description: `For admins of the account (others get 403). ${RETRY_NOTE}`,
      security: userSecurity,
      request: { body: jsonBody(RetryDeliveries) },
      responses: {
        200: jsonResponse(RetryDeliveriesResult, 'What was put back in the queue'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { ids } = c.req.valid('json');
      const auth = c.get('auth');
      requireAdmin(auth, 'retry deliveries');
      return c.json(await retryDeliveries(c.get('deps').sql, auth.accountId, ids), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/deliveries',
      tags: ['Deliveries'],
      summary: 'List the account’s deliveries (backend)',
      description: LIST_NOTE,
      security: keySecurity,
      request: { params: AccountParams, query: DeliveryQuery },
      responses: {
        200: jsonResponse(DeliveryPage, 'A page of deliveries'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const query = c.req.valid('query');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      return c.json(await listDeliveries(sql, accountId, query), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/accounts/{accountId}/deliveries/retry',
      tags: ['Deliveries'],
      summary: 'Retry failed or dead deliveries (backend)',
      description: RETRY_NOTE,
      security: keySecurity,
      request: { params: AccountParams, body: jsonBody(RetryDeliveries) },
      responses: {
        200: jsonResponse(RetryDeliveriesResult, 'What was put back in the queue'),
        ...errorResponses(400, 401, 404, 413, 415),
      },
    }),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const { ids } = c.req.valid('json');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      return c.json(await retryDeliveries(sql, accountId, ids), 200);
    },
  );
