import {
  CreateEvent,
  EventAccepted,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_TTL_HOURS,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import type { Sql } from 'postgres';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import {
  claimKey,
  completeKey,
  deleteExpiredKeys,
  releaseKey,
  requestHash,
} from './idempotency.ts';
import { ingestEvent } from './ingest.ts';

const security = [{ apiKey: [] }];

const EventHeaders = z.object({
  'idempotency-key': z
    .string({ error: 'Send an Idempotency-Key header (1 to 255 visible ASCII characters)' })
    .regex(IDEMPOTENCY_KEY_PATTERN, 'Use 1 to 255 visible ASCII characters'),
});

/** Expired keys are deleted at most once a minute per database, on the way of a request. */
const lastSweep = new WeakMap<Sql, number>();
async function sweepExpiredKeys(sql: Sql) {
  const now = Date.now();
  if (now - (lastSweep.get(sql) ?? 0) < 60_000) return;
  lastSweep.set(sql, now);
  await deleteExpiredKeys(sql);
}

/** Event ingestion from the integrator's backend. */
export const eventsRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/v1/events',
    tags: ['Notifications'],
    summary: 'Post an event',
    description: `Notifies the recipients (user ids, reference ids, teams, topic subscribers) as their preferences allow: an inbox notification for in-app, a queued delivery for each other channel. Idempotent by the \`Idempotency-Key\` header, kept ${IDEMPOTENCY_TTL_HOURS} hours per integrator: a replay answers the first answer with \`Idempotent-Replayed: true\`; the same key with another body answers 422; a duplicate while the first is in flight answers 409.`,
    security,
    request: { headers: EventHeaders, body: jsonBody(CreateEvent) },
    responses: {
      202: jsonResponse(EventAccepted, 'Accepted: the notifications and deliveries are written'),
      ...errorResponses(400, 401, 404, 409, 413, 415),
      422: {
        description: 'The Idempotency-Key was used with another body',
        content: errorResponses(400)[400]!.content,
      },
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const integratorId = c.get('integrator').id;
    const key = c.req.valid('header')['idempotency-key'];
    const input = c.req.valid('json');
    await sweepExpiredKeys(deps.sql);

    const claim = await claimKey(deps.sql, integratorId, key, requestHash(input));
    if (claim.kind === 'replay') {
      const stored = EventAccepted.safeParse(claim.response);
      return c.json(stored.success ? stored.data : (claim.response as EventAccepted), 202, {
        'Idempotent-Replayed': 'true',
      });
    }
    try {
      const accepted = await ingestEvent(deps, integratorId, input, {
        beforeCommit: (tx, answer) =>
          completeKey(tx, integratorId, key, claim.claimedAt, 202, answer),
      });
      return c.json(accepted, 202);
    } catch (error) {
      await releaseKey(deps.sql, integratorId, key, claim.claimedAt).catch((releaseError) =>
        deps.logger.error({ err: releaseError }, 'could not release an idempotency key'),
      );
      throw error;
    }
  },
);
