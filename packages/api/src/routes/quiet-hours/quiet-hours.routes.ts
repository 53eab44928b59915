import { QuietHours, UpdateQuietHours } from '@baylink/sdk/contract';
import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { readQuietHours, writeQuietHours } from './quiet-hours.sql.ts';

const userSecurity = [{ userToken: [] }];

const RULES =
  'During these hours, in the given time zone, browser notifications and mobile deliveries wait and go out when the hours end; email and the in-app inbox do not wait, and types the catalog makes required for a channel break through. An end before the start spans midnight (22:00–07:00); `days` (0 = Sunday … 6 = Saturday) are the days a quiet period starts on. Daylight-saving changes follow the zone’s rules.';

/** The signed-in user's quiet hours (user token). */
export const quietHoursRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/quiet-hours',
      tags: ['Notifications'],
      summary: 'My quiet hours',
      description: `${RULES} A user who never set them gets the defaults: off, 22:00–07:00 every day in the account’s time zone, \`updatedAt: null\`.`,
      security: userSecurity,
      responses: {
        200: jsonResponse(QuietHours, 'The signed-in user’s quiet hours'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { accountId, user } = c.get('auth');
      return c.json(await readQuietHours(c.get('deps').sql, accountId, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/me/quiet-hours',
      tags: ['Notifications'],
      summary: 'Set my quiet hours',
      description: `${RULES} Sends every field. Deliveries held by the previous hours are looked at again at once.`,
      security: userSecurity,
      request: { body: jsonBody(UpdateQuietHours) },
      responses: {
        200: jsonResponse(QuietHours, 'The quiet hours as saved'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { accountId, user } = c.get('auth');
      return c.json(await writeQuietHours(c.get('deps').sql, accountId, user.id, input), 200);
    },
  );
