import { DemoToken, DemoTokenRequest, DemoUserList } from '@baylink/sdk/contract';
import { mintUserToken } from '@baylink/sdk/server';
import { createRoute } from '@hono/zod-openapi';
import { findDemoAccount } from '../../demo/seed.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';

const unavailable = () => new ApiError(404, 'not_found', 'The demo data is not loaded');

/**
 * Demo only (mounted when BAYLINK_DEMO is on, never in production): lets the example portal
 * pick a demo user and get a token for them, standing in for the host's own backend.
 */
export const demoRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/demo/users',
      tags: ['Demo'],
      summary: 'Demo users to sign in as (demo mode only)',
      responses: { 200: jsonResponse(DemoUserList, 'The demo users'), ...errorResponses(404) },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const demo = await findDemoAccount(sql);
      if (!demo) throw unavailable();
      const rows = await sql<
        {
          id: string;
          name: string;
          job_position: string | null;
          language: 'en' | 'fr';
          role: 'admin' | 'member';
        }[]
      >`
        select id, name, job_position, language, role from users
        where account_id = ${demo.accountId} order by reference_id`;
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            jobPosition: r.job_position,
            language: r.language,
            role: r.role,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/demo/token',
      tags: ['Demo'],
      summary: 'A user token for a demo user (demo mode only)',
      request: { body: jsonBody(DemoTokenRequest) },
      responses: {
        200: jsonResponse(DemoToken, 'A one-hour token'),
        ...errorResponses(400, 404, 415),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const demo = await findDemoAccount(sql);
      if (!demo) throw unavailable();
      const { userId } = c.req.valid('json');
      const [row] = await sql<{ signing_secret: string }[]>`
        select i.signing_secret from users u
        join accounts a on a.id = u.account_id
        join integrators i on i.id = a.integrator_id
        where u.account_id = ${demo.accountId} and u.id = ${userId}`;
      if (!row) throw notFound('The demo user');
      const minted = await mintUserToken({
        secret: row.signing_secret,
        accountId: demo.accountId,
        userId,
        expiresInSeconds: 3600,
        ...(c.get('deps').now ? { now: c.get('deps').now!() } : {}),
      });
      return c.json({ token: minted.token, expiresAt: minted.expiresAt.toISOString() }, 200);
    },
  );
