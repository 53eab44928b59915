-- Delivery beyond the page: browser push subscriptions, the mobile webhook, quiet hours, and
-- the delivery queue's per-destination rows, leases and outcome columns. The worker and its
-- senders are in src/services/delivery/.

-- One browser (or device) that receives a user's browser notifications. The endpoint is the
-- push service URL the browser handed us (an allowlisted host); the keys encrypt payloads.
create table push_subscriptions (
  account_id uuid not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  endpoint text not null,
  p256dh text not null,
  auth text not null,
  expires_at timestamptz,
  -- From the User-Agent at registration: "Chrome on Windows".
  browser text,
  os text,
  label text not null,
  -- SHA-256 of the device token the service worker authenticates with (renew, mark read).
  device_token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The last push the push service accepted for it.
  last_used_at timestamptz,
  primary key (account_id, id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
);
-- A browser subscription belongs to one user at a time (a shared computer re-registers it).
create unique index push_subscriptions_endpoint on push_subscriptions (endpoint);
create index push_subscriptions_by_user on push_subscriptions (account_id, user_id);

-- The integrator's mobile webhook: mobile deliveries are POSTed there, signed with the secret.
create table mobile_webhooks (
  integrator_id uuid primary key references integrators (id) on delete cascade,
  url text not null,
  secret text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Hours in the user's time zone when push and mobile deliveries wait (required types do not).
create table quiet_hours (
  account_id uuid not null,
  user_id uuid not null,
  enabled boolean not null default false,
  start_time time not null,
  end_time time not null,
  time_zone text not null,
  -- 0 = Sunday … 6 = Saturday: the days a quiet period may start.
  days smallint[] not null default '{0,1,2,3,4,5,6}',
  updated_at timestamptz not null default now(),
  primary key (account_id, user_id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade,
  check (start_time <> end_time)
);

-- The queue: one row per notification × channel × destination (a push subscription id, an
-- email address, 'webhook'). The fan-out writes them; rows queued before this migration keep
-- the empty destination and are resolved by the worker when it takes them.
alter table deliveries add column destination text not null default '';
alter table deliveries drop constraint deliveries_account_id_notification_id_channel_key;
alter table deliveries add constraint deliveries_unique_destination
  unique (account_id, notification_id, channel, destination);
-- Who holds a row in `sending`: a worker's claim token; the lease expires at lease_until.
alter table deliveries add column lease_token uuid;
alter table deliveries add column last_attempt_at timestamptz;
alter table deliveries add column sent_at timestamptz;
-- Held by quiet hours: next_attempt_at is when they end (not an attempt).
alter table deliveries add column held boolean not null default false;
-- The push subscription a web_push row goes to (null once deleted: the row then ends dead).
alter table deliveries add column push_subscription_id uuid;
alter table deliveries add constraint deliveries_push_subscription
  foreign key (account_id, push_subscription_id) references push_subscriptions (account_id, id)
  on delete set null (push_subscription_id);
-- Rows whose lease ran out (a worker died mid-send): taken again by any worker.
create index deliveries_leases on deliveries (lease_until) where status = 'sending';
-- The admin's list of failed and dead deliveries, newest first.
create index deliveries_by_status on deliveries (account_id, status, created_at desc, id desc);
