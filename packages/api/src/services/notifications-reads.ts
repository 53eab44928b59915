import type { NotificationCounts } from '@baylink/sdk/contract';
import type { Sql } from 'postgres';
import { ApiError } from '../lib/errors.ts';

type Waiters<K, V> = Map<
  string,
  { key: K; waiters: { resolve(v: V): void; reject(e: unknown): void }[] }
>;

/**
 * Runs the reads that concurrent requests ask for as one query (the DataLoader pattern, as
 * `user-loader.ts` does for the signed-in user). Every request still reads the database after it
 * arrived, so nothing stale is served; identical keys share one answer. `run` answers a value or
 * an `Error` per key, in the keys' order; an error rejects only that key's waiters.
 *
 * A batch is what arrived within one turn of the event loop, and at most `maxInFlight` batches
 * are queried at once: under load, what arrives while one runs waits for the next batch, which
 * starts as soon as it ends. So the busier the process, the bigger the batches (bench/fanout.ts,
 * 50 concurrent inbox requests: about 17 requests per query with a batch per turn, 25 with one
 * batch in flight, and more requests per second), at no cost when idle (a lone request is
 * queried on the next turn).
 */
export class Batcher<K, V> {
  #pending: Waiters<K, V> | undefined;
  #scheduled = false;
  #inFlight = 0;

  constructor(
    private readonly id: (key: K) => string,
    private readonly run: (keys: K[]) => Promise<(V | Error)[]>,
    private readonly maxInFlight = 1,
  ) {}

  load(key: K): Promise<V> {
    let batch = this.#pending;
    if (!batch) {
      batch = new Map();
      this.#pending = batch;
      this.#schedule();
    }
    const id = this.id(key);
    const entry = batch.get(id);
    return new Promise<V>((resolve, reject) => {
      if (entry) entry.waiters.push({ resolve, reject });
      else batch.set(id, { key, waiters: [{ resolve, reject }] });
    });
  }

  /** Flushes the pending batch on the next turn, unless enough batches are running already. */
  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.maxInFlight) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const batch = this.#pending;
      if (!batch) return;
      this.#pending = undefined;
      this.#inFlight++;
      void this.#flush(batch).finally(() => {
        this.#inFlight--;
        if (this.#pending) this.#schedule();
      });
    });
  }

  async #flush(batch: Waiters<K, V>) {
    const entries = [...batch.values()];
    try {
      const values = await this.run(entries.map((entry) => entry.key));
      entries.forEach((entry, index) => {
        const value = values[index]!;
        if (value instanceof Error) for (const waiter of entry.waiters) waiter.reject(value);
        else for (const waiter of entry.waiters) waiter.resolve(value);
      });
    } catch (error) {
      for (const entry of entries) for (const waiter of entry.waiters) waiter.reject(error);
    }
  }
}

/**
 * Whose inbox: the account and the signed-in user as the token names them. The user is looked
 * up in the same query as what is read (the inbox routes skip the user-auth middleware's
 * separate lookup): a user that no longer exists gets the same 401 as from the middleware.
 */
export interface CountsKey {
  accountId: string;
  /** The token's user id (`sub`); when absent, the user is found by `referenceId`. */
  userId?: string | null | undefined;
  /** The token's reference id (`ref`), used only without a user id. */
  referenceId?: string | null | undefined;
}

export interface PageKey extends CountsKey {
  category: string | null;
  read: 'all' | 'unread' | 'read';
  archived: boolean;
  /** The keyset to continue after: created_at with microseconds, and id. */
  after: { createdAt: string; id: string } | null;
  limit: number;
}

/** The answer when the token's user does not exist (any more): as from the user-auth middleware. */
export const unknownUser = () =>
  new ApiError(401, 'token_invalid', 'The user token names an unknown user');

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

/** The token's user: by id (a primary-key lookup) or, without one, by reference id. */
function userSql(sql: Sql, key: CountsKey) {
  return key.userId
    ? sql`select u.account_id, u.id from users u
        where u.account_id = ${key.accountId} and u.id = ${key.userId}`
    : sql`select u.account_id, u.id from users u
        where u.account_id = ${key.accountId} and u.reference_id = ${key.referenceId ?? ''}`;
}

/** For keys rows `k`: the user each names, as `u(id)` (no row when it does not exist). */
const usersOfKeys = (sql: Sql) => sql`
  left join lateral (
    select x.id from users x where x.account_id = k.account_id and x.id = k.user_id
    union all
    select x.id from users x
    where k.user_id is null and x.account_id = k.account_id and x.reference_id = k.reference_id
  ) as u on true`;

