import { CreateTeam, Team, TeamList, UpdateTeam } from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import type { Sql, TransactionSql } from 'postgres';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';

const security = [{ apiKey: [] }];

const AccountParams = z.object({ accountId: z.uuid() });
const TeamParams = z.object({ accountId: z.uuid(), teamId: z.uuid() });
const MemberParams = z.object({ accountId: z.uuid(), teamId: z.uuid(), userId: z.uuid() });

interface TeamRow {
  account_id: string;
  id: string;
  external_id: string | null;
  name: string;
  member_ids: string[];
  created_at: string;
  updated_at: string;
}

function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    accountId: row.account_id,
    externalId: row.external_id,
    name: row.name,
    memberIds: row.member_ids,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The account's teams with their members (oldest membership first), by name. */
function selectTeams(sql: Sql | TransactionSql, accountId: string, teamId?: string) {
  return sql<TeamRow[]>`
    select t.account_id, t.id, t.external_id, t.name, t.created_at, t.updated_at,
      array(
        select m.user_id::text from team_members m
        where m.account_id = t.account_id and m.team_id = t.id
        order by m.added_at, m.user_id
      ) as member_ids
    from teams t
    where t.account_id = ${accountId} ${teamId ? sql`and t.id = ${teamId}` : sql``}
    order by lower(t.name), t.id
    limit 10000`;
}

async function readTeam(sql: Sql | TransactionSql, accountId: string, teamId: string) {
  const [row] = await selectTeams(sql, accountId, teamId);
  if (!row) throw notFound('The team');
  return toTeam(row);
}

/**
 * Checks that every member id names a user of the account, and holds those users until the
 * commit so none can disappear before the memberships are written. Answers the distinct ids.
 */
async function checkMembers(tx: TransactionSql, accountId: string, memberIds: string[]) {
  const distinct = [...new Set(memberIds)];
  if (distinct.length === 0) return distinct;
  const rows = await tx<{ id: string }[]>`
    select id::text from users
    where account_id = ${accountId} and id = any(${distinct}::uuid[])
    for key share`;
  const found = new Set(rows.map((row) => row.id));
  const details = memberIds.flatMap((id, index) =>
    found.has(id)
      ? []
      : [{ path: `memberIds.${index}`, message: 'No user of this account has this id' }],
  );
  if (details.length > 0) {
    throw new ApiError(
      400,
      'validation_failed',
      `Invalid input: ${details.map((d) => d.path).join(', ')}`,
      details,
    );
  }
  return distinct;
}

/** Locks the team row for this transaction (membership changes are serialized per team). */
async function lockTeam(tx: TransactionSql, accountId: string, teamId: string) {
  const [row] = await tx`
    select 1 from teams where account_id = ${accountId} and id = ${teamId}
    for no key update`;
  if (!row) throw notFound('The team');
}

async function requireUser(tx: TransactionSql, accountId: string, userId: string) {
  const [row] = await tx`
    select 1 from users where account_id = ${accountId} and id = ${userId} for key share`;
  if (!row) throw notFound('The user');
}

