-- SQL twins of TypeScript logic that set-based statements need: the preference evaluation used
-- by event fan-out (services/preferences.ts `effective` is the same rule; a test checks that both
-- agree on every catalog type × channel), and the JSON of one notification, shared by the inbox
-- and the `notification.created` stream events so both send exactly the same shape.

-- Whether `channel` is on for a type once a user's overrides are applied: off when the type
-- cannot use the channel; on when the channel is required; off when the user's channel switch is
-- off; else the type's override, else the category's, else the catalog default. `overrides` may
-- be null (a user who never changed a preference).
create function baylink_channel_enabled(
  overrides jsonb,
  type_key text,
  category_key text,
  channel text,
  default_enabled boolean,
  supported boolean,
  required boolean
) returns boolean
language sql immutable parallel safe
as $$
  select case
    when not supported then false
    when required then true
    when (overrides -> 'channels' ->> channel) = 'false' then false
    else coalesce(
      (overrides -> 'types' -> type_key ->> channel)::boolean,
      (overrides -> 'categories' -> category_key ->> channel)::boolean,
      default_enabled
    )
  end
$$;

-- A timestamp as the API writes every other one: ISO 8601 in UTC with milliseconds
-- (JavaScript's `toISOString()`; both truncate the microseconds).
create function baylink_iso(t timestamptz) returns text
language sql stable parallel safe
as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- One notification as the contract's `Notification`.
create function baylink_notification_json(n notifications) returns json
language sql stable parallel safe
as $$
  select json_build_object(
    'id', n.id,
    'type', n.type,
    'category', n.category,
    'title', n.title,
    'body', n.body,
    'link', n.link,
    'actor', case
      when n.actor_user_id is null and n.actor_name is null then null
      else json_build_object('userId', n.actor_user_id, 'name', n.actor_name)
    end,
    'data', n.data,
    'createdAt', baylink_iso(n.created_at),
    'seenAt', baylink_iso(n.seen_at),
    'readAt', baylink_iso(n.read_at),
    'archivedAt', baylink_iso(n.archived_at)
  )
$$;