const ownerColumns = (key: CountsKey) => [
  key.accountId,
  key.userId ?? null,
  key.userId ? null : (key.referenceId ?? ''),
];

interface CountsRow {
  idx: string;
  known: boolean;
  unread: number;
  unseen: number;
}

/**
 * Unread and unseen counts of users, in one query: a primary-key lookup of the user and one of
 * its counter row (kept by triggers, see migrations/0004).
 */
function countsQuery(sql: Sql, keys: CountsKey[]) {
  if (keys.length === 1) {
    return sql<CountsRow[]>`
      select '1' as idx, true as known,
        coalesce(c.unread, 0) as unread, coalesce(c.unseen, 0) as unseen
      from (${userSql(sql, keys[0]!)}) as u
      left join notification_counters c on c.account_id = u.account_id and c.user_id = u.id`;
  }
  const k = keyRows(
    sql,
    ['account_id', 'user_id', 'reference_id'],
    ['uuid', 'uuid', 'text'],
    keys.map(ownerColumns),
  );
  return sql<CountsRow[]>`
    select k.idx::text, u.id is not null as known,
      coalesce(c.unread, 0) as unread, coalesce(c.unseen, 0) as unseen
    from ${k}
    ${usersOfKeys(sql)}
    left join notification_counters c on c.account_id = k.account_id and c.user_id = u.id`;
}

/**
 * One page row, read raw (postgres.js hands over each column's bytes): `items` is the JSON of
 * the page's notifications joined by commas, built by Postgres, and goes into the answer without
 * being decoded and encoded again. Columns: idx, known, items, more, last_at, last_id, unread,
 * unseen.
 */
type RawPageRow = [
  Buffer,
  Buffer | null,
  Buffer | null,
  Buffer | null,
  Buffer | null,
  Buffer | null,
  Buffer,
  Buffer,
];

/** The keyset of a created_at with microseconds, as the cursor holds it. */
const CURSOR_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * The page of one request: the user and its counter by primary key, then the next `limit`
 * notifications newest first after the keyset, one tight range of the inbox index, with the
 * filters written into the SQL (scalar parameters, so the prepared statement keeps a generic
 * plan and is not planned again).
 */
function pageQuery(sql: Sql, key: PageKey) {
  return sql`
    with u as (${userSql(sql, key)}),
    page as (
      select n.created_at, n.id, baylink_notification_text(n) as item
      from notifications n
      where n.account_id = ${key.accountId} and n.user_id = (select id from u) and n.in_app
        ${key.archived ? sql`and n.archived_at is not null` : sql`and n.archived_at is null`}
        ${key.category ? sql`and n.category = ${key.category}` : sql``}
        ${key.read === 'unread' ? sql`and n.read_at is null` : key.read === 'read' ? sql`and n.read_at is not null` : sql``}
        ${key.after ? sql`and (n.created_at, n.id) < (${key.after.createdAt}::text::timestamptz, ${key.after.id}::uuid)` : sql``}
      order by n.created_at desc, n.id desc
      limit ${key.limit + 1}
    ),
    shown as (select * from page order by created_at desc, id desc limit ${key.limit}),
    last as (select created_at, id from shown order by created_at, id limit 1)
    select '1' as idx, true as known,
      (select string_agg(item, ',' order by created_at desc, id desc) from shown) as items,
      case when (select count(*) from page) > ${key.limit} then 't' end as more,
      (select to_char(created_at at time zone 'UTC', ${sql.unsafe(CURSOR_TIME)}) from last) as last_at,
      (select id::text from last) as last_id,
      coalesce(c.unread, 0) as unread, coalesce(c.unseen, 0) as unseen
    from u
    left join notification_counters c on c.account_id = u.account_id and c.user_id = u.id`.raw();
}

