import type { AwayStatus } from '@baylink/sdk/contract';
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import { readAwayStatuses } from '../routes/away/away.sql.ts';
import { appendStreamEvents } from './stream-events.ts';

// The scheduled return of away statuses ("away until"). Reads never wait for it: every read
// applies `until_at > now()` itself (routes/away/away.sql.ts), so this job only writes down what
// reads already show, and tells every user of the account through the stream.

export interface ExpireResult {
  /** Statuses turned off by this call. */
  expired: number;
}

/**
 * Turns off every status whose `until` has passed (`until_at <= now`), in short transactions of
 * at most `limit` rows: each locks its rows `FOR UPDATE SKIP LOCKED` (so workers running it at
 * once never take the same row, and a row held by a status change or a routing decision is left
 * for the next run), turns them off (since and until dropped, cover kept, `version` bumped,
 * changed at the return time by nobody) and appends one `presence.changed` event per user, for
 * every user of the account, with the status as the API answers it. The event and the change
 * commit together. `now` replaces the database's clock (tests).
 */
export async function expireAwayStatuses(
  sql: Sql,
  options: { now?: Date; limit?: number } = {},
): Promise<ExpireResult> {
  const limit = options.limit ?? 500;
  const now = options.now ?? null;
  let expired = 0;
  for (;;) {
    const count = await sql.begin(async (tx) => {
      const rows = await tx<{ account_id: string; user_id: string }[]>`
        with due as (
          select account_id, user_id from away_statuses
          where away and until_at is not null
            and until_at <= coalesce(${now}::timestamptz, now())
          order by until_at
          limit ${limit}
          for update skip locked
        )
        update away_statuses s set
          away = false, since = null,
          until_at = null, until_date = null, until_time = null, until_zone = null,
          version = s.version + 1, updated_at = s.until_at, updated_by = null
        from due
        where s.account_id = due.account_id and s.user_id = due.user_id
        returning s.account_id::text as account_id, s.user_id::text as user_id`;
      const byAccount = new Map<string, string[]>();
      for (const row of rows) {
        byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row.user_id]);
      }
      // Accounts in one order, so two workers never wait on each other's stream counters.
      for (const accountId of [...byAccount.keys()].sort()) {
        const statuses: AwayStatus[] = await readAwayStatuses(
          tx,
          accountId,
          byAccount.get(accountId),
        );
        await appendStreamEvents(
          tx,
          accountId,
          statuses.map((status) => ({ userId: null, kind: 'presence.changed', payload: status })),
        );
      }
      return rows.length;
    });
    expired += count;
    if (count < limit) return { expired };
  }
}

/** Milliseconds until the next status is due (negative: already due), or null when none is. */
async function nextDueInMs(sql: Sql): Promise<number | null> {
  const [row] = await sql<{ ms: number | null }[]>`
    select (extract(epoch from min(until_at) - now()) * 1000)::float8 as ms
    from away_statuses
    where away and until_at is not null`;
  return row?.ms ?? null;
}

export interface AwayExpiry {
  /** This process wrote a status that turns off at `at`: wake up then if that is sooner. */
  poke(at: Date): void;
  /** Stops the timer and waits for a run in flight. */
  stop(): Promise<void>;
}

export interface AwayExpiryOptions {
  sql: Sql;
  logger: Logger;
  /** The longest sleep, so statuses written by other processes are caught (default 30 s). */
  maxSleepMs?: number;
  /** The wait after a failed run (default 5 s). */
  retryMs?: number;
}

/**
 * Runs `expireAwayStatuses` in this process with a precise timer: after each run it sleeps until
 * the next due `until_at` (read from the database, so it survives restarts and sees what other
 * processes wrote), at most `maxSleepMs`, and wakes sooner when this process writes a status that
 * is due earlier (`poke`). Every API process runs one; `SKIP LOCKED` makes them share the work.
 * Timers never keep the process alive.
 */
export function startAwayExpiry(options: AwayExpiryOptions): AwayExpiry {
  const { sql, logger } = options;
  const maxSleepMs = options.maxSleepMs ?? 30_000;
  const retryMs = options.retryMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (epoch ms). */
  let wakeAt = Number.POSITIVE_INFINITY;
  let running: Promise<void> | undefined;
  /** The earliest time a poke asked for while a run was in flight. */
  let pokedAt = Number.POSITIVE_INFINITY;
  let stopped = false;

  const arm = (delayMs: number) => {
    if (stopped) return;
    const delay = Math.min(Math.max(delayMs, 0), maxSleepMs);
    if (timer) clearTimeout(timer);
    wakeAt = Date.now() + delay;
    timer = setTimeout(run, delay);
    timer.unref();
  };

  function run() {
    timer = undefined;
    wakeAt = Number.POSITIVE_INFINITY;
    pokedAt = Number.POSITIVE_INFINITY;
    running = (async () => {
      let delay: number;
      try {
        const { expired } = await expireAwayStatuses(sql);
        if (expired > 0) logger.info({ job: 'away-expiry', expired }, 'away statuses ended');
        const next = await nextDueInMs(sql);
        // A few milliseconds past the instant, so the database's clock has passed it too; a
        // row still due now is held by another transaction: look again shortly.
        delay = next === null ? maxSleepMs : next > 0 ? Math.ceil(next) + 5 : 50;
      } catch (error) {
        logger.warn({ err: error, job: 'away-expiry' }, 'away expiry failed');
        delay = retryMs;
      }
      running = undefined;
      if (pokedAt !== Number.POSITIVE_INFINITY) delay = Math.min(delay, pokedAt - Date.now() + 5);
      arm(delay);
    })();
  }

  arm(0);
  return {
    poke(at) {
      if (stopped) return;
      const when = at.getTime();
      if (running) {
        pokedAt = Math.min(pokedAt, when);
        return;
      }
      if (when + 5 < wakeAt) arm(when - Date.now() + 5);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
