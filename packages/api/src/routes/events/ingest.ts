import {
  CATALOG_TYPES,
  type CatalogType,
  type Channel,
  type CreateEvent,
  type ErrorDetail,
  type EventAccepted,
  type Localized,
  type LocalizedText,
} from '@baylink/sdk/contract';
import type { TransactionSql } from 'postgres';
import type { z } from 'zod';
import { ApiError } from '../../lib/errors.ts';
import type { AppDeps } from '../../lib/types.ts';
import { DELIVERY_CHANNEL } from '../../services/delivery/worker.ts';
import { channelRule } from '../../services/preferences.ts';
import { reserveStreamSeq } from '../../services/stream-events.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';

export type EventInput = z.output<typeof CreateEvent>;

export interface IngestOptions {
  /**
   * Runs inside the ingestion's transaction after every write, so whatever it records commits
   * or rolls back with the event (the route stores its idempotent answer here).
   */
  beforeCommit?: (tx: TransactionSql, accepted: EventAccepted) => Promise<void>;
}

function invalid(details: ErrorDetail[]): ApiError {
  return new ApiError(
    400,
    'validation_failed',
    `Invalid input: ${details.map((detail) => detail.path).join(', ')}`,
    details,
  );
}

/** A text in both languages: the given one, else the other given one, else the fallback. */
function bilingual(text: LocalizedText | undefined, fallback: Localized | null): Localized | null {
  if (text === undefined) return fallback;
  if (typeof text === 'string') return { en: text, fr: text };
  const en = text.en ?? text.fr!;
  const fr = text.fr ?? text.en!;
  return { en, fr };
}

interface Actor {
  userId: string | null;
  name: string | null;
}

/** Finds the actor's user (by id or reference id) in the account, or answers 400 naming it. */
async function resolveActor(
  tx: TransactionSql,
  accountId: string,
  actor: EventInput['actor'],
): Promise<Actor | null> {
  if (!actor) return null;
  if (!actor.userId && !actor.referenceId) return { userId: null, name: actor.name ?? null };
  const rows = await tx<{ id: string; name: string; reference_id: string | null }[]>`
    select id::text, name, reference_id from users
    where account_id = ${accountId}
      and (id = ${actor.userId ?? null}::uuid or reference_id = ${actor.referenceId ?? null}::text)`;
  const byId = actor.userId ? rows.find((row) => row.id === actor.userId) : undefined;
  const byReference = actor.referenceId
    ? rows.find((row) => row.reference_id === actor.referenceId)
    : undefined;
  if (actor.userId && !byId) {
    throw invalid([{ path: 'actor.userId', message: 'No user of this account has this id' }]);
  }
  if (actor.referenceId && (!byReference || (byId && byId.id !== byReference.id))) {
    throw invalid([
      {
        path: 'actor.referenceId',
        message: byReference
          ? 'This reference id names another user than actor.userId'
          : 'No user of this account has this reference id',
      },
    ]);
  }
  const user = (byId ?? byReference)!;
  return { userId: user.id, name: actor.name ?? user.name };
}

/** Answers 400 naming every explicit recipient (user id, reference id, team id) that is unknown. */
async function checkExplicitRecipients(
  tx: TransactionSql,
  accountId: string,
  recipients: EventInput['recipients'],
) {
  const userIds = recipients.userIds ?? [];
  const referenceIds = recipients.referenceIds ?? [];
  const teamIds = recipients.teamIds ?? [];
  if (userIds.length + referenceIds.length + teamIds.length === 0) return;
  const missing = await tx<{ field: string; index: number }[]>`
    select 'userIds' as field, x.idx::int - 1 as index
    from unnest(${userIds}::uuid[]) with ordinality as x(id, idx)
    where not exists (select 1 from users u where u.account_id = ${accountId} and u.id = x.id)
    union all
    select 'referenceIds', x.idx::int - 1
    from unnest(${referenceIds}::text[]) with ordinality as x(ref, idx)
    where not exists (
      select 1 from users u where u.account_id = ${accountId} and u.reference_id = x.ref)
    union all
    select 'teamIds', x.idx::int - 1
    from unnest(${teamIds}::uuid[]) with ordinality as x(id, idx)
    where not exists (select 1 from teams t where t.account_id = ${accountId} and t.id = x.id)
    order by 1, 2`;
  if (missing.length === 0) return;
  const what: Record<string, string> = {
    userIds: 'No user of this account has this id',
    referenceIds: 'No user of this account has this reference id',
    teamIds: 'No team of this account has this id',
  };
  throw invalid(
    missing.map((row) => ({
      path: `recipients.${row.field}.${row.index}`,
      message: what[row.field]!,
    })),
  );
}

