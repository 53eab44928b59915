import { Preferences, UpdatePreferences } from '@baylink/sdk/contract';
import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { readPreferences, updatePreferences } from '../../services/preferences.ts';

const security = [{ userToken: [] }];

/** The signed-in user's notification preferences: overrides of the catalog defaults. */
export const preferencesRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/preferences',
      tags: ['Notifications'],
      summary: 'My notification preferences',
      security,
      responses: {
        200: jsonResponse(
          Preferences,
          'My overrides and the effective value of every type × channel',
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const { accountId, user } = c.get('auth');
      return c.json(await readPreferences(sql, accountId, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/me/preferences',
      tags: ['Notifications'],
      summary: 'Change my notification preferences',
      description:
        'Applies `changes` in order (after `reset`, when true). `enabled: null` removes an override; a category change also clears its types’ overrides for the same channels. Switching off a channel a type requires answers 400 naming the change.',
      security,
      request: { body: jsonBody(UpdatePreferences) },
      responses: {
        200: jsonResponse(Preferences, 'The preferences after the changes'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const { accountId, user } = c.get('auth');
      const update = c.req.valid('json');
      return c.json(await updatePreferences(sql, accountId, user.id, update), 200);
    },
  );
