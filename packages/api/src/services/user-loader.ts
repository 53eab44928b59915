import type { Sql } from 'postgres';
import type { UserRow } from '../lib/types.ts';
import { USER_COLUMNS } from '../routes/users/users.sql.ts';

type Key = { accountId: string; by: 'id' | 'reference_id'; value: string };

interface Pending {
  keys: Map<string, Key>;
  waiters: Map<
    string,
    { resolve: (row: UserRow | undefined) => void; reject: (e: unknown) => void }[]
  >;
}

/**
 * Loads the signed-in users of concurrent requests in one query per turn of the event loop
 * (the DataLoader pattern). Every request still reads the database after it arrived, so nothing
 * stale is served; under load, fifty requests cost one round trip instead of fifty.
 */
export class UserLoader {
  #pending: Pending | undefined;

  constructor(readonly sql: Sql) {}

  byId(accountId: string, userId: string): Promise<UserRow | undefined> {
    return this.#load({ accountId, by: 'id', value: userId });
  }

  byReference(accountId: string, referenceId: string): Promise<UserRow | undefined> {
    return this.#load({ accountId, by: 'reference_id', value: referenceId });
  }

  #load(key: Key): Promise<UserRow | undefined> {
    if (!this.#pending) {
      const batch: Pending = { keys: new Map(), waiters: new Map() };
      this.#pending = batch;
      setImmediate(() => {
        this.#pending = undefined;
        this.#run(batch);
      });
    }
    const id = `${key.accountId}|${key.by}|${key.value}`;
    const batch = this.#pending;
    batch.keys.set(id, key);
    return new Promise((resolve, reject) => {
      const list = batch.waiters.get(id);
      if (list) list.push({ resolve, reject });
      else batch.waiters.set(id, [{ resolve, reject }]);
    });
  }

  async #run(batch: Pending) {
    const keys = [...batch.keys.values()];
    try {
      const rows = await this.#query(keys);
      const found = new Map<string, UserRow>();
      for (const row of rows) {
        found.set(`${row.account_id}|id|${row.id}`, row);
        if (row.reference_id) found.set(`${row.account_id}|reference_id|${row.reference_id}`, row);
      }
      for (const [id, waiters] of batch.waiters) {
        for (const waiter of waiters) waiter.resolve(found.get(id));
      }
    } catch (error) {
      for (const waiters of batch.waiters.values())
        for (const waiter of waiters) waiter.reject(error);
    }
  }

  #query(keys: Key[]): Promise<UserRow[]> {
    const sql = this.sql;
    const columns = sql.unsafe(USER_COLUMNS);
    if (keys.length === 1) {
      const [key] = keys as [Key];
      return key.by === 'id'
        ? sql<
            UserRow[]
          >`select ${columns} from users where account_id = ${key.accountId} and id = ${key.value}`
        : sql<
            UserRow[]
          >`select ${columns} from users where account_id = ${key.accountId} and reference_id = ${key.value}`;
    }
    const byId = keys.filter((k) => k.by === 'id');
    const byRef = keys.filter((k) => k.by === 'reference_id');
    return sql<UserRow[]>`
      select ${columns} from users
      where (account_id, id) in (
        select * from unnest(${byId.map((k) => k.accountId)}::uuid[], ${byId.map((k) => k.value)}::uuid[])
      )
      or (account_id, reference_id) in (
        select * from unnest(${byRef.map((k) => k.accountId)}::uuid[], ${byRef.map((k) => k.value)}::text[])
      )`;
  }
}
