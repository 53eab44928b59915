import {
  BulkUpdate,
  InboxPage,
  InboxQuery,
  Notification,
  NotificationChanges,
  NotificationCounts,
  ReadAll,
} from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { AppEnv } from '../../lib/types.ts';
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

/** `PATCH /v1/me/notifications/{id}`: seen (only ever set), read or unread, archived or not. */
export const UpdateNotification = z
  .object({
    seen: z.literal(true).optional(),
    read: z.boolean().optional(),
    archived: z.boolean().optional(),
  })
  .strict()
  .refine((marks) => Object.keys(marks).length > 0, { message: 'Give seen, read or archived' })
  .meta({ id: 'UpdateNotification' });

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

/**
 * The signed-in user's in-app inbox. Every change writes, in its transaction, one
 * `notifications.changed` stream event for the user, so other tabs and devices follow.
 */
export const notificationsRoutes = createRouter()
  .openapi(
    createRoute({
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
    }),
    async (c) => {
      const query = c.req.valid('query');
      const body = await readInboxPage(
        c.get('deps').sql,
        owner(c.get('auth')),
        { category: query.category, read: query.read, archived: query.archived },
        query.limit,
        query.cursor,
      );
      // Already JSON (see readInboxPage): sent as is, typed as the route's answer.
      const response = c.body(body, 200, { 'Content-Type': 'application/json' });
      return response as unknown as TypedResponse<InboxPage, 200, 'json'>;
    },
  )
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
    async (c) => c.json(await loadCounts(c.get('deps').sql, owner(c.get('auth'))), 200),
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
