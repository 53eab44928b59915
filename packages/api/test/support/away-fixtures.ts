import { randomUUID } from 'node:crypto';
import type { AwayStatus, RoutingDecision, SetAwayStatus } from '@baylink/sdk/contract';
import { expect } from 'vitest';
import type { TestContext, TestTenant } from './test-app.ts';
import { json } from './test-app.ts';

export interface TestUser {
  id: string;
  name: string;
  token: string;
}

/** A user of the tenant's account (a member unless told), with a user token. */
export async function newUser(
  t: TestContext,
  tenant: TestTenant,
  name: string,
  role: 'admin' | 'member' = 'member',
): Promise<TestUser> {
  const [row] = await t.sql<{ id: string }[]>`
    insert into users (account_id, name, role, reference_id)
    values (${tenant.accountId}, ${name}, ${role}, ${`ref-${randomUUID()}`})
    returning id::text`;
  return { id: row!.id, name, token: await t.token(tenant, row!.id) };
}

/** A team of the tenant's account, made the way an integrator does (API key). */
export async function newTeam(
  t: TestContext,
  tenant: TestTenant,
  name: string,
  memberIds: string[],
): Promise<string> {
  const response = await t.request(`/v1/accounts/${tenant.accountId}/teams`, {
    method: 'POST',
    token: tenant.apiKey,
    json: { name, memberIds },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<{ id: string }>(response)).id;
}

/** `PUT` a status (the user's own by default) and expect 200. */
export async function setAway(
  t: TestContext,
  token: string,
  body: SetAwayStatus,
  path = '/v1/me/away',
): Promise<AwayStatus> {
  const response = await t.request(path, { method: 'PUT', token, json: body });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<AwayStatus>(response);
}

export async function readAway(
  t: TestContext,
  token: string,
  path = '/v1/me/away',
): Promise<AwayStatus> {
  const response = await t.request(path, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<AwayStatus>(response);
}

/** Asks for a routing decision with a user token and expects it recorded (201). */
export async function route(
  t: TestContext,
  token: string,
  body: Record<string, unknown>,
): Promise<RoutingDecision> {
  const response = await t.request('/v1/routing/decisions', { method: 'POST', token, json: body });
  expect(response.status, await response.clone().text()).toBe(201);
  return json<RoutingDecision>(response);
}

/** A date `days` days after today (UTC) as `YYYY-MM-DD`: always in the future from 2 days on. */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The `presence.changed` events of an account's stream table, oldest first. */
export async function presenceEvents(
  t: TestContext,
  accountId: string,
): Promise<{ seq: string; userId: string | null; data: AwayStatus }[]> {
  const rows = await t.sql<{ seq: string; user_id: string | null; payload: AwayStatus }[]>`
    select seq::text, user_id::text, payload from stream_events
    where account_id = ${accountId} and kind = 'presence.changed'
    order by stream_events.seq`;
  return rows.map((row) => ({ seq: row.seq, userId: row.user_id, data: row.payload }));
}