/** `baylink_channel_enabled(…)` for the recipient row `r` (its overrides in `r.overrides`). */
function enabledSql(tx: TransactionSql, type: CatalogType, channel: Channel) {
  const rule = channelRule(type, channel);
  return tx`baylink_channel_enabled(
    r.overrides, ${type.key}::text, ${type.category}::text, ${channel}::text,
    ${rule.defaultEnabled}::boolean, ${rule.supported}::boolean, ${rule.required}::boolean
  )`;
}

/**
 * Accepts one event: resolves its recipients to distinct users of the account, and in one
 * transaction writes the event, one notification per recipient whose preferences allow at least
 * one channel (`in_app` says whether the inbox shows it), a queued delivery per other enabled
 * channel, and a `notification.created` stream event per in-app notification. The fan-out is a
 * fixed number of set-based statements whatever the number of recipients. Unknown explicit
 * recipients or actor answer 400 and nothing is written. No idempotency here: `POST /v1/events`
 * wraps it.
 */
export async function ingestEvent(
  deps: AppDeps,
  integratorId: string,
  input: EventInput,
  options: IngestOptions = {},
): Promise<EventAccepted> {
  return deps.sql.begin((tx) => ingestEventInTransaction(tx, integratorId, input, options));
}

/**
 * `ingestEvent` inside the caller's transaction, for changes that notify as part of themselves
 * (a routing decision's `conversations.assigned`): the notifications commit or roll back with
 * the caller's writes. Its stream events lock the account's stream counter until the caller
 * commits, so call it late in the transaction.
 */
