import type { NotificationCounts } from '@baylink/sdk/contract';
import type { Sql } from 'postgres';
import { ApiError } from '../lib/errors.ts';

/**
 * Runs the reads that concurrent requests ask for within one turn of the event loop as one
 * query (the DataLoader pattern, as `user-loader.ts` does for the signed-in user). Every request
 * still reads the database after it arrived, so nothing stale is served; identical keys share
 * one answer; under load fifty requests cost one round trip instead of fifty.
 */
export class Batcher<K, V> {
  #pending:
    | Map<string, { key: K; waiters: { resolve(v: V): void; reject(e: unknown): void }[] }>
    | undefined;

  constructor(
    private readonly id: (key: K) => string,
    private readonly run: (keys: K[]) => Promise<V[]>,
  ) {}

  load(key: K): Promise<V> {
    if (!this.#pending) {
      const batch = new Map();
      this.#pending = batch;
      setImmediate(() => {
        this.#pending = undefined;
        void this.#flush(batch);
      });
    }
    const batch = this.#pending;
    const id = this.id(key);
    return new Promise<V>((resolve, reject) => {
      const entry = batch.get(id);
      if (entry) entry.waiters.push({ resolve, reject });
      else batch.set(id, { key, waiters: [{ resolve, reject }] });
    });
  }

  async #flush(
    batch: Map<string, { key: K; waiters: { resolve(v: V): void; reject(e: unknown): void }[] }>,
  ) {
    const entries = [...batch.values()];
    try {
      const values = await this.run(entries.map((entry) => entry.key));
      entries.forEach((entry, index) => {
        for (const waiter of entry.waiters) waiter.resolve(values[index]!);
      });
    } catch (error) {
      for (const entry of entries) for (const waiter of entry.waiters) waiter.reject(error);
    }
  }
}

export interface CountsKey {
  accountId: string;
  userId: string;
}

export interface PageKey extends CountsKey {
  category: string | null;
  read: 'all' | 'unread' | 'read';
  archived: boolean;
  /** The keyset to continue after: created_at with microseconds, and id. */
  after: { createdAt: string; id: string } | null;
  limit: number;
}

/**
 * The keyset of the last row of a page, (created_at with microseconds, id), as opaque base64url.
 * Microseconds matter: rows of one event share a created_at, and a millisecond-rounded cursor
 * could skip or repeat rows.
 */
export const encodeCursor = (createdAt: string, id: string) =>
  Buffer.from(`${createdAt}|${id}`).toString('base64url');

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|([0-9a-f-]{36})$/;

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new ApiError(400, 'validation_failed', 'Invalid input: cursor', [
      { path: 'cursor', message: 'Not a cursor this API gave; start again without one' },
    ]);
  }
  return { createdAt: match[1]!, id: match[2]! };
}

export interface PageRow {
  /** The items' JSON array, built by Postgres. */
  items: string;
  more: boolean;
  last_at: string | null;
  last_id: string | null;
  unread: number;
  unseen: number;
}

/**
 * The keys of a batch as rows `k(…, idx)`. One key is a one-row VALUES list of scalar
 * parameters: Postgres then settles on a generic plan for the prepared statement and skips
 * planning (with an array it keeps re-planning, since its estimate depends on the length).
 * Every value travels as text and is cast by Postgres, whatever the driver's type settings
 * (a timestamp keeps its microseconds; `infinity` stays a timestamp).
 */
function keyRows(sql: Sql, columns: string[], types: string[], rows: unknown[][]) {
  const names = sql.unsafe([...columns, 'idx'].join(', '));
  if (rows.length === 1) {
    const [row] = rows as [unknown[]];
    const values = row.map((value, i) => sql`${value as string}::text::${sql.unsafe(types[i]!)}`);
    return sql`(values (${values.flatMap((value, i) => (i === 0 ? [value] : [sql`, `, value]))}, 1::bigint)) as k(${names})`;
  }
  const arrays = columns.map(
    (_, i) => sql`${rows.map((row) => row[i]) as string[]}::text[]::${sql.unsafe(types[i]!)}[]`,
  );
  return sql`unnest(${arrays.flatMap((array, i) => (i === 0 ? [array] : [sql`, `, array]))}) with ordinality as k(${names})`;
}

/** Unread and unseen counts of one user (the partial indexes serve each count). */
function countsSql(sql: Sql, key: CountsKey) {
  return sql`
    (select count(*)::int from notifications
      where account_id = ${key.accountId} and user_id = ${key.userId}
        and in_app and read_at is null and archived_at is null) as unread,
    (select count(*)::int from notifications
      where account_id = ${key.accountId} and user_id = ${key.userId}
        and in_app and seen_at is null and archived_at is null) as unseen`;
}

/** Unread and unseen counts of several users in one query. */
function countsQuery(sql: Sql, keys: CountsKey[]) {
  if (keys.length === 1) {
    return sql<(NotificationCounts & { idx: string })[]>`
      select '1' as idx, ${countsSql(sql, keys[0]!)}`;
  }
  const k = keyRows(
    sql,
    ['account_id', 'user_id'],
    ['uuid', 'uuid'],
    keys.map((key) => [key.accountId, key.userId]),
  );
  return sql<(NotificationCounts & { idx: string })[]>`
    select k.idx::text,
      (select count(*)::int from notifications
        where account_id = k.account_id and user_id = k.user_id
          and in_app and read_at is null and archived_at is null) as unread,
      (select count(*)::int from notifications
        where account_id = k.account_id and user_id = k.user_id
          and in_app and seen_at is null and archived_at is null) as unseen
    from ${k}`;
}

