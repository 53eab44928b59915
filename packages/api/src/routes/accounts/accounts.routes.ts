import {
  Account,
  AccountList,
  CreateAccount,
  PASSWORD_DEFAULT_POLICY,
  type PasswordPolicy,
  UpdateAccount,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import type { Sql } from 'postgres';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';

const security = [{ apiKey: [] }];

export interface AccountRow {
  id: string;
  integrator_id: string;
  external_id: string | null;
  name: string;
  time_zone: string;
  identity: 'host' | 'baylink';
  /** A stricter password rule than the default, or null for the default. */
  password_policy: Partial<PasswordPolicy> | null;
  created_at: string;
  updated_at: string;
}

export const ACCOUNT_COLUMNS =
  'id, integrator_id, external_id, name, time_zone, identity, password_policy, created_at, updated_at';

/** A policy as stored: the default's values under the ones the integrator gave (SQL null: the default). */
const storedPolicy = (sql: Sql, policy: Partial<PasswordPolicy> | null | undefined) =>
  policy ? sql.json({ ...PASSWORD_DEFAULT_POLICY, ...policy }) : null;

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    timeZone: row.time_zone,
    identity: row.identity,
    passwordPolicy: { ...PASSWORD_DEFAULT_POLICY, ...(row.password_policy ?? {}) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const AccountParams = z.object({ accountId: z.uuid() });

const externalIdTaken = () =>
  new ApiError(409, 'conflict', 'Another account of this integrator has that external id', [
    { path: 'externalId', message: 'Already used by another account' },
  ]);

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/** Dealerships, managed by the integrator's backend with its API key. */
export const accountsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/accounts',
      tags: ['Accounts'],
      summary: 'Create an account (a dealership)',
      security,
      request: { body: jsonBody(CreateAccount) },
      responses: {
        201: jsonResponse(Account, 'The new account'),
        ...errorResponses(400, 401, 409, 413, 415),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { sql } = c.get('deps');
      try {
        const [row] = await sql<AccountRow[]>`
          insert into accounts (integrator_id, external_id, name, time_zone, identity, password_policy)
          values (${c.get('integrator').id}, ${input.externalId ?? null}, ${input.name},
                  ${input.timeZone}, ${input.identity},
                  ${storedPolicy(sql, input.passwordPolicy)})
          returning ${sql.unsafe(ACCOUNT_COLUMNS)}`;
        return c.json(toAccount(row!), 201);
      } catch (error) {
        if (isUniqueViolation(error)) throw externalIdTaken();
        throw error;
      }
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts',
      tags: ['Accounts'],
      summary: 'List my accounts',
      security,
      responses: {
        200: jsonResponse(AccountList, 'Accounts, oldest first'),
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const rows = await sql<AccountRow[]>`
        select ${sql.unsafe(ACCOUNT_COLUMNS)} from accounts
        where integrator_id = ${c.get('integrator').id}
        order by created_at, id
        limit 10000`;
      return c.json({ items: rows.map(toAccount) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}',
      tags: ['Accounts'],
      summary: 'Get an account',
      security,
      request: { params: AccountParams },
      responses: { 200: jsonResponse(Account, 'The account'), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const [row] = await sql<AccountRow[]>`
        select ${sql.unsafe(ACCOUNT_COLUMNS)} from accounts
        where id = ${c.req.valid('param').accountId} and integrator_id = ${c.get('integrator').id}`;
      if (!row) throw notFound('The account');
      return c.json(toAccount(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/accounts/{accountId}',
      tags: ['Accounts'],
      summary: 'Update an account',
      security,
      request: { params: AccountParams, body: jsonBody(UpdateAccount) },
      responses: {
        200: jsonResponse(Account, 'The updated account'),
        ...errorResponses(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      const { sql } = c.get('deps');
      const changes: Record<string, unknown> = {};
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.externalId !== undefined) changes.external_id = patch.externalId;
      if (patch.timeZone !== undefined) changes.time_zone = patch.timeZone;
      if (patch.identity !== undefined) changes.identity = patch.identity;
      if (patch.passwordPolicy !== undefined) {
        changes.password_policy = storedPolicy(sql, patch.passwordPolicy);
      }
      const { accountId } = c.req.valid('param');
      const integratorId = c.get('integrator').id;
      try {
        const [row] =
          Object.keys(changes).length === 0
            ? await sql<AccountRow[]>`
                select ${sql.unsafe(ACCOUNT_COLUMNS)} from accounts
                where id = ${accountId} and integrator_id = ${integratorId}`
            : await sql<AccountRow[]>`
                update accounts set ${sql(changes)}, updated_at = now()
                where id = ${accountId} and integrator_id = ${integratorId}
                returning ${sql.unsafe(ACCOUNT_COLUMNS)}`;
        if (!row) throw notFound('The account');
        return c.json(toAccount(row), 200);
      } catch (error) {
        if (isUniqueViolation(error)) throw externalIdTaken();
        throw error;
      }
    },
  );
