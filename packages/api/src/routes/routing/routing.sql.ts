import { randomUUID } from 'node:crypto';
import type {
  AwayAssignee,
  RouteRequest,
  RoutingDecision,
  RoutingDecisionPage,
  RoutingDecisionQuery,
  RoutingReason,
} from '@baylink/sdk/contract';
import type { Sql, TransactionSql } from 'postgres';
import type { z } from 'zod';
import { ApiError } from '../../lib/errors.ts';
import { ingestEventInTransaction } from '../events/ingest.ts';

export type RouteInput = z.output<typeof RouteRequest>;
export type DecisionQuery = z.output<typeof RoutingDecisionQuery>;

export interface RoutingContext {
  accountId: string;
  /** The integrator the account belongs to (the notification's event is recorded under it). */
  integratorId: string;
  /** The user whose token asked, or null for the integrator's backend. */
  requestedBy: string | null;
}

interface RoutedUser {
  id: string;
  name: string;
}

/** The away status of the user a conversation is meant for, as locked by the decision. */
interface LockedStatus {
  away: boolean;
  lapsed: boolean;
  version: string;
  assignee_user_id: string | null;
  assignee_team_id: string | null;
}

interface Outcome {
  assignee: RoutedUser;
  reason: RoutingReason;
  via: AwayAssignee | null;
}

function invalid(path: string, message: string): ApiError {
  return new ApiError(400, 'validation_failed', `Invalid input: ${path}`, [{ path, message }]);
}

/** The user the conversation is meant for (by id or reference id), held until the commit. */
async function resolveUser(
  tx: TransactionSql,
  accountId: string,
  input: RouteInput,
): Promise<RoutedUser> {
  const [row] = input.userId
    ? await tx<RoutedUser[]>`
        select id::text, name from users
        where account_id = ${accountId} and id = ${input.userId}
        for key share`
    : await tx<RoutedUser[]>`
        select id::text, name from users
        where account_id = ${accountId} and reference_id = ${input.referenceId ?? ''}
        for key share`;
  if (row) return row;
  throw input.userId
    ? invalid('userId', 'No user of this account has this id')
    : invalid('referenceId', 'No user of this account has this reference id');
}

/**
 * Locks the user's status row `FOR SHARE` (creating it with the defaults when the user never set
 * one). Status writes lock it `FOR UPDATE`, so a decision waits for a change in flight and then
 * sees the committed state: it is made on the status before a change or after it, never between.
 */
async function lockStatus(
  tx: TransactionSql,
  accountId: string,
  userId: string,
): Promise<LockedStatus> {
  await tx`
    insert into away_statuses (account_id, user_id) values (${accountId}, ${userId})
    on conflict (account_id, user_id) do nothing`;
  const [row] = await tx<LockedStatus[]>`
    select away and (until_at is null or until_at > now()) as away,
      away and until_at <= now() as lapsed,
      version::text as version,
      assignee_user_id::text as assignee_user_id, assignee_team_id::text as assignee_team_id
    from away_statuses
    where account_id = ${accountId} and user_id = ${userId}
    for share`;
  return row!;
}

/** Whether an earlier decision about this conversation and user said the user replied. */
async function repliedBefore(
  tx: TransactionSql,
  accountId: string,
  conversationId: string,
  userId: string,
): Promise<boolean> {
  const [row] = await tx`
    select 1 from routing_decisions
    where account_id = ${accountId} and conversation_id = ${conversationId}
      and user_id = ${userId} and replied
    limit 1`;
  return row !== undefined;
}

/** The user covering, with whether they are effectively away themself. */
async function coverUser(tx: TransactionSql, accountId: string, userId: string) {
  const [row] = await tx<{ id: string; name: string; away: boolean }[]>`
    select u.id::text, u.name,
      coalesce(s.away and (s.until_at is null or s.until_at > now()), false) as away
    from users u
    left join away_statuses s on s.account_id = u.account_id and s.user_id = u.id
    where u.account_id = ${accountId} and u.id = ${userId}`;
  return row!;
}

