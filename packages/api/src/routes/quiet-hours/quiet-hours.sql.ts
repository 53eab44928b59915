import type { QuietHours, UpdateQuietHours } from '@baylink/sdk/contract';
import type { Sql } from 'postgres';
import type { z } from 'zod';
import { ApiError } from '../../lib/errors.ts';
import { DELIVERY_CHANNEL } from '../../services/delivery/worker.ts';

type QuietHoursInput = z.output<typeof UpdateQuietHours>;

/** What a user who never set quiet hours sees (in the account's time zone): off, 22:00–07:00. */
export const DEFAULT_QUIET_HOURS = {
  enabled: false,
  start: '22:00',
  end: '07:00',
  days: [0, 1, 2, 3, 4, 5, 6],
} as const;

interface QuietHoursRow {
  enabled: boolean | null;
  start: string | null;
  end: string | null;
  time_zone: string | null;
  days: number[] | null;
  updated_at: string | null;
  account_zone: string;
}

/** The user's quiet hours, or the defaults in the account's time zone (`updatedAt: null`). */
export async function readQuietHours(
  sql: Sql,
  accountId: string,
  userId: string,
): Promise<QuietHours> {
  const [row] = await sql<QuietHoursRow[]>`
    select q.enabled, to_char(q.start_time, 'HH24:MI') as start,
      to_char(q.end_time, 'HH24:MI') as end, q.time_zone, q.days::int[] as days, q.updated_at,
      a.time_zone as account_zone
    from accounts a
    left join quiet_hours q on q.account_id = a.id and q.user_id = ${userId}
    where a.id = ${accountId}`;
  if (!row || row.enabled === null) {
    return {
      ...DEFAULT_QUIET_HOURS,
      days: [...DEFAULT_QUIET_HOURS.days],
      timeZone: row?.account_zone ?? 'UTC',
      updatedAt: null,
    };
  }
  return {
    enabled: row.enabled,
    start: row.start!,
    end: row.end!,
    timeZone: row.time_zone!,
    days: row.days!,
    updatedAt: row.updated_at,
  };
}

/** Postgres must read the zone too (it computes the periods): 400 on `timeZone` otherwise. */
async function checkZone(sql: Sql, zone: string): Promise<void> {
  try {
    await sql`select now() at time zone ${zone}`;
  } catch {
    throw new ApiError(400, 'validation_failed', 'Invalid input: timeZone', [
      { path: 'timeZone', message: 'This time zone is not known to the database' },
    ]);
  }
}

/**
 * Replaces the user's quiet hours. Deliveries held by the old hours are due again at once, so
 * the worker holds them by the new ones (or sends them); it is woken at commit.
 */
export async function writeQuietHours(
  sql: Sql,
  accountId: string,
  userId: string,
  input: QuietHoursInput,
): Promise<QuietHours> {
  await checkZone(sql, input.timeZone);
  const days = [...new Set(input.days)].sort((a, b) => a - b);
  await sql.begin(async (tx) => {
    await tx`
      insert into quiet_hours (account_id, user_id, enabled, start_time, end_time, time_zone, days)
      values (${accountId}, ${userId}, ${input.enabled}, ${input.start}::time, ${input.end}::time,
        ${input.timeZone}, ${days}::smallint[])
      on conflict (account_id, user_id) do update set
        enabled = excluded.enabled, start_time = excluded.start_time,
        end_time = excluded.end_time, time_zone = excluded.time_zone, days = excluded.days,
        updated_at = now()`;
    const released = await tx`
      update deliveries set next_attempt_at = now(), updated_at = now()
      where account_id = ${accountId} and user_id = ${userId} and held and status = 'queued'
      returning 1`;
    if (released.length > 0) await tx`select pg_notify(${DELIVERY_CHANNEL}, '')`;
  });
  return readQuietHours(sql, accountId, userId);
}