/** Inbox pages of several requests in one query: the same as `pageQuery` for each key. */
function pagesQuery(sql: Sql, keys: PageKey[]) {
  if (keys.length === 1) return pageQuery(sql, keys[0]!);
  const k = keyRows(
    sql,
    [
      'account_id',
      'user_id',
      'reference_id',
      'category',
      'read',
      'archived',
      'after_at',
      'after_id',
      'lim',
    ],
    ['uuid', 'uuid', 'text', 'text', 'text', 'boolean', 'timestamptz', 'uuid', 'int'],
    keys.map((key) => [
      ...ownerColumns(key),
      key.category,
      key.read,
      String(key.archived),
      key.after?.createdAt ?? 'infinity',
      key.after?.id ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff',
      key.limit,
    ]),
  );
  return sql`
    select k.idx::text, case when u.id is not null then 't' end as known,
      p.items, case when p.more then 't' end as more, p.last_at, p.last_id,
      coalesce(c.unread, 0) as unread, coalesce(c.unseen, 0) as unseen
    from ${k}
    ${usersOfKeys(sql)}
    cross join lateral (
      select
        string_agg(s.item, ',' order by s.created_at desc, s.id desc) filter (where s.rank <= k.lim)
          as items,
        count(*) > k.lim as more,
        max(to_char(s.created_at at time zone 'UTC', ${sql.unsafe(CURSOR_TIME)}))
          filter (where s.rank = k.lim) as last_at,
        max(s.id::text) filter (where s.rank = k.lim) as last_id
      from (
        select n.created_at, n.id, baylink_notification_text(n) as item,
          row_number() over (order by n.created_at desc, n.id desc) as rank
        from notifications n
        where n.account_id = k.account_id and n.user_id = u.id and n.in_app
          and (n.created_at, n.id) < (k.after_at, k.after_id)
          and (n.archived_at is not null) = k.archived
          and (k.category is null or n.category = k.category)
          and (k.read = 'all' or (n.read_at is null) = (k.read = 'unread'))
        order by n.created_at desc, n.id desc
        limit k.lim + 1
      ) as s
    ) as p
    left join notification_counters c on c.account_id = k.account_id and c.user_id = u.id`.raw();
}

const ITEMS_START = Buffer.from('{"items":[');

/**
 * An `InboxPage` as JSON bytes: Postgres built the items' JSON (the function that also writes
 * `notification.created` stream events, so both agree); here the parts are only joined.
 */
function pageBody(row: RawPageRow): Buffer<ArrayBuffer> {
  const [, , items, more, lastAt, lastId, unread, unseen] = row;
  // Only a full page with more after it has a keyset to continue from.
  const nextCursor =
    more && lastAt && lastId ? `"${encodeCursor(lastAt.toString(), lastId.toString())}"` : 'null';
  const end = Buffer.from(
    `],"nextCursor":${nextCursor},"counts":{"unread":${unread.toString()},"unseen":${unseen.toString()}}}`,
  );
  return items ? Buffer.concat([ITEMS_START, items, end]) : Buffer.concat([ITEMS_START, end]);
}

/** The rows in their keys' order; undefined where a key got no row (its user does not exist). */
function byIndex<T>(rows: T[], length: number, idx: (row: T) => string): (T | undefined)[] {
  // Filled, not sparse: `map` skips the holes of a sparse array.
  const ordered = new Array<T | undefined>(length).fill(undefined);
  for (const row of rows) ordered[Number(idx(row)) - 1] = row;
  return ordered;
}

const ownerId = (key: CountsKey) =>
  key.userId ? `${key.accountId}|id|${key.userId}` : `${key.accountId}|ref|${key.referenceId}`;

/** The batched inbox reads of one database. */
export class InboxReader {
  readonly counts: Batcher<CountsKey, NotificationCounts>;
  /** The bytes of an `InboxPage` (JSON), built once per distinct request in the batch. */
  readonly pageBodies: Batcher<PageKey, Buffer<ArrayBuffer>>;
  /** The same as text. */
  readonly pages: { load(key: PageKey): Promise<string> };

  constructor(sql: Sql) {
    this.counts = new Batcher<CountsKey, NotificationCounts>(ownerId, async (keys) =>
      byIndex(await countsQuery(sql, keys), keys.length, (row) => row.idx).map((row) =>
        row?.known ? { unread: row.unread, unseen: row.unseen } : unknownUser(),
      ),
    );
    this.pageBodies = new Batcher<PageKey, Buffer<ArrayBuffer>>(
      (key) =>
        // The owner last: a reference id may hold any character.
        `${key.limit}|${key.read}|${key.archived}|${key.after?.createdAt}|${key.after?.id}|${key.category}|${ownerId(key)}`,
      async (keys) => {
        const rows = (await pagesQuery(sql, keys)) as unknown as RawPageRow[];
        return byIndex(rows, keys.length, (row) => row[0].toString()).map((row) =>
          row?.[1] ? pageBody(row) : unknownUser(),
        );
      },
    );
    this.pages = { load: async (key) => (await this.pageBodies.load(key)).toString('utf8') };
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
