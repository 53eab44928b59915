import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Scalar } from '@scalar/hono-api-reference';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { apiKeyAuth } from '../middleware/api-key-auth.ts';
import { hostCors } from '../middleware/cors.ts';
import { requestId } from '../middleware/request-id.ts';
import { requestLog } from '../middleware/request-log.ts';
import { securityHeaders } from '../middleware/security-headers.ts';
import { userAuth } from '../middleware/user-auth.ts';
import { accountsRoutes } from '../routes/accounts/accounts.routes.ts';
import { authRoutes } from '../routes/auth/auth.routes.ts';
import { awayRoutes } from '../routes/away/away.routes.ts';
import { catalogRoutes } from '../routes/catalog/catalog.routes.ts';
import { deliveriesRoutes } from '../routes/deliveries/deliveries.routes.ts';
import { demoRoutes } from '../routes/demo/demo.routes.ts';
import { eventsRoutes } from '../routes/events/events.routes.ts';
import { filesRoutes } from '../routes/files/files.routes.ts';
import { healthRoutes } from '../routes/health/health.routes.ts';
import { integratorRoutes } from '../routes/integrator/integrator.routes.ts';
import { meRoutes } from '../routes/me/me.routes.ts';
import { mobileWebhookRoutes } from '../routes/mobile-webhook/mobile-webhook.routes.ts';
import {
  notificationsRoutes,
  readsUserItself,
} from '../routes/notifications/notifications.routes.ts';
import { passwordRoutes } from '../routes/password/password.routes.ts';
import { preferencesRoutes } from '../routes/preferences/preferences.routes.ts';
import { presenceRoutes } from '../routes/presence/presence.routes.ts';
import { pushRoutes } from '../routes/push/push.routes.ts';
import { pushDeviceRoutes } from '../routes/push/push-device.routes.ts';
import { quietHoursRoutes } from '../routes/quiet-hours/quiet-hours.routes.ts';
import { routingRoutes } from '../routes/routing/routing.routes.ts';
import { signatureRoutes } from '../routes/signature/signature.routes.ts';
import { streamRoutes } from '../routes/stream/stream.routes.ts';
import { teamDirectoryRoutes } from '../routes/teams/team-directory.routes.ts';
import { teamsRoutes } from '../routes/teams/teams.routes.ts';
import { topicsRoutes } from '../routes/topics/topics.routes.ts';
import { adminUsersRoutes } from '../routes/users/admin-users.routes.ts';
import { usersRoutes } from '../routes/users/users.routes.ts';
import { createMailer } from '../services/mailer.ts';
import { StreamHub } from '../services/stream-hub.ts';
import { UserLoader } from '../services/user-loader.ts';
import { UserTokenVerifier } from '../services/user-tokens.ts';
import { ApiError, errorResponse } from './errors.ts';
import { createRouter } from './openapi.ts';
import type { AppDeps, AppEnv } from './types.ts';

/** Bodies of JSON routes are small; uploads have their own limit. */
const JSON_BODY_LIMIT = 100 * 1024;

/**
 * Paths that browsers call with a user token (CORS allowed for listed origins). In Hono `/x/*`
 * also matches `/x`, so each prefix is listed once and its middleware runs once.
 */
const USER_PATHS = [
  '/v1/me/*',
  '/v1/users/*',
  '/v1/stream/*',
  '/v1/presence/*',
  '/v1/teams/*',
  '/v1/routing/*',
  '/v1/deliveries/*',
];
/** Paths that integrators' backends call with their API key (no CORS: browsers never hold a key). */
const SERVER_PATHS = ['/v1/integrator/*', '/v1/accounts/*', '/v1/events/*'];

