import { TeamSummaryList } from '@baylink/sdk/contract';
import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses, jsonResponse } from '../../lib/openapi.ts';

/**
 * The account's teams as any of its users may see them (names and member ids: the away
 * assignee picker lists them). Integrators manage teams with their API key (teams.routes.ts).
 */
export const teamDirectoryRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/v1/teams',
    tags: ['Teams'],
    summary: 'Teams of my account',
    security: [{ userToken: [] }],
    responses: {
      200: jsonResponse(TeamSummaryList, 'Every team of the account, by name, with its members'),
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    const { sql } = c.get('deps');
    const rows = await sql<{ id: string; name: string; member_ids: string[] }[]>`
      select t.id::text, t.name,
        array(
          select m.user_id::text from team_members m
          where m.account_id = t.account_id and m.team_id = t.id
          order by m.added_at, m.user_id
        ) as member_ids
      from teams t
      where t.account_id = ${c.get('auth').accountId}
      order by lower(t.name), t.id
      limit 10000`;
    return c.json(
      { items: rows.map((row) => ({ id: row.id, name: row.name, memberIds: row.member_ids })) },
      200,
    );
  },
);