/**
 * The team covering, locked for this decision (`FOR NO KEY UPDATE`: decisions through one team
 * take turns, and membership changes wait), and its member who is not away, not the user
 * themself, and was assigned least recently through this team (never: first), ties by name then
 * id. The chosen member's turn is recorded with the clock at that moment, taken under the lock,
 * so turns are in the order decisions were made. The member and their membership are held until
 * the commit, so neither can disappear before the notification and the turn are written.
 */
async function pickTeamMember(
  tx: TransactionSql,
  accountId: string,
  teamId: string,
  excludedUserId: string,
): Promise<{ team: AwayAssignee; member: RoutedUser | undefined }> {
  const [team] = await tx<{ name: string }[]>`
    select name from teams where account_id = ${accountId} and id = ${teamId}
    for no key update`;
  const [member] = await tx<RoutedUser[]>`
    select m.user_id::text as id, u.name
    from team_members m
    join users u on u.account_id = m.account_id and u.id = m.user_id
    left join away_statuses s on s.account_id = m.account_id and s.user_id = m.user_id
    left join team_assignments a
      on a.account_id = m.account_id and a.team_id = m.team_id and a.user_id = m.user_id
    where m.account_id = ${accountId} and m.team_id = ${teamId}
      and m.user_id <> ${excludedUserId}
      and not coalesce(s.away and (s.until_at is null or s.until_at > now()), false)
    order by a.last_assigned_at asc nulls first, lower(u.name), u.name, u.id
    limit 1
    for key share of m, u`;
  if (member) {
    await tx`
      insert into team_assignments (account_id, team_id, user_id, last_assigned_at)
      values (${accountId}, ${teamId}, ${member.id}, clock_timestamp())
      on conflict (account_id, team_id, user_id)
      do update set last_assigned_at = excluded.last_assigned_at`;
  }
  return { team: { kind: 'team', id: teamId, name: team!.name }, member };
}

/** The routing rules (ROUTING_REASONS in the contract), applied to the locked status. */
async function applyRules(
  tx: TransactionSql,
  accountId: string,
  user: RoutedUser,
  status: LockedStatus,
  input: RouteInput,
): Promise<Outcome> {
  const keep = (reason: RoutingReason, via: AwayAssignee | null = null): Outcome => ({
    assignee: user,
    reason,
    via,
  });
  if (!status.away) return keep('not_away');
  if (input.replied || (await repliedBefore(tx, accountId, input.conversationId, user.id))) {
    return keep('replied');
  }
  if (status.assignee_user_id) {
    const cover = await coverUser(tx, accountId, status.assignee_user_id);
    const via: AwayAssignee = { kind: 'user', id: cover.id, name: cover.name };
    // No chains: a cover who is away too leaves the conversation with the user.
    if (cover.away) return keep('assignee_away', via);
    return { assignee: { id: cover.id, name: cover.name }, reason: 'assignee', via };
  }
  if (status.assignee_team_id) {
    const { team, member } = await pickTeamMember(tx, accountId, status.assignee_team_id, user.id);
    if (!member) return keep('team_unavailable', team);
    return { assignee: member, reason: 'team_member', via: team };
  }
  return keep('no_assignee');
}

/** The `conversations.assigned` notification's texts, in both languages. */
function assignedTexts(user: RoutedUser, via: AwayAssignee | null, title: string | undefined) {
  const throughTeam = via?.kind === 'team';
  return {
    title: {
      en: `New conversation assigned to you${title ? `: ${title}` : ''}`,
      fr: `Nouvelle conversation qui vous est assignée${title ? ` : ${title}` : ''}`,
    },
    body: {
      en: throughTeam
        ? `${user.name} is away; assigned to you through ${via.name}`
        : `${user.name} is away`,
      fr: throughTeam
        ? `${user.name} est absent(e) ; assignée par l’équipe ${via.name}`
        : `${user.name} est absent(e)`,
    },
  };
}

interface DecisionRow {
  id: string;
  conversation_id: string;
  user_id: string;
  assignee_id: string;
  assignee_name: string;
  reason: RoutingReason;
  via_kind: 'user' | 'team' | null;
  via_id: string | null;
  via_name: string | null;
  notification_id: string | null;
  requested_by: string | null;
  decided_at: string;
  /** decided_at with its microseconds, for the cursor. */
  cursor_at: string;
}

