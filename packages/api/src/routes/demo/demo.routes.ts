import {
  DemoToken,
  DemoTokenRequest,
  DemoUserList,
  EventAccepted,
  Id,
  TypeKey,
} from '@baylink/sdk/contract';
import { mintUserToken } from '@baylink/sdk/server';
import { createRoute, z } from '@hono/zod-openapi';
import { findDemoAccount } from '../../demo/seed.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { ingestEvent } from '../events/ingest.ts';

const unavailable = () => new ApiError(404, 'not_found', 'The demo data is not loaded');

const DemoTeamList = z
  .object({ items: z.array(z.object({ id: Id, name: z.string(), members: z.number().int() })) })
  .meta({ id: 'DemoTeamList' });

/** What the portal's "Simulate a DMS event" form sends: a catalog type and demo recipients. */
export const DemoEvent = z
  .object({
    type: TypeKey,
    userIds: z.array(Id).max(20).optional(),
    teamIds: z.array(Id).max(5).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    body: z.string().trim().min(1).max(1000).optional(),
    link: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .strict()
  .refine((event) => (event.userIds?.length ?? 0) + (event.teamIds?.length ?? 0) > 0, {
    message: 'Choose at least one user or team',
    path: ['userIds'],
  })
  .meta({ id: 'DemoEvent' });

/** The name shown as the actor of simulated events. */
export const DEMO_EVENT_ACTOR = 'Baylink Motors DMS';

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
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/demo/teams',
      tags: ['Demo'],
      summary: 'Teams of the demo dealership (demo mode only)',
      responses: { 200: jsonResponse(DemoTeamList, 'The demo teams'), ...errorResponses(404) },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const demo = await findDemoAccount(sql);
      if (!demo) throw unavailable();
      const rows = await sql<{ id: string; name: string; members: number }[]>`
        select t.id, t.name, count(m.user_id)::int as members
        from teams t left join team_members m on m.account_id = t.account_id and m.team_id = t.id
        where t.account_id = ${demo.accountId}
        group by t.id, t.name order by t.name`;
      return c.json(
        { items: rows.map((r) => ({ id: r.id, name: r.name, members: r.members })) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/demo/events',
      tags: ['Demo'],
      summary: 'Post an event as the demo DMS would (demo mode only)',
      description:
        'Stands in for the DMS backend calling `POST /v1/events` with its API key: the event goes ' +
        'through the same ingestion (preferences, inbox rows, deliveries, stream events).',
      request: { body: jsonBody(DemoEvent) },
      responses: {
        202: jsonResponse(EventAccepted, 'Accepted: the notifications are written'),
        ...errorResponses(400, 404, 415),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const demo = await findDemoAccount(deps.sql);
      if (!demo) throw unavailable();
      const input = c.req.valid('json');
      const accepted = await ingestEvent(deps, demo.integratorId, {
        accountId: demo.accountId,
        type: input.type,
        recipients: {
          ...(input.userIds?.length ? { userIds: input.userIds } : {}),
          ...(input.teamIds?.length ? { teamIds: input.teamIds } : {}),
        },
        actor: { name: DEMO_EVENT_ACTOR },
        ...(input.title ? { title: input.title } : {}),
        ...(input.body ? { body: input.body } : {}),
        ...(input.link ? { link: input.link } : {}),
        excludeActor: true,
      });
      return c.json(accepted, 202);
    },
  );
