import { z } from 'zod';
import { AwayStatus } from './away.ts';
import { Notification, NotificationChanges } from './notifications.ts';

/**
 * What `GET /v1/stream` sends, one Server-Sent Event each: `id:` is the event's sequence number
 * in the account (resume with `Last-Event-ID`), `event:` its kind, `data:` the JSON below.
 */
export { STREAM_EVENT_KINDS, type StreamEventKind } from './constants.ts';

export const StreamEvent = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('notification.created'), data: Notification }),
  z.object({ id: z.string(), kind: z.literal('notifications.changed'), data: NotificationChanges }),
  /** A user of the account changed away status (every user of the account gets it). */
  z.object({ id: z.string(), kind: z.literal('presence.changed'), data: AwayStatus }),
  /** The cursor is older than what the server keeps: reload state from the API. */
  z.object({ id: z.string(), kind: z.literal('resync'), data: z.object({ reason: z.string() }) }),
]);
export type StreamEvent = z.infer<typeof StreamEvent>;

export { STREAM_HEARTBEAT_SECONDS, STREAM_RETENTION_HOURS } from './constants.ts';
