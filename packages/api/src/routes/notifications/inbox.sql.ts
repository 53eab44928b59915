import type { NotificationChanges, NotificationCounts } from '@baylink/sdk/contract';
import type { Sql, TransactionSql } from 'postgres';
import { type CountsKey, decodeCursor, inboxReader } from '../../services/notifications-reads.ts';
import { reserveStreamSeq } from '../../services/stream-events.ts';

type Db = Sql | TransactionSql;

export interface Owner {
  accountId: string;
  userId: string;
}

export interface InboxFilter {
  category?: string | undefined;
  read: 'all' | 'unread' | 'read';
  archived: boolean;
}

// ─── Reads ──────────────────────────────────────────────────────────────────────────────────

/** Unread and unseen among the owner's non-archived in-app notifications (their counter row). */
function countsSql(sql: Db, owner: Owner) {
  return sql`
    coalesce(c.unread, 0) as unread, coalesce(c.unseen, 0) as unseen
    from (select 1) as one
    left join notification_counters c
      on c.account_id = ${owner.accountId} and c.user_id = ${owner.userId}`;
}

export async function readCounts(sql: Db, owner: Owner): Promise<NotificationCounts> {
  const [row] = await sql<NotificationCounts[]>`select ${countsSql(sql, owner)}`;
  return row!;
}

function filterSql(sql: Db, filter: { category?: string | undefined; archived: boolean }) {
  return sql`
    ${filter.archived ? sql`and n.archived_at is not null` : sql`and n.archived_at is null`}
    ${filter.category ? sql`and n.category = ${filter.category}` : sql``}`;
}

/**
 * One page of the inbox, newest first, as the JSON bytes of an `InboxPage`. Concurrent
 * requests' pages are read in one query, with their users and counts
 * (services/notifications-reads.ts); a token whose user does not exist gets a 401.
 */
export function readInboxPage(
  sql: Sql,
  owner: CountsKey,
  filter: InboxFilter,
  limit: number,
  cursor: string | undefined,
): Promise<Buffer<ArrayBuffer>> {
  // A literal, not `{ ...owner, … }`: on Node 20 a spread followed by more properties takes
  // V8's slow path (about 4 µs for this object, measured; the literal takes 0.01 µs).
  return inboxReader(sql).pageBodies.load({
    accountId: owner.accountId,
    userId: owner.userId,
    referenceId: owner.referenceId,
    category: filter.category ?? null,
    read: filter.read,
    archived: filter.archived,
    after: cursor ? decodeCursor(cursor) : null,
    limit,
  });
}

/**
 * The counts for a request outside a transaction, read with the token's user (batched with
 * concurrent requests); a token whose user does not exist gets a 401.
 */
export function loadCounts(sql: Sql, owner: CountsKey): Promise<NotificationCounts> {
  return inboxReader(sql).counts.load(owner);
}

// ─── Changes ────────────────────────────────────────────────────────────────────────────────

/** What a mark changes: seen sets seen_at where null; read also sets seen_at; unread clears read_at. */
export interface Marks {
  seen?: true | undefined;
  read?: boolean | undefined;
  archived?: boolean | undefined;
}

type ChangedItem = NotificationChanges['items'][number];

/**
 * Writes one `notifications.changed` stream event for the owner with the changed items and the
 * counts after the change. The seq is reserved before the counts are read: the counter lock
 * makes a concurrent change of the same account commit first, so these counts include it.
 */
async function recordChanges(
  tx: TransactionSql,
  owner: Owner,
  items: ChangedItem[],
  readAllBefore: NotificationChanges['readAllBefore'],
): Promise<NotificationChanges> {
  const seq = await reserveStreamSeq(tx, owner.accountId, 1);
  const counts = await readCounts(tx, owner);
  const changes: NotificationChanges = { items, readAllBefore, counts };
  await tx`
    insert into stream_events (account_id, seq, user_id, kind, payload)
    values (${owner.accountId}, ${String(seq)}::bigint, ${owner.userId}, 'notifications.changed',
      ${tx.json(changes as never)})`;
  return changes;
}

/**
 * Applies marks to those of `ids` that are the owner's in-app notifications (others are ignored,
 * never changed) and writes one stream event when something changed.
 */
export async function markNotifications(
  sql: Sql,
  owner: Owner,
  ids: readonly string[],
  marks: Marks,
): Promise<NotificationChanges> {
  const seen = marks.seen === true || marks.read === true;
  const read = marks.read ?? null;
  const archived = marks.archived ?? null;
  return sql.begin(async (tx) => {
    const changed = await tx<
      { id: string; seen_at: string | null; read_at: string | null; archived_at: string | null }[]
    >`
      update notifications set
        seen_at = case when ${seen}::boolean then coalesce(seen_at, now()) else seen_at end,
        read_at = case ${read}::boolean
          when true then coalesce(read_at, now()) when false then null else read_at end,
        archived_at = case ${archived}::boolean
          when true then coalesce(archived_at, now()) when false then null else archived_at end
      where account_id = ${owner.accountId} and user_id = ${owner.userId} and in_app
        and id = any(${[...ids]}::uuid[])
        and (
          (${seen}::boolean and seen_at is null)
          or (${read}::boolean is true and read_at is null)
          or (${read}::boolean is false and read_at is not null)
          or (${archived}::boolean is true and archived_at is null)
          or (${archived}::boolean is false and archived_at is not null)
        )
      returning id::text, seen_at, read_at, archived_at`;
    if (changed.length === 0) {
      return { items: [], readAllBefore: null, counts: await readCounts(tx, owner) };
    }
    const items = changed
      .map((row) => ({
        id: row.id,
        seenAt: row.seen_at,
        readAt: row.read_at,
        archivedAt: row.archived_at,
      }))
      .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    return recordChanges(tx, owner, items, null);
  });
}

/**
 * Marks read every unread notification of the owner that the filter matches and that was
 * created at or before now, and writes one stream event saying so (`readAllBefore`).
 */
export async function markAllRead(
  sql: Sql,
  owner: Owner,
  filter: { category?: string | undefined; archived: boolean },
): Promise<NotificationChanges> {
  return sql.begin(async (tx) => {
    const [result] = await tx<{ at: string; changed: number }[]>`
      with changed as (
        update notifications n set read_at = now(), seen_at = coalesce(n.seen_at, now())
        where n.account_id = ${owner.accountId} and n.user_id = ${owner.userId} and n.in_app
          and n.read_at is null and n.created_at <= now()
          ${filterSql(tx, filter)}
        returning 1
      )
      select baylink_iso(now()) as at, (select count(*)::int from changed) as changed`;
    const readAllBefore = {
      at: result!.at,
      category: filter.category ?? null,
      archived: filter.archived,
    };
    if (result!.changed === 0) {
      return { items: [], readAllBefore, counts: await readCounts(tx, owner) };
    }
    return recordChanges(tx, owner, [], readAllBefore);
  });
}

/** One of the owner's in-app notifications as the contract's `Notification`, if it exists. */
export async function readNotification(sql: Db, owner: Owner, id: string) {
  const [row] = await sql<{ item: unknown }[]>`
    select baylink_notification_json(n) as item from notifications n
    where n.account_id = ${owner.accountId} and n.user_id = ${owner.userId} and n.in_app
      and n.id = ${id}`;
  return row?.item;
}
