import type {
  AwayAssignee,
  AwayStatus,
  AwayUntilInput,
  ErrorDetail,
  PresenceList,
  SetAwayStatus,
} from '@baylink/sdk/contract';
import type { Sql, TransactionSql } from 'postgres';
import type { z } from 'zod';
import { ApiError, notFound } from '../../lib/errors.ts';
import { appendStreamEvents } from '../../services/stream-events.ts';

type Db = Sql | TransactionSql;

export type SetAwayInput = z.output<typeof SetAwayStatus>;

/**
 * What every read of a status selects (from `users u` left-joined to `away_statuses s`): the
 * effective state, exact at the moment of the read. `lapsed` marks a status whose `until` has
 * passed but which the scheduled job has not written off yet; it reads as off (see toAwayStatus).
 */
interface AwayRow {
  user_id: string;
  name: string;
  away: boolean;
  lapsed: boolean;
  since: string | null;
  until_at: string | null;
  until_date: string | null;
  until_time: string | null;
  until_zone: string | null;
  assignee_user_id: string | null;
  assignee_user_name: string | null;
  assignee_team_id: string | null;
  assignee_team_name: string | null;
  version: string;
  updated_at: string | null;
  updated_by: string | null;
  /** The moment the effective state is computed for (the statement's `now()`). */
  as_of: string;
}

/** The columns and the joins of a status read; the caller adds `where u.account_id = …`. */
function statusSelect(sql: Db) {
  return sql`
    u.id::text as user_id, u.name,
    coalesce(s.away and (s.until_at is null or s.until_at > now()), false) as away,
    coalesce(s.away and s.until_at <= now(), false) as lapsed,
    s.since, s.until_at, s.until_date::text as until_date,
    to_char(s.until_time, 'HH24:MI') as until_time, s.until_zone,
    s.assignee_user_id::text as assignee_user_id, cu.name as assignee_user_name,
    s.assignee_team_id::text as assignee_team_id, ct.name as assignee_team_name,
    coalesce(s.version, 0)::text as version, s.updated_at, s.updated_by::text as updated_by,
    now() as as_of
    from users u
    left join away_statuses s on s.account_id = u.account_id and s.user_id = u.id
    left join users cu on cu.account_id = s.account_id and cu.id = s.assignee_user_id
    left join teams ct on ct.account_id = s.account_id and ct.id = s.assignee_team_id`;
}

function assigneeOf(row: AwayRow): AwayAssignee | null {
  if (row.assignee_user_id) {
    return { kind: 'user', id: row.assignee_user_id, name: row.assignee_user_name ?? '' };
  }
  if (row.assignee_team_id) {
    return { kind: 'team', id: row.assignee_team_id, name: row.assignee_team_name ?? '' };
  }
  return null;
}

/**
 * The contract's `AwayStatus`. A lapsed status reads exactly as the scheduled job will write it:
 * off, without since or until, the cover kept, one version higher, changed at the return time by
 * nobody (the automatic return). So a late job never shows a stale status, and the event the job
 * sends carries the same JSON as a read made in between.
 */
