import { Integrator, UpdateIntegrator } from '@baylink/sdk/contract';
import { createRoute } from '@hono/zod-openapi';
import type { Sql } from 'postgres';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { IntegratorRow } from '../../lib/types.ts';

const security = [{ apiKey: [] }];

/** The integrator's row with what only these routes read. */
type SettingsRow = IntegratorRow & { notification_settings_url: string | null };

export function toIntegrator(row: SettingsRow): Integrator {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: row.allowed_origins,
    notificationSettingsUrl: row.notification_settings_url,
    createdAt: row.created_at,
  };
}

const INTEGRATOR_COLUMNS =
  'id, name, allowed_origins, notification_settings_url, created_at, updated_at';

/**
 * Reads the integrator from the database. The API-key middleware caches the integrator for a
 * few seconds, so answering from `c.get('integrator')` could show settings from before a change.
 */
async function readIntegrator(sql: Sql, id: string): Promise<SettingsRow> {
  const [row] = await sql<SettingsRow[]>`
    select ${sql.unsafe(INTEGRATOR_COLUMNS)} from integrators where id = ${id}`;
  return row!;
}

/**
 * The integrator's own settings: its name, the origins its pages call the API from, and the
 * page where its users change their notification settings.
 */
export const integratorRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/integrator',
      tags: ['Integrator'],
      summary: 'My integrator settings',
      security,
      responses: { 200: jsonResponse(Integrator, 'The integrator'), ...errorResponses(401) },
    }),
    async (c) =>
      c.json(toIntegrator(await readIntegrator(c.get('deps').sql, c.get('integrator').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/integrator',
      tags: ['Integrator'],
      summary: 'Update my integrator settings',
      description:
        'Set `allowedOrigins` to the origins of the host pages that embed Baylink elements; browsers on other origins are refused. `notificationSettingsUrl` is the page of your app where users change their notification settings: notification emails link to it (null: they say where to look).',
      security,
      request: { body: jsonBody(UpdateIntegrator) },
      responses: {
        200: jsonResponse(Integrator, 'The updated integrator'),
        ...errorResponses(400, 401, 413, 415),
      },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      const { sql } = c.get('deps');
      const changes: Record<string, unknown> = {};
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.allowedOrigins !== undefined) {
        changes.allowed_origins = [...new Set(patch.allowedOrigins)];
      }
      if (patch.notificationSettingsUrl !== undefined) {
        changes.notification_settings_url = patch.notificationSettingsUrl;
      }
      if (Object.keys(changes).length === 0) {
        return c.json(toIntegrator(await readIntegrator(sql, c.get('integrator').id)), 200);
      }
      const [row] = await sql<SettingsRow[]>`
        update integrators set ${sql(changes)}, updated_at = now()
        where id = ${c.get('integrator').id}
        returning ${sql.unsafe(INTEGRATOR_COLUMNS)}`;
      return c.json(toIntegrator(row!), 200);
    },
  );
