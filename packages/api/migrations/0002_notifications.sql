-- Notifications: preferences, ingested events with idempotency, the in-app inbox, the delivery
-- queue for the other channels, topic subscriptions ("the participants of X"), and the stream
-- of changes that realtime clients follow.

-- A user's overrides of the catalog defaults (see PreferenceOverrides in the contract):
-- {"channels": {"email": false}, "categories": {"reviews": {"email": true}}, "types": {...}}
create table notification_preferences (
  account_id uuid not null,
  user_id uuid not null,
  overrides jsonb not null default '{"channels": {}, "categories": {}, "types": {}}',
  updated_at timestamptz not null default now(),
  primary key (account_id, user_id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
);

-- "The participants of X": users subscribed to a topic key chosen by the host.
create table topic_subscribers (
  account_id uuid not null references accounts (id) on delete cascade,
  topic text not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (account_id, topic, user_id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
);
create index topic_subscribers_by_user on topic_subscribers (account_id, user_id);

-- What the host said happened. Append-only; partition by created_at when it grows.
create table events (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  integrator_id uuid not null,
  type text not null,
  actor_user_id uuid,
  actor_name text,
  title jsonb,
  body jsonb,
  link text,
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (account_id, id)
);

-- Idempotency-Key answers, kept 24 hours per integrator. A row in state 'pending' is a request
-- in flight: a concurrent duplicate answers 409 while it exists.
create table idempotency_keys (
  integrator_id uuid not null references integrators (id) on delete cascade,
  key text not null,
  request_hash text not null,
  state text not null default 'pending' check (state in ('pending', 'done')),
  status integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (integrator_id, key)
);
create index idempotency_keys_by_age on idempotency_keys (created_at);

-- One row per (event, recipient) whose preferences allow at least one channel. The inbox shows
-- the rows with in_app = true. Append-mostly; partition by created_at when it grows.
create table notifications (
  account_id uuid not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  event_id uuid not null,
  type text not null,
  category text not null,
  title text not null,
  body text,
  link text,
  actor_user_id uuid,
  actor_name text,
  data jsonb not null default '{}',
  in_app boolean not null,
  created_at timestamptz not null default now(),
  seen_at timestamptz,
  read_at timestamptz,
  archived_at timestamptz,
  primary key (account_id, id),
  unique (account_id, event_id, user_id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
);
-- The inbox, newest first, keyset-paginated on (created_at, id).
create index notifications_inbox on notifications (account_id, user_id, created_at desc, id desc)
  where in_app;
-- Unread and unseen counts.
create index notifications_unread on notifications (account_id, user_id)
  where in_app and read_at is null and archived_at is null;
create index notifications_unseen on notifications (account_id, user_id)
  where in_app and seen_at is null and archived_at is null;

-- The delivery queue: one row per notification × channel other than in-app. Worked by the
-- delivery workers (a later issue) with FOR UPDATE SKIP LOCKED; nothing here is lost meanwhile.
create table deliveries (
  account_id uuid not null,
  id uuid not null default gen_random_uuid(),
  notification_id uuid not null,
  user_id uuid not null,
  channel text not null check (channel in ('web_push', 'email', 'mobile')),
  status text not null default 'queued'
    check (status in ('queued', 'sending', 'sent', 'failed', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  lease_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, id),
  unique (account_id, notification_id, channel),
  foreign key (account_id, notification_id) references notifications (account_id, id) on delete cascade
);
create index deliveries_due on deliveries (next_attempt_at) where status in ('queued', 'failed');

-- The stream: every change a user may see, written in the same transaction as the change.
-- seq numbers come from stream_counters under a row lock taken at the end of the writing
-- transaction, so within an account they are gapless and in commit order: a reader that has
-- seen seq N has seen every committed event up to N, and resuming with Last-Event-ID is exact.
create table stream_counters (
  account_id uuid primary key references accounts (id) on delete cascade,
  last_seq bigint not null default 0,
  -- Events up to this seq have been deleted by retention; an older cursor gets a resync.
  horizon bigint not null default 0
);

create table stream_events (
  account_id uuid not null,
  seq bigint not null,
  -- null: every user of the account may see it.
  user_id uuid,
  kind text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  primary key (account_id, seq)
);
create index stream_events_by_user on stream_events (account_id, user_id, seq);
create index stream_events_by_age on stream_events (created_at);
