import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import type { UserRow } from '../../src/lib/types.ts';
import type { TestContext, TestTenant } from './test-app.ts';

/** Posts an event with the tenant's API key and an Idempotency-Key (a fresh one unless given). */
export function postEvent(
  t: TestContext,
  tenant: Pick<TestTenant, 'apiKey'>,
  body: unknown,
  key: string | null = randomUUID(),
) {
  return t.request('/v1/events', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tenant.apiKey}`,
      ...(key === null ? {} : { 'idempotency-key': key }),
    },
    json: body,
  });
}

/** Row counts of every table an event writes, to prove that a refused request wrote nothing. */
export async function writtenRows(sql: Sql) {
  const [row] = await sql<Record<string, number>[]>`
    select
      (select count(*)::int from events) as events,
      (select count(*)::int from notifications) as notifications,
      (select count(*)::int from deliveries) as deliveries,
      (select count(*)::int from stream_events) as stream_events,
      (select count(*)::int from idempotency_keys) as idempotency_keys`;
  return row!;
}

/** Adds a user to the tenant's account. */
export async function addUser(
  sql: Sql,
  tenant: Pick<TestTenant, 'accountId'>,
  fields: { name?: string; language?: 'en' | 'fr'; referenceId?: string } = {},
): Promise<UserRow> {
  const [user] = await sql<UserRow[]>`
    insert into users (account_id, reference_id, name, language)
    values (${tenant.accountId}, ${fields.referenceId ?? `R-${randomUUID()}`},
      ${fields.name ?? 'Someone'}, ${fields.language ?? 'en'})
    returning *`;
  return user!;
}

/** Stores a user's preference overrides directly. */
export async function setOverrides(
  sql: Sql,
  tenant: Pick<TestTenant, 'accountId'>,
  userId: string,
  overrides: { channels?: object; categories?: object; types?: object },
) {
  const value = { channels: {}, categories: {}, types: {}, ...overrides };
  await sql`
    insert into notification_preferences (account_id, user_id, overrides)
    values (${tenant.accountId}, ${userId}, ${sql.json(value as never)})
    on conflict (account_id, user_id) do update set overrides = excluded.overrides`;
}
