import {
  RouteRequest,
  RoutingDecision,
  RoutingDecisionPage,
  RoutingDecisionQuery,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';
import { decideRouting, listDecisions } from './routing.sql.ts';

const userSecurity = [{ userToken: [] }];
const keySecurity = [{ apiKey: [] }];

const AccountParams = z.object({ accountId: z.uuid() });

const RULES =
  'The rules, in order: the user is not away → the user (`not_away`); the user answered this conversation while away (`replied: true` now or in an earlier decision about it) → the user (`replied`); no cover named → the user (`no_assignee`); the user covering is available → them (`assignee`), or away too → the user (`assignee_away`, no chains); the team covering → its available member (not away, not the user) assigned least recently through the team, ties by name (`team_member`), or none → the user (`team_unavailable`). A decision is made on the user’s status before or after a concurrent change, never between. Each is recorded for audit; when someone else gets the conversation they receive a `conversations.assigned` notification (as their preferences allow; `notificationId`).';

const LIST_NOTE =
  'Newest first, keyset-paginated (`nextCursor`), optionally for one user (`userId`), one assignee (`assigneeId`) or one conversation (`conversationId`).';

/**
 * Routing decisions: the host asks who gets a new conversation meant for a user now, and why
 * (browser, user token: any user asks, admins audit; backend, API key).
 */
export const routingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/routing/decisions',
      tags: ['Routing'],
      summary: 'Who gets this conversation?',
      description: `${RULES} \`requestedBy\` is the signed-in user.`,
      security: userSecurity,
      request: { body: jsonBody(RouteRequest) },
      responses: {
        201: jsonResponse(RoutingDecision, 'The decision, recorded'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { sql } = c.get('deps');
      const { accountId, integratorId, user } = c.get('auth');
      const decision = await decideRouting(
        sql,
        { accountId, integratorId, requestedBy: user.id },
        input,
      );
      return c.json(decision, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/routing/decisions',
      tags: ['Routing'],
      summary: 'Audit the routing decisions (admins)',
      description: `For admins of the account (others get 403). ${LIST_NOTE}`,
      security: userSecurity,
      request: { query: RoutingDecisionQuery },
      responses: {
        200: jsonResponse(RoutingDecisionPage, 'A page of decisions'),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { accountId, user } = c.get('auth');
      if (user.role !== 'admin') {
        throw new ApiError(403, 'forbidden', 'Only an admin of the account may audit decisions');
      }
      return c.json(await listDecisions(c.get('deps').sql, accountId, query), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/accounts/{accountId}/routing/decisions',
      tags: ['Routing'],
      summary: 'Who gets this conversation? (backend)',
      description: `${RULES} \`requestedBy\` is null.`,
      security: keySecurity,
      request: { params: AccountParams, body: jsonBody(RouteRequest) },
      responses: {
        201: jsonResponse(RoutingDecision, 'The decision, recorded'),
        ...errorResponses(400, 401, 404, 413, 415),
      },
    }),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const input = c.req.valid('json');
      const { sql } = c.get('deps');
      const integratorId = c.get('integrator').id;
      await requireOwnedAccount(sql, integratorId, accountId);
      const decision = await decideRouting(
        sql,
        { accountId, integratorId, requestedBy: null },
        input,
      );
      return c.json(decision, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/routing/decisions',
      tags: ['Routing'],
      summary: 'Audit the routing decisions (backend)',
      description: LIST_NOTE,
      security: keySecurity,
      request: { params: AccountParams, query: RoutingDecisionQuery },
      responses: {
        200: jsonResponse(RoutingDecisionPage, 'A page of decisions'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const query = c.req.valid('query');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      return c.json(await listDecisions(sql, accountId, query), 200);
    },
  );
