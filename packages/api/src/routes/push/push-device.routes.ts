import { PushMarkRead, PushRegistration, RenewPushSubscription } from '@baylink/sdk/contract';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { AppEnv } from '../../lib/types.ts';
import { endpointPolicyOf } from '../../services/delivery/push-options.ts';
import { markNotifications } from '../notifications/inbox.sql.ts';
import { renewSubscription, subscriptionByDeviceToken, toDevice } from './push.sql.ts';
import { checkSubscription } from './subscription-check.ts';

const security = [{ deviceToken: [] }];

/**
 * The browser a request's `Authorization: Device <token>` names (the token is looked up by its
 * SHA-256 in SQL). A page on an origin that the account's integrator does not list is refused,
 * as for user tokens: the service worker runs on the host's origin.
 */
async function deviceOf(c: Context<AppEnv>) {
  const match = c.req.header('authorization')?.match(/^Device\s+(\S+)\s*$/i);
  if (!match) {
    throw new ApiError(
      401,
      'token_missing',
      'Send the device token as "Authorization: Device <token>"',
    );
  }
  const token = match[1]!;
  const deps = c.get('deps');
  const device = token.length <= 200 ? await subscriptionByDeviceToken(deps.sql, token) : undefined;
  if (!device) {
    throw new ApiError(401, 'token_invalid', 'The device token is unknown or was revoked');
  }
  const origin = c.req.header('origin');
  const self = deps.publicUrl ? new URL(deps.publicUrl).origin : undefined;
  if (origin && origin !== self && !device.allowed_origins.includes(origin)) {
    throw new ApiError(
      403,
      'origin_not_allowed',
      `The origin ${origin} is not on this integrator's list of allowed origins`,
    );
  }
  return { device, token };
}

type DeviceAuth = Awaited<ReturnType<typeof deviceOf>>;
/** The device of each request, found before its body is read (401 comes before 400). */
const authenticated = new WeakMap<Request, DeviceAuth>();
const deviceAuth = (c: Context<AppEnv>) => {
  const auth = authenticated.get(c.req.raw);
  if (!auth) throw new Error('The device-token middleware did not run');
  return auth;
};

/** The service worker's calls: it holds a device token, never a user token. */
export const pushDeviceRoutes = createRouter();
pushDeviceRoutes.use('/v1/push/device/*', async (c, next) => {
  authenticated.set(c.req.raw, await deviceOf(c));
  await next();
});
pushDeviceRoutes
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/push/device/renew',
      tags: ['Web push'],
      summary: 'Renew this browser’s subscription',
      description:
        "For the service worker's `pushsubscriptionchange`: replaces the device's endpoint and keys (the same checks as a registration). The device keeps its id and its token.",
      security,
      request: { body: jsonBody(RenewPushSubscription) },
      responses: {
        200: jsonResponse(PushRegistration, 'The device and the same device token'),
        ...errorResponses(400, 401, 403, 404, 413, 415),
      },
    }),
    async (c) => {
      const { subscription } = c.req.valid('json');
      const { device, token } = deviceAuth(c);
      const deps = c.get('deps');
      const checked = checkSubscription(subscription, endpointPolicyOf(deps));
      const row = await renewSubscription(
        deps.sql,
        { accountId: device.account_id, id: device.id },
        checked,
      );
      // Revoked between the token check and the update.
      if (!row)
        throw new ApiError(401, 'token_invalid', 'The device token is unknown or was revoked');
      return c.json({ device: toDevice(row), deviceToken: token }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/push/device/read',
      tags: ['Web push'],
      summary: 'Mark a clicked notification read',
      description:
        "For the service worker's `notificationclick`: marks the notification read for the device's user, as `PATCH /v1/me/notifications/{id}` with `read: true` does (the user's other tabs and devices follow through the stream). 404 for a notification that is not the user's.",
      security,
      request: { body: jsonBody(PushMarkRead) },
      responses: {
        204: { description: 'Marked read (or already read)' },
        ...errorResponses(400, 401, 403, 404, 413, 415),
      },
    }),
    async (c) => {
      const { notificationId } = c.req.valid('json');
      const { device } = deviceAuth(c);
      const { sql } = c.get('deps');
      const owner = { accountId: device.account_id, userId: device.user_id };
      const [mine] = await sql`
        select 1 from notifications
        where account_id = ${owner.accountId} and user_id = ${owner.userId}
          and id = ${notificationId}`;
      if (!mine) throw notFound('The notification');
      // Only inbox (in-app) notifications have a read state; marking one read again changes nothing.
      await markNotifications(sql, owner, [notificationId], { read: true });
      return c.body(null, 204);
    },
  );

pushDeviceRoutes.openAPIRegistry.registerComponent('securitySchemes', 'deviceToken', {
  type: 'apiKey',
  in: 'header',
  name: 'Authorization',
  description:
    'A device token (`Authorization: Device bl_dt_…`), given once when a browser registers; held by the service worker.',
});