const DECISION_COLUMNS = `id::text, conversation_id, user_id::text, assignee_id::text, assignee_name,
  reason, via_kind, via_id::text, via_name, notification_id::text, requested_by::text, decided_at,
  to_char(decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at`;

function toDecision(row: DecisionRow): RoutingDecision {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    userId: row.user_id,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    reassigned: row.assignee_id !== row.user_id,
    reason: row.reason,
    via:
      row.via_kind && row.via_id && row.via_name !== null
        ? { kind: row.via_kind, id: row.via_id, name: row.via_name }
        : null,
    notificationId: row.notification_id,
    requestedBy: row.requested_by,
    decidedAt: row.decided_at,
  };
}

/**
 * Answers "who gets this new conversation for user U now, and why", in one transaction: U's
 * status row locked `FOR SHARE` (the decision is made on the status before a concurrent change
 * or after it), the rules applied, a team's turn taken under the team's lock, the decision
 * recorded with the status version it saw, and, when someone else gets the conversation, a
 * `conversations.assigned` notification for them through the notifications engine (their
 * preferences apply; none when they allow no channel), committed with the decision.
 */
export async function decideRouting(
  sql: Sql,
  context: RoutingContext,
  input: RouteInput,
): Promise<RoutingDecision> {
  const { accountId } = context;
  return sql.begin(async (tx) => {
    const user = await resolveUser(tx, accountId, input);
    const status = await lockStatus(tx, accountId, user.id);
    // A lapsed status reads one version higher (the automatic return, see away.sql.ts).
    const version = Number(status.version) + (status.lapsed ? 1 : 0);
    const outcome = await applyRules(tx, accountId, user, status, input);
    const decisionId = randomUUID();

    let notificationId: string | null = null;
    if (outcome.assignee.id !== user.id) {
      const texts = assignedTexts(user, outcome.via, input.title);
      const accepted = await ingestEventInTransaction(tx, context.integratorId, {
        accountId,
        type: 'conversations.assigned',
        recipients: { userIds: [outcome.assignee.id] },
        actor: { userId: user.id },
        title: texts.title,
        body: texts.body,
        ...(input.link ? { link: input.link } : {}),
        data: { conversationId: input.conversationId, userId: user.id, decisionId },
        excludeActor: true,
      });
      const [notification] = await tx<{ id: string }[]>`
        select id::text from notifications
        where account_id = ${accountId} and event_id = ${accepted.id}
          and user_id = ${outcome.assignee.id}`;
      notificationId = notification?.id ?? null;
    }

    const [row] = await tx<DecisionRow[]>`
      insert into routing_decisions (
        account_id, id, conversation_id, user_id, assignee_id, assignee_name, reason,
        via_kind, via_id, via_name, replied, status_version, notification_id, requested_by
      ) values (
        ${accountId}, ${decisionId}, ${input.conversationId}, ${user.id}, ${outcome.assignee.id},
        ${outcome.assignee.name}, ${outcome.reason}, ${outcome.via?.kind ?? null},
        ${outcome.via?.id ?? null}::uuid, ${outcome.via?.name ?? null}, ${input.replied},
        ${version}, ${notificationId}::uuid, ${context.requestedBy}::uuid
      )
      returning ${tx.unsafe(DECISION_COLUMNS)}`;
    return toDecision(row!);
  });
}

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString('base64url');

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|([0-9a-f-]{36})$/;

function decodeCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid('cursor', 'Not a cursor this API gave; start again without one');
  return { at: match[1]!, id: match[2]! };
}

/** The account's recorded decisions, newest first, filtered, keyset-paginated. */
export async function listDecisions(
  sql: Sql,
  accountId: string,
  query: DecisionQuery,
): Promise<RoutingDecisionPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await sql<DecisionRow[]>`
    select ${sql.unsafe(DECISION_COLUMNS)}
    from routing_decisions
    where account_id = ${accountId}
      ${query.userId ? sql`and user_id = ${query.userId}` : sql``}
      ${query.assigneeId ? sql`and assignee_id = ${query.assigneeId}` : sql``}
      ${query.conversationId ? sql`and conversation_id = ${query.conversationId}` : sql``}
      ${after ? sql`and (decided_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by decided_at desc, id desc
    limit ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDecision),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}