/** Builds the whole API from its dependencies. */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  const verifier = new UserTokenVerifier(deps.sql, deps.now);
  // One realtime hub per process; apps built without one get their own (started on first use).
  deps.streamHub ??= new StreamHub({ sql: deps.sql, logger: deps.logger });
  deps.mailer ??= createMailer({ dataDir: join(tmpdir(), 'baylink'), logger: deps.logger });
  const selfOrigin = () => (deps.publicUrl ? new URL(deps.publicUrl).origin : undefined);

  app.use(requestId({ limitLength: 64 }));
  app.use(
    createMiddleware<AppEnv>(async function provideDeps(c, next) {
      c.set('deps', deps);
      await next();
    }),
  );
  app.use(requestLog());
  app.use(
    securityHeaders({
      // Host pages on other origins show our images; everything else is JSON for fetch().
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginOpenerPolicy: false,
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    }),
  );
  app.use('/v1/*', async (c, next) => {
    const method = c.req.method;
    if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') return next();
    if (c.req.path === '/v1/me/photo') return next();
    return bodyLimit({
      maxSize: JSON_BODY_LIMIT,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'The request body is larger than 100 KB');
      },
    })(c, next);
  });

  const cors = hostCors({ sql: deps.sql, selfOrigin });
  const authenticate = userAuth({
    verifier,
    users: new UserLoader(deps.sql),
    selfOrigin,
    userInRoute: (c) => readsUserItself(c.req.method, c.req.path),
  });
  for (const path of USER_PATHS) {
    app.use(path, cors);
    app.use(path, async (c, next) => (c.req.method === 'OPTIONS' ? next() : authenticate(c, next)));
  }
  for (const path of SERVER_PATHS) app.use(path, apiKeyAuth());
  // Public identity routes (login, reset): CORS for listed origins; each route then checks that
  // the account's own integrator lists the page's origin.
  app.use('/v1/auth/*', cors);
  // Web push: the public VAPID key, and the service worker's device-token calls (each checks
  // that the device's own integrator lists the page's origin).
  app.use('/v1/push/*', cors);

  app.route('/', healthRoutes);
  app.route('/', meRoutes);
  app.route('/', usersRoutes);
  app.route('/', filesRoutes);
  app.route('/', integratorRoutes);
  app.route('/', mobileWebhookRoutes);
  app.route('/', accountsRoutes);
  app.route('/', adminUsersRoutes);
  app.route('/', teamsRoutes);
  app.route('/', catalogRoutes);
  app.route('/', preferencesRoutes);
  app.route('/', signatureRoutes);
  app.route('/', eventsRoutes);
  app.route('/', notificationsRoutes);
  app.route('/', topicsRoutes);
  app.route('/', streamRoutes);
  app.route('/', authRoutes);
  app.route('/', passwordRoutes);
  app.route('/', awayRoutes);
  app.route('/', presenceRoutes);
  app.route('/', teamDirectoryRoutes);
  app.route('/', routingRoutes);
  app.route('/', deliveriesRoutes);
  app.route('/', quietHoursRoutes);
  app.route('/', pushRoutes);
  app.route('/', pushDeviceRoutes);
  if (deps.demo) app.route('/', demoRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'userToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A user token (HS256 JWT) minted by the integrator backend',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: "An integrator's server API key (bl_sk_…); never in browsers",
  });
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Baylink API',
      version: '0.1.0',
      description:
        'Profiles, accounts, users and teams for dealership software. Browser calls use user tokens; integrator backends use their API key.',
    },
  });
  app.get('/v1/reference', Scalar({ url: '/v1/openapi.json', pageTitle: 'Baylink API reference' }));

  for (const root of deps.staticRoots ?? []) {
    app.get(root.prefix, (c) => c.redirect(`${root.prefix}/`));
    app.use(
      `${root.prefix}/*`,
      serveStatic({
        root: root.dir,
        rewriteRequestPath: (requestPath) => requestPath.slice(root.prefix.length) || '/',
      }),
    );
  }

  app.notFound((c) => errorResponse(c, new ApiError(404, 'not_found', 'No such route')));
  app.onError((error, c) => errorResponse(c, error));
  return Object.assign(app, { verifier });
}

export type App = ReturnType<typeof createApp>;
