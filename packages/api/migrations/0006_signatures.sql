-- The signature a user's manual messages to customers end with (article 000, "Setting Up Your
-- Signature"). A user without a row has the defaults: on, empty text, so their profile name is
-- used. The length rule lives in the contract (SIGNATURE_MAX_LENGTH); the check here is only a
-- backstop against a caller that skips it.
create table user_signatures (
  account_id uuid not null,
  user_id uuid not null,
  enabled boolean not null default true,
  text text not null default '' check (char_length(text) <= 2000),
  updated_at timestamptz not null default now(),
  primary key (account_id, user_id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
);