/**
 * Inbox pages of several requests in one query: for each, the next `limit` notifications
 * newest first after its keyset, whether more follow, the keyset of its last row (microseconds:
 * rows of one event share a created_at) and the counts.
 */
function pagesQuery(sql: Sql, keys: PageKey[]) {
  if (keys.length === 1) return pageQuery(sql, keys[0]!);
  const k = keyRows(
    sql,
    ['account_id', 'user_id', 'category', 'read', 'archived', 'after_at', 'after_id', 'lim'],
    ['uuid', 'uuid', 'text', 'text', 'boolean', 'timestamptz', 'uuid', 'int'],
    keys.map((key) => [
      key.accountId,
      key.userId,
      key.category,
      key.read,
      String(key.archived),
      key.after?.createdAt ?? 'infinity',
      key.after?.id ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff',
      key.limit,
    ]),
  );
  return sql<(PageRow & { idx: string })[]>`
    select k.idx::text, p.items, p.more, p.last_at, p.last_id, c.unread, c.unseen
    from ${k}
    cross join lateral (
      select
        coalesce(json_agg(s.item order by s.created_at desc, s.id desc)
          filter (where s.rank <= k.lim), '[]')::text as items,
        count(*) > k.lim as more,
        max(to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
          filter (where s.rank = k.lim) as last_at,
        max(s.id::text) filter (where s.rank = k.lim) as last_id
      from (
        select n.created_at, n.id, baylink_notification_json(n) as item,
          row_number() over (order by n.created_at desc, n.id desc) as rank
        from notifications n
        where n.account_id = k.account_id and n.user_id = k.user_id and n.in_app
          and (n.created_at, n.id) < (k.after_at, k.after_id)
          and (n.archived_at is not null) = k.archived
          and (k.category is null or n.category = k.category)
          and (k.read = 'all' or (n.read_at is null) = (k.read = 'unread'))
        order by n.created_at desc, n.id desc
        limit k.lim + 1
      ) as s
    ) as p
    cross join lateral (
      select
        (select count(*)::int from notifications
          where account_id = k.account_id and user_id = k.user_id
            and in_app and read_at is null and archived_at is null) as unread,
        (select count(*)::int from notifications
          where account_id = k.account_id and user_id = k.user_id
            and in_app and seen_at is null and archived_at is null) as unseen
    ) as c`;
}

/**
 * The same page for one request, with its filters written into the SQL: the common case when
 * requests do not overlap, and the cheapest plan (scalar parameters, generic plans).
 */
function pageQuery(sql: Sql, key: PageKey) {
  return sql<(PageRow & { idx: string })[]>`
    with page as (
      select n.created_at, n.id, baylink_notification_json(n) as item
      from notifications n
      where n.account_id = ${key.accountId} and n.user_id = ${key.userId} and n.in_app
        ${key.archived ? sql`and n.archived_at is not null` : sql`and n.archived_at is null`}
        ${key.category ? sql`and n.category = ${key.category}` : sql``}
        ${key.read === 'unread' ? sql`and n.read_at is null` : key.read === 'read' ? sql`and n.read_at is not null` : sql``}
        ${key.after ? sql`and (n.created_at, n.id) < (${key.after.createdAt}::text::timestamptz, ${key.after.id}::uuid)` : sql``}
      order by n.created_at desc, n.id desc
      limit ${key.limit + 1}
    ),
    shown as (select * from page order by created_at desc, id desc limit ${key.limit}),
    last as (select created_at, id from shown order by created_at, id limit 1)
    select '1' as idx,
      coalesce((select json_agg(item order by created_at desc, id desc) from shown), '[]')::text
        as items,
      (select count(*) from page) > ${key.limit} as more,
      (select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from last)
        as last_at,
      (select id::text from last) as last_id,
      ${countsSql(sql, key)}`;
}

/**
 * An `InboxPage` as JSON text. Postgres built the items' JSON (the function that also writes
 * `notification.created` stream events, so both agree); here the parts are only joined.
 */
function pageJson(page: PageRow): string {
  // Only a full page with more after it has a keyset to continue from.
  const nextCursor =
    page.more && page.last_at && page.last_id ? encodeCursor(page.last_at, page.last_id) : null;
  return `{"items":${page.items},"nextCursor":${JSON.stringify(nextCursor)},"counts":{"unread":${page.unread},"unseen":${page.unseen}}}`;
}

const byIndex = <T extends { idx: string }>(rows: T[], length: number): T[] => {
  const ordered = new Array<T>(length);
  for (const row of rows) ordered[Number(row.idx) - 1] = row;
  return ordered;
};

/** The batched inbox reads of one database. */
export class InboxReader {
  readonly counts: Batcher<CountsKey, NotificationCounts>;
  /** The JSON text of an `InboxPage`, built once per distinct request in the batch. */
  readonly pages: Batcher<PageKey, string>;

  constructor(sql: Sql) {
    this.counts = new Batcher(
      (key) => `${key.accountId}|${key.userId}`,
      async (keys) =>
        byIndex(await countsQuery(sql, keys), keys.length).map((row) => ({
          unread: row.unread,
          unseen: row.unseen,
        })),
    );
    this.pages = new Batcher(
      (key) => JSON.stringify(key),
      async (keys) => byIndex(await pagesQuery(sql, keys), keys.length).map(pageJson),
    );
  }
}

const readers = new WeakMap<Sql, InboxReader>();

/** The one batched reader of a database (routes are module singletons; apps are per test). */
export function inboxReader(sql: Sql): InboxReader {
  let reader = readers.get(sql);
  if (!reader) {
    reader = new InboxReader(sql);
    readers.set(sql, reader);
  }
  return reader;
}
