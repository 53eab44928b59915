-- Integrators, accounts (dealerships), users, teams: the tenancy every later table hangs from.
-- Every tenant table leads its primary key and indexes with account_id, so the schema can be
-- distributed by account without rewriting queries.

create table integrators (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  api_key_hash bytea not null unique,
  signing_secret text not null,
  allowed_origins text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  integrator_id uuid not null references integrators (id) on delete cascade,
  external_id text,
  name text not null,
  time_zone text not null default 'America/Toronto',
  identity text not null default 'host' check (identity in ('host', 'baylink')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (integrator_id, external_id)
);
create index accounts_by_integrator on accounts (integrator_id, created_at, id);

create table users (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  reference_id text,
  name text not null,
  email text,
  language text not null default 'en' check (language in ('en', 'fr')),
  job_position text,
  role text not null default 'member' check (role in ('admin', 'member')),
  capabilities text[] not null default '{}',
  photo_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, id),
  unique (account_id, reference_id),
  unique (account_id, email)
);
create index users_by_name on users (account_id, lower(name), id);

create table teams (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  external_id text,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, id),
  unique (account_id, external_id)
);

create table team_members (
  account_id uuid not null,
  team_id uuid not null,
  user_id uuid not null,
  added_at timestamptz not null default now(),
  primary key (account_id, team_id, user_id),
  foreign key (account_id, team_id) references teams (account_id, id) on delete cascade,
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
);
create index team_members_by_user on team_members (account_id, user_id);

-- Secrets the server generates once and every process shares (file URL signing key, later VAPID keys).
create table server_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