export function toAwayStatus(row: AwayRow): AwayStatus {
  const version = Number(row.version);
  const assignee = assigneeOf(row);
  if (row.lapsed) {
    return {
      userId: row.user_id,
      name: row.name,
      away: false,
      since: null,
      until: null,
      assignee,
      version: version + 1,
      updatedAt: row.until_at,
      updatedBy: null,
    };
  }
  return {
    userId: row.user_id,
    name: row.name,
    away: row.away,
    since: row.away ? row.since : null,
    until:
      row.away && row.until_at && row.until_date && row.until_time && row.until_zone
        ? { at: row.until_at, date: row.until_date, time: row.until_time, timeZone: row.until_zone }
        : null,
    assignee,
    version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function selectRows(sql: Db, accountId: string, userIds?: string[]) {
  return sql<AwayRow[]>`
    select ${statusSelect(sql)}
    where u.account_id = ${accountId}
      ${userIds ? sql`and u.id = any(${userIds}::uuid[])` : sql``}
    order by lower(u.name), u.id
    limit 5000`;
}

/** Statuses of some users of the account (all of them, by name, when `userIds` is absent). */
export async function readAwayStatuses(
  sql: Db,
  accountId: string,
  userIds?: string[],
): Promise<AwayStatus[]> {
  return (await selectRows(sql, accountId, userIds)).map(toAwayStatus);
}

/** One user's status; 404 when the user is not in the account (another account's included). */
export async function readAwayStatus(
  sql: Db,
  accountId: string,
  userId: string,
): Promise<AwayStatus> {
  const [status] = await readAwayStatuses(sql, accountId, [userId]);
  if (!status) throw notFound('The user');
  return status;
}

/** Every user of the account (by name, at most 5000) with their effective status. */
export async function readPresence(sql: Sql, accountId: string): Promise<PresenceList> {
  const rows = await selectRows(sql, accountId);
  // `asOf` is the moment the effective states were computed for (an account without users
  // has no row to carry it: then it is the server's clock).
  return { items: rows.map(toAwayStatus), asOf: rows[0]?.as_of ?? new Date().toISOString() };
}

function invalid(path: string, message: string): ApiError {
  const details: ErrorDetail[] = [{ path, message }];
  return new ApiError(400, 'validation_failed', `Invalid input: ${path}`, details);
}

/** The stored row of a status, locked for update, with its effective state. */
interface StoredRow {
  effective: boolean;
  lapsed: boolean;
  since: string | null;
  until_at: string | null;
  until_date: string | null;
  until_time: string | null;
  until_zone: string | null;
  assignee_user_id: string | null;
  assignee_team_id: string | null;
}

interface Until {
  at: string;
  date: string;
  time: string;
  zone: string;
}

/**
 * "Away until" as an instant, computed by Postgres with the zone's rules for that date: a time
 * skipped by a spring-forward change takes the offset in force before the change (so 02:30 on a
 * day the clocks jump from 02:00 to 03:00 is 03:30), and a time that occurs twice (fall back)
 * takes the offset in force after it (the second of the two). Answers 400 naming `until` when
 * the instant is not in the future, and the field Postgres refuses (a zone it does not know, a
 * date out of its range).
 */
async function resolveUntil(tx: TransactionSql, until: AwayUntilInput): Promise<Until> {
  let row: { at: string; future: boolean } | undefined;
  try {
    [row] = await tx<{ at: string; future: boolean }[]>`
      select x.at, x.at > now() as future
      from (
        select (${until.date}::date + ${until.time}::time) at time zone ${until.timeZone}::text as at
      ) as x`;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '22023') throw invalid('until.timeZone', 'Unknown time zone');
    if (code?.startsWith('22')) throw invalid('until.date', 'This date cannot be used');
    throw error;
  }
  if (!row!.future) throw invalid('until', 'Pick a return time in the future');
  return { at: row!.at, date: until.date, time: until.time, zone: until.timeZone };
}

/** Checks the cover named in a change: a user (not the user themself) or a team of the account. */
async function checkAssignee(
  tx: TransactionSql,
  accountId: string,
  userId: string,
  assignee: NonNullable<SetAwayInput['assignee']>,
): Promise<{ userId: string | null; teamId: string | null }> {
  if (assignee.kind === 'user') {
    if (assignee.id === userId) {
      throw invalid('assignee.id', 'Name someone else to cover your conversations');
    }
    const [row] = await tx`
      select 1 from users where account_id = ${accountId} and id = ${assignee.id} for key share`;
    if (!row) throw invalid('assignee.id', 'No user of this account has this id');
    return { userId: assignee.id, teamId: null };
  }
  const [row] = await tx`
    select 1 from teams where account_id = ${accountId} and id = ${assignee.id} for key share`;
  if (!row) throw invalid('assignee.id', 'No team of this account has this id');
  return { userId: null, teamId: assignee.id };
}

export interface WrittenStatus {
  status: AwayStatus;
  /** Whether anything changed (an unchanged status is not written and sends no event). */
  changed: boolean;
}

/**
 * Sets (`SetAwayInput`) or turns off (`'off'`: keeps the cover) a user's status, in one
 * transaction that locks the user's status row `FOR UPDATE` (routing decisions hold it
 * `FOR SHARE`, so each decision sees the status before or after the change, never between),
 * bumps `version`, records who changed it, and appends a `presence.changed` event for every user
 * of the account. Turning on records `since` (kept when it was already on); turning off drops
 * `since` and `until`. With `away: false` a left-out `assignee` keeps the current one; with
 * `away: true` it means none. Bad input answers 400 naming the field, and nothing is written.
 * A change that changes nothing writes nothing.
 */
export async function writeAwayStatus(
  sql: Sql,
  accountId: string,
  userId: string,
  change: SetAwayInput | 'off',
  updatedBy: string | null,
): Promise<WrittenStatus> {
  return sql.begin(async (tx) => {
    const [user] = await tx`
      select 1 from users where account_id = ${accountId} and id = ${userId} for key share`;
    if (!user) throw notFound('The user');
    await tx`
      insert into away_statuses (account_id, user_id) values (${accountId}, ${userId})
      on conflict (account_id, user_id) do nothing`;
    const [current] = await tx<StoredRow[]>`
      select away and (until_at is null or until_at > now()) as effective,
        away and until_at <= now() as lapsed,
        since, until_at, until_date::text as until_date,
        to_char(until_time, 'HH24:MI') as until_time, until_zone,
        assignee_user_id::text as assignee_user_id, assignee_team_id::text as assignee_team_id
      from away_statuses
      where account_id = ${accountId} and user_id = ${userId}
      for update`;
    const stored = current!;

    const away = change !== 'off' && change.away;
    let until: Until | null = null;
    if (change !== 'off' && change.until) {
      if (!change.away) throw invalid('until', 'A return time goes with away: true only');
      until = await resolveUntil(tx, change.until);
    }
    let cover = { userId: stored.assignee_user_id, teamId: stored.assignee_team_id };
    if (change !== 'off') {
      if (change.assignee) cover = await checkAssignee(tx, accountId, userId, change.assignee);
      else if (change.assignee === null || change.away) cover = { userId: null, teamId: null };
    }
    const keepSince = away && stored.effective;

    const unchanged =
      !stored.lapsed &&
      stored.effective === away &&
      (away || stored.since === null) &&
      (until?.at ?? null) === stored.until_at &&
      (until?.date ?? null) === stored.until_date &&
      (until?.time ?? null) === stored.until_time &&
      (until?.zone ?? null) === stored.until_zone &&
      cover.userId === stored.assignee_user_id &&
      cover.teamId === stored.assignee_team_id;
    if (unchanged) {
      return { status: await readAwayStatus(tx, accountId, userId), changed: false };
    }

    // A lapsed status already reads one version higher (the automatic return): go past it.
    await tx`
      update away_statuses set
        away = ${away},
        since = ${away ? (keepSince ? tx`since` : tx`now()`) : null},
        until_at = ${until?.at ?? null},
        until_date = ${until?.date ?? null}::date,
        until_time = ${until?.time ?? null}::time,
        until_zone = ${until?.zone ?? null},
        assignee_user_id = ${cover.userId}::uuid,
        assignee_team_id = ${cover.teamId}::uuid,
        version = version + ${stored.lapsed ? 2 : 1},
        updated_at = now(),
        updated_by = ${updatedBy}::uuid
      where account_id = ${accountId} and user_id = ${userId}`;
    const status = await readAwayStatus(tx, accountId, userId);
    await appendStreamEvents(tx, accountId, [
      { userId: null, kind: 'presence.changed', payload: status },
    ]);
    return { status, changed: true };
  });
}
