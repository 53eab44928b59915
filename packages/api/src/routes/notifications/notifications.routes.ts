import { parse as parseQuery } from 'node:querystring';
import {
  BulkUpdate,
  InboxPage,
  InboxQuery,
  Notification,
  NotificationChanges,
  NotificationCounts,
  ReadAll,
  UpdateNotification,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { notFound, validationError } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { AppEnv, TokenAuth } from '../../lib/types.ts';
import type { CountsKey } from '../../services/notifications-reads.ts';
import {
  loadCounts,
  type Marks,
  markAllRead,
  markNotifications,
  type Owner,
  readInboxPage,
  readNotification,
} from './inbox.sql.ts';

const security = [{ userToken: [] }];

/**
 * The inbox reads, which look the signed-in user up in the same query as the page or the counts
 * (one round trip instead of two): the user-auth middleware only verifies their token.
 */
const READS_WITH_USER = new Set(['/v1/me/notifications', '/v1/me/notifications/counts']);
export const readsUserItself = (method: string, path: string) =>
  method === 'GET' && READS_WITH_USER.has(path);

const BULK_MARKS: Record<BulkUpdate['action'], Marks> = {
  seen: { seen: true },
  read: { read: true },
  unread: { read: false },
  archive: { archived: true },
  unarchive: { archived: false },
};

const owner = (auth: AppEnv['Variables']['auth']): Owner => ({
  accountId: auth.accountId,
  userId: auth.user.id,
});

/** The token's user, for the reads that look it up themselves (see READS_WITH_USER). */
const tokenOwner = (token: TokenAuth): CountsKey => ({
  accountId: token.accountId,
  userId: token.userId,
  referenceId: token.referenceId,
});

/** `GET /v1/me/notifications`, documented here and registered below. */
const inboxPageRoute = createRoute({
  method: 'get',
  path: '/v1/me/notifications',
  tags: ['Notifications'],
  summary: 'My notifications',
  description:
    'Newest first, keyset-paginated (`nextCursor`), filtered by category, read state and archived; with the unread and unseen counts.',
  security,
  request: { query: InboxQuery },
  responses: {
    200: jsonResponse(InboxPage, 'One page of the inbox'),
    ...errorResponses(400, 401, 403),
  },
});

/**
 * The signed-in user's in-app inbox. Every change writes, in its transaction, one
 * `notifications.changed` stream event for the user, so other tabs and devices follow.
 */
export const notificationsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/notifications/counts',
      tags: ['Notifications'],
      summary: 'My unread and unseen counts',
      description: 'Among the notifications that are not archived.',
      security,
      responses: {
        200: jsonResponse(NotificationCounts, 'The counts'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json(await loadCounts(c.get('deps').sql, tokenOwner(c.get('token'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/bulk',
      tags: ['Notifications'],
      summary: 'Mark several notifications',
      description:
        'Marks seen, read or unread, archives or unarchives the listed notifications. Ids that are not mine are ignored. Answers what changed and the counts after.',
      security,
      request: { body: jsonBody(BulkUpdate) },
      responses: {
        200: jsonResponse(NotificationChanges, 'The changed notifications and the counts'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { action, ids } = c.req.valid('json');
      const changes = await markNotifications(
        c.get('deps').sql,
        owner(c.get('auth')),
        ids,
        BULK_MARKS[action],
      );
      return c.json(changes, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/read-all',
      tags: ['Notifications'],
      summary: 'Mark all read',
      description:
        'Marks read every unread notification that the filter (category, archived) matches and that was created at or before now.',
      security,
      request: { body: jsonBody(ReadAll) },
      responses: {
        200: jsonResponse(NotificationChanges, '`readAllBefore` and the counts after'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const filter = c.req.valid('json');
      const changes = await markAllRead(c.get('deps').sql, owner(c.get('auth')), {
        category: filter.category,
        archived: filter.archived,
      });
      return c.json(changes, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/me/notifications/{id}',
      tags: ['Notifications'],
      summary: 'Mark one notification',
      description:
        'Seen sets the time it was first shown; read also marks it seen; `read: false` marks it unread; `archived` archives or unarchives it.',
      security,
      request: { params: z.object({ id: z.uuid() }), body: jsonBody(UpdateNotification) },
      responses: {
        200: jsonResponse(Notification, 'The notification after the change'),
        ...errorResponses(400, 401, 403, 404, 413, 415),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const marks = c.req.valid('json');
      const { sql } = c.get('deps');
      const me = owner(c.get('auth'));
      await markNotifications(sql, me, [id], marks);
      const item = await readNotification(sql, me, id);
      if (!item) throw notFound('The notification');
      return c.json(item as Notification, 200);
    },
  );

// The inbox page is the hottest read: its query is parsed in the handler with the same schema and
// the same 400, rather than by the validator `openapi()` generates (another middleware, Hono's
// query parsing and an async parse: measurably slower on this route). The document is unchanged.
notificationsRoutes.openAPIRegistry.registerPath(inboxPageRoute);
notificationsRoutes.get(inboxPageRoute.path, async (c) => {
  const url = c.req.url;
  const start = url.indexOf('?');
  const parsed = InboxQuery.safeParse(start < 0 ? {} : parseQuery(url.slice(start + 1)));
  if (!parsed.success) throw validationError(parsed.error);
  const query = parsed.data;
  const body = await readInboxPage(
    c.get('deps').sql,
    tokenOwner(c.get('token')),
    { category: query.category, read: query.read, archived: query.archived },
    query.limit,
    query.cursor,
  );
  // Already JSON bytes (see readInboxPage): sent as is.
  return c.body(body, 200, { 'Content-Type': 'application/json' });
});
