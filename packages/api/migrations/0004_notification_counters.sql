-- Issue 3's read path: unread and unseen counts per user, read with one primary-key lookup
-- instead of counting index entries, and one notification's JSON as compact text.
--
-- The counters are kept by statement-level triggers on `notifications`, in the statement that
-- changes the rows, from its transition tables: an event's fan-out adds to every recipient's
-- counter in one set-based upsert, a mark (one, bulk, read-all, archive) adds the delta between
-- the rows before and after it. Triggers rather than extra SQL in each writer, so that no writer
-- can forget them: direct inserts, user deletion cascades and future code paths stay exact too.
-- Deltas commute, and each upsert adds to the row under its lock, so concurrent transactions
-- compose without drift (test/notification-counters.test.ts compares them to count(*) under
-- concurrent marks and fan-outs).
--
-- Lock order: notification rows, then counter rows in (account_id, user_id) order, then the
-- account's stream counter (stream-events.ts), the same in every writer, so none deadlock.

create table notification_counters (
  account_id uuid not null,
  user_id uuid not null,
  -- In-app notifications that are neither read nor archived.
  unread integer not null default 0,
  -- In-app notifications that are neither seen nor archived.
  unseen integer not null default 0,
  primary key (account_id, user_id),
  foreign key (account_id, user_id) references users (account_id, id) on delete cascade
) with (fillfactor = 70); -- room for HOT updates: the rows change on every mark

-- Inserted rows add to their users' counters (one upsert for all recipients of a fan-out).
create function baylink_count_inserted_notifications() returns trigger
language plpgsql
as $$
begin
  insert into notification_counters as c (account_id, user_id, unread, unseen)
  select n.account_id, n.user_id,
    count(*) filter (where n.read_at is null and n.archived_at is null),
    count(*) filter (where n.seen_at is null and n.archived_at is null)
  from inserted_rows n
  where n.in_app
  group by n.account_id, n.user_id
  order by n.account_id, n.user_id
  on conflict (account_id, user_id) do update
    set unread = c.unread + excluded.unread, unseen = c.unseen + excluded.unseen;
  return null;
end
$$;

-- Updated rows move their users' counters by (after - before); users whose counts did not
-- change are not written.
create function baylink_count_updated_notifications() returns trigger
language plpgsql
as $$
begin
  insert into notification_counters as c (account_id, user_id, unread, unseen)
  select d.account_id, d.user_id, sum(d.unread)::int, sum(d.unseen)::int
  from (
    select n.account_id, n.user_id,
      (n.in_app and n.read_at is null and n.archived_at is null)::int as unread,
      (n.in_app and n.seen_at is null and n.archived_at is null)::int as unseen
    from new_rows n
    union all
    select o.account_id, o.user_id,
      -(o.in_app and o.read_at is null and o.archived_at is null)::int,
      -(o.in_app and o.seen_at is null and o.archived_at is null)::int
    from old_rows o
  ) as d
  group by d.account_id, d.user_id
  having sum(d.unread) <> 0 or sum(d.unseen) <> 0
  order by d.account_id, d.user_id
  on conflict (account_id, user_id) do update
    set unread = c.unread + excluded.unread, unseen = c.unseen + excluded.unseen;
  return null;
end
$$;

-- Deleted rows (a user's deletion cascades) subtract from counters that still exist; a counter
-- deleted by the same cascade is not brought back.
create function baylink_count_deleted_notifications() returns trigger
language plpgsql
as $$
begin
  update notification_counters c
  set unread = c.unread - d.unread, unseen = c.unseen - d.unseen
  from (
    select o.account_id, o.user_id,
      count(*) filter (where o.read_at is null and o.archived_at is null)::int as unread,
      count(*) filter (where o.seen_at is null and o.archived_at is null)::int as unseen
    from deleted_rows o
    where o.in_app
    group by o.account_id, o.user_id
  ) as d
  where c.account_id = d.account_id and c.user_id = d.user_id
    and (d.unread <> 0 or d.unseen <> 0);
  return null;
end
$$;

-- Created before the backfill: creating a trigger locks out writers of `notifications` until
-- this migration commits, so the backfill sees every row and no change slips in between.
create trigger notifications_count_inserted
  after insert on notifications
  referencing new table as inserted_rows
  for each statement execute function baylink_count_inserted_notifications();
create trigger notifications_count_updated
  after update on notifications
  referencing old table as old_rows new table as new_rows
  for each statement execute function baylink_count_updated_notifications();
create trigger notifications_count_deleted
  after delete on notifications
  referencing old table as deleted_rows
  for each statement execute function baylink_count_deleted_notifications();

insert into notification_counters (account_id, user_id, unread, unseen)
select account_id, user_id,
  count(*) filter (where read_at is null and archived_at is null),
  count(*) filter (where seen_at is null and archived_at is null)
from notifications
where in_app
group by account_id, user_id;

-- Counting no longer reads these. Without them `seen_at`, `read_at` and `archived_at` are in no
-- index, so a mark is a HOT update (no new entry in any index) and a fan-out writes two indexes
-- fewer per row.
drop index notifications_unread;
drop index notifications_unseen;

-- One notification as the contract's `Notification`, as compact JSON text (json_build_object
-- writes `"key" : value, ` — about a tenth of an inbox page was spaces). The inbox sends it as
-- is; `baylink_notification_json` is now this text as json, so stream events and the inbox keep
-- sending the same thing.
create function baylink_notification_text(n notifications) returns text
language sql stable parallel safe
as $$
  select '{"id":"' || n.id::text
    || '","type":' || to_json(n.type)::text
    || ',"category":' || to_json(n.category)::text
    || ',"title":' || to_json(n.title)::text
    || ',"body":' || coalesce(to_json(n.body)::text, 'null')
    || ',"link":' || coalesce(to_json(n.link)::text, 'null')
    || ',"actor":' || case
      when n.actor_user_id is null and n.actor_name is null then 'null'
      else '{"userId":' || coalesce('"' || n.actor_user_id::text || '"', 'null')
        || ',"name":' || coalesce(to_json(n.actor_name)::text, 'null') || '}'
    end
    || ',"data":' || n.data::text
    || ',"createdAt":"' || baylink_iso(n.created_at)
    || '","seenAt":' || coalesce('"' || baylink_iso(n.seen_at) || '"', 'null')
    || ',"readAt":' || coalesce('"' || baylink_iso(n.read_at) || '"', 'null')
    || ',"archivedAt":' || coalesce('"' || baylink_iso(n.archived_at) || '"', 'null')
    || '}'
$$;

create or replace function baylink_notification_json(n notifications) returns json
language sql stable parallel safe
as $$
  select baylink_notification_text(n)::json
$$;
