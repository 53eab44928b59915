import type {
  Delivery,
  DeliveryPage,
  DeliveryQuery,
  RetryDeliveriesResult,
} from '@baylink/sdk/contract';
import type { Sql } from 'postgres';
import type { z } from 'zod';
import { ApiError } from '../../lib/errors.ts';
import { DELIVERY_CHANNEL } from '../../services/delivery/worker.ts';

type Query = z.output<typeof DeliveryQuery>;

interface DeliveryRow {
  id: string;
  notification_id: string;
  user_id: string;
  type: string;
  title: string;
  channel: Delivery['channel'];
  destination: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  held: boolean;
  sent_at: string | null;
  created_at: string;
  /** created_at with its microseconds, for the cursor. */
  cursor_at: string;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    notificationId: row.notification_id,
    userId: row.user_id,
    type: row.type,
    title: row.title,
    channel: row.channel,
    destination: row.destination,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error,
    held: row.held,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString('base64url');

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|([0-9a-f-]{36})$/;

function decodeCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new ApiError(400, 'validation_failed', 'Invalid input: cursor', [
      { path: 'cursor', message: 'Not a cursor this API gave; start again without one' },
    ]);
  }
  return { at: match[1]!, id: match[2]! };
}

/**
 * The account's deliveries, newest first, filtered, keyset-paginated on (created_at, id). The
 * destination is shown for people: the browser's label for web push ("Chrome on Windows"; a
 * removed browser once its subscription is gone), the address for email, `webhook` for mobile.
 * `nextAttemptAt` is set only while another attempt is planned (queued or failed).
 */
export async function listDeliveries(
  sql: Sql,
  accountId: string,
  query: Query,
): Promise<DeliveryPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await sql<DeliveryRow[]>`
    select d.id::text, d.notification_id::text, d.user_id::text, n.type, n.title, d.channel,
      case
        when d.channel = 'web_push' and d.destination <> ''
          then coalesce(s.label, 'Removed browser')
        else d.destination
      end as destination,
      d.status, d.attempts,
      case when d.status in ('queued', 'failed') then d.next_attempt_at end as next_attempt_at,
      d.last_attempt_at, d.last_error, d.held, d.sent_at, d.created_at,
      to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
    from deliveries d
    join notifications n on n.account_id = d.account_id and n.id = d.notification_id
    left join push_subscriptions s on s.account_id = d.account_id and s.id = d.push_subscription_id
    where d.account_id = ${accountId}
      ${query.status ? sql`and d.status = ${query.status}` : sql``}
      ${query.channel ? sql`and d.channel = ${query.channel}` : sql``}
      ${query.userId ? sql`and d.user_id = ${query.userId}` : sql``}
      ${query.notificationId ? sql`and d.notification_id = ${query.notificationId}` : sql``}
      ${after ? sql`and (d.created_at, d.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by d.created_at desc, d.id desc
    limit ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

/**
 * Puts the account's failed and dead deliveries among `ids` back in the queue, due now, and
 * wakes the workers at commit. Their attempts are kept (the count does not restart): a dead
 * delivery gets one more attempt, and dies again if that one fails. Ids that are not failed or
 * dead deliveries of the account (sent, queued, in flight, unknown, another account's) are
 * answered as skipped, in the order given.
 */
export async function retryDeliveries(
  sql: Sql,
  accountId: string,
  ids: string[],
): Promise<RetryDeliveriesResult> {
  const unique = [...new Set(ids)];
  const retried = await sql.begin(async (tx) => {
    const rows = await tx<{ id: string }[]>`
      update deliveries set status = 'queued', next_attempt_at = now(), held = false,
        updated_at = now()
      where account_id = ${accountId} and id = any(${unique}::uuid[])
        and status in ('failed', 'dead')
      returning id::text`;
    if (rows.length > 0) await tx`select pg_notify(${DELIVERY_CHANNEL}, '')`;
    return new Set(rows.map((row) => row.id));
  });
  return {
    retried: unique.filter((id) => retried.has(id)),
    skipped: unique.filter((id) => !retried.has(id)),
  };
}