const externalIdTaken = () =>
  new ApiError(409, 'conflict', 'Another team of this account has that external id', [
    { path: 'externalId', message: 'Already used by another team' },
  ]);

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/** Teams of an account (for away assignees and routing), managed with the integrator's API key. */
export const teamsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/accounts/{accountId}/teams',
      tags: ['Teams'],
      summary: 'Create a team',
      description: 'Every id in `memberIds` must be a user of the account.',
      security,
      request: { params: AccountParams, body: jsonBody(CreateTeam) },
      responses: {
        201: jsonResponse(Team, 'The new team'),
        ...errorResponses(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { accountId } = c.req.valid('param');
      const { sql } = c.get('deps');
      const integratorId = c.get('integrator').id;
      try {
        const team = await sql.begin(async (tx) => {
          await requireOwnedAccount(tx, integratorId, accountId);
          const members = await checkMembers(tx, accountId, input.memberIds);
          const [row] = await tx<{ id: string }[]>`
            insert into teams (account_id, external_id, name)
            values (${accountId}, ${input.externalId ?? null}, ${input.name})
            returning id`;
          const teamId = row!.id;
          if (members.length > 0) {
            await tx`
              insert into team_members ${tx(
                members.map((userId) => ({
                  account_id: accountId,
                  team_id: teamId,
                  user_id: userId,
                })),
              )}`;
          }
          return readTeam(tx, accountId, teamId);
        });
        return c.json(team, 201);
      } catch (error) {
        if (isUniqueViolation(error)) throw externalIdTaken();
        throw error;
      }
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/teams',
      tags: ['Teams'],
      summary: 'List the teams of an account',
      security,
      request: { params: AccountParams },
      responses: {
        200: jsonResponse(TeamList, 'Every team of the account, by name'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      const rows = await selectTeams(sql, accountId);
      return c.json({ items: rows.map(toTeam) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/teams/{teamId}',
      tags: ['Teams'],
      summary: 'Get a team',
      security,
      request: { params: TeamParams },
      responses: { 200: jsonResponse(Team, 'The team'), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const { accountId, teamId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      return c.json(await readTeam(sql, accountId, teamId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/accounts/{accountId}/teams/{teamId}',
      tags: ['Teams'],
      summary: 'Update a team',
      description:
        '`memberIds`, when given, replaces the members; every id must be a user of the account.',
      security,
      request: { params: TeamParams, body: jsonBody(UpdateTeam) },
      responses: {
        200: jsonResponse(Team, 'The updated team'),
        ...errorResponses(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      const { accountId, teamId } = c.req.valid('param');
      const { sql } = c.get('deps');
      const integratorId = c.get('integrator').id;
      try {
        const team = await sql.begin(async (tx) => {
          await requireOwnedAccount(tx, integratorId, accountId);
          await lockTeam(tx, accountId, teamId);
          const members =
            patch.memberIds === undefined
              ? undefined
              : await checkMembers(tx, accountId, patch.memberIds);
          const changes: Record<string, unknown> = {};
          if (patch.name !== undefined) changes.name = patch.name;
          if (patch.externalId !== undefined) changes.external_id = patch.externalId;
          if (members) {
            await tx`
              delete from team_members
              where account_id = ${accountId} and team_id = ${teamId}
                and not (user_id = any(${members}::uuid[]))`;
            if (members.length > 0) {
              await tx`
                insert into team_members ${tx(
                  members.map((userId) => ({
                    account_id: accountId,
                    team_id: teamId,
                    user_id: userId,
                  })),
                )}
                on conflict do nothing`;
            }
          }
          if (Object.keys(changes).length > 0) {
            await tx`
              update teams set ${tx(changes)}, updated_at = now()
              where account_id = ${accountId} and id = ${teamId}`;
          } else if (members) {
            await tx`
              update teams set updated_at = now()
              where account_id = ${accountId} and id = ${teamId}`;
          }
          return readTeam(tx, accountId, teamId);
        });
        return c.json(team, 200);
      } catch (error) {
        if (isUniqueViolation(error)) throw externalIdTaken();
        throw error;
      }
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/accounts/{accountId}/teams/{teamId}',
      tags: ['Teams'],
      summary: 'Delete a team',
      security,
      request: { params: TeamParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const { accountId, teamId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      const [row] = await sql`
        delete from teams where account_id = ${accountId} and id = ${teamId} returning id`;
      if (!row) throw notFound('The team');
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/accounts/{accountId}/teams/{teamId}/members/{userId}',
      tags: ['Teams'],
      summary: 'Add a user to a team',
      description: 'Idempotent: adding a member twice changes nothing.',
      security,
      request: { params: MemberParams },
      responses: {
        200: jsonResponse(Team, 'The team with the user among its members'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId, teamId, userId } = c.req.valid('param');
      const { sql } = c.get('deps');
      const integratorId = c.get('integrator').id;
      const team = await sql.begin(async (tx) => {
        await requireOwnedAccount(tx, integratorId, accountId);
        await lockTeam(tx, accountId, teamId);
        await requireUser(tx, accountId, userId);
        const added = await tx`
          insert into team_members (account_id, team_id, user_id)
          values (${accountId}, ${teamId}, ${userId})
          on conflict do nothing
          returning user_id`;
        if (added.length > 0) {
          await tx`
            update teams set updated_at = now() where account_id = ${accountId} and id = ${teamId}`;
        }
        return readTeam(tx, accountId, teamId);
      });
      return c.json(team, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/accounts/{accountId}/teams/{teamId}/members/{userId}',
      tags: ['Teams'],
      summary: 'Remove a user from a team',
      description: 'Idempotent: removing a user who is not a member changes nothing.',
      security,
      request: { params: MemberParams },
      responses: {
        200: jsonResponse(Team, 'The team without the user'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId, teamId, userId } = c.req.valid('param');
      const { sql } = c.get('deps');
      const integratorId = c.get('integrator').id;
      const team = await sql.begin(async (tx) => {
        await requireOwnedAccount(tx, integratorId, accountId);
        await lockTeam(tx, accountId, teamId);
        await requireUser(tx, accountId, userId);
        const removed = await tx`
          delete from team_members
          where account_id = ${accountId} and team_id = ${teamId} and user_id = ${userId}
          returning user_id`;
        if (removed.length > 0) {
          await tx`
            update teams set updated_at = now() where account_id = ${accountId} and id = ${teamId}`;
        }
        return readTeam(tx, accountId, teamId);
      });
      return c.json(team, 200);
    },
  );
