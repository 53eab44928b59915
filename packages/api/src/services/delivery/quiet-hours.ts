import type { Sql, TransactionSql } from 'postgres';

// Quiet hours: the periods in a user's time zone when web push and mobile deliveries wait.
// Computed by Postgres with the zone's rules on each date, so a daylight-saving change inside a
// period is honoured (22:00–07:00 on the night clocks spring forward lasts eight hours).

export interface QuietKey {
  accountId: string;
  userId: string;
}

export const quietKey = (key: QuietKey) => `${key.accountId}:${key.userId}`;

/**
 * For each user who is inside one of their quiet periods at `now` (the database's clock when
 * null), when that period ends (ISO). A period belongs to the day it starts on (`days`, 0 =
 * Sunday, read in the user's zone) and runs from `start_time` to `end_time` that day, or to
 * `end_time` the next day when `end_time < start_time`. Start and end are read in the user's
 * zone on their own dates (`(date + time) at time zone zone`): a time skipped by a
 * spring-forward change moves forward by the gap, a repeated one is the later of the two.
 */
export async function quietUntil(
  sql: Sql | TransactionSql,
  keys: QuietKey[],
  now: Date | null,
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await sql<{ account_id: string; user_id: string; until: string }[]>`
    with k as (
      select distinct account_id, user_id
      from unnest(${keys.map((key) => key.accountId)}::uuid[], ${keys.map((key) => key.userId)}::uuid[])
        as k(account_id, user_id)
    ), clock as (
      select coalesce(${now}::timestamptz, now()) as now
    )
    select q.account_id::text, q.user_id::text, max(p.end_at) as until
    from k
    join quiet_hours q on q.account_id = k.account_id and q.user_id = k.user_id and q.enabled
    cross join clock
    cross join lateral (
      select (clock.now at time zone q.time_zone)::date as today
    ) as local
    cross join lateral (values (local.today - 1), (local.today)) as s(day)
    cross join lateral (
      select
        (s.day + q.start_time) at time zone q.time_zone as start_at,
        (s.day + (case when q.end_time < q.start_time then 1 else 0 end) + q.end_time)
          at time zone q.time_zone as end_at
    ) as p
    where extract(dow from s.day)::int = any(q.days)
      and p.start_at <= clock.now and clock.now < p.end_at
    group by q.account_id, q.user_id`;
  return new Map(
    rows.map((row) => [quietKey({ accountId: row.account_id, userId: row.user_id }), row.until]),
  );
}
