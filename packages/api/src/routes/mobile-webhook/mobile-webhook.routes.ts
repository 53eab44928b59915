import { MobileWebhook, SetMobileWebhook } from '@baylink/sdk/contract';
import { createRoute } from '@hono/zod-openapi';
import type { Sql } from 'postgres';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import {
  generateWebhookSecret,
  maskWebhookSecret,
} from '../../services/delivery/mobile-signature.ts';

const security = [{ apiKey: [] }];
const PATH = '/v1/integrator/mobile-webhook';

/** How long the previous secret still signs after a rotation. */
export const PREVIOUS_SECRET_HOURS = 24;

interface WebhookRow {
  url: string;
  secret: string;
  created_at: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a webhook URL is refused, or null when it is fine: `https:` only, except `http:` to this
 * machine (tests and the demo); no user name or password in it (verify the signature instead).
 */
export function webhookUrlProblem(value: string): string | null {
  const url = new URL(value);
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return 'Use an https: URL (http: is accepted only for 127.0.0.1 and localhost)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an https: URL';
  if (url.username || url.password) {
    return 'Put no user name or password in the URL: verify the Baylink-Signature header instead';
  }
  return null;
}

const toWebhook = (row: WebhookRow, fullSecret: boolean): MobileWebhook => ({
  url: row.url,
  secret: fullSecret ? row.secret : maskWebhookSecret(row.secret),
  createdAt: row.created_at,
});

async function readWebhook(sql: Sql, integratorId: string): Promise<WebhookRow | undefined> {
  const [row] = await sql<WebhookRow[]>`
    select url, secret, created_at from mobile_webhooks where integrator_id = ${integratorId}`;
  return row;
}

const SIGNING =
  'Each mobile delivery is POSTed to the URL as JSON (`MobileWebhookPayload`) with `Baylink-Delivery-Id` (the same on every retry: deduplicate on it), `Baylink-Timestamp` (Unix seconds) and `Baylink-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret>`; verify them with `verifyWebhook` from `@baylink/sdk/server`.';

/** The integrator's mobile webhook (API key): where mobile deliveries are POSTed, signed. */
export const mobileWebhookRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: PATH,
      tags: ['Integrator'],
      summary: 'My mobile webhook',
      description: `The secret shows as \`whsec_…\` and its last 4 characters. ${SIGNING}`,
      security,
      responses: {
        200: jsonResponse(MobileWebhook, 'The webhook'),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const row = await readWebhook(c.get('deps').sql, c.get('integrator').id);
      if (!row) throw notFound('The mobile webhook');
      return c.json(toWebhook(row, false), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: PATH,
      tags: ['Integrator'],
      summary: 'Set my mobile webhook',
      description: `Creates the webhook (201, with its whole signing secret: store it, it is not shown again) or changes its URL (200, the secret unchanged and masked). \`https:\` only, except \`http:\` to 127.0.0.1 or localhost. Redirects are not followed. ${SIGNING}`,
      security,
      request: { body: jsonBody(SetMobileWebhook) },
      responses: {
        200: jsonResponse(MobileWebhook, 'The URL changed; the secret is masked'),
        201: jsonResponse(MobileWebhook, 'Created, with the whole secret'),
        ...errorResponses(400, 401, 413, 415),
      },
    }),
    async (c) => {
      const { url } = c.req.valid('json');
      const problem = webhookUrlProblem(url);
      if (problem) {
        throw new ApiError(400, 'validation_failed', 'Invalid input: url', [
          { path: 'url', message: problem },
        ]);
      }
      const { sql } = c.get('deps');
      const [row] = await sql<(WebhookRow & { created: boolean })[]>`
        insert into mobile_webhooks (integrator_id, url, secret)
        values (${c.get('integrator').id}, ${url}, ${generateWebhookSecret()})
        on conflict (integrator_id) do update set url = excluded.url, updated_at = now()
        returning url, secret, created_at, (xmax = 0) as created`;
      return row!.created
        ? c.json(toWebhook(row!, true), 201)
        : c.json(toWebhook(row!, false), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: `${PATH}/rotate-secret`,
      tags: ['Integrator'],
      summary: 'Rotate my mobile webhook’s secret',
      description: `Answers the new secret in full (it is not shown again). For ${PREVIOUS_SECRET_HOURS} hours deliveries carry two signatures, \`v1=<new>,v1=<previous>\`, so receivers keep verifying while they move to the new secret. A leaked secret: rotate twice, and it no longer signs anything.`,
      security,
      responses: {
        200: jsonResponse(MobileWebhook, 'The webhook with its new secret'),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const [row] = await sql<WebhookRow[]>`
        update mobile_webhooks
        set previous_secret = secret,
            previous_secret_expires_at = now() + make_interval(hours => ${PREVIOUS_SECRET_HOURS}),
            secret = ${generateWebhookSecret()},
            updated_at = now()
        where integrator_id = ${c.get('integrator').id}
        returning url, secret, created_at`;
      if (!row) throw notFound('The mobile webhook');
      return c.json(toWebhook(row, true), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: PATH,
      tags: ['Integrator'],
      summary: 'Remove my mobile webhook',
      description:
        'Idempotent. Mobile deliveries are no longer queued; those already queued end `dead` ("no mobile webhook") when their turn comes.',
      security,
      responses: { 204: { description: 'Removed' }, ...errorResponses(401) },
    }),
    async (c) => {
      await c.get('deps').sql`
        delete from mobile_webhooks where integrator_id = ${c.get('integrator').id}`;
      return c.body(null, 204);
    },
  );
