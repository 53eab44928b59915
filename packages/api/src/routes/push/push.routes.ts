import {
  PushConfig,
  PushDeviceList,
  PushRegistration,
  PushTestResult,
  RegisterPushSubscription,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { AppEnv } from '../../lib/types.ts';
import { appPush, endpointPolicyOf } from '../../services/delivery/push-options.ts';
import { testPush } from '../../services/delivery/push-payload.ts';
import { deviceLabel } from './device-label.ts';
import {
  deleteSubscription,
  findSubscription,
  listSubscriptions,
  type Owner,
  registerSubscription,
  toDevice,
  toTarget,
} from './push.sql.ts';
import { checkSubscription } from './subscription-check.ts';

const security = [{ userToken: [] }];
const DeviceParams = z.object({ id: z.uuid() });

const owner = (auth: AppEnv['Variables']['auth']): Owner => ({
  accountId: auth.accountId,
  userId: auth.user.id,
});

/**
 * Web push, browser side: the VAPID public key (public), and the signed-in user's browsers —
 * register, list, revoke, send a test push. The service worker's own calls (device token) are in
 * `push-device.routes.ts`.
 */
export const pushRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/push/config',
      tags: ['Web push'],
      summary: 'The VAPID public key',
      description:
        'Public (no credentials): the application server key a browser subscribes with (`pushManager.subscribe({ applicationServerKey })`).',
      responses: { 200: jsonResponse(PushConfig, 'The key, base64url') },
    }),
    async (c) => {
      const { vapid } = await appPush(c.get('deps'));
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json({ publicKey: vapid.publicKey }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/push-subscriptions',
      tags: ['Web push'],
      summary: 'Register this browser',
      description:
        "Registers `PushSubscription.toJSON()` for the signed-in user and answers the device with a new device token (shown once) for the service worker. The endpoint must be an `https:` URL of a known push service (never a private or loopback address). Registering an endpoint again updates it; if another user had it, it moves to this user. The label comes from the browser's User-Agent.",
      security,
      request: { body: jsonBody(RegisterPushSubscription) },
      responses: {
        201: jsonResponse(PushRegistration, 'The device and its device token'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { subscription } = c.req.valid('json');
      const deps = c.get('deps');
      const checked = checkSubscription(subscription, endpointPolicyOf(deps));
      const { row, deviceToken } = await registerSubscription(
        deps.sql,
        owner(c.get('auth')),
        checked,
        deviceLabel(c.req.header('user-agent')),
      );
      return c.json({ device: toDevice(row), deviceToken }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/push-subscriptions',
      tags: ['Web push'],
      summary: 'My browsers',
      description:
        'The browsers and devices that receive my browser notifications, newest first, with when a push last reached each.',
      security,
      responses: {
        200: jsonResponse(PushDeviceList, 'The devices'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const rows = await listSubscriptions(c.get('deps').sql, owner(c.get('auth')));
      return c.json({ items: rows.map(toDevice) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/me/push-subscriptions/{id}',
      tags: ['Web push'],
      summary: 'Revoke a browser',
      description: 'It receives no more pushes; its queued pushes end without being sent.',
      security,
      request: { params: DeviceParams },
      responses: { 204: { description: 'Revoked' }, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deleteSubscription(c.get('deps').sql, owner(c.get('auth')), id))) {
        throw notFound('The device');
      }
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/push-subscriptions/{id}/test',
      tags: ['Web push'],
      summary: 'Send a test notification',
      description:
        'Pushes "Browser notifications are on" (in my language) to one of my browsers now, and answers what the push service said: `sent`, `gone` (the subscription had expired and was removed) or `failed` with the reason.',
      security,
      request: { params: DeviceParams },
      responses: {
        200: jsonResponse(PushTestResult, 'What the push service answered'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const deps = c.get('deps');
      const auth = c.get('auth');
      const row = await findSubscription(deps.sql, owner(auth), id);
      if (!row) throw notFound('The device');
      const { sender } = await appPush(deps);
      const now = deps.now?.() ?? new Date();
      const message = testPush(auth.user.language, {
        api: deps.publicUrl ?? new URL(c.req.url).origin,
        icon: deps.push?.icon ?? null,
        now,
      });
      const { outcome, status } = await sender.push(toTarget(row), message);
      const result: PushTestResult =
        outcome.kind === 'sent'
          ? { outcome: 'sent', status, error: null }
          : { outcome: outcome.kind === 'gone' ? 'gone' : 'failed', status, error: outcome.error };
      return c.json(result, 200);
    },
  );
