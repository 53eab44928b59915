-- Baylink's own identity, for accounts whose users sign in with an email and a password rather
-- than through the host: credentials, single-use reset tokens, the account's password rule,
-- and the rate-limit buckets that every API process shares.

-- The account's password rule (PasswordPolicy in the contract); null means the default rule.
alter table accounts add column password_policy jsonb;

-- One password per user. A separate table keeps hashes out of every `select` of users. The hash
-- is a PHC string that names its function and parameters ($scrypt$ln=16,r=8,p=2$salt$hash), so
-- the cost can be raised later: older hashes still verify and are replaced at the next login.
create table user_credentials (
  account_id uuid not null,
  user_id uuid not null,
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  primary key (account_id, user_id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
);

-- Password reset links. Only the SHA-256 of the token is stored; a token is usable once, until
-- expires_at. A new request deletes the user's earlier unused tokens.
create table password_reset_tokens (
  account_id uuid not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  token_hash bytea not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  primary key (account_id, id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
);
-- The link carries only the token, so it is found by its hash (32 random bytes: unique).
create unique index password_reset_tokens_by_hash on password_reset_tokens (token_hash);
create index password_reset_tokens_by_user on password_reset_tokens (account_id, user_id);

-- Fixed-window counters (services/rate-limit.ts). Keys name the rule and a hash of what is
-- counted (an account and email, an address, a user); rows past expires_at are dead and are
-- deleted in small batches by the limiter itself.
create table rate_limit_buckets (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null,
  expires_at timestamptz not null
);
create index rate_limit_buckets_by_expiry on rate_limit_buckets (expires_at);