export async function ingestEventInTransaction(
  tx: TransactionSql,
  integratorId: string,
  input: EventInput,
  options: IngestOptions = {},
): Promise<EventAccepted> {
  const type = CATALOG_TYPES.get(input.type);
  if (!type) throw invalid([{ path: 'type', message: 'Unknown notification type' }]);
  const accountId = input.accountId;
  const title = bilingual(input.title, type.label)!;
  const body = bilingual(input.body, null);
  const recipients = input.recipients;

  await requireOwnedAccount(tx, integratorId, accountId);
  await checkExplicitRecipients(tx, accountId, recipients);
  const actor = await resolveActor(tx, accountId, input.actor);
  const excluded = input.excludeActor && actor?.userId ? actor.userId : null;

  const [event] = await tx<{ id: string; created_at: string }[]>`
    insert into events (account_id, integrator_id, type, actor_user_id, actor_name, title, body, link, data)
    values (
      ${accountId}, ${integratorId}, ${type.key}, ${actor?.userId ?? null}, ${actor?.name ?? null},
      ${input.title === undefined ? null : tx.json(input.title)},
      ${input.body === undefined ? null : tx.json(input.body)},
      ${input.link ?? null}, ${tx.json((input.data ?? {}) as never)}
    )
    returning id, created_at`;
  const eventId = event!.id;

  // The fan-out: one statement for every recipient, whatever their number.
  const [counts] = await tx<{ recipients: number; in_app: number; queued: number }[]>`
    with targets as (
      select unnest(${recipients.userIds ?? []}::uuid[]) as user_id
      union
      select u.id from users u
      where u.account_id = ${accountId} and u.reference_id = any(${recipients.referenceIds ?? []}::text[])
      union
      select m.user_id from team_members m
      where m.account_id = ${accountId} and m.team_id = any(${recipients.teamIds ?? []}::uuid[])
      union
      select s.user_id from topic_subscribers s
      where s.account_id = ${accountId} and s.topic = any(${recipients.topics ?? []}::text[])
    ),
    r as (
      select u.id as user_id, u.language, p.overrides
      from targets t
      join users u on u.account_id = ${accountId} and u.id = t.user_id
      left join notification_preferences p on p.account_id = u.account_id and p.user_id = u.id
      where u.id is distinct from ${excluded}::uuid
    ),
    flags as (
      select r.user_id, r.language,
        ${enabledSql(tx, type, 'in_app')} as in_app,
        ${enabledSql(tx, type, 'web_push')} as web_push,
        ${enabledSql(tx, type, 'email')} as email,
        ${enabledSql(tx, type, 'mobile')} as mobile
      from r
    ),
    inserted as (
      insert into notifications (
        account_id, user_id, event_id, type, category, title, body, link,
        actor_user_id, actor_name, data, in_app
      )
      select ${accountId}, f.user_id, ${eventId}, ${type.key}, ${type.category},
        case when f.language = 'fr' then ${title.fr}::text else ${title.en}::text end,
        case when f.language = 'fr' then ${body?.fr ?? null}::text else ${body?.en ?? null}::text end,
        ${input.link ?? null}, ${actor?.userId ?? null}, ${actor?.name ?? null},
        ${tx.json((input.data ?? {}) as never)}, f.in_app
      from flags f
      where f.in_app or f.web_push or f.email or f.mobile
      returning id, user_id, in_app
    ),
    -- The other channels are evaluated again from the preference row (an index lookup per
    -- notification, in this statement's snapshot) rather than by joining two CTEs, which
    -- without statistics on a fresh table can become a nested loop over both.
    -- One delivery per destination: each browser the user subscribed, their email address,
    -- the integrator's mobile webhook. A channel with nowhere to go queues nothing.
    queued as (
      insert into deliveries (
        account_id, notification_id, user_id, channel, destination, push_subscription_id
      )
      select ${accountId}, i.id, i.user_id, c.channel, d.destination, d.push_subscription_id
      from inserted i
      left join notification_preferences r
        on r.account_id = ${accountId} and r.user_id = i.user_id
      cross join lateral (
        values
          ('web_push', ${enabledSql(tx, type, 'web_push')}),
          ('email', ${enabledSql(tx, type, 'email')}),
          ('mobile', ${enabledSql(tx, type, 'mobile')})
      ) as c(channel, enabled)
      cross join lateral (
        select s.id::text as destination, s.id as push_subscription_id
        from push_subscriptions s
        where c.channel = 'web_push' and s.account_id = ${accountId} and s.user_id = i.user_id
        union all
        select u.email, null::uuid
        from users u
        where c.channel = 'email' and u.account_id = ${accountId} and u.id = i.user_id
          and u.email is not null
        union all
        select 'webhook', null::uuid
        from mobile_webhooks w
        where c.channel = 'mobile' and w.integrator_id = ${integratorId}
      ) as d
      where c.enabled
      returning 1
    )
    select
      (select count(*)::int from flags) as recipients,
      (select count(*)::int from inserted where in_app) as in_app,
      (select count(*)::int from queued) as queued`;

  // Wakes the delivery workers at commit (a wake-up only: they read the table).
  if (counts!.queued > 0) await tx`select pg_notify(${DELIVERY_CHANNEL}, '')`;

  const inApp = counts!.in_app;
  if (inApp > 0) {
    // Last, so the account's stream counter stays locked for as short a time as possible.
    const base = await reserveStreamSeq(tx, accountId, inApp);
    await tx`
      insert into stream_events (account_id, seq, user_id, kind, payload)
      select n.account_id, ${String(base)}::bigint + row_number() over (order by n.user_id) - 1,
        n.user_id, 'notification.created', baylink_notification_json(n)::jsonb
      from notifications n
      where n.account_id = ${accountId} and n.event_id = ${eventId} and n.in_app`;
  }

  const accepted: EventAccepted = {
    id: eventId,
    accountId,
    type: type.key,
    recipients: counts!.recipients,
    inApp,
    deliveriesQueued: counts!.queued,
    createdAt: event!.created_at,
  };
  await options.beforeCommit?.(tx, accepted);
  return accepted;
}
