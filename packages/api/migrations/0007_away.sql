-- Away status (article 000, "Using the Away Status"), the routing decisions the API answers for
-- the host ("who gets this new conversation for user U now, and why"), and what fair team
-- assignment needs. docs/decisions/0010-away-status-and-routing.md says why it is built so.

-- One row per user who ever set a status (or was routed for: a decision locks the row, creating
-- it with the defaults). A user without a row is not away. The status is effectively away when
-- `away and (until_at is null or until_at > now())`: every read applies that rule, so a status
-- whose return time has passed reads as off before the scheduled job writes it off.
create table away_statuses (
  account_id uuid not null,
  user_id uuid not null,
  away boolean not null default false,
  -- When it was turned on (null while off).
  since timestamptz,
  -- "Away until": the instant, and the date, time and zone the user entered it in.
  until_at timestamptz,
  until_date date,
  until_time time,
  until_zone text,
  -- Who covers: one user or one team of the account, kept while off for next time.
  assignee_user_id uuid,
  assignee_team_id uuid,
  -- Grows with every change (the automatic return included); clients keep the highest.
  version bigint not null default 0,
  updated_at timestamptz,
  -- The user or admin who made the last change; null for the integrator or the automatic return.
  updated_by uuid,
  primary key (account_id, user_id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade,
  -- A deleted cover leaves the status without one (the column list keeps account_id).
  foreign key (account_id, assignee_user_id) references users (account_id, id)
    on delete set null (assignee_user_id),
  foreign key (account_id, assignee_team_id) references teams (account_id, id)
    on delete set null (assignee_team_id),
  foreign key (account_id, updated_by) references users (account_id, id)
    on delete set null (updated_by),
  check (num_nonnulls(assignee_user_id, assignee_team_id) <= 1),
  check (assignee_user_id is distinct from user_id),
  check (num_nulls(until_at, until_date, until_time, until_zone) in (0, 4)),
  check (away or (since is null and until_at is null)),
  check (not away or since is not null)
);
-- The scheduled return: the next due row (min(until_at)) and the due rows, in every account.
create index away_statuses_due on away_statuses (until_at) where away and until_at is not null;
-- Who covers for whom (a user named as cover, a team named as cover).
create index away_statuses_by_assignee_user on away_statuses (account_id, assignee_user_id)
  where assignee_user_id is not null;
create index away_statuses_by_assignee_team on away_statuses (account_id, assignee_team_id)
  where assignee_team_id is not null;

-- Every routing decision, for audit: who the conversation was meant for, who got it and why.
-- Names are kept as they were at the decision, and users are not foreign keys here, so the
-- record outlives a deleted user. Append-only; partition by decided_at when it grows.
create table routing_decisions (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  -- The conversation's id in the host system.
  conversation_id text not null,
  -- The user it was meant for, and who gets it (the same user, or the one covering).
  user_id uuid not null,
  assignee_id uuid not null,
  assignee_name text not null,
  reason text not null check (reason in (
    'not_away', 'replied', 'no_assignee', 'assignee', 'assignee_away', 'team_member',
    'team_unavailable'
  )),
  -- The cover the decision went through (the user or team the away user named), if any.
  via_kind text check (via_kind in ('user', 'team')),
  via_id uuid,
  via_name text,
  -- The host said the user answered this conversation themself: it stays theirs from now on.
  replied boolean not null,
  -- The version of the user's away status the decision was made on.
  status_version bigint not null,
  -- The `conversations.assigned` notification sent to the new assignee, if any.
  notification_id uuid,
  -- The user whose token asked, or null for the integrator's backend.
  requested_by uuid,
  decided_at timestamptz not null default clock_timestamp(),
  primary key (account_id, id),
  check (num_nulls(via_kind, via_id, via_name) in (0, 3))
);
-- The audit list, newest first, and its filters.
create index routing_decisions_by_time on routing_decisions (account_id, decided_at desc, id desc);
create index routing_decisions_by_user
  on routing_decisions (account_id, user_id, decided_at desc, id desc);
create index routing_decisions_by_assignee
  on routing_decisions (account_id, assignee_id, decided_at desc, id desc);
-- The sticky "replied" rule (has U answered this conversation?) and the conversation filter.
create index routing_decisions_by_conversation
  on routing_decisions (account_id, conversation_id, user_id, decided_at desc, id desc);

-- Fair team assignment: when each member last received a conversation through the team. The
-- available member assigned least recently gets the next one (never assigned: first). Leaving
-- the team forgets the member's turn.
create table team_assignments (
  account_id uuid not null,
  team_id uuid not null,
  user_id uuid not null,
  last_assigned_at timestamptz not null,
  primary key (account_id, team_id, user_id),
  foreign key (account_id, team_id, user_id)
    references team_members (account_id, team_id, user_id) on delete cascade
);
