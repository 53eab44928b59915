import type { ServerResponse } from 'node:http';
import {
  STREAM_HEARTBEAT_SECONDS,
  STREAM_RETENTION_HOURS,
  StreamEvent,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/errors.ts';
import { createRouter, errorResponses } from '../../lib/openapi.ts';
import {
  StreamHubClosedError,
  StreamLimitError,
  StreamUnavailableError,
} from '../../services/stream-hub.ts';

const security = [{ userToken: [] }];

const MAX_SEQ = 9_223_372_036_854_775_807n;

/** A stream event id: the decimal seq of the account's stream (an empty value means none). */
const Cursor = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .refine(
      (value) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_SEQ,
      'Must be the id of a stream event (a decimal number)',
    )
    .optional(),
);

/** The realtime stream of the signed-in user (Server-Sent Events). */
export const streamRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/v1/stream',
    tags: ['Notifications'],
    summary: 'Follow my notifications live (Server-Sent Events)',
    description: `A \`text/event-stream\` of what the signed-in user may see: new notifications and changes to them, for this user or for the whole account. Each event has \`id:\` (its sequence number in the account's stream), \`event:\` (its kind) and \`data:\` (the JSON of a StreamEvent). Resume with the \`Last-Event-ID\` header (or \`?lastEventId=\`): every event after it is sent first, in order, then live ones, without gaps or repeats. Without it the stream starts now. When the id is older than what is kept (${STREAM_RETENTION_HOURS} hours) a \`resync\` event says to reload state from the API. A \`: heartbeat\` comment comes every ${STREAM_HEARTBEAT_SECONDS} seconds. The stream ends when the token that opened it expires, after a short \`retry:\` hint: reconnect with a fresh token and \`Last-Event-ID\` (a token already expired answers 401 \`token_expired\`). At most a few streams per user per server (429 past it).`,
    security,
    request: {
      headers: z.object({ 'last-event-id': Cursor }),
      query: z.object({ lastEventId: Cursor }),
    },
    responses: {
      200: {
        description: 'The event stream (one StreamEvent per `data:` line)',
        content: { 'text/event-stream': { schema: StreamEvent } },
      },
      ...errorResponses(400, 401, 403),
      429: {
        description: 'This user already holds the most streams allowed on this server',
        content: errorResponses(400)[400]!.content,
      },
      503: {
        description: 'The server is shutting down: reconnect (another server answers)',
        content: errorResponses(400)[400]!.content,
      },
    },
  }),
  async (c) => {
    const { accountId, user, expiresAt } = c.get('auth');
    const deps = c.get('deps');
    const hub = deps.streamHub;
    if (!hub) throw new Error('createApp builds a stream hub');
    // A stream must not outlive its token: it ends at the token's expiry, and a token past it
    // (still accepted elsewhere within the clock tolerance) cannot open one, so the client asks
    // for a fresh token instead of reconnecting into a stream that ends at once.
    const lifetimeMs = expiresAt * 1000 - (deps.now?.() ?? new Date()).getTime();
    if (lifetimeMs <= 0) {
      throw new ApiError(
        401,
        'token_expired',
        'The user token has expired; open the stream with a fresh one',
      );
    }
    const cursor = c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId;
    // On Node, a slow consumer is dropped by destroying its socket (nothing more is queued).
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    let body: ReadableStream<Uint8Array>;
    try {
      body = await hub.open({
        accountId,
        userId: user.id,
        lastEventId: cursor === undefined ? null : BigInt(cursor),
        lifetimeMs,
        ...(outgoing ? { destroy: () => outgoing.destroy() } : {}),
      });
    } catch (error) {
      if (error instanceof StreamLimitError) {
        throw new ApiError(
          429,
          'rate_limited',
          `This user already has ${error.limit} open streams on this server; close one first`,
          undefined,
          { 'Retry-After': '10' },
        );
      }
      if (error instanceof StreamUnavailableError) {
        throw new ApiError(
          503,
          'not_ready',
          'The stream cannot start right now; retry shortly',
          undefined,
          { 'Retry-After': '2' },
        );
      }
      if (error instanceof StreamHubClosedError) {
        throw new ApiError(503, 'not_ready', 'This server is shutting down; reconnect', undefined, {
          'Retry-After': '1',
        });
      }
      throw error;
    }
    return c.body(body, 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
  },
);
